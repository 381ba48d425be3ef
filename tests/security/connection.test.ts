import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE } from '@common/api/pairing-wire';
import type { StationHost } from '../../main/host';
import type { CallerContext } from '../../main/services/caller';
import { apiUrl, managerContext, pair, rawClient, startStation } from './hostile-client';

/**
 * The station's WebSocket against clients on the hall LAN that are not its screens: a page on
 * another origin, a rebound host name, a client that never paired, a forged or revoked credential.
 * Each is refused with its close code before any call or event reaches it.
 */
let net: StationHost & { ws: string };
let local: StationHost & { ws: string };
let manager: CallerContext;

beforeAll(async () => {
  [net, local] = await Promise.all([startStation('0.0.0.0'), startStation('127.0.0.1')]);
  manager = await managerContext(net);
});
afterAll(async () => {
  await Promise.all([net?.close(), local?.close()]);
});

const port = (h: { ws: string }) => new URL(h.ws).port;

describe('who may open the station socket', () => {
  it('refuses a page on another origin, even on the loopback station and with a valid credential', async () => {
    const foreign = rawClient(apiUrl(local, 'counter', 3), { origin: 'http://evil.example' });
    expect((await foreign.closed).code).toBe(CLOSE.foreign);
    const otherPort = rawClient(apiUrl(local, 'kiosk'), { origin: `http://127.0.0.1:${Number(port(local)) + 1}` });
    expect((await otherPort.closed).code).toBe(CLOSE.foreign);
    const credential = await pair(net, manager, { role: 'display', windowNo: null });
    const withCredential = rawClient(apiUrl(net, 'display'), { credential, origin: 'https://evil.example' });
    expect((await withCredential.closed).code).toBe(CLOSE.foreign);
    expect(foreign.frames).toEqual([]);
  });

  it('refuses a host name the station does not listen on (DNS rebinding)', async () => {
    const rebound = rawClient(apiUrl(local, 'kiosk'), {
      host: `attacker.example:${port(local)}`,
      origin: `http://attacker.example:${port(local)}`,
    });
    expect((await rebound.closed).code).toBe(CLOSE.foreign);
    const pairing = rawClient(`${net.ws}/api/pair?role=counter&window=3`, { host: `attacker.example:${port(net)}` });
    expect((await pairing.closed).code).toBe(CLOSE.foreign);
    expect(pairing.frames).toEqual([]);
  });

  it('on the loopback-only station, the same origin pairs by itself; a networked station asks every client to pair', async () => {
    const demo = rawClient(apiUrl(local, 'counter', 3), { origin: `http://127.0.0.1:${port(local)}` });
    expect((await demo.call('station.info')).ok).toBe(true);
    demo.ws.close();
    const unpaired = rawClient(apiUrl(net, 'counter', 3), { origin: `http://127.0.0.1:${port(net)}` });
    expect(await unpaired.closed).toEqual({ code: CLOSE.unpaired, reason: 'pairing required' });
    expect(unpaired.frames).toEqual([]);
  });

  it('refuses a forged credential, well-formed or not', async () => {
    for (const credential of ['A'.repeat(43), 'not-a-token', 'b'.repeat(400)]) {
      const forged = rawClient(apiUrl(net, 'manager'), { credential });
      expect((await forged.closed).code).toBe(CLOSE.unpaired);
      expect(forged.frames).toEqual([]);
    }
  });

  it('a paired screen is what its credential says, not what its URL asks for', async () => {
    const credential = await pair(net, manager, { role: 'guide', windowNo: null });
    const guide = rawClient(apiUrl(net, 'guide'), { credential });
    expect(await guide.call('station.info')).toMatchObject({ ok: true, value: { role: 'guide', windowNo: null } });
    guide.ws.close();
    const promoted = rawClient(apiUrl(net, 'manager'), { credential });
    expect(await promoted.closed).toEqual({ code: CLOSE.unpaired, reason: 'paired for another screen' });
  });

  it('a revoked credential is cut off at once and refused afterwards; the list shows its last use and source', async () => {
    const credential = await pair(net, manager, { role: 'kiosk', windowNo: null });
    const kiosk = rawClient(apiUrl(net, 'kiosk'), { credential });
    expect((await kiosk.call('station.info')).ok).toBe(true);
    const listed = await net.router.call(manager, 'pairing.devices', {});
    if (!listed.ok) throw new Error(listed.error.message);
    const device = listed.value.find((d) => d.role === 'kiosk' && !d.revokedAt)!;
    expect(device).toMatchObject({ lastSource: '127.0.0.1', pairedFrom: '127.0.0.1', pairedBy: expect.any(String) });
    expect(device.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed.value)).not.toContain(credential);
    expect((await net.router.call(manager, 'pairing.revoke', { deviceId: device.deviceId })).ok).toBe(true);
    expect((await kiosk.closed).code).toBe(CLOSE.unpaired);
    const again = rawClient(apiUrl(net, 'kiosk'), { credential });
    expect((await again.closed).code).toBe(CLOSE.unpaired);
  });

  it('pairing: only a logged-in manager or technician approves, by the code on the screen; a denial closes the screen', async () => {
    const screen = rawClient(`${net.ws}/api/pair?role=counter&window=5`);
    const { code } = (await screen.next((f) => f.pairing === 'code')) as { code: string };
    expect(code).toMatch(/^\d{6}$/);
    const kiosk: CallerContext = {
      connectionId: 'k',
      source: 'local:test',
      role: 'kiosk',
      windowNo: null,
      session: null,
    };
    expect(await net.router.call(kiosk, 'pairing.approve', { code })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const nobody: CallerContext = {
      connectionId: 'm',
      source: 'local:test',
      role: 'manager',
      windowNo: null,
      session: null,
    };
    expect(await net.router.call(nobody, 'pairing.approve', { code })).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    const wrong = code === '000000' ? '000001' : '000000';
    expect(await net.router.call(manager, 'pairing.approve', { code: wrong })).toMatchObject({
      ok: false,
      error: { code: 'not_found', key: 'pairing.codeUnknown' },
    });
    const pending = await net.router.call(manager, 'pairing.pending', {});
    if (!pending.ok) throw new Error(pending.error.message);
    const mine = pending.value.find((p) => p.role === 'counter' && p.windowNo === 5)!;
    expect(JSON.stringify(pending.value)).not.toContain(code);
    expect((await net.router.call(manager, 'pairing.deny', { requestId: mine.requestId })).ok).toBe(true);
    expect(await screen.closed).toEqual({ code: CLOSE.pairingDenied, reason: 'pairing denied' });
    expect(screen.frames.some((f) => (f as { pairing?: string }).pairing === 'approved')).toBe(false);
  });

  it('pairing requests are rate-limited per address', async () => {
    const fresh = await startStation('0.0.0.0');
    try {
      const codes: number[] = [];
      for (let i = 0; i < 6; i++) {
        const s = rawClient(`${fresh.ws}/api/pair?role=display`);
        const first = await Promise.race([
          s.next((f) => f.pairing === 'code').then(() => 0),
          s.closed.then((c) => c.code),
        ]);
        codes.push(first);
      }
      expect(codes).toEqual([0, 0, 0, 0, 0, CLOSE.tooManyRequests]);
    } finally {
      await fresh.close();
    }
  });
});
