import { z } from 'zod';
import { PairingAsk } from './features/pairing';

/**
 * The pairing channel (`/api/pair?role=…&window=…`): the one thing an unpaired browser screen may
 * open. The station answers with the code to show, and later with the credential or a close.
 */
export const PAIRING_PATH = '/api/pair';

export { API_PROTOCOL, CREDENTIAL_PROTOCOL_PREFIX } from './wire-protocol';

export const PairingMessage = z.discriminatedUnion('pairing', [
  PairingAsk.extend({ pairing: z.literal('code'), code: z.string(), expiresAt: z.string() }),
  PairingAsk.extend({ pairing: z.literal('approved'), credential: z.string() }),
]);
export type PairingMessage = z.infer<typeof PairingMessage>;

/** Close codes the station uses on refusal; 4400–4499 mean "not without a change on this side". */
export const CLOSE = {
  /** The URL names no role, an unknown one, or a counter without a window. */
  badRequest: 4400,
  /** No credential, or one the station does not know or has revoked: this screen must pair. */
  unpaired: 4401,
  /** The page is on another origin, or the Host is not one the station listens on. */
  foreign: 4403,
  /** A pairing request was denied, or expired before anyone approved it. */
  pairingDenied: 4404,
  /** Too many pairing requests from this address; try again in a minute. */
  tooManyRequests: 4429,
  /** The window already has its customer screen connected (retried: a reload's old socket is closing). */
  windowTaken: 1013,
} as const;
