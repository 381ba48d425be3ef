import { timingSafeEqual } from 'node:crypto';

/**
 * The token in the acceptance slip's QR: `<base64url(application id)>.<expiry yyyymmdd>.<MAC>`.
 * The MAC is a keyed HMAC (the hall's lookup key, with its own domain prefix), so a token cannot be
 * guessed or derived from the application number, any station or central of the hall holding the
 * key can check one without a lookup table, and the expiry travels inside it, authenticated.
 */
export const TRACK_VALID_DAYS = 180;
const MAC_BYTES = 16;
const DOMAIN = 'hall-console/application-track/v1|';

export type Mac = (message: string) => Uint8Array;

export type TokenCheck =
  { ok: true; applicationId: string; expires: string } | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

const TOKEN = /^([A-Za-z0-9_-]{8,96})\.(\d{8})\.([A-Za-z0-9_-]{22})$/;

const compact = (day: string) => day.replaceAll('-', '');

/** The day the token stops working: TRACK_VALID_DAYS after the application was submitted. */
export function expiryDay(submittedAt: string): string {
  const d = new Date(Date.parse(submittedAt) + TRACK_VALID_DAYS * 86_400_000);
  return d.toISOString().slice(0, 10);
}

function macOf(mac: Mac, idPart: string, expires: string): Buffer {
  return Buffer.from(mac(`${DOMAIN}${idPart}.${expires}`)).subarray(0, MAC_BYTES);
}

/** Same application, same submission time → the same token (a reprinted slip shows the same QR). */
export function issueTrackToken(mac: Mac, applicationId: string, submittedAt: string): string {
  const idPart = Buffer.from(applicationId, 'utf8').toString('base64url');
  const expires = compact(expiryDay(submittedAt));
  return `${idPart}.${expires}.${macOf(mac, idPart, expires).toString('base64url')}`;
}

/** Check a token: its shape, its MAC (constant time), then its expiry against `today` (yyyy-mm-dd). */
export function checkTrackToken(mac: Mac, token: string, today: string): TokenCheck {
  const m = TOKEN.exec(token);
  if (!m) return { ok: false, reason: 'malformed' };
  const [, idPart, expires, given] = m as unknown as [string, string, string, string];
  // Compared as the canonical text: a last base64 character differing only in its unused bits is refused too.
  const expected = Buffer.from(macOf(mac, idPart, expires).toString('base64url'));
  const got = Buffer.from(given);
  if (got.length !== expected.length || !timingSafeEqual(got, expected)) return { ok: false, reason: 'forged' };
  if (compact(today) > expires) return { ok: false, reason: 'expired' };
  const applicationId = Buffer.from(idPart, 'base64url').toString('utf8');
  if (Buffer.from(applicationId, 'utf8').toString('base64url') !== idPart) return { ok: false, reason: 'forged' };
  return { ok: true, applicationId, expires: `${expires.slice(0, 4)}-${expires.slice(4, 6)}-${expires.slice(6)}` };
}
