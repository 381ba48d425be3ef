import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '@common/schema/migrations';
import { migrate } from '../../../node/sqlite/migrate';

/** Migration 7 (queue core) on a database that already holds tickets from migration 3. */
describe('migration 7: queue core', () => {
  it('keeps existing tickets (version 0, no target) and adds window state, settings, type config, appointments', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS, 6);
    db.prepare(
      `INSERT INTO tickets (id, hall_id, day, number, business_type, status, issued_at, issued_by) VALUES ('t1', 'H001', '2026-11-23', 'A001', 'PAY', 'waiting', '2026-11-23T01:00:00Z', 's')`,
    ).run();
    expect(migrate(db, MIGRATIONS, 7)).toBe(7);
    expect(db.prepare('SELECT version, round_calls, transfers, target_window, parked_at FROM tickets').get()).toEqual({
      version: 0,
      round_calls: 0,
      transfers: 0,
      target_window: null,
      parked_at: null,
    });
    // A window's status is one of three; anything else is refused by the schema itself.
    db.prepare(
      `INSERT INTO window_state (id, hall_id, window_no, status, updated_at) VALUES ('H001/3', 'H001', 3, 'paused', 'x')`,
    ).run();
    expect(() =>
      db
        .prepare(
          `INSERT INTO window_state (id, hall_id, window_no, status, updated_at) VALUES ('H001/4', 'H001', 4, 'sleeping', 'x')`,
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO window_state (id, hall_id, window_no, status, updated_at) VALUES ('H001/3b', 'H001', 3, 'open', 'x')`,
        )
        .run(),
    ).toThrow(/UNIQUE/);
    db.prepare(
      `INSERT INTO appointments (id, hall_id, code, phone_tail, business_type, slot_at) VALUES ('ap1', 'H001', 'K7Q2M9', '1234', 'NEW', '2026-11-23T02:00:00Z')`,
    ).run();
    expect(() =>
      db
        .prepare(
          `INSERT INTO appointments (id, hall_id, code, phone_tail, business_type, slot_at) VALUES ('ap2', 'H001', 'K7Q2M9', '5678', 'NEW', 'x')`,
        )
        .run(),
    ).toThrow(/UNIQUE/);
    expect(db.prepare(`SELECT status FROM appointments`).get()).toEqual({ status: 'booked' });
  });
});
