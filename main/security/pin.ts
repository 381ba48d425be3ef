/**
 * Staff PINs, stored as scrypt hashes: `scrypt$N$r$p$saltB64$hashB64` (N=16384, r=8, p=1, 16-byte
 * random salt, 32-byte hash). The sync pair is for seeding and tests; login uses the async pair so
 * the ~50 ms of key stretching runs on libuv's thread pool, not the event loop.
 */
import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export const PIN_SCRYPT = { N: 16384, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const HASH_BYTES = 32;
/** Bounds on parameters read back from storage, so a tampered row cannot make us burn memory. */
const MAX_N = 1 << 20;
const MAX_R = 32;
const MAX_P = 16;

interface Parsed {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

/**
 * A PIN being set: 6 to 8 digits. Four digits are 10,000 guesses, which a hall's LAN could try
 * within a day even with lockouts spread across accounts; six are a hundred times more.
 */
export const NEW_PIN = /^\d{6,8}$/;

function checkPin(pin: string): void {
  if (typeof pin !== 'string' || pin.length === 0) throw new TypeError('a PIN must be a non-empty string');
  if (!NEW_PIN.test(pin)) throw new RangeError('a PIN must have 6 to 8 digits');
}

function options(N: number, r: number, p: number): ScryptOptions {
  // scrypt needs 128·N·r bytes; Node's default maxmem (32 MiB) is tight for larger parameters.
  return { N, r, p, maxmem: 128 * N * r * p + 32 * 1024 * 1024 };
}

function format(N: number, r: number, p: number, salt: Buffer, hash: Buffer): string {
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

function parse(stored: string): Parsed | null {
  if (typeof stored !== 'string') return null;
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map((x) => (/^\d{1,7}$/.test(x) ? Number(x) : NaN));
  if (!(N >= 2 && N <= MAX_N && (N & (N - 1)) === 0)) return null;
  if (!(r >= 1 && r <= MAX_R && p >= 1 && p <= MAX_P)) return null;
  const b64 = /^[A-Za-z0-9+/]+={0,2}$/;
  if (!b64.test(parts[4]) || !b64.test(parts[5])) return null;
  const salt = Buffer.from(parts[4], 'base64');
  const hash = Buffer.from(parts[5], 'base64');
  if (salt.length < 8 || hash.length < 16 || hash.length > 64) return null;
  return { N, r, p, salt, hash };
}

export function hashPin(pin: string): string {
  checkPin(pin);
  const { N, r, p } = PIN_SCRYPT;
  const salt = randomBytes(SALT_BYTES);
  return format(N, r, p, salt, scryptSync(pin, salt, HASH_BYTES, options(N, r, p)));
}

/** False for a wrong PIN and for a stored value that is not a hash of ours; never throws for those. */
export function verifyPin(pin: string, stored: string): boolean {
  if (typeof pin !== 'string' || pin.length === 0) return false;
  const s = parse(stored);
  if (!s) return false;
  return timingSafeEqual(scryptSync(pin, s.salt, s.hash.length, options(s.N, s.r, s.p)), s.hash);
}

function scryptAsync(pin: string, salt: Buffer, len: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(pin, salt, len, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPinAsync(pin: string): Promise<string> {
  checkPin(pin);
  const { N, r, p } = PIN_SCRYPT;
  const salt = randomBytes(SALT_BYTES);
  return format(N, r, p, salt, await scryptAsync(pin, salt, HASH_BYTES, options(N, r, p)));
}

export async function verifyPinAsync(pin: string, stored: string): Promise<boolean> {
  if (typeof pin !== 'string' || pin.length === 0) return false;
  const s = parse(stored);
  if (!s) return false;
  return timingSafeEqual(await scryptAsync(pin, s.salt, s.hash.length, options(s.N, s.r, s.p)), s.hash);
}
