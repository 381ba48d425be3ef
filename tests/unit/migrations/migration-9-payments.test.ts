import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '@common/schema/migrations';
import { migrate } from '../../../node/sqlite/migrate';

/** Migration 9 (payments) on a database that already holds seeded payments from migration 2. */
describe('migration 9: payments', () => {
  it('keeps the existing payment ledger and refuses impossible states and amounts at the schema', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS, 8);
    db.prepare(
      `INSERT INTO payments (id, customer_id, period, amount_fen, channel, status, paid_at) VALUES ('p-old', 1, '2026-10', 9900, 'cash', 'succeeded', '2026-10-20T01:00:00Z')`,
    ).run();
    expect(migrate(db, MIGRATIONS, 9)).toBe(9);
    expect(db.prepare('SELECT amount_fen, status FROM payments').get()).toEqual({
      amount_fen: 9900,
      status: 'succeeded',
    });
    const order = db.prepare(
      `INSERT INTO payment_orders (id, hall_id, idem_key, kind, channel, customer_id, account_no, amount_fen, staff_id, created_at) VALUES (?, 'H001', ?, ?, ?, 1, '0101', ?, 's', 'x')`,
    );
    order.run('po1', 'k1', 'bill', 'cash', 100);
    // One idempotency key is one payment; no zero or negative amounts; only known kinds and channels.
    expect(() => order.run('po2', 'k1', 'bill', 'cash', 100)).toThrow(/UNIQUE/);
    expect(() => order.run('po3', 'k3', 'bill', 'cash', 0)).toThrow(/CHECK/);
    expect(() => order.run('po4', 'k4', 'gift', 'cash', 100)).toThrow(/CHECK/);
    expect(() => order.run('po5', 'k5', 'bill', 'cheque', 100)).toThrow(/CHECK/);
    const ev = db.prepare(
      `INSERT INTO payment_events (id, hall_id, payment_id, seq, status, staff_id, at) VALUES (?, 'H001', 'po1', ?, ?, 's', 'x')`,
    );
    ev.run('e1', 1, 'created');
    expect(() => ev.run('e2', 1, 'pending')).toThrow(/UNIQUE/); // one event per step number
    expect(() => ev.run('e3', 2, 'paid')).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO cash_declarations (id, hall_id, staff_id, day, declared_fen, at) VALUES ('c', 'H001', 's', 'd', -1, 'x')`,
        )
        .run(),
    ).toThrow(/CHECK/);
  });
});
