import { createHash, randomBytes, randomInt } from 'node:crypto';

/** A device credential: 32 random bytes, base64url (valid as a WebSocket subprotocol token). */
export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the station stores of a credential: a leaked database does not let anyone connect. */
export function hashDeviceToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A well-formed token: anything else is refused before it reaches the database. */
export const isDeviceToken = (value: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(value);

/** Six digits for the new screen to show, none of them in `taken`. */
export function newPairingCode(taken: ReadonlySet<string>): string {
  for (;;) {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    if (!taken.has(code)) return code;
  }
}
