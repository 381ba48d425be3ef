import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '@common/schema/migrations';
import { migrate } from '../../../node/sqlite/migrate';

/** Migration 20: the central's own times beside the change log and each station's last catch-up. */
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
});
