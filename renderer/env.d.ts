/// <reference types="vite/client" />
import type { StationApi } from '@common/api/contract';

declare global {
  interface Window {
    /** Exposed by the Electron preload (contextBridge); absent in browser mode. */
    readonly stationApi?: StationApi;
    /** Electron kiosks and full-screen displays: the main process asks for the exit PIN here. */
    readonly kioskExit?: {
      onRequest(callback: () => void): () => void;
      submit(
        staffNo: string,
        pin: string,
      ): Promise<{ ok: true } | { ok: false; reason: string; retryAfterMs?: number }>;
    };
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

export {};
