import type { StationApi } from '@common/api/contract';
import type { Role } from '@common/api/roles';

/**
 * connecting: first connection or a reconnect attempt in progress (calls wait for it);
 * open: calls go through; offline: waiting to reconnect (calls resolve `unavailable`);
 * rejected: the host refused this role/window for good; unpaired: this screen must pair with the
 * station first (browser mode on a networked station); closed: the client was closed.
 */
export type ConnectionState = 'connecting' | 'open' | 'offline' | 'rejected' | 'unpaired' | 'closed';
export type ConnectionListener = (state: ConnectionState, info: { reconnected: boolean }) => void;

/** The typed station API for one role/window, plus its connection lifecycle. */
export interface StationClient extends StationApi {
  readonly role: Role;
  readonly windowNo: number | null;
  readonly transport: 'ipc' | 'websocket';
  state(): ConnectionState;
  /** Called on every state change; `reconnected` is true when the socket came back after a drop. */
  onState(listener: ConnectionListener): () => void;
  /** Skip the backoff wait and try now (e.g. a "retry" button, or once the screen has paired). */
  reconnectNow(): void;
  close(): void;
}
