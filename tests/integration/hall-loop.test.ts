import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallerContext } from '../../main/services/caller';
import { startStationHost, type StationHost } from '../../main/host';
import { startCentral, type CentralServer } from '../../central/server';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';
import { nextEvent } from '../support/events';

/** The hall loop through a real central over loopback: kiosk → display → counter → rate → manager. */
const ctx = (role: CallerContext['role'], windowNo: number | null = null): CallerContext => ({
  connectionId: role,
  source: 'local:test',
  role,
  windowNo,
  session: null,
});

describe('hall loop across stations through the central', () => {
  let central: CentralServer;
  const stations: Record<'kiosk' | 'display' | 'counter' | 'rate' | 'manager', StationHost> = {} as never;

  beforeAll(async () => {
    const root = makeTempDir('loop-');
    central = await startCentral({
      dbFile: path.join(seededDataDir('central.db', path.join(root, 'central')), 'central.db'),
    });
    // Each PC enrols with the station role it is (the rating screen is the counter PC's second monitor).
    const roles = {
      kiosk: 'kiosk',
      display: 'display',
      counter: 'counter',
      rate: 'counter',
      manager: 'manager',
    } as const;
    for (const name of ['kiosk', 'display', 'counter', 'rate', 'manager'] as const) {
      const enrollCode = central.issueEnrollmentCode('H001', roles[name]);
      stations[name] = await startStationHost({
        dataDir: seededDataDir('station.db', path.join(root, name)),
        centralUrl: central.url,
        enrollCode,
      });
    }
  });
  afterAll(async () => {
    for (const s of Object.values(stations)) await s.close();
    await central?.close();
  });

  it('issues, displays, calls, finishes, rates and evaluates', async () => {
    const kiosk = ctx('kiosk');
    const displayWaiting = nextEvent(stations.display.events, 'queue.changed');
    const issued = await stations.kiosk.router.call(kiosk, 'queue.issueTicket', { businessType: 'PAY' });
    expect(issued).toMatchObject({ ok: true, value: { ticket: { number: 'A001', status: 'waiting' } } });
    await displayWaiting;
    const snap = await stations.display.router.call(ctx('display'), 'queue.snapshot', {});
    expect(snap.ok && (snap.value as { waiting: { number: string }[] }).waiting.map((t) => t.number)).toEqual(['A001']);

    // The counter at window 3 sees the ticket once its own pull has brought it.
    const counter = ctx('counter', 3);
    if (!(await stations.counter.router.call(counter, 'queue.snapshot', {})).ok) throw new Error('snapshot failed');
    await stations.counter.sync!.idle();
    const login = await stations.counter.router.call(counter, 'auth.login', { staffNo: '1003', pin: '123456' });
    expect(login.ok).toBe(true);
    const called = nextEvent(stations.display.events, 'ticket.called');
    const call = await stations.counter.router.call(counter, 'counter.callNext', {});
    expect(call).toMatchObject({ ok: true, value: { number: 'A001', status: 'called', windowNo: 3 } });
    expect((await called).text).toBe('请 A001 号到 3 号窗口办理');

    const ticketId = (call as { value: { id: string } }).value.id;
    expect((await stations.counter.router.call(counter, 'counter.start', { ticketId })).ok).toBe(true);
    const asked = nextEvent(stations.rate.events, 'rating.requested', (p) => p.windowNo === 3);
    expect((await stations.counter.router.call(counter, 'counter.finish', { ticketId })).ok).toBe(true);
    await asked;

    const rate = ctx('rate', 3);
    const prompt = await stations.rate.router.call(rate, 'rate.prompt', {});
    expect(prompt).toMatchObject({
      ok: true,
      value: { awaitingRating: { number: 'A001' }, agent: { staffNo: '1003' } },
    });
    const recorded = nextEvent(stations.manager.events, 'rating.recorded');
    expect((await stations.rate.router.call(rate, 'rate.submit', { ticketId, level: 'very_satisfied' })).ok).toBe(true);
    await recorded;

    const manager = ctx('manager');
    expect((await stations.manager.router.call(manager, 'auth.login', { staffNo: '1001', pin: '123456' })).ok).toBe(
      true,
    );
    const evals = await stations.manager.router.call(manager, 'manager.evaluations', {});
    const row = evals.ok
      ? (evals.value as { staff: { staffNo: string }; byLevel: Record<string, number>; served: number }[]).find(
          (e) => e.staff.staffNo === '1003',
        )
      : undefined;
    expect(row).toMatchObject({ served: 1, byLevel: { very_satisfied: 1 } });
  });
});
