import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '@common/schema/migrations';
import { migrate } from '../../../node/sqlite/migrate';

/** Migration 18 (a rejected mutation keeps the key and parameters of why) on a station with rejections kept. */
describe('migration 18: rejection texts', () => {
  it('keeps the rejections already recorded, without a key, and stores one for new ones', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS, 17);
    db.prepare(
      `INSERT INTO sync_rejected (mutation_id, name, args, code, message, at) VALUES (1, 'ticket.call', '{}', 'conflict', '已被叫号', 'x')`,
    ).run();
    expect(migrate(db, MIGRATIONS, 18)).toBe(18);
    expect(db.prepare('SELECT mutation_id, message, error_key, error_params FROM sync_rejected').all()).toEqual([
      { mutation_id: 1, message: '已被叫号', error_key: null, error_params: null },
    ]);
    db.prepare(
      `INSERT INTO sync_rejected (mutation_id, name, args, code, message, error_key, error_params, at)
       VALUES (2, 'ticket.call', '{}', 'conflict', '…', 'queue.calledElsewhere', '{"ticketNo":"A001","heldBy":3}', 'x')`,
    ).run();
    expect(db.prepare('SELECT error_key, error_params FROM sync_rejected WHERE mutation_id = 2').get()).toEqual({
      error_key: 'queue.calledElsewhere',
      error_params: '{"ticketNo":"A001","heldBy":3}',
    });
  });
});
