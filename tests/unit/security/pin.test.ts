import { describe, expect, it } from 'vitest';
import { hashPin, hashPinAsync, PIN_SCRYPT, verifyPin, verifyPinAsync } from '../../../main/security/pin';

describe('PIN hashing (scrypt)', () => {
  const stored = hashPin('123456');

  it('formats scrypt$N$r$p$saltB64$hashB64 with N=16384, r=8, p=1, a 16-byte salt and a 32-byte hash', () => {
    const parts = stored.split('$');
    expect(parts).toHaveLength(6);
    expect(parts.slice(0, 4)).toEqual(['scrypt', '16384', '8', '1']);
    expect(PIN_SCRYPT).toEqual({ N: 16384, r: 8, p: 1 });
    expect(Buffer.from(parts[4], 'base64')).toHaveLength(16);
    expect(Buffer.from(parts[5], 'base64')).toHaveLength(32);
    expect(stored).not.toContain('123456');
  });

  it('verifies the right PIN and rejects wrong ones', () => {
    expect(verifyPin('123456', stored)).toBe(true);
    expect(verifyPin('123457', stored)).toBe(false);
    expect(verifyPin('12345', stored)).toBe(false);
    expect(verifyPin('1234567', stored)).toBe(false);
    expect(verifyPin('', stored)).toBe(false);
  });

  it('salts each hash: the same PIN hashes differently, and both verify', () => {
    const again = hashPin('123456');
    expect(again).not.toBe(stored);
    expect(again.split('$')[4]).not.toBe(stored.split('$')[4]);
    expect(verifyPin('123456', again)).toBe(true);
  });

  it('returns false, without throwing, for malformed or hostile stored values', () => {
    const [, , , , salt, hash] = stored.split('$');
    for (const bad of [
      '',
      'plain-123456',
      `bcrypt$16384$8$1$${salt}$${hash}`,
      `scrypt$16384$8$1$${salt}`,
      `scrypt$16383$8$1$${salt}$${hash}`, // N not a power of two
      `scrypt$4194304$8$1$${salt}$${hash}`, // N too large: would burn 4 GiB
      `scrypt$16384$64$1$${salt}$${hash}`, // r too large
      `scrypt$16384$8$1$${salt}$!!!`,
      `scrypt$16384$8$1$$${hash}`,
    ]) {
      expect(verifyPin('123456', bad), bad).toBe(false);
    }
    expect(verifyPin('123456', undefined as unknown as string)).toBe(false);
  });

  it('detects a changed hash or salt', () => {
    const parts = stored.split('$');
    const flip = (b64: string) => {
      const b = Buffer.from(b64, 'base64');
      b[0] ^= 1;
      return b.toString('base64');
    };
    expect(verifyPin('123456', [...parts.slice(0, 5), flip(parts[5])].join('$'))).toBe(false);
    expect(verifyPin('123456', [...parts.slice(0, 4), flip(parts[4]), parts[5]].join('$'))).toBe(false);
  });

  it('honours the parameters stored in the hash (so they can be raised later)', async () => {
    const { scryptSync } = await import('node:crypto');
    const salt = Buffer.alloc(16, 7);
    const weak = `scrypt$1024$8$1$${salt.toString('base64')}$${scryptSync('2468', salt, 32, { N: 1024, r: 8, p: 1 }).toString('base64')}`;
    expect(verifyPin('2468', weak)).toBe(true);
    expect(verifyPin('2469', weak)).toBe(false);
  });

  it('refuses to hash an empty PIN', () => {
    expect(() => hashPin('')).toThrow(TypeError);
    return expect(hashPinAsync('')).rejects.toThrow(TypeError);
  });

  it.each(['1234', '12345', '123456789', '12 456', 'abcdef'])(
    'refuses to set the PIN %j (6 to 8 digits)',
    async (pin) => {
      expect(() => hashPin(pin)).toThrow(RangeError);
      await expect(hashPinAsync(pin)).rejects.toThrow(RangeError);
    },
  );

  it('async variants agree with the sync ones', async () => {
    const a = await hashPinAsync('864200');
    expect(a.startsWith('scrypt$16384$8$1$')).toBe(true);
    expect(verifyPin('864200', a)).toBe(true);
    expect(await verifyPinAsync('864200', a)).toBe(true);
    expect(await verifyPinAsync('864201', a)).toBe(false);
    expect(await verifyPinAsync('123456', stored)).toBe(true);
    expect(await verifyPinAsync('123456', 'garbage')).toBe(false);
  });

  it('async hashing and verification do not block the event loop', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    await Promise.all([
      verifyPinAsync('123456', stored),
      verifyPinAsync('000000', stored),
      verifyPinAsync('111111', stored),
    ]);
    expect(ticks).toBeGreaterThan(0);
    ticks = 0;
    await Promise.all([hashPinAsync('123456'), hashPinAsync('000000'), hashPinAsync('111111')]);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
  });
});
