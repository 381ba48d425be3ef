import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KpiCharts } from '@common/api/features/queue-charts';
import type { CallerContext } from '../../main/services/caller';
import { startStationHost, type StationHost } from '../../main/host';
import { seededDataDir } from '../support/hall-fixture';

/**
 * The KPI charts through a real station, from a hand-made set of tickets and calls whose every
 * aggregate is worked out in the comments. 2027-01-04 is a Monday, 2027-01-05 a Tuesday.
 */
const L = (day: string, hms: string) => new Date(`${day}T${hms}+08:00`).toISOString();
const MON = '2027-01-04';
const TUE = '2027-01-05';
type Row = [
  id: string,
  day: string,
  type: string,
  status: string,
  issued: string,
  calls: [string, 0 | 1][],
  window: number | null,
  staff: string | null,
  noShowAt?: string,
];
const ROWS: Row[] = [
  // Wait 4 min (bucket ≤5), PAY within 20.
  ['a', MON, 'PAY', 'finished', L(MON, '09:00:00'), [[L(MON, '09:04:00'), 0]], 1, 'S1002'],
  // First call after 12 min (≤15); the recall at 30 min does not move it.
  [
    'b',
    MON,
    'PAY',
    'finished',
    L(MON, '09:10:00'),
    [
      [L(MON, '09:22:00'), 0],
      [L(MON, '09:40:00'), 1],
    ],
    1,
    'S1002',
  ],
  // Wait 25 min (≤30): past PAY's 20-minute target; a no-show.
  ['c', MON, 'PAY', 'no_show', L(MON, '10:00:00'), [[L(MON, '10:25:00'), 0]], 2, 'S1003', L(MON, '10:27:00')],
  // Walked away before a call.
  ['d', MON, 'NEW', 'cancelled', L(MON, '10:30:00'), [], null, null],
  // Tuesday: wait 70 min (beyond 60), NEW's target 30: not within.
  ['e', TUE, 'NEW', 'finished', L(TUE, '09:00:00'), [[L(TUE, '10:10:00'), 0]], 5, 'S1006'],
  // Tuesday, past local midnight in UTC terms: issued 23:30 local is 15:30 UTC the same day.
  ['f', TUE, 'PAY', 'abandoned', L(TUE, '23:30:00'), [], null, null],
];

function writeFixture(file: string): void {
  const db = new Database(file);
  const ins = db.prepare(
    `INSERT INTO tickets (id, hall_id, day, number, business_type, priority, status, issued_at, issued_by, call_count, window_no, staff_id, no_show_at)
     VALUES (?, (SELECT id FROM halls LIMIT 1), ?, ?, ?, 'normal', ?, ?, 'fixture', ?, ?, ?, ?)`,
  );
  const call = db.prepare(
    'INSERT INTO calls (id, ticket_id, ticket_no, window_no, staff_id, recall, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  for (const [id, day, type, status, issued, calls, windowNo, staff, noShowAt] of ROWS) {
    ins.run(id, day, `N-${id}`, type, status, issued, calls.length, windowNo, staff, noShowAt ?? null);
    calls.forEach(([at, recall], i) =>
      call.run(`${id}-${i}`, id, `N-${id}`, windowNo ?? 1, staff ?? 'S1002', recall, at),
    );
  }
  db.close();
}

describe('the KPI charts, aggregated by the station', () => {
  let host: StationHost;
  const manager: CallerContext = {
    connectionId: 'm',
    source: 'local:test',
    role: 'manager',
    windowNo: null,
    session: null,
  };
  const charts = async (input: Record<string, unknown>) => {
    const r = await host.router.call(manager, 'manager.kpiCharts', input as never);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as KpiCharts;
  };

  beforeAll(async () => {
    const dir = seededDataDir('station.db');
    writeFixture(path.join(dir, 'station.db'));
    host = await startStationHost({ dataDir: dir, clock: { now: () => new Date(L(TUE, '12:00:00')) } });
    expect((await host.router.call(manager, 'auth.login', { staffNo: '1001', pin: '123456' })).ok).toBe(true);
  });
  afterAll(async () => {
    await host?.close();
  });

  it('buckets the waits of called tickets by their first call', async () => {
    const c = await charts({ from: MON, to: TUE });
    // Buckets ≤5, ≤10, ≤15, ≤20, ≤30, ≤45, ≤60, beyond: a=4, b=12, c=25, e=70.
    expect(c.waitBuckets).toEqual([1, 0, 1, 0, 1, 0, 0, 1]);
  });

  it('averages arrivals per weekday and local hour', async () => {
    const c = await charts({ from: MON, to: TUE });
    const at = (weekday: number, hour: number) =>
      c.heatmap.find((h) => h.weekday === weekday && h.hour === hour)?.perDay;
    expect(at(1, 9)).toBe(2);
    expect(at(1, 10)).toBe(2);
    expect(at(2, 9)).toBe(1);
    expect(at(2, 23)).toBe(1);
    expect(c.heatmap.reduce((n, h) => n + h.perDay, 0)).toBe(6);
    // Over two weeks each Monday counts twice: the same tickets average to half.
    const two = await charts({ from: MON, to: '2027-01-11' });
    expect(two.heatmap.find((h) => h.weekday === 1 && h.hour === 9)?.perDay).toBe(1);
  });

  it('measures service level per type against the configured target', async () => {
    const c = await charts({ from: MON, to: TUE });
    expect(c.byType).toEqual([
      { code: 'NEW', called: 1, within: 0, target: 30 },
      { code: 'PAY', called: 3, within: 2, target: 20 },
    ]);
  });

  it('trends issued, no-shows and walk-aways per day, and per month over long ranges', async () => {
    const c = await charts({ from: MON, to: TUE });
    expect(c.trend).toEqual({
      unit: 'day',
      points: [
        { key: MON, issued: 4, called: 3, noShows: 1, walkAways: 1 },
        { key: TUE, issued: 2, called: 1, noShows: 0, walkAways: 1 },
      ],
    });
    const year = await charts({ from: '2026-02-01', to: '2027-01-31' });
    expect(year.trend).toEqual({
      unit: 'month',
      points: [{ key: '2027-01', issued: 6, called: 4, noShows: 1, walkAways: 2 }],
    });
  });

  it('filters by window and by agent', async () => {
    const w1 = await charts({ from: MON, to: TUE, windowNo: 1 });
    expect(w1.waitBuckets).toEqual([1, 0, 1, 0, 0, 0, 0, 0]);
    expect(w1.trend.points).toEqual([{ key: MON, issued: 2, called: 2, noShows: 0, walkAways: 0 }]);
    const agent = await charts({ from: MON, to: TUE, staffId: 'S1003' });
    expect(agent.byType).toEqual([{ code: 'PAY', called: 1, within: 0, target: 20 }]);
    // The choices offered are those with tickets in the range.
    expect(w1.windows).toEqual([1, 2, 5]);
    expect(w1.agents.map((a) => a.staffNo)).toEqual(['1002', '1003', '1006']);
  });

  it('answers an empty range with empty charts and bad input with a typed error', async () => {
    const empty = await charts({ from: '2027-02-01', to: '2027-02-02' });
    expect(empty).toMatchObject({
      waitBuckets: [0, 0, 0, 0, 0, 0, 0, 0],
      heatmap: [],
      byType: [],
      trend: { points: [] },
    });
    for (const input of [
      { from: TUE, to: MON },
      { from: '2025-01-01', to: TUE },
      { from: '2027-13-01', to: TUE },
      { from: MON, to: TUE, windowNo: -1 },
      { from: MON, to: TUE, staffId: "x' OR 1=1" + 'x'.repeat(80) },
    ])
      expect(await host.router.call(manager, 'manager.kpiCharts', input as never)).toMatchObject({
        ok: false,
        error: { code: 'validation' },
      });
  });
});
