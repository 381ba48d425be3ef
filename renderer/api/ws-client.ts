import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput } from '@common/api/contract';
import type { AppError, Result } from '@common/result';
import type { ConnectionListener, ConnectionState, StationClient } from './types';

/**
 * The browser-mode station API client over one WebSocket (wire format: common/api/wire.ts).
 *
 * Pure logic with the socket and the timers injected, so it runs (and is unit-tested) without a DOM:
 * - requests `{ id, method, input }`, responses `{ id, result }`, pushes `{ event, payload }`;
 * - calls made while the socket is connecting wait for it; calls made while it is down, and calls in
 *   flight when it drops, resolve to `{ ok: false, error: { code: 'unavailable' } }` — never throw;
 * - reconnects with exponential backoff and jitter; a close code 4400–4499 means the host refused
 *   this role/window for good (e.g. 4404 unknown window): no reconnect, state `rejected`; 4401 means
 *   the screen must pair first: state `unpaired` until `reconnectNow()` after pairing.
 */

export interface SocketHandlers {
  onOpen(): void;
  onClose(code: number, reason: string): void;
  onMessage(data: string): void;
}
export interface SocketHandle {
  send(data: string): void;
  close(): void;
}
/** `protocols`: the WebSocket subprotocols to offer (the station API's, and the credential if any). */
export type SocketFactory = (url: string, handlers: SocketHandlers, protocols?: string[]) => SocketHandle;

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** 0..1, the ± share of random spread. */
  jitter: number;
}
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 10_000, jitter: 0.2 };

/** Delay before reconnect attempt `attempt` (0-based): base·2^attempt capped at max, ± jitter. */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const raw = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, Math.min(attempt, 30)));
  const spread = raw * options.jitter * (random() * 2 - 1);
  return Math.max(0, Math.round(raw + spread));
}

export interface WsClientOptions {
  url: string;
  role: StationClient['role'];
  windowNo: number | null;
  createSocket: SocketFactory;
  /** Read at every connect: the subprotocols to offer (the credential can arrive between attempts). */
  protocols?: () => string[];
  /** The station said this screen's credential is unknown or revoked (close 4401). */
  onUnpaired?: () => void;
  backoff?: BackoffOptions;
  /** A call that gets no answer within this time resolves `unavailable`. */
  callTimeoutMs?: number;
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  log?: (message: string) => void;
}

interface Pending {
  method: string;
  payload: string;
  resolve: (result: Result<unknown>) => void;
  timer: unknown;
  sent: boolean;
}

const unavailable = (message: string): { ok: false; error: AppError } => ({
  ok: false,
  error: { code: 'unavailable', message },
});

export function createWsClient(options: WsClientOptions): StationClient {
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const callTimeoutMs = options.callTimeoutMs ?? 15_000;
  const random = options.random ?? Math.random;
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const log = options.log ?? (() => {});

  let state: ConnectionState = 'connecting';
  let socket: SocketHandle | null = null;
  let attempt = 0;
  let everOpened = false;
  let reconnectTimer: unknown = null;
  let nextId = 1;
  let rejection: AppError | null = null;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const stateListeners = new Set<ConnectionListener>();

  function setState(next: ConnectionState, reconnected = false): void {
    if (next === state && !reconnected) return;
    state = next;
    for (const l of [...stateListeners]) {
      try {
        l(next, { reconnected });
      } catch (e) {
        log(`connection listener failed: ${String(e)}`);
      }
    }
  }

  function settle(id: number, result: Result<unknown>): void {
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    clearTimer(p.timer);
    p.resolve(result);
  }

  function failAll(error: { ok: false; error: AppError }): void {
    for (const id of [...pending.keys()]) settle(id, error);
  }

  function connect(): void {
    reconnectTimer = null;
    setState('connecting');
    let handle: SocketHandle | null = null;
    let current = true;
    const handlers: SocketHandlers = {
      onOpen() {
        if (!current || state === 'closed') return;
        if (!handle) {
          // The factory opened synchronously (test doubles): finish once it has returned.
          queueMicrotask(() => handlers.onOpen());
          return;
        }
        attempt = 0;
        const reconnected = everOpened;
        everOpened = true;
        for (const [id, p] of pending) {
          if (p.sent) continue;
          try {
            handle.send(p.payload);
            p.sent = true;
          } catch (e) {
            settle(id, unavailable(`发送失败 (send failed): ${String(e)}`));
          }
        }
        setState('open', reconnected);
      },
      onClose(code, reason) {
        if (!current) return;
        current = false;
        socket = null;
        if (state === 'closed') return;
        if (code === 4401) {
          rejection = { code: 'unauthenticated', message: reason || '此屏幕需要先与营业厅主机配对 (pairing required)' };
          failAll({ ok: false, error: rejection });
          options.onUnpaired?.();
          setState('unpaired');
          return;
        }
        if (code >= 4400 && code <= 4499) {
          rejection = {
            code: code === 4403 ? 'forbidden' : code === 4404 ? 'not_found' : 'validation',
            message: reason || `连接被拒绝 (rejected, ${code})`,
          };
          failAll({ ok: false, error: rejection });
          setState('rejected');
          return;
        }
        failAll(unavailable('与营业厅主机的连接已断开 (connection lost)'));
        const delay = backoffDelay(attempt++, backoff, random);
        setState('offline');
        reconnectTimer = setTimer(connect, delay);
      },
      onMessage(data) {
        if (!current) return;
        receive(data);
      },
    };
    try {
      handle = options.createSocket(options.url, handlers, options.protocols?.());
      socket = handle;
    } catch (e) {
      log(`socket creation failed: ${String(e)}`);
      handlers.onClose(1006, String(e));
    }
  }

  function receive(data: string): void {
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      log('ignored a non-JSON message');
      return;
    }
    if (!message || typeof message !== 'object') return;
    const m = message as Record<string, unknown>;
    if (typeof m.id === 'number' && 'result' in m) {
      const result = m.result as Result<unknown> | null;
      if (result && typeof result === 'object' && typeof result.ok === 'boolean') settle(m.id, result);
      else settle(m.id, { ok: false, error: { code: 'internal', message: 'malformed response' } });
      return;
    }
    if (typeof m.event === 'string') {
      const set = listeners.get(m.event);
      if (!set) return;
      for (const l of [...set]) {
        try {
          l(m.payload);
        } catch (e) {
          log(`listener for ${m.event} failed: ${String(e)}`);
        }
      }
    }
  }

  function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>> {
    if (state === 'closed') return Promise.resolve(unavailable('客户端已关闭 (client closed)'));
    if ((state === 'rejected' || state === 'unpaired') && rejection)
      return Promise.resolve({ ok: false, error: rejection });
    if (state === 'offline')
      return Promise.resolve(unavailable('与营业厅主机的连接已断开，正在重连 (offline, reconnecting)'));
    const id = nextId++;
    const payload = JSON.stringify({ id, method, input: input ?? {} });
    return new Promise((resolve) => {
      const p: Pending = {
        method,
        payload,
        resolve: resolve as (r: Result<unknown>) => void,
        sent: false,
        timer: setTimer(() => settle(id, unavailable(`请求超时 (timeout: ${method})`)), callTimeoutMs),
      };
      pending.set(id, p);
      if (state === 'open' && socket) {
        try {
          socket.send(payload);
          p.sent = true;
        } catch (e) {
          settle(id, unavailable(`发送失败 (send failed): ${String(e)}`));
        }
      }
    });
  }

  function on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    const l = listener as (payload: unknown) => void;
    set.add(l);
    return () => {
      set.delete(l);
    };
  }

  function close(): void {
    if (state === 'closed') return;
    if (reconnectTimer !== null) clearTimer(reconnectTimer);
    reconnectTimer = null;
    const s = socket;
    socket = null;
    setState('closed');
    failAll(unavailable('客户端已关闭 (client closed)'));
    listeners.clear();
    try {
      s?.close();
    } catch {
      /* already closed */
    }
  }

  connect();

  return {
    role: options.role,
    windowNo: options.windowNo,
    transport: 'websocket',
    call,
    on,
    state: () => state,
    onState(listener) {
      stateListeners.add(listener);
      return () => {
        stateListeners.delete(listener);
      };
    },
    reconnectNow() {
      if (state !== 'offline' && state !== 'unpaired') return;
      if (reconnectTimer !== null) clearTimer(reconnectTimer);
      connect();
    },
    close,
  };
}
