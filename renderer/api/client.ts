import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput, StationApi } from '@common/api/contract';
import { API_PROTOCOL, CREDENTIAL_PROTOCOL_PREFIX } from '@common/api/wire-protocol';
import type { Role } from '@common/api/roles';
import type { Result } from '@common/result';
import type { ConnectionState, StationClient } from './types';
import { forgetCredential, loadCredential } from './credentials';
import { createWsClient, type SocketFactory } from './ws-client';

export type { ConnectionState, StationClient } from './types';

/** The station host's WebSocket endpoint for a role (and a counter window) in browser mode. */
export function stationSocketUrl(
  role: Role,
  windowNo: number | null,
  loc: Pick<Location, 'protocol' | 'host'> = location,
): string {
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws';
  const query = new URLSearchParams({ role });
  if (windowNo !== null) query.set('window', String(windowNo));
  return `${scheme}://${loc.host}/api?${query.toString()}`;
}

const browserSocket: SocketFactory = (url, handlers, protocols) => {
  const ws = protocols?.length ? new WebSocket(url, protocols) : new WebSocket(url);
  ws.onopen = () => handlers.onOpen();
  ws.onclose = (e) => handlers.onClose(e.code, e.reason);
  ws.onmessage = (e) => {
    if (typeof e.data === 'string') handlers.onMessage(e.data);
  };
  // An error is always followed by close; the close handler reconnects.
  ws.onerror = () => {};
  return {
    send: (data) => ws.send(data),
    close: () => ws.close(1000, 'client closed'),
  };
};

/** Wraps the Electron preload bridge: the window's role is bound by the main process. */
function createIpcClient(api: StationApi, role: Role, windowNo: number | null): StationClient {
  let state: ConnectionState = 'open';
  const unsubscribers = new Set<() => void>();
  return {
    role,
    windowNo,
    transport: 'ipc',
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>> {
      if (state === 'closed') return { ok: false, error: { code: 'unavailable', message: 'client closed' } };
      try {
        return await api.call(method, input);
      } catch (e) {
        return { ok: false, error: { code: 'internal', message: e instanceof Error ? e.message : String(e) } };
      }
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      const off = api.on(event, listener);
      unsubscribers.add(off);
      return () => {
        unsubscribers.delete(off);
        off();
      };
    },
    state: () => state,
    onState: () => () => {},
    reconnectNow: () => {},
    close() {
      state = 'closed';
      for (const off of [...unsubscribers]) off();
      unsubscribers.clear();
    },
  };
}

/**
 * The typed station API for a role (and window). Electron: the preload's `window.stationApi`;
 * browser mode: a WebSocket to `/api?role=<role>&window=<n>` that presents this screen's pairing
 * credential and reconnects with backoff.
 */
export function createApiClient(role: Role, windowNo: number | null = null): StationClient {
  if (typeof window !== 'undefined' && window.stationApi) return createIpcClient(window.stationApi, role, windowNo);
  return createWsClient({
    url: stationSocketUrl(role, windowNo),
    role,
    windowNo,
    createSocket: browserSocket,
    // The credential rides as a subprotocol: never in a URL (logs, history), read again at each connect.
    protocols: () => {
      const credential = loadCredential(role, windowNo);
      return credential ? [API_PROTOCOL, CREDENTIAL_PROTOCOL_PREFIX + credential] : [];
    },
    // Unknown or revoked: the screen pairs again (PairingScreen) and gets a new one.
    onUnpaired: () => forgetCredential(role, windowNo),
    log: (m) => console.warn(`[station api] ${m}`),
  });
}
