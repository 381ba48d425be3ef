import { z } from 'zod';
import type { Result } from '../result';

/** The WebSocket wire format of the station API (browser mode). One request, one response. */
export const WireRequest = z
  .object({ id: z.number().int().nonnegative(), method: z.string().max(64), input: z.unknown() })
  .strict();
export type WireRequest = z.infer<typeof WireRequest>;
export interface WireResponse {
  id: number;
  result: Result<unknown>;
}
export interface WireEvent {
  event: string;
  payload: unknown;
}
export type WireMessage = WireResponse | WireEvent;

/** The IPC channels of the Electron adapter. */
export const IPC_CALL_CHANNEL = 'station:call';
export const IPC_EVENT_CHANNEL = 'station:event';
