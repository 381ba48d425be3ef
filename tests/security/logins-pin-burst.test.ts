import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { startStationHost, type StationHost, type StationHostOptions } from '../../main/host';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';

/**
 * Guessing staff PINs over the browser-mode socket, as a hostile machine on the hall's LAN would:
 * bursts in parallel over many connections, spraying across accounts, and a manager's PIN at the
 * counter. The station must check one guess per account at a time and lock after five.
 */
type Reply = { ok: boolean; error?: { code: string; key?: string; params?: Record<string, unknown>; message: string } };

let host: StationHost | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
});

async function station(o: Partial<StationHostOptions> = {}): Promise<{ host: StationHost; dir: string }> {
  const renderer = makeTempDir('renderer-');
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html>');
  const dir = seededDataDir('station.db', makeTempDir('logins-'));
  host = await startStationHost({ dataDir: dir, http: { port: 0, rendererDir: renderer }, ...o });
  return { host, dir };
}

/** A socket from `localAddress` (the loopback has all of 127/8, so each test machine can be another address). */
function connect(h: StationHost, query: string, localAddress = '127.0.0.1') {
  const ws = new WebSocket(`${h.url!.replace('http', 'ws')}/api?${query}`, { localAddress });
  let next = 1;
  const waiting = new Map<number, (r: Reply) => void>();
  ws.on('message', (data) => {
    const m = JSON.parse(data.toString()) as { id?: number; result?: Reply };
    if (typeof m.id === 'number' && m.result) waiting.get(m.id)?.(m.result);
  });
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    opened,
    call(method: string, input: unknown): Promise<Reply> {
      const id = next++;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        ws.send(JSON.stringify({ id, method, input }));
      });
    },
    close: () => ws.close(),
  };
}

function audit(dir: string, action: string): { actor: string; detail: Record<string, unknown> }[] {
  const db = new Database(path.join(dir, 'station.db'), { readonly: true });
  try {
    return (
      db.prepare('SELECT actor, detail FROM audit_log WHERE action = ?').all(action) as {
        actor: string;
        detail: string;
      }[]
    ).map((r) => ({ actor: r.actor, detail: JSON.parse(r.detail) as Record<string, unknown> }));
  } finally {
    db.close();
  }
}

const count = (replies: Reply[], code: string) => replies.filter((r) => r.error?.code === code).length;

describe('a burst of parallel wrong PINs for one account', () => {
  it('checks at most five (one at a time), locks the account, and refuses the right PIN until the lockout ends', async () => {
    let now = Date.parse('2026-12-01T02:00:00Z');
    // The per-address budget is lifted here, so the account lockout alone is what stops the burst.
    const { host: h, dir } = await station({
      clock: { now: () => new Date(now) },
      limits: { loginAttempts: [{ points: 10_000, seconds: 60 }] },
    });
    const sockets = Array.from({ length: 20 }, (_, i) => connect(h, `role=counter&window=${(i % 9) + 1}`));
    await Promise.all(sockets.map((s) => s.opened));
    const replies = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        sockets[i % sockets.length]!.call('auth.login', { staffNo: '1006', pin: String(900000 + i) }),
      ),
    );
    expect(replies.filter((r) => r.ok)).toHaveLength(0);
    // Four plain wrong PINs, the fifth locks, and every guess queued behind it is refused as locked.
    expect(count(replies, 'unauthenticated')).toBe(4);
    expect(count(replies, 'locked')).toBe(196);
    expect(replies.filter((r) => r.error?.key === 'access.lockedFor')).toHaveLength(1);

    // scrypt ran for exactly the five audited wrong PINs; the rest were refused before it, each audited too.
    const failed = audit(dir, 'auth.failed').filter((a) => a.actor === '1006');
    expect(failed).toHaveLength(5);
    expect(failed.every((a) => String(a.detail.source).endsWith('127.0.0.1'))).toBe(true);
    expect(audit(dir, 'auth.refusedLocked').filter((a) => a.actor === '1006')).toHaveLength(195);

    // The right PIN is refused while the lockout lasts, on a fresh connection too.
    const fresh = connect(h, 'role=counter&window=4');
    await fresh.opened;
    expect(await fresh.call('auth.login', { staffNo: '1006', pin: '123456' })).toMatchObject({
      ok: false,
      error: { code: 'locked', key: 'access.lockedUntil' },
    });
    now += 16 * 60_000;
    expect((await fresh.call('auth.login', { staffNo: '1006', pin: '123456' })).ok).toBe(true);
    for (const s of [...sockets, fresh]) s.close();
  }, 60_000);

  it('counts a burst at the unlock screen the same way', async () => {
    const { host: h, dir } = await station({ limits: { loginAttempts: [{ points: 10_000, seconds: 60 }] } });
    const counter = connect(h, 'role=counter&window=2');
    await counter.opened;
    expect((await counter.call('auth.login', { staffNo: '1007', pin: '123456' })).ok).toBe(true);
    expect((await counter.call('auth.lock', {})).ok).toBe(true);
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) => counter.call('auth.unlock', { pin: String(800000 + i) })),
    );
    expect(replies.filter((r) => r.ok)).toHaveLength(0);
    expect(audit(dir, 'auth.unlockFailed').filter((a) => a.actor === '1007')).toHaveLength(5);
    // The fifth wrong PIN ended the session, as a login lockout does.
    expect(await counter.call('auth.session', {})).toEqual({ ok: true, value: null });
    counter.close();
  }, 60_000);
});

describe('guesses spread across accounts from one address', () => {
  it('are cut off per address with the wait in seconds, audited once, while another address and right PINs go on', async () => {
    const { host: h, dir } = await station();
    const attacker = connect(h, 'role=counter&window=3', '127.0.0.7');
    await attacker.opened;
    // Two wrong PINs each for ten accounts: nobody's lockout is reached, but the address's budget (10) is.
    const staff = Array.from({ length: 10 }, (_, i) => String(1002 + i));
    const replies = await Promise.all(
      staff.flatMap((staffNo) => [0, 1].map((k) => attacker.call('auth.login', { staffNo, pin: `55555${k}` }))),
    );
    expect(count(replies, 'unauthenticated')).toBe(10);
    const limited = replies.filter((r) => r.error?.code === 'rate_limited');
    expect(limited).toHaveLength(10);
    const seconds = limited[0]!.error!.params!.seconds as number;
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(300);
    expect(limited[0]!.error).toMatchObject({ key: 'access.tooManyAttempts' });
    expect(limited[0]!.error!.message).toContain(`${seconds} 秒`);
    // Even the right PIN waits at that address; the refusal is audited once, naming the address.
    expect((await attacker.call('auth.login', { staffNo: '1012', pin: '123456' })).error?.code).toBe('rate_limited');
    const audited = audit(dir, 'auth.rateLimited');
    expect(audited).toHaveLength(1);
    expect(String(audited[0]!.detail.source)).toContain('127.0.0.7');

    // A colleague at another machine logs in; successful logins do not use up an address's budget.
    const colleague = connect(h, 'role=counter&window=5', '127.0.0.8');
    await colleague.opened;
    for (let i = 0; i < 15; i++) {
      expect((await colleague.call('auth.login', { staffNo: '1013', pin: '123456' })).ok).toBe(true);
      await colleague.call('auth.logout', {});
    }
    attacker.close();
    colleague.close();
  }, 60_000);
});

describe("a manager's PIN entered at the counter", () => {
  it('counts towards the manager account lockout, so guessing it there locks the manager out too', async () => {
    const { host: h, dir } = await station({ limits: { loginAttempts: [{ points: 10_000, seconds: 60 }] } });
    const counter = connect(h, 'role=counter&window=6');
    await counter.opened;
    expect((await counter.call('auth.login', { staffNo: '1008', pin: '123456' })).ok).toBe(true);
    const replies = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        counter.call('payment.decideRefundOnSpot', {
          requestId: 'rf-does-not-matter',
          approve: true,
          managerStaffNo: '1001',
          managerPin: String(700000 + i),
        }),
      ),
    );
    expect(replies.filter((r) => r.ok)).toHaveLength(0);
    expect(count(replies, 'unauthenticated')).toBe(4);
    expect(count(replies, 'locked')).toBe(26);
    expect(audit(dir, 'refund.approval_failed').filter((a) => a.actor === '1001')).toHaveLength(5);
    // The manager's own login is locked now, right PIN or not.
    const manager = connect(h, 'role=manager');
    await manager.opened;
    expect((await manager.call('auth.login', { staffNo: '1001', pin: '123456' })).error?.code).toBe('locked');
    counter.close();
    manager.close();
  }, 60_000);
});
