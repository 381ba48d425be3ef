import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '@common/schema/migrations';
import { migrate } from '../../../node/sqlite/migrate';

/** Migration 19: paired screens' credentials, one live token per hash. */
describe('migration 19: paired devices', () => {
  it('stores a credential by its hash only, once', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS, 18);
    expect(migrate(db, MIGRATIONS, 19)).toBe(19);
    const insert = db.prepare(
      `INSERT INTO paired_devices (id, token_hash, role, window_no, label, paired_at, paired_by, paired_from)
       VALUES (?, 'h1', 'rate', 3, '评价屏 3', 'x', '1005', '10.0.0.5')`,
    );
    insert.run('pd-1');
    expect(() => insert.run('pd-2')).toThrow(/UNIQUE/);
    expect(db.prepare('SELECT revoked_at FROM paired_devices').all()).toEqual([{ revoked_at: null }]);
  });
});
