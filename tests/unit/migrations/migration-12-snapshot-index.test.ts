import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '@common/schema/migrations';
import { migrate } from '../../../node/sqlite/migrate';

/** Migration 12: the snapshot's "newest version per entity" lookup uses an index, on a log that already has rows. */
describe('migration 12: snapshot index on the change log, relay outbox', () => {
  it('keeps existing change-log rows and answers the newest-version lookup from the index', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS, 11);
    const ins = db.prepare(
      `INSERT INTO sync_changes (hall_id, entity, entity_id, row) VALUES ('H001', 'ticket', ?, '{}')`,
    );
    for (const id of ['t1', 't2', 't1']) ins.run(id);
    expect(migrate(db, MIGRATIONS, 12)).toBe(12);
    expect(db.prepare('SELECT count(*) AS n FROM sync_changes').get()).toEqual({ n: 3 });
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT max(version) FROM sync_changes WHERE hall_id = 'H001' AND entity = 'ticket' AND entity_id = 't1'`,
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/sync_changes_entity/);
  });

  it('gives a relay an upstream outbox that maps each station mutation to one upstream id', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS, 12);
    const ins = db.prepare(
      `INSERT INTO relay_outbox (hall_id, client_id, mutation_id, name, args, created_at) VALUES ('H001', ?, ?, 'audit.append', '{}', 'x')`,
    );
    expect(ins.run('station-a', 1).lastInsertRowid).toBe(1);
    expect(ins.run('station-b', 1).lastInsertRowid).toBe(2);
    // The same station mutation twice would be forwarded twice: the schema refuses it.
    expect(() => ins.run('station-a', 1)).toThrow(/UNIQUE/);
    // Upstream ids never go back, even after acknowledged rows are deleted.
    db.prepare('DELETE FROM relay_outbox').run();
    expect(ins.run('station-a', 2).lastInsertRowid).toBe(3);
  });
});
