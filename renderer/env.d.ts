/// <reference types="vite/client" />
import type { StationApi } from '@common/api/contract';

declare global {
  interface Window {
    /** Exposed by the Electron preload (contextBridge); absent in browser mode. */
    readonly stationApi?: StationApi;
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

export {};
