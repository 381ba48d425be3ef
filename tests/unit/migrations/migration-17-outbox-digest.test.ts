import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '@common/schema/migrations';
import { migrate } from '../../../node/sqlite/migrate';

/** Migration 17 (the outbox keeps each mutation's digest) on a station with mutations waiting. */
describe('migration 17: outbox digests', () => {
  it('keeps the waiting mutations, without a digest (the central computes theirs), and stores one for new ones', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS, 16);
    db.prepare(
      `INSERT INTO sync_outbox (mutation_id, name, args, created_at) VALUES (1, 'audit.append', '{"id":"a"}', 'x')`,
    ).run();
    expect(migrate(db, MIGRATIONS, 17)).toBe(17);
    expect(db.prepare('SELECT mutation_id, args, digest FROM sync_outbox').all()).toEqual([
      { mutation_id: 1, args: '{"id":"a"}', digest: null },
    ]);
    db.prepare(
      `INSERT INTO sync_outbox (mutation_id, name, args, created_at, digest) VALUES (2, 'audit.append', '{}', 'x', 'AAAAAAAAAAAAAAAAAAAAAA')`,
    ).run();
    expect(db.prepare('SELECT digest FROM sync_outbox WHERE mutation_id = 2').get()).toEqual({
      digest: 'AAAAAAAAAAAAAAAAAAAAAA',
    });
  });
});
