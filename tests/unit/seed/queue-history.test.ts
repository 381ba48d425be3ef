import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { computeKpis } from '@common/queue/kpi';
import { seedQueueHistory } from '../../../hall/seed/queue-history';
import { kpiTimelines } from '../../../main/storage/ops/kpi-queries';
import { sqliteTx } from '../../../node/sqlite/sqlite-tx';
import { configure, migrate } from '../../../node/sqlite/migrate';

function historyDb(seed = 1) {
  const db = new Database(':memory:');
  configure(db);
  migrate(db);
  const r = seedQueueHistory(db, { hallId: 'H001', until: '2026-11-23', days: 14, seed });
  return { db, r };
}

describe('demo queue history', () => {
  const { db, r } = historyDb();
  const timelines = kpiTimelines(
    { db, tx: sqliteTx(db), hallId: 'H001', stationId: 'x' },
    { from: '2026-11-01', to: '2026-11-30' },
  );

  it('covers the days before `until` and none after', () => {
    const days = db.prepare('SELECT DISTINCT day FROM tickets ORDER BY day').all() as { day: string }[];
    expect(days[0]!.day).toBe('2026-11-09');
    expect(days.at(-1)!.day).toBe('2026-11-22');
    expect(timelines).toHaveLength(r.tickets);
  });

  it('keeps every timeline in order: issue ≤ call ≤ start ≤ finish', () => {
    for (const t of timelines) {
      const call = t.calls[0] ? Date.parse(String(t.calls[0].at)) : null;
      if (call !== null) expect(call).toBeGreaterThanOrEqual(Date.parse(String(t.issuedAt)));
      if (t.startedAt) expect(Date.parse(String(t.startedAt))).toBeGreaterThanOrEqual(call!);
      if (t.finishedAt) expect(Date.parse(String(t.finishedAt))).toBeGreaterThan(Date.parse(String(t.startedAt)));
    }
  });

  it('has a hall’s shape: a morning peak, a quiet lunch, some no-shows and walk-aways', () => {
    const k = computeKpis(timelines);
    expect(k.byHour['10']!.issued).toBeGreaterThan(2 * k.byHour['12']!.issued);
    expect(k.overall.noShowRate).toBeGreaterThan(0);
    expect(k.overall.walkAwayRate).toBeGreaterThan(0);
    expect(k.overall.serviceLevel).toBeGreaterThan(0.3);
    expect(k.overall.serviceLevel).toBeLessThan(1);
    expect(Object.keys(k.byAgent).length).toBeGreaterThan(4);
  });

  it('is deterministic for a seed', () => {
    const a = historyDb(3).db.prepare('SELECT id, issued_at, status FROM tickets ORDER BY id').all();
    const b = historyDb(3).db.prepare('SELECT id, issued_at, status FROM tickets ORDER BY id').all();
    expect(a).toEqual(b);
  });
});
