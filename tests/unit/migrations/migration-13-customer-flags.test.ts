import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '@common/schema/migrations';
import { migrate } from '../../../node/sqlite/migrate';

/** Migration 13 (customer tags and risk, other halls' customers cached) on a database at version 12. */
describe('migration 13: customer flags and cached customers of other halls', () => {
  it('adds the flags with a checked risk level, and the cache marker one row per customer', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS, 12);
    expect(migrate(db, MIGRATIONS, 13)).toBe(13);
    db.prepare(
      `INSERT INTO customer_flags (id, hall_id, customer_id, tags, risk_level, updated_at) VALUES ('7', 'H001', 7, '["低保户"]', 'high', 'x')`,
    ).run();
    expect(db.prepare('SELECT tags, risk_level, risk_note FROM customer_flags').get()).toEqual({
      tags: '["低保户"]',
      risk_level: 'high',
      risk_note: null,
    });
    expect(() =>
      db
        .prepare(
          `INSERT INTO customer_flags (id, hall_id, customer_id, risk_level, updated_at) VALUES ('8', 'H001', 8, 'extreme', 'x')`,
        )
        .run(),
    ).toThrow(/CHECK/);
    db.prepare(
      `INSERT INTO customer_remote (customer_id, hall_id, hall_name, fetched_at) VALUES (7, 'H002', '西湖营业厅', 'x')`,
    ).run();
    expect(() =>
      db
        .prepare(
          `INSERT INTO customer_remote (customer_id, hall_id, hall_name, fetched_at) VALUES (7, 'H003', 'y', 'x')`,
        )
        .run(),
    ).toThrow(/UNIQUE|PRIMARY/);
  });
});
