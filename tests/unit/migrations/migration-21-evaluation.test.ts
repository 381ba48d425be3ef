import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '@common/schema/migrations';
import { migrate } from '../../../node/sqlite/migrate';

/**
 * Migration 21 keeps the evaluation's daily aggregates with triggers. Whatever writes the rows (a
 * mutator, a pulled REPLACE, a rejection's DELETE, a migration of a station that already has data),
 * the aggregates must equal a recount from the rows themselves.
 */
const aggregated = (db: Database.Database) =>
  db
    .prepare(
      `SELECT * FROM evaluation_daily
        WHERE served <> 0 OR no_shows <> 0 OR handled <> 0 OR handled_sec <> 0 OR r_very_satisfied <> 0 OR r_satisfied <> 0
           OR r_basic <> 0 OR r_unsatisfied <> 0 OR r_very_unsatisfied <> 0 OR r_none <> 0
        ORDER BY hall_id, day, staff_id, business_type`,
    )
    .all();
const histogram = (db: Database.Database) =>
  db.prepare('SELECT * FROM handling_daily WHERE n <> 0 ORDER BY hall_id, day, business_type, bucket').all();

/** The same rows counted from scratch: copied into a database before migration 21, then migrated. */
function recount(db: Database.Database): { daily: unknown[]; hist: unknown[]; monthly: boolean } {
  const fresh = new Database(':memory:');
  migrate(fresh, MIGRATIONS, 20);
  for (const table of ['tickets', 'ratings']) {
    const rows = db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
    for (const row of rows) {
      const cols = Object.keys(row);
      fresh
        .prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`)
        .run(row);
    }
  }
  migrate(fresh, MIGRATIONS, 21);
  return { daily: aggregated(fresh), hist: histogram(fresh), monthly: monthlyMatches(fresh) };
}
/** The monthly rows must be the daily ones summed by month. */
const monthlyMatches = (db: Database.Database) => {
  const sums = (table: string, key: string) =>
    db
      .prepare(
        `SELECT hall_id, ${key} AS month, staff_id, business_type, sum(served) s, sum(handled_sec) h, sum(no_shows) n,
                sum(r_unsatisfied) u, sum(r_satisfied) o, sum(r_none) z
           FROM ${table} GROUP BY 1, 2, 3, 4 HAVING s <> 0 OR h <> 0 OR n <> 0 OR u <> 0 OR o <> 0 OR z <> 0 ORDER BY 1, 2, 3, 4`,
      )
      .all();
  const hist = (table: string, key: string) =>
    db
      .prepare(
        `SELECT hall_id, ${key} AS month, business_type, bucket, sum(n) n FROM ${table} GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4`,
      )
      .all();
  expect(sums('evaluation_monthly', 'month')).toEqual(sums('evaluation_daily', 'substr(day, 1, 7)'));
  expect(hist('handling_monthly', 'month')).toEqual(hist('handling_daily', 'substr(day, 1, 7)'));
  return true;
};
const counted = (db: Database.Database) => ({
  daily: aggregated(db),
  hist: histogram(db),
  monthly: monthlyMatches(db),
});

function ticket(db: Database.Database, id: string, o: Partial<Record<string, unknown>>, replace = false): void {
  const row = {
    id,
    hall_id: 'H001',
    day: '2026-03-02',
    number: id,
    business_type: 'PAY',
    status: 'finished',
    issued_at: '2026-03-02T01:00:00.000Z',
    issued_by: 'kiosk',
    window_no: 1,
    staff_id: 'S1',
    started_at: '2026-03-02T01:10:00.000Z',
    finished_at: '2026-03-02T01:14:30.000Z',
    ...o,
  };
  const cols = Object.keys(row);
  db.prepare(
    `INSERT ${replace ? 'OR REPLACE ' : ''}INTO tickets (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`,
  ).run(row);
}
function rating(db: Database.Database, id: string, ticketId: string, level: string, replace = false): void {
  db.prepare(
    `INSERT ${replace ? 'OR REPLACE ' : ''}INTO ratings (id, ticket_id, ticket_no, window_no, staff_id, level, created_at)
     SELECT ?, id, number, window_no, staff_id, ?, finished_at FROM tickets WHERE id = ?`,
  ).run(id, level, ticketId);
}

describe('migration 21: evaluation aggregates', () => {
  it('counts the rows a station already had when it migrates', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS, 20);
    ticket(db, 't1', {});
    ticket(db, 't2', { status: 'no_show', started_at: null, finished_at: null });
    ticket(db, 't3', { day: '2026-03-03', number: 't3', staff_id: 'S2' });
    rating(db, 'r1', 't1', 'unsatisfied');
    migrate(db, MIGRATIONS, 21);
    expect(aggregated(db)).toEqual([
      expect.objectContaining({
        day: '2026-03-02',
        staff_id: 'S1',
        served: 1,
        no_shows: 1,
        handled: 1,
        handled_sec: 270,
        r_unsatisfied: 1,
      }),
      expect.objectContaining({
        day: '2026-03-03',
        staff_id: 'S2',
        served: 1,
        no_shows: 0,
        handled_sec: 270,
        r_unsatisfied: 0,
      }),
    ]);
    expect(histogram(db)).toEqual([
      { hall_id: 'H001', day: '2026-03-02', business_type: 'PAY', bucket: 27, n: 1 },
      { hall_id: 'H001', day: '2026-03-03', business_type: 'PAY', bucket: 27, n: 1 },
    ]);
  });

  it('follows inserts, status changes, pulled replacements, deletions and ratings', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS);
    ticket(db, 'a', { status: 'waiting', started_at: null, finished_at: null, staff_id: null });
    expect(aggregated(db)).toEqual([]);
    db.prepare(
      `UPDATE tickets SET status = 'serving', staff_id = 'S1', started_at = '2026-03-02T01:10:00.000Z' WHERE id = 'a'`,
    ).run();
    db.prepare(`UPDATE tickets SET status = 'finished', finished_at = '2026-03-02T01:20:00.000Z' WHERE id = 'a'`).run();
    expect(counted(db)).toEqual(recount(db));
    rating(db, 'ra', 'a', 'satisfied');
    ticket(db, 'b', { business_type: 'NEW' });
    rating(db, 'rb', 'b', 'very_unsatisfied');
    // A pulled row overwrites the local one (INSERT OR REPLACE): counted once, with the new values.
    ticket(db, 'b', { business_type: 'NEW', finished_at: '2026-03-02T01:30:00.000Z' }, true);
    ticket(db, 'b', { business_type: 'NEW', finished_at: '2026-03-02T01:30:00.000Z' }, true);
    rating(db, 'rb', 'b', 'very_unsatisfied', true);
    expect(counted(db)).toEqual(recount(db));
    // A rejected mutation's rows are dropped.
    db.prepare(`DELETE FROM ratings WHERE id = 'ra'`).run();
    db.prepare(`DELETE FROM tickets WHERE id = 'a'`).run();
    expect(counted(db)).toEqual(recount(db));
    expect(histogram(db)).toEqual([expect.objectContaining({ business_type: 'NEW', bucket: 120, n: 1 })]);
    expect(aggregated(db)).toEqual([expect.objectContaining({ staff_id: 'S1', served: 1, r_very_unsatisfied: 1 })]);
  });

  it('agrees with a recount after many random writes', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS);
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const statuses = ['waiting', 'called', 'serving', 'finished', 'no_show'];
    const levels = ['very_satisfied', 'satisfied', 'basic', 'unsatisfied', 'very_unsatisfied', 'none'];
    for (let i = 0; i < 400; i++) {
      const id = `t${rnd(60)}`;
      const op = rnd(4);
      const exists = db.prepare('SELECT 1 FROM tickets WHERE id = ?').get(id);
      if (op === 3 && exists) {
        // Either order: a rejection may drop the ticket before its rating.
        const order = rnd(2)
          ? ['ratings WHERE ticket_id', 'tickets WHERE id']
          : ['tickets WHERE id', 'ratings WHERE ticket_id'];
        for (const what of order) db.prepare(`DELETE FROM ${what} = ?`).run(id);
        continue;
      }
      if (op === 2 && exists) {
        db.prepare('UPDATE tickets SET day = ?, business_type = ? WHERE id = ?').run(
          `2026-03-0${1 + rnd(3)}`,
          'NEW',
          id,
        );
        continue;
      }
      const status = statuses[rnd(5)]!;
      const started = `2026-03-02T0${rnd(9)}:00:00.000Z`;
      const fields = {
        number: id,
        status,
        day: [`2026-02-28`, `2026-03-01`, `2026-03-02`, `2026-04-01`][rnd(4)],
        staff_id: status === 'waiting' ? null : `S${rnd(3)}`,
        business_type: ['PAY', 'NEW', 'MOVE'][rnd(3)],
        started_at: started,
        finished_at: `2026-03-02T0${rnd(9)}:${10 + rnd(40)}:00.000Z`,
      };
      if (!exists || op === 1) ticket(db, id, fields, true);
      if (status === 'finished' && fields.staff_id && rnd(2)) rating(db, `r-${id}`, id, levels[rnd(6)]!, true);
    }
    expect(counted(db)).toEqual(recount(db));
  });
});
