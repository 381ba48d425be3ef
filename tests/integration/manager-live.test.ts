import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName } from '@common/api/contract';
import type { LiveHall } from '@common/api/features/live';
import type { CallerContext } from '../../main/services/caller';
import { startStationHost, type StationHost } from '../../main/host';
import { makeTempDir, seededDataDir, withTemplateKey } from '../support/hall-fixture';

/**
 * The manager's live view through a real station: tickets issued and called, a window paused with a
 * reason, a ticket left past its target, a bad rating — each visible in the next snapshot, and each
 * announced to the manager's session by an event it may receive.
 */
const T0 = Date.parse('2026-11-23T02:00:00.000Z'); // 10:00 in the hall
const clock = {
  t: T0,
  now() {
    return new Date(this.t);
  },
};
const later = (sec: number) => {
  clock.t += sec * 1000;
};
const caller = (role: CallerContext['role'], windowNo: number | null, id: string): CallerContext => ({
  connectionId: id,
  source: 'local:test',
  role,
  windowNo,
  session: null,
});
function must<T>(r: { ok: boolean; value?: unknown; error?: unknown }): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value as T;
}

describe('the manager’s live view', () => {
  let host: StationHost;
  const manager = caller('manager', null, 'manager');
  const kiosk = caller('kiosk', null, 'kiosk');
  const w1 = caller('counter', 1, 'w1');
  const w5 = caller('counter', 5, 'w5');
  const rate1 = caller('rate', 1, 'rate1');
  const seen: EventName[] = [];

  const live = async () => must<LiveHall>(await host.router.call(manager, 'manager.live', {}));

  beforeAll(async () => {
    clock.t = T0;
    host = await startStationHost({
      dataDir: withTemplateKey(seededDataDir('station.db', makeTempDir('live-'))),
      clock,
    });
    must(await host.router.call(manager, 'auth.login', { staffNo: '1001', pin: '123456' }));
    must(await host.router.call(w1, 'auth.login', { staffNo: '1002', pin: '123456' }));
    must(await host.router.call(w5, 'auth.login', { staffNo: '1006', pin: '123456' }));
    host.router.subscribe(manager, (event) => void seen.push(event));
  });
  afterAll(async () => {
    await host?.close();
  });

  it('starts from an honest empty day', async () => {
    const v = await live();
    expect(v.types.every((t) => t.waiting === 0 && t.longestWaitSec === null)).toBe(true);
    expect(v.today).toMatchObject({ issued: 0, serviceLevel: null, wait: { mean: null } });
    expect(v.longWaits).toEqual([]);
    expect(v.badRatings).toEqual([]);
    expect(v.windows.find((w) => w.windowNo === 1)).toMatchObject({
      status: 'open',
      agent: { staffNo: '1002' },
      current: null,
    });
  });

  it('counts the waiting by type and shows who serves what', async () => {
    const a = must<{ ticket: { number: string } }>(
      await host.router.call(kiosk, 'queue.issueTicket', { businessType: 'PAY' }),
    );
    must(await host.router.call(kiosk, 'queue.issueTicket', { businessType: 'PAY' }));
    must(await host.router.call(kiosk, 'queue.issueTicket', { businessType: 'NEW' }));
    expect(seen).toContain('queue.changed');
    later(300);
    const called = must<{ id: string; number: string }>(await host.router.call(w1, 'counter.callNext', {}));
    expect(called.number).toBe(a.ticket.number);
    must(await host.router.call(w1, 'counter.start', { ticketId: called.id }));

    const v = await live();
    expect(v.types.find((t) => t.code === 'PAY')).toMatchObject({ waiting: 1, longestWaitSec: 300 });
    expect(v.types.find((t) => t.code === 'NEW')).toMatchObject({ waiting: 1, longestWaitSec: 300 });
    expect(v.windows.find((w) => w.windowNo === 1)!.current).toMatchObject({
      number: called.number,
      status: 'serving',
    });
    // Wait of the one called ticket: 300 s, within PAY's 20 minutes.
    expect(v.today).toMatchObject({ issued: 3, called: 1, serviceLevel: 1, wait: { mean: 300 } });
  });

  it('shows a paused window with its reason and since when', async () => {
    const pausedAt = clock.now().toISOString();
    must(await host.router.call(w5, 'counter.setStatus', { status: 'paused', reason: '临时离开（用餐）' }));
    later(600);
    const w = (await live()).windows.find((x) => x.windowNo === 5)!;
    expect(w).toMatchObject({ status: 'paused', pauseReason: '临时离开（用餐）', pausedSince: pausedAt });
    // Window 5 (业扩) paused: one window fewer serves 新装 while it is.
    const servingNew = (await live()).types.find((t) => t.code === 'NEW')!.servers;
    must(await host.router.call(w5, 'counter.setStatus', { status: 'open' }));
    expect((await live()).types.find((t) => t.code === 'NEW')!.servers).toBe(servingNew + 1);
    expect((await live()).windows.find((x) => x.windowNo === 5)).toMatchObject({
      status: 'open',
      pauseReason: null,
      pausedSince: null,
    });
  });

  it('raises a long-wait alert at the target from the queue configuration', async () => {
    // 900 s so far; PAY's configured target is shortened to 10 minutes by the manager.
    const cfg = must<{ types: ({ code: string; name: string } & Record<string, unknown>)[] }>(
      await host.router.call(manager, 'queue.config', {}),
    );
    const { name: _name, ...pay } = cfg.types.find((t) => t.code === 'PAY')!;
    must(await host.router.call(manager, 'manager.configureType', { type: { ...pay, targetWaitMin: 10 } as never }));
    const v = await live();
    expect(v.types.find((t) => t.code === 'PAY')!.targetWaitMin).toBe(10);
    expect(v.longWaits.map((x) => x.businessType)).toEqual(['PAY']);
    expect(v.longWaits[0]).toMatchObject({ waitedSec: 900, targetWaitMin: 10 });
  });

  it('lists a bad rating with its reason the moment it is recorded', async () => {
    const current = (await live()).windows.find((w) => w.windowNo === 1)!.current!;
    const panel = must<{ current: { id: string } }>(await host.router.call(w1, 'counter.panel', {}));
    must(await host.router.call(w1, 'counter.finish', { ticketId: panel.current.id }));
    seen.length = 0;
    must(
      await host.router.call(rate1, 'rate.submit', {
        ticketId: panel.current.id,
        level: 'very_unsatisfied',
        reason: '办理太慢',
      }),
    );
    expect(seen).toContain('rating.recorded');
    const v = await live();
    expect(v.badRatings).toHaveLength(1);
    expect(v.badRatings[0]).toMatchObject({
      ticketNo: current.number,
      windowNo: 1,
      staffName: '王丽娟',
      level: 'very_unsatisfied',
      reason: '办理太慢',
    });
    expect(v.windows.find((w) => w.windowNo === 1)).toMatchObject({ current: null, servedToday: 1 });
  });

  it('is the manager’s alone', async () => {
    expect(await host.router.call(w1, 'manager.live', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const anonymous = caller('manager', null, 'anon');
    expect(await host.router.call(anonymous, 'manager.live', {})).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    expect(await host.router.call(manager, 'manager.live', { extra: 1 } as never)).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
  });
});
