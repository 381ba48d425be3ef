import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '@common/schema/migrations';
import { migrate } from '../../../node/sqlite/migrate';

/** Migration 20: the central's own times beside the change log, each station's last catch-up, the staff signed in at each station. */
describe('migration 20: recorded times', () => {
  it('keeps existing change-log and client rows, with no recorded time until the central writes one', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS, 19);
    db.prepare(
      "INSERT INTO sync_changes (hall_id, entity, entity_id, row) VALUES ('H001', 'ticket', 't1', '{}')",
    ).run();
    db.prepare("INSERT INTO sync_clients (client_id, hall_id, last_seen) VALUES ('c1', 'H001', 'x')").run();
    expect(migrate(db, MIGRATIONS, 20)).toBe(20);
    expect(db.prepare('SELECT entity_id, recorded_at FROM sync_changes').all()).toEqual([
      { entity_id: 't1', recorded_at: null },
    ]);
    db.prepare("UPDATE sync_clients SET caught_up_at = '2026-12-07T10:00:00.000Z'").run();
    expect(db.prepare('SELECT client_id, caught_up_at FROM sync_clients').all()).toEqual([
      { client_id: 'c1', caught_up_at: '2026-12-07T10:00:00.000Z' },
    ]);
  });

  it('counts the staff who logged in at each station before it as signed in there', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS, 19);
    db.prepare(
      "INSERT INTO staff (id, hall_id, staff_no, name, role, pin_hash) VALUES ('S1003', 'H001', '1003', '王', 'agent', 'h')",
    ).run();
    const audit = db.prepare(
      "INSERT INTO audit_log (id, at, station_id, actor, action) VALUES (?, ?, 'counter-pc-1', ?, ?)",
    );
    audit.run('a1', '2026-12-07T09:00:00.000Z', '1003', 'auth.login');
    audit.run('a2', '2026-12-07T08:00:00.000Z', '1003', 'auth.login');
    audit.run('a3', '2026-12-07T07:00:00.000Z', '1003', 'auth.failed');
    audit.run('a4', '2026-12-07T07:00:00.000Z', '9999', 'auth.login');
    migrate(db, MIGRATIONS, 20);
    expect(db.prepare('SELECT client_id, staff_id, since FROM sync_staff_presence').all()).toEqual([
      { client_id: 'counter-pc-1', staff_id: 'S1003', since: '2026-12-07T08:00:00.000Z' },
    ]);
  });
});
