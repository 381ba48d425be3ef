import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '@common/schema/migrations';
import { migrate } from '../../../node/sqlite/migrate';

/** Migration 14 (windows get a sync id; the central's compaction marks and horizon) on a database at version 13. */
describe('migration 14: window sync ids and change-log compaction bookkeeping', () => {
  it('gives existing and new windows the id hall/window_no, unique, and keeps an id a pulled row brings', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS, 13);
    db.prepare(
      `INSERT INTO windows (hall_id, window_no, name, business_types) VALUES ('H001', 3, '3号窗口', '["PAY"]')`,
    ).run();
    expect(migrate(db, MIGRATIONS, 14)).toBe(14);
    expect(db.prepare('SELECT id FROM windows').all()).toEqual([{ id: 'H001/3' }]);
    // A seed that does not know the column still gets the id.
    db.prepare(
      `INSERT INTO windows (hall_id, window_no, name, business_types) VALUES ('H001', 4, '4号窗口', '["PAY"]')`,
    ).run();
    expect(db.prepare(`SELECT id FROM windows WHERE window_no = 4`).get()).toEqual({ id: 'H001/4' });
    // A pulled row replaces the window it names, by key or by id.
    db.prepare(
      `INSERT OR REPLACE INTO windows (hall_id, window_no, name, business_types, open, id) VALUES ('H001', 3, '三号', '["CARD"]', 1, 'H001/3')`,
    ).run();
    expect(db.prepare('SELECT count(*) AS n FROM windows').get()).toEqual({ n: 2 });
    expect(db.prepare(`SELECT name, business_types FROM windows WHERE id = 'H001/3'`).get()).toEqual({
      name: '三号',
      business_types: '["CARD"]',
    });
    expect(() => db.prepare(`UPDATE windows SET id = 'H001/3' WHERE window_no = 4`).run()).toThrow(/UNIQUE/);
  });

  it('keeps one compaction mark per hall and version and one horizon per hall', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS, 14);
    db.prepare(`INSERT INTO sync_compaction_marks (hall_id, version, at) VALUES ('H001', 10, 'x')`).run();
    expect(() =>
      db.prepare(`INSERT INTO sync_compaction_marks (hall_id, version, at) VALUES ('H001', 10, 'y')`).run(),
    ).toThrow(/UNIQUE|PRIMARY/);
    db.prepare(`INSERT INTO sync_horizon (hall_id, horizon) VALUES ('H001', 10)`).run();
    expect(() => db.prepare(`INSERT INTO sync_horizon (hall_id, horizon) VALUES ('H001', 12)`).run()).toThrow(
      /UNIQUE|PRIMARY/,
    );
  });
});
