import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '@common/schema/migrations';
import { migrate } from '../../../node/sqlite/migrate';

/** Migration 11 (central replay check; station outbox rows remember what they changed) on databases with data. */
describe('migration 11: applied-mutation digests', () => {
  it('keeps existing sync clients and keeps one digest per client and mutation id', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS, 10);
    db.prepare(
      `INSERT INTO sync_clients (client_id, hall_id, last_mutation_id, last_seen) VALUES ('st-1', 'H001', 7, 'x')`,
    ).run();
    expect(migrate(db, MIGRATIONS, 11)).toBe(11);
    expect(db.prepare('SELECT last_mutation_id FROM sync_clients').get()).toEqual({ last_mutation_id: 7 });
    // Clients applied before the migration have no digests: their replays stay plain no-ops.
    expect(db.prepare('SELECT count(*) AS n FROM sync_mutation_digests').get()).toEqual({ n: 0 });
    db.prepare(`INSERT INTO sync_mutation_digests (client_id, mutation_id, digest) VALUES ('st-1', 8, 'd8')`).run();
    db.prepare(`INSERT INTO sync_mutation_digests (client_id, mutation_id, digest) VALUES ('st-2', 8, 'other')`).run();
    expect(() =>
      db
        .prepare(`INSERT INTO sync_mutation_digests (client_id, mutation_id, digest) VALUES ('st-1', 8, 'again')`)
        .run(),
    ).toThrow(/UNIQUE|PRIMARY/);
    expect(() =>
      db.prepare(`INSERT INTO sync_mutation_digests (client_id, mutation_id) VALUES ('st-1', 9)`).run(),
    ).toThrow(/NOT NULL/);
  });

  it('keeps a station outbox written before it; those rows have no changed-rows list (nothing to undo)', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS, 10);
    db.prepare(
      `INSERT INTO sync_outbox (mutation_id, name, args, created_at) VALUES (1, 'audit.append', '{}', 'x')`,
    ).run();
    migrate(db, MIGRATIONS, 11);
    expect(db.prepare('SELECT mutation_id, name, changed FROM sync_outbox').all()).toEqual([
      { mutation_id: 1, name: 'audit.append', changed: null },
    ]);
    db.prepare(
      `INSERT INTO sync_outbox (mutation_id, name, args, created_at, changed) VALUES (2, 'ticket.call', '{}', 'x', '[{"entity":"call","id":"c1"}]')`,
    ).run();
    expect(db.prepare('SELECT changed FROM sync_outbox WHERE mutation_id = 2').get()).toEqual({
      changed: '[{"entity":"call","id":"c1"}]',
    });
  });
});
