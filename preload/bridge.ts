import type { StationApi } from '@common/api/contract';
import type { AppError, Result } from '@common/result';

/*
 * The station bridge the preload hands to contextBridge. Type-only imports from common/: the
 * sandboxed preload bundles no project runtime code, so the two channel names are duplicated
 * here. They MUST equal IPC_CALL_CHANNEL / IPC_EVENT_CHANNEL in common/api/wire.ts (a unit test
 * checks it).
 */
const CALL_CHANNEL = 'station:call';
const EVENT_CHANNEL = 'station:event';

/** The part of Electron's `ipcRenderer` the bridge uses (the tests pass a fake). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: IpcListener): unknown;
  removeListener(channel: string, listener: IpcListener): unknown;
}
type IpcListener = (event: unknown, ...args: unknown[]) => void;

type Listener = (payload: unknown) => void;

const failure = (code: AppError['code'], message: string): Result<never> => ({ ok: false, error: { code, message } });

/**
 * Builds `window.stationApi`: `call(method, input)` resolves to a Result (never rejects) and
 * `on(event, listener)` returns its unsubscribe. Only plain data crosses: the listener gets the
 * payload alone, never the IPC event (whose `sender` is the ipcRenderer itself).
 */
export function createStationBridge(ipcRenderer: IpcRendererLike): StationApi {
  const listeners = new Map<string, Set<Listener>>();
  let attached = false;

  // One IPC listener for all events, attached while someone listens.
  const dispatch: IpcListener = (_event, name, payload) => {
    if (typeof name !== 'string') return;
    const set = listeners.get(name);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(payload);
      } catch (e) {
        console.error(`stationApi listener for ${name} failed`, e);
      }
    }
  };

  const detachIfIdle = (): void => {
    if (attached && listeners.size === 0) {
      ipcRenderer.removeListener(EVENT_CHANNEL, dispatch);
      attached = false;
    }
  };

  const api = {
    async call(method: string, input: unknown): Promise<Result<unknown>> {
      if (typeof method !== 'string') return failure('unknown_method', 'method must be a string');
      try {
        const result = (await ipcRenderer.invoke(CALL_CHANNEL, method, input ?? {})) as Result<unknown> | undefined;
        if (!result || typeof result !== 'object' || typeof result.ok !== 'boolean')
          return failure('internal', `malformed reply to ${method}`);
        return result;
      } catch (e) {
        return failure('unavailable', `station host unreachable: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
    on(event: string, listener: Listener): () => void {
      if (typeof event !== 'string' || typeof listener !== 'function')
        throw new TypeError('stationApi.on(event, listener)');
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      // Wrap so the same function may be subscribed twice and each unsubscribe removes one.
      const entry: Listener = (payload) => listener(payload);
      set.add(entry);
      if (!attached) {
        ipcRenderer.on(EVENT_CHANNEL, dispatch);
        attached = true;
      }
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        const current = listeners.get(event);
        current?.delete(entry);
        if (current && current.size === 0) listeners.delete(event);
        detachIfIdle();
      };
    },
  };
  return Object.freeze(api) as unknown as StationApi;
}
