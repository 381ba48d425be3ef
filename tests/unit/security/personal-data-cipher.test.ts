import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CIPHER_VERSION,
  CipherError,
  loadOrCreateKey,
  PersonalDataCipher,
  personalDataKeyPath,
} from '../../../main/security/personal-data-cipher';

const KEY = Buffer.alloc(32, 0x11);
const OTHER = Buffer.alloc(32, 0x22);

describe('PersonalDataCipher', () => {
  const c = new PersonalDataCipher(KEY);

  it.each([
    '33010619900101123X',
    '13812345678',
    '浙江省杭州市西湖区文三路90号1幢2单元301室',
    '',
    '吉𠮷祥',
    'x'.repeat(10_000),
  ])('round-trips %j', (plain) => {
    expect(c.decrypt(c.encrypt(plain))).toBe(plain);
  });

  it('lays out version | 12-byte IV | 16-byte tag | ciphertext of the UTF-8 length', () => {
    const plain = '张小三';
    const buf = c.encrypt(plain);
    expect(buf[0]).toBe(CIPHER_VERSION);
    expect(buf.length).toBe(1 + 12 + 16 + Buffer.byteLength(plain, 'utf8'));
    expect(buf.includes(Buffer.from(plain, 'utf8'))).toBe(false);
  });

  it('uses a fresh IV each time: equal plaintexts give different ciphertexts', () => {
    const ivs = new Set<string>();
    for (let i = 0; i < 3000; i++) ivs.add(c.encrypt('13812345678').subarray(1, 13).toString('hex'));
    expect(ivs.size).toBe(3000);
  });

  it('decrypts with a new instance built from the same key, and accepts a Uint8Array', () => {
    const buf = c.encrypt('13812345678');
    expect(new PersonalDataCipher(Buffer.from(KEY)).decrypt(new Uint8Array(buf))).toBe('13812345678');
  });

  it('detects tampering anywhere in IV, tag or body as CipherError auth_failed', () => {
    const buf = c.encrypt('33010619900101123X');
    for (let i = 1; i < buf.length; i++) {
      const t = Buffer.from(buf);
      t[i] ^= 0x01;
      let err: unknown;
      try {
        c.decrypt(t);
      } catch (e) {
        err = e;
      }
      expect(err, `byte ${i}`).toBeInstanceOf(CipherError);
      expect((err as CipherError).code).toBe('auth_failed');
    }
  });

  it('rejects a truncated buffer, an unknown version and the wrong key', () => {
    const buf = c.encrypt('13812345678');
    expect(() => c.decrypt(buf.subarray(0, 28))).toThrow(
      expect.objectContaining({ name: 'CipherError', code: 'too_short' }),
    );
    expect(() => c.decrypt(buf.subarray(0, buf.length - 1))).toThrow(expect.objectContaining({ code: 'auth_failed' }));
    const v2 = Buffer.from(buf);
    v2[0] = 2;
    expect(() => c.decrypt(v2)).toThrow(expect.objectContaining({ code: 'unsupported_version' }));
    expect(() => new PersonalDataCipher(OTHER).decrypt(buf)).toThrow(CipherError);
    expect(() => new PersonalDataCipher(OTHER).decrypt(buf)).toThrow(expect.objectContaining({ code: 'auth_failed' }));
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => new PersonalDataCipher(Buffer.alloc(16))).toThrow(expect.objectContaining({ code: 'bad_key' }));
    expect(() => new PersonalDataCipher(Buffer.alloc(33))).toThrow(CipherError);
  });

  it('hash: 32 bytes, stable, value- and key-dependent, not a plain SHA-256 or HMAC with the raw key', async () => {
    const { createHash, createHmac } = await import('node:crypto');
    const h = c.hash('33010619900101123X');
    expect(h.length).toBe(32);
    expect(c.hash('33010619900101123X').equals(h)).toBe(true);
    expect(new PersonalDataCipher(KEY).hash('33010619900101123X').equals(h)).toBe(true);
    expect(c.hash('33010619900101124X').equals(h)).toBe(false);
    expect(new PersonalDataCipher(OTHER).hash('33010619900101123X').equals(h)).toBe(false);
    expect(createHash('sha256').update('33010619900101123X').digest().equals(h)).toBe(false);
    expect(createHmac('sha256', KEY).update('33010619900101123X').digest().equals(h)).toBe(false);
  });
});

describe('loadOrCreateKey', () => {
  const dirs: string[] = [];
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'hc-key-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('creates <dataDir>/keys/personal-data.key (32 bytes, mode 0600) and returns the same key afterwards', () => {
    const dataDir = join(tmp(), 'nested', 'data');
    const key = loadOrCreateKey(dataDir);
    const file = personalDataKeyPath(dataDir);
    expect(file).toBe(join(dataDir, 'keys', 'personal-data.key'));
    expect(key.length).toBe(32);
    expect(readFileSync(file).equals(key)).toBe(true);
    if (process.platform !== 'win32') {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(join(dataDir, 'keys')).mode & 0o077).toBe(0);
    }
    expect(loadOrCreateKey(dataDir).equals(key)).toBe(true);
    const c = new PersonalDataCipher(key);
    expect(new PersonalDataCipher(loadOrCreateKey(dataDir)).decrypt(c.encrypt('13812345678'))).toBe('13812345678');
  });

  it('gives different keys to different data directories', () => {
    expect(loadOrCreateKey(tmp()).equals(loadOrCreateKey(tmp()))).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('tightens a key file left readable by others', () => {
    const dataDir = tmp();
    const file = personalDataKeyPath(dataDir);
    const key = loadOrCreateKey(dataDir);
    chmodSync(file, 0o644);
    expect(loadOrCreateKey(dataDir).equals(key)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses a key file of the wrong length', () => {
    const dataDir = tmp();
    loadOrCreateKey(dataDir);
    writeFileSync(personalDataKeyPath(dataDir), randomBytes(16));
    expect(() => loadOrCreateKey(dataDir)).toThrow(expect.objectContaining({ code: 'bad_key' }));
  });
});
