import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffingForecast } from '@common/api/features/staffing';
import { serversNeeded } from '@common/queue/erlang-c';
import type { CallerContext } from '../../main/services/caller';
import { startStationHost, type StationHost } from '../../main/host';
import { seedQueueHistory, STAFFED_BY_WEEKDAY } from '../../hall/seed/queue-history';
import { seededDataDir } from '../support/hall-fixture';

/**
 * The staffing forecast through a real station over four weeks of the demo's simulated queue
 * (windows staffed by weekday, arrivals peaking at 10:00 and 15:00). Today is Monday 2026-11-23.
 */
const TODAY = '2026-11-23';
describe('the staffing forecast', () => {
  let host: StationHost;
  const manager: CallerContext = {
    connectionId: 'm',
    source: 'local:test',
    role: 'manager',
    windowNo: null,
    session: null,
  };
  const forecast = async (input: Record<string, unknown>) => {
    const r = await host.router.call(manager, 'manager.staffingForecast', input as never);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as StaffingForecast;
  };

  beforeAll(async () => {
    const dir = seededDataDir('station.db');
    const db = new Database(path.join(dir, 'station.db'));
    seedQueueHistory(db, { hallId: 'H001', until: TODAY, days: 28 });
    db.close();
    host = await startStationHost({ dataDir: dir, clock: { now: () => new Date(`${TODAY}T10:00:00+08:00`) } });
    expect((await host.router.call(manager, 'auth.login', { staffNo: '1001', pin: '123456' })).ok).toBe(true);
  });
  afterAll(async () => {
    await host?.close();
  });

  it('forecasts the seven days from tomorrow from the same weekdays of the history', async () => {
    const f = await forecast({ weeks: 4 });
    expect([f.from, f.to, f.weeks, f.goal]).toEqual(['2026-10-26', '2026-11-22', 4, 0.8]);
    expect(f.days.map((d) => d.date)).toEqual([
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
      '2026-11-30',
    ]);
    expect(f.days.map((d) => d.weekday)).toEqual([2, 3, 4, 5, 6, 0, 1]);
    // The simulated hall issues from 08:00 to 17:59.
    expect(f.days[0]!.hours.map((h) => h.hour)).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(f.windows).toBe(12);
  });

  it('needs more windows at the peak than at lunch, and shows what the history had open', async () => {
    const tuesday = (await forecast({ weeks: 4 })).days[0]!;
    const at = (hour: number) => tuesday.hours.find((h) => h.hour === hour)!;
    expect(at(10).arrivals).toBeGreaterThan(at(12).arrivals * 2);
    expect(at(10).needed!).toBeGreaterThan(at(12).needed!);
    // Every staffed window called tickets in the busy hours of the simulated Tuesdays.
    expect(at(10).rostered).toBe(STAFFED_BY_WEEKDAY[2]);
    expect(at(10).rosteredServiceLevel).not.toBeNull();
  });

  it('answers each hour with Erlang C for its own load, target and goal', async () => {
    const f = await forecast({ weeks: 4, goal: 0.9 });
    for (const h of f.days[0]!.hours) {
      const expected = serversNeeded({
        arrivalsPerHour: h.arrivals,
        ahtSec: h.ahtSec,
        targetWaitSec: f.targetWaitMin * 60,
        goal: 0.9,
        maxServers: 12,
      });
      // Arrivals and handling time are rounded on the wire: allow the one-window step that can move.
      expect(Math.abs((h.needed ?? 99) - (expected.servers ?? 99))).toBeLessThanOrEqual(1);
    }
    const relaxed = await forecast({ weeks: 4, goal: 0.5 });
    const sum = (x: StaffingForecast) => x.days[0]!.hours.reduce((n, h) => n + (h.needed ?? 0), 0);
    expect(sum(relaxed)).toBeLessThanOrEqual(sum(f));
  });

  it('averages over the days the history has, not the weeks asked for', async () => {
    // Four weeks of history asked as four or as twelve: the same expected load.
    const four = (await forecast({ weeks: 4 })).days[0]!.hours;
    const twelve = (await forecast({ weeks: 12 })).days[0]!.hours;
    expect(twelve.map((h) => [h.arrivals, h.rostered])).toEqual(four.map((h) => [h.arrivals, h.rostered]));
  });

  it('refuses settings outside their range with a message', async () => {
    for (const input of [{ weeks: 0 }, { weeks: 53 }, { goal: 0.3 }, { goal: 1 }, { weeks: 2.5 }, { extra: true }])
      expect(await host.router.call(manager, 'manager.staffingForecast', input as never)).toMatchObject({
        ok: false,
        error: { code: 'validation' },
      });
    expect(await host.router.call(manager, 'manager.staffingForecast', { goal: 1 } as never)).toMatchObject({
      error: { key: 'staffing.goalRange', field: 'goal' },
    });
  });
});
