import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedQueueHistory, type QueueHistoryStats } from '../../../hall/seed/queue-history';
import { BAD_REASONS, CONSULTATION_TOPICS, LUNCH_PAUSE } from '../../../hall/seed/service-history';
import { configure, migrate } from '../../../node/sqlite/migrate';

/** A year of the demo hall: ratings, consultations and pauses beside the tickets, at a realistic mix. */
describe('a year of demo history', () => {
  const db = new Database(':memory:');
  let stats: QueueHistoryStats;
  let ms = 0;
  const one = <T>(sql: string) => db.prepare(sql).get() as T;

  beforeAll(() => {
    configure(db);
    migrate(db);
    const t0 = performance.now();
    stats = seedQueueHistory(db, { hallId: 'H001', until: '2026-11-23' });
    ms = performance.now() - t0;
    console.log(`a year of history: ${JSON.stringify(stats)} in ${Math.round(ms)} ms`);
  });

  it('covers 365 days on all twelve windows, with a busy hall’s volume', () => {
    expect(one<{ n: number }>('SELECT count(DISTINCT day) AS n FROM tickets').n).toBe(365);
    expect(one<{ d: string }>('SELECT min(day) AS d FROM tickets').d).toBe('2025-11-23');
    const windows = db.prepare('SELECT DISTINCT window_no AS w FROM calls ORDER BY w').all() as { w: number }[];
    expect(windows.map((x) => x.w)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(stats.tickets).toBeGreaterThan(100_000);
    expect(stats.tickets).toBeLessThan(200_000);
  });

  it('rates about four in five finished services, mostly well, and every bad rating has a reason', () => {
    const finished = one<{ n: number }>(`SELECT count(*) AS n FROM tickets WHERE status = 'finished'`).n;
    const rated = one<{ n: number }>(`SELECT count(*) AS n FROM ratings WHERE level <> 'none'`).n;
    expect(rated).toBe(stats.ratings);
    expect(rated / finished).toBeGreaterThan(0.7);
    expect(rated / finished).toBeLessThan(0.85);
    const byLevel = Object.fromEntries(
      (
        db.prepare(`SELECT level, count(*) AS n FROM ratings WHERE level <> 'none' GROUP BY level`).all() as {
          level: string;
          n: number;
        }[]
      ).map((r) => [r.level, r.n / rated]),
    );
    expect(byLevel.very_satisfied).toBeGreaterThan(0.5);
    expect(byLevel.unsatisfied! + byLevel.very_unsatisfied!).toBeGreaterThan(0.02);
    expect(byLevel.unsatisfied! + byLevel.very_unsatisfied!).toBeLessThan(0.12);
    const bad = db.prepare(`SELECT reason FROM ratings WHERE level IN ('unsatisfied', 'very_unsatisfied')`).all() as {
      reason: string | null;
    }[];
    const known = new Set(BAD_REASONS.map(([r]) => r));
    expect(bad.every((r) => r.reason !== null && known.has(r.reason))).toBe(true);
    expect(
      one<{ n: number }>(`SELECT count(*) AS n FROM ratings WHERE level = 'satisfied' AND reason IS NOT NULL`).n,
    ).toBe(0);
    // A rating is given after its service ends, by the agent who served it.
    expect(
      one<{ n: number }>(
        `SELECT count(*) AS n FROM ratings r JOIN tickets t ON t.id = r.ticket_id
          WHERE r.created_at <= t.finished_at OR r.staff_id <> t.staff_id OR t.status <> 'finished'`,
      ).n,
    ).toBe(0);
  });

  it('gives agents different rating records, so the evaluation has something to rank', () => {
    const rows = db
      .prepare(
        `SELECT staff_id, avg(level IN ('very_satisfied', 'satisfied')) AS s FROM ratings WHERE level <> 'none' GROUP BY staff_id`,
      )
      .all() as { s: number }[];
    expect(rows.length).toBeGreaterThan(10);
    expect(Math.max(...rows.map((r) => r.s)) - Math.min(...rows.map((r) => r.s))).toBeGreaterThan(0.02);
  });

  it('logs consultations and audits each pause with its reason, lunch the most', () => {
    expect(stats.consultations).toBeGreaterThan(365 * 4);
    const topics = db.prepare('SELECT DISTINCT topic FROM consultations').all() as { topic: string }[];
    expect(new Set(topics.map((t) => t.topic))).toEqual(new Set(CONSULTATION_TOPICS));
    const paused = db
      .prepare(
        `SELECT json_extract(detail, '$.reason') AS reason, count(*) AS n FROM audit_log WHERE action = 'window.paused' GROUP BY reason ORDER BY n DESC`,
      )
      .all() as { reason: string; n: number }[];
    expect(paused[0]!.reason).toBe(LUNCH_PAUSE);
    expect(paused.reduce((n, r) => n + r.n, 0)).toBe(stats.pauses);
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM audit_log WHERE action = 'window.open'`).n).toBe(stats.pauses);
  });

  it('calls nobody at a window while it is paused', () => {
    const pauses = db
      .prepare(
        `SELECT p.at AS since, o.at AS until, json_extract(p.detail, '$.windowNo') AS windowNo
           FROM audit_log p JOIN audit_log o ON o.id = substr(p.id, 1, length(p.id) - 1) || 'o'
          WHERE p.action = 'window.paused'`,
      )
      .all() as { since: string; until: string; windowNo: number }[];
    expect(pauses).toHaveLength(stats.pauses);
    const calledDuring = db.prepare(
      'SELECT count(*) AS n FROM calls WHERE at > ? AND at < ? AND window_no = ? AND recall = 0',
    );
    const clashes = pauses.filter((p) => (calledDuring.get(p.since, p.until, p.windowNo) as { n: number }).n > 0);
    expect(clashes).toEqual([]);
  });

  it('seeds a year quickly enough for npm start', () => {
    // One transaction of prepared statements; generous for a shared CI machine.
    expect(ms).toBeLessThan(30_000);
  });
});
