import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '@common/schema/migrations';
import { migrate } from '../../../node/sqlite/migrate';

/** Migration 15 (bills get a sync id; payment allocations a pending flag) on a database at version 14. */
describe('migration 15: bill sync ids and pending allocations', () => {
  it('gives existing and new bills the id customer_id/period, unique, and keeps an id a pulled row brings', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS, 14);
    db.prepare(
      `INSERT INTO bills (customer_id, period, kwh, amount_fen, paid_fen, due_date) VALUES (7, '2026-10', 120, 6000, 0, '2026-11-20')`,
    ).run();
    expect(migrate(db, MIGRATIONS, 15)).toBe(15);
    expect(db.prepare('SELECT id FROM bills').all()).toEqual([{ id: '7/2026-10' }]);
    // A writer that does not know the column (the cross-hall customer cache) still gets the id.
    db.prepare(
      `INSERT INTO bills (customer_id, period, kwh, amount_fen, paid_fen, due_date) VALUES (7, '2026-11', 80, 4000, 0, '2026-12-20')`,
    ).run();
    expect(db.prepare(`SELECT id FROM bills WHERE period = '2026-11'`).get()).toEqual({ id: '7/2026-11' });
    // A pulled row replaces the bill it names, by key and id together.
    db.prepare(
      `INSERT OR REPLACE INTO bills (customer_id, period, kwh, amount_fen, paid_fen, due_date, id) VALUES (7, '2026-10', 120, 6000, 6000, '2026-11-20', '7/2026-10')`,
    ).run();
    expect(db.prepare('SELECT count(*) AS n FROM bills').get()).toEqual({ n: 2 });
    expect(db.prepare(`SELECT paid_fen FROM bills WHERE id = '7/2026-10'`).get()).toEqual({ paid_fen: 6000 });
    expect(() => db.prepare(`UPDATE bills SET id = '7/2026-10' WHERE period = '2026-11'`).run()).toThrow(/UNIQUE/);
  });

  it('counts allocations made before it as settled (not pending), and takes only 0 or 1', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS, 14);
    db.prepare(
      `INSERT INTO payment_allocations (id, source_payment_id, applied_by, customer_id, target, amount_fen) VALUES ('p1>p1>2026-10', 'p1', 'p1', 7, '2026-10', 6000)`,
    ).run();
    migrate(db, MIGRATIONS, 15);
    expect(db.prepare('SELECT pending FROM payment_allocations').all()).toEqual([{ pending: 0 }]);
    db.prepare(
      `INSERT INTO payment_allocations (id, source_payment_id, applied_by, customer_id, target, amount_fen, pending) VALUES ('p2>p2>balance', 'p2', 'p2', 7, 'balance', 100, 1)`,
    ).run();
    expect(
      db
        .prepare(`SELECT id FROM payment_allocations WHERE pending = 1 AND customer_id = 7 AND target = 'balance'`)
        .all(),
    ).toEqual([{ id: 'p2>p2>balance' }]);
    expect(() => db.prepare(`UPDATE payment_allocations SET pending = 2`).run()).toThrow(/CHECK/);
  });
});
