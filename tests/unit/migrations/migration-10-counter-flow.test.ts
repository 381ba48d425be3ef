import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '@common/schema/migrations';
import { migrate } from '../../../node/sqlite/migrate';

/** Migration 10 (counter flow) on a database that already holds an application from migration 8 (and payments, 9). */
describe('migration 10: signature requests, signatures, attachments', () => {
  it('keeps existing applications and adds the three tables with their rules', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS, 9);
    db.prepare(
      `INSERT INTO applications (id, hall_id, type, form_version, status, values_enc, summary, staff_id, created_at, updated_at) VALUES ('ap-1', 'H001', 'NEW', 1, 'draft', 'x', 's', 'st', 'a', 'a')`,
    ).run();
    expect(migrate(db, MIGRATIONS, 10)).toBe(10);
    expect(db.prepare('SELECT id, status FROM applications').all()).toEqual([{ id: 'ap-1', status: 'draft' }]);
    db.prepare(
      `INSERT INTO signature_requests (id, hall_id, application_id, window_no, content_hash, review, staff_id, requested_at) VALUES ('sr-1', 'H001', 'ap-1', 8, 'h', '{}', 'st', 'a')`,
    ).run();
    db.prepare(
      `INSERT INTO application_signatures (id, hall_id, application_id, request_id, content_hash, source, strokes, signed_at) VALUES ('sg-1', 'H001', 'ap-1', 'sr-1', 'h', 'touchscreen', '{}', 'a')`,
    ).run();
    // One signature per request: a second one is refused by the schema itself.
    expect(() =>
      db
        .prepare(
          `INSERT INTO application_signatures (id, hall_id, application_id, request_id, content_hash, source, strokes, signed_at) VALUES ('sg-2', 'H001', 'ap-1', 'sr-1', 'h', 'touchscreen', '{}', 'b')`,
        )
        .run(),
    ).toThrow(/UNIQUE/);
    const att = db.prepare(
      `INSERT INTO application_attachments (id, hall_id, application_id, kind, file_name, mime, size, sha256, data_enc, staff_id, at) VALUES (?, 'H001', 'ap-1', 'idCard', 'f.png', 'image/png', ?, 'h', 'enc', 'st', 'a')`,
    );
    att.run('at-1', 10);
    expect(() => att.run('at-2', 0)).toThrow(/CHECK/);
    expect(db.prepare('SELECT count(*) AS n FROM application_attachments').get()).toEqual({ n: 1 });
  });
});
