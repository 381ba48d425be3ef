import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeKpis,
  measure,
  newTicket,
  servingCallAt,
  timelineOf,
  transition,
  type QueueTicket,
  type TicketAction,
  type TicketTimelineInput,
} from '@common/queue';

/** 2026-11-23, Shanghai local 'HH:MM:SS'. */
const L = (hms: string) => `2026-11-23T${hms}+08:00`;
const call = (hms: string, recall = false) => ({ at: L(hms), recall });

/** Hand-computed timelines (seconds in the comments). */
const TIMELINES: TicketTimelineInput[] = [
  // A: wait 600, walk 60, AHT 600, hall 1260; within 20 min
  {
    id: 'A',
    type: 'PAY',
    issuedAt: L('09:00:00'),
    calls: [call('09:10:00')],
    startedAt: L('09:11:00'),
    finishedAt: L('09:21:00'),
    status: 'finished',
    windowNo: 1,
    agentId: 'ag1',
  },
  // B: no-show, then called again after coming back: the re-call counts.
  //    wait 09:50 − 09:05 = 2700 (not within 20 min), walk 120, AHT 600, hall 3420
  {
    id: 'B',
    type: 'PAY',
    issuedAt: L('09:05:00'),
    calls: [call('09:30:00'), call('09:31:00', true), call('09:32:00', true), call('09:50:00'), call('09:51:00', true)],
    noShowAt: [L('09:33:00')],
    startedAt: L('09:52:00'),
    finishedAt: L('10:02:00'),
    status: 'finished',
    windowNo: 2,
    agentId: 'ag2',
  },
  // C: no-show for good: wait 1200, within NEW's 30 min target
  {
    id: 'C',
    type: 'NEW',
    issuedAt: L('09:20:00'),
    calls: [call('09:40:00'), call('09:41:00', true)],
    noShowAt: [L('09:42:00')],
    status: 'no_show',
    windowNo: 1,
    agentId: 'ag1',
  },
  // D, E: walk-aways, never called
  { id: 'D', type: 'FAULT', issuedAt: L('10:10:00'), status: 'cancelled' },
  { id: 'E', type: 'ASK', issuedAt: L('10:30:00'), status: 'abandoned' },
  // F: wait 1500 (over 20 min), walk 60, AHT 240, hall 1800
  {
    id: 'F',
    type: 'PAY',
    issuedAt: L('10:40:00'),
    calls: [call('11:05:00')],
    startedAt: L('11:06:00'),
    finishedAt: L('11:10:00'),
    status: 'finished',
    windowNo: 1,
    agentId: 'ag1',
  },
];

describe('KPIs from hand-computed timelines', () => {
  const k = computeKpis(TIMELINES);

  it('per-ticket measures, including the no-show re-call', () => {
    expect(measure(TIMELINES[0]!)).toMatchObject({
      wait: 600,
      walk: 60,
      aht: 600,
      timeInHall: 1260,
      withinTarget: true,
      noShow: false,
    });
    expect(measure(TIMELINES[1]!)).toMatchObject({
      wait: 2700,
      walk: 120,
      aht: 600,
      timeInHall: 3420,
      withinTarget: false,
      noShow: true,
      finished: true,
    });
    expect(measure(TIMELINES[2]!)).toMatchObject({
      wait: 1200,
      walk: null,
      aht: null,
      timeInHall: null,
      withinTarget: true,
      noShow: true,
    });
    expect(measure(TIMELINES[3]!)).toMatchObject({ wait: null, called: false, walkAway: true });
    // a recall alone does not move the wait: first call − issue
    expect(
      servingCallAt({
        calls: [
          { at: L('09:10:00'), recall: false },
          { at: L('09:11:00'), recall: true },
        ],
        noShowAt: [],
      }),
    ).toBe(Date.parse(L('09:10:00')));
  });

  it('overall', () => {
    expect(k.overall).toMatchObject({ issued: 6, called: 4, finished: 3, noShows: 2, walkAways: 2, withinTarget: 2 });
    expect(k.overall.wait).toEqual({ n: 4, total: 6000, mean: 1500, max: 2700 });
    expect(k.overall.walk).toEqual({ n: 3, total: 240, mean: 80, max: 120 });
    expect(k.overall.aht).toEqual({ n: 3, total: 1440, mean: 480, max: 600 });
    expect(k.overall.timeInHall).toEqual({ n: 3, total: 6480, mean: 2160, max: 3420 });
    expect(k.overall.serviceLevel).toBe(0.5);
    expect(k.overall.noShowRate).toBe(0.5);
    expect(k.overall.walkAwayRate).toBeCloseTo(2 / 6, 12);
  });

  it('grouped by hour, type, window and agent', () => {
    expect(Object.keys(k.byHour).sort()).toEqual(['09', '10']);
    expect(k.byHour['09']).toMatchObject({ issued: 3, called: 3, noShows: 2, walkAways: 0 });
    expect(k.byHour['10']).toMatchObject({ issued: 3, called: 1, walkAways: 2, walkAwayRate: 2 / 3 });
    expect(k.byType.PAY).toMatchObject({ issued: 3, called: 3, withinTarget: 1, noShows: 1 });
    expect(k.byType.PAY!.serviceLevel).toBeCloseTo(1 / 3, 12);
    expect(k.byType.NEW).toMatchObject({ serviceLevel: 1, noShowRate: 1 });
    expect(k.byType.FAULT).toMatchObject({
      issued: 1,
      called: 0,
      serviceLevel: null,
      noShowRate: null,
      walkAwayRate: 1,
    });
    expect(k.byWindow['1']).toMatchObject({ issued: 3, finished: 2 });
    expect(k.byWindow['1']!.aht.mean).toBe(420);
    expect(k.byWindow['2']!.wait.mean).toBe(2700);
    expect(k.byWindow.none).toMatchObject({ issued: 2, walkAways: 2 });
    expect(k.byAgent.ag1).toMatchObject({ issued: 3 });
    expect(k.byAgent.ag2).toMatchObject({ issued: 1, noShows: 1 });
  });

  it('per-type targets can be overridden', () => {
    expect(computeKpis(TIMELINES, { targetWaitMin: { PAY: 30 } }).overall.serviceLevel).toBe(0.75);
    // default 20 min for an unknown type
    expect(
      computeKpis([{ type: 'ZZZ', issuedAt: L('09:00:00'), calls: [call('09:20:00')], status: 'called' }]).overall
        .serviceLevel,
    ).toBe(1);
    expect(
      computeKpis([{ type: 'ZZZ', issuedAt: L('09:00:00'), calls: [call('09:20:01')], status: 'called' }]).overall
        .serviceLevel,
    ).toBe(0);
  });

  it('counts the tickets numbered from offline leases, overall and per type', () => {
    const k = computeKpis([
      { type: 'PAY', issuedAt: L('09:00:00'), status: 'waiting', leased: true },
      { type: 'PAY', issuedAt: L('09:01:00'), status: 'waiting' },
      { type: 'NEW', issuedAt: L('09:02:00'), status: 'waiting', leased: true },
    ]);
    expect(k.overall.fromLeases).toBe(2);
    expect(k.byType.PAY?.fromLeases).toBe(1);
    expect(computeKpis(TIMELINES).overall.fromLeases).toBe(0);
  });

  it('hour groups follow the offset', () => {
    expect(Object.keys(computeKpis(TIMELINES, { offsetMin: 0 }).byHour).sort()).toEqual(['01', '02']);
  });

  it('empty input and invalid input', () => {
    expect(computeKpis([]).overall).toMatchObject({
      issued: 0,
      serviceLevel: null,
      noShowRate: null,
      walkAwayRate: null,
      wait: { n: 0, mean: null },
    });
    expect(() => computeKpis([{ type: 'PAY', issuedAt: 'nope', status: 'waiting' }])).toThrow();
  });
});

describe('KPIs from the state machine', () => {
  it('timelineOf a ticket run through transitions with a no-show re-call', () => {
    const W = { windowNo: 4, status: 'open' as const, agentId: 'ag4', holding: null };
    const s = (hms: string) => Date.parse(L(hms));
    const steps: Array<[TicketAction, string]> = [
      [{ type: 'call' }, '09:10:00'],
      [{ type: 'recall' }, '09:11:00'],
      [{ type: 'recall' }, '09:12:00'],
      [{ type: 'noShow' }, '09:13:00'],
      [{ type: 'call', reason: '客户返回' }, '09:30:00'],
      [{ type: 'recall' }, '09:31:00'],
      [{ type: 'start' }, '09:32:00'],
      [{ type: 'finish' }, '09:40:00'],
    ];
    let t: QueueTicket = newTicket({ id: 'X', number: 'A009', businessType: 'PAY', issuedAt: L('09:00:00') });
    for (const [a, hms] of steps) {
      const r = transition(t, a, { now: s(hms), window: W });
      if (!r.ok) throw new Error(r.error.message);
      t = r.ticket;
    }
    const m = measure(timelineOf(t));
    expect(m).toMatchObject({ wait: 1800, walk: 120, aht: 480, timeInHall: 2400, noShow: true, withinTarget: false });
    expect(computeKpis([timelineOf(t)]).byWindow['4']).toMatchObject({ issued: 1, noShows: 1 });
  });

  it('property: wait + walk + AHT = time in hall for a served ticket', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3600 }), { minLength: 4, maxLength: 4 }),
        fc.nat({ max: 3 }),
        ([w, r, walk, aht], recalls) => {
          const issued = Date.parse(L('09:00:00'));
          const callAt = issued + w * 1000;
          const calls = [
            { at: callAt, recall: false },
            ...Array.from({ length: recalls }, (_, i) => ({ at: callAt + (i + 1) * (r + 1) * 1000, recall: true })),
          ];
          const start = callAt + (walk + recalls * (r + 1)) * 1000;
          const m = measure({
            type: 'PAY',
            issuedAt: issued,
            calls,
            startedAt: start,
            finishedAt: start + aht * 1000,
            status: 'finished',
          });
          expect(m.wait).toBe(w);
          expect(m.wait! + m.walk! + m.aht!).toBe(m.timeInHall);
        },
      ),
    );
  });
});
