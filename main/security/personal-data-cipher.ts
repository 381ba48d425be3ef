/**
 * Encryption at rest of personal data (ID numbers, phone numbers, addresses, customer names):
 * AES-256-GCM with a random 96-bit IV per value, and keyed HMAC-SHA256 hashes for exact-match lookup
 * (Personal data; Storage).
 *
 * Both working keys are derived from the one 32-byte personal-data key with HKDF-SHA256, each with
 * its own `info`, so the encryption key and the lookup-hash key are never the same bytes.
 *
 * Ciphertext layout: version (1 byte, 0x01) | IV (12) | GCM tag (16) | ciphertext (UTF-8 length).
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  hkdfSync,
  randomBytes,
  randomFillSync,
  type KeyObject,
} from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const CIPHER_VERSION = 1;
export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;
/** IVs are drawn from the CSPRNG in blocks: one OpenSSL call per 1024 values instead of one per value. */
const IV_POOL_COUNT = 1024;

const INFO_ENC = 'hall-console/personal-data/aes-256-gcm/v1';
const INFO_HASH = 'hall-console/personal-data/lookup-hmac-sha256/v1';
const HKDF_SALT = Buffer.from('hall-console personal-data', 'utf8');

export type CipherErrorCode = 'bad_key' | 'too_short' | 'unsupported_version' | 'auth_failed';

/** Thrown for a bad key, a truncated or unknown-version ciphertext, or a failed GCM authentication. */
export class CipherError extends Error {
  override readonly name = 'CipherError';
  constructor(
    readonly code: CipherErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function derive(key: Buffer, info: string): KeyObject {
  return createSecretKey(Buffer.from(hkdfSync('sha256', key, HKDF_SALT, info, KEY_BYTES)));
}

export class PersonalDataCipher {
  readonly #encKey: KeyObject;
  readonly #macKey: KeyObject;
  readonly #ivPool = Buffer.allocUnsafe(IV_BYTES * IV_POOL_COUNT);
  #ivNext = IV_POOL_COUNT;

  constructor(key: Buffer | Uint8Array) {
    if (!(key instanceof Uint8Array) || key.length !== KEY_BYTES) {
      throw new CipherError('bad_key', `the personal-data key must be ${KEY_BYTES} bytes`);
    }
    const k = Buffer.from(key);
    this.#encKey = derive(k, INFO_ENC);
    this.#macKey = derive(k, INFO_HASH);
    k.fill(0);
  }

  /** Encrypt a UTF-8 string; each call uses a fresh random IV, so equal inputs give different outputs. */
  encrypt(plain: string): Buffer {
    if (this.#ivNext === IV_POOL_COUNT) {
      randomFillSync(this.#ivPool);
      this.#ivNext = 0;
    }
    const ivStart = this.#ivNext++ * IV_BYTES;
    const iv = this.#ivPool.subarray(ivStart, ivStart + IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#encKey, iv);
    const body = cipher.update(plain, 'utf8');
    cipher.final();
    const out = Buffer.allocUnsafe(HEADER_BYTES + body.length);
    out[0] = CIPHER_VERSION;
    iv.copy(out, 1);
    cipher.getAuthTag().copy(out, 1 + IV_BYTES);
    body.copy(out, HEADER_BYTES);
    return out;
  }

  /** Decrypt what `encrypt` produced; throws CipherError when it was altered or made with another key. */
  decrypt(buf: Uint8Array): string {
    if (!(buf instanceof Uint8Array) || buf.length < HEADER_BYTES) {
      throw new CipherError('too_short', 'ciphertext shorter than its header');
    }
    const b = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
    if (b[0] !== CIPHER_VERSION) throw new CipherError('unsupported_version', `unknown ciphertext version ${b[0]}`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#encKey, b.subarray(1, 1 + IV_BYTES), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAuthTag(b.subarray(1 + IV_BYTES, HEADER_BYTES));
      const head = decipher.update(b.subarray(HEADER_BYTES));
      const tail = decipher.final();
      return (tail.length ? Buffer.concat([head, tail]) : head).toString('utf8');
    } catch {
      throw new CipherError('auth_failed', 'ciphertext failed authentication (altered, or another key)');
    }
  }

  /**
   * Keyed hash for exact-match lookup (HMAC-SHA256, 32 bytes). Deterministic for one key; callers
   * normalise first (e.g. upper-case X in ID numbers) so equal values hash equally.
   */
  hash(value: string): Buffer {
    return createHmac('sha256', this.#macKey).update(value, 'utf8').digest();
  }
}

/** Where the key lives under a data directory. */
export function personalDataKeyPath(dataDir: string): string {
  return join(dataDir, 'keys', 'personal-data.key');
}

/**
 * Where the personal-data key of a station lives: `<dataDir>/keys`, or that of the seeded root the
 * station directory sits in — `<root>/station` (npm run seed) or `<root>/stations/<name>` (the demo
 * hall). A new key is made in `<dataDir>` only when none of these holds one.
 */
export function keyDirFor(stationDataDir: string): string {
  for (const dir of [stationDataDir, dirname(stationDataDir), dirname(dirname(stationDataDir))]) {
    if (existsSync(personalDataKeyPath(dir))) return dir;
  }
  return stationDataDir;
}

/**
 * Read `<dataDir>/keys/personal-data.key` (32 raw bytes), creating it from the CSPRNG — and the
 * directories, 0700 — when it does not exist. The file is written 0600 and moved into place
 * atomically, so two processes racing to create it end up with the same key; a looser mode on an existing file is
 * tightened. Throws CipherError('bad_key') when the file has the wrong length.
 */
export function loadOrCreateKey(dataDir: string): Buffer {
  const dir = join(dataDir, 'keys');
  const file = personalDataKeyPath(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!existsSync(file)) {
    // Written in full under a temporary name, then linked into place: link() fails when the file
    // exists, so a concurrent creator never sees a half-written key and both end up with one key.
    const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    writeFileSync(tmp, randomBytes(KEY_BYTES), { flag: 'wx', mode: 0o600 });
    try {
      linkSync(tmp, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      unlinkSync(tmp);
    }
  }
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const key = readFileSync(file);
  if (key.length !== KEY_BYTES) {
    throw new CipherError('bad_key', `${file} holds ${key.length} bytes, expected ${KEY_BYTES}`);
  }
  return key;
}
