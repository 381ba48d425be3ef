import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { idleCheckpointer } from '../../../main/storage/idle-checkpoint';
import { configure } from '../../../node/sqlite/migrate';
import { makeTempDir } from '../../support/hall-fixture';

/**
 * The storage worker's WAL checkpoints: not inside a commit, but once the worker is idle, or after a
 * bounded number of requests when it never is. Observed on a real WAL database: rows reach the main
 * database file only when a checkpoint copies them there.
 */
let db: Database.Database;
let file: string;
const mainFileBytes = () => fs.statSync(file).size;
const write = (n: number) => {
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < n; i++) insert.run(Buffer.alloc(4096, i));
  })();
};

beforeEach(() => {
  vi.useFakeTimers();
  file = path.join(makeTempDir('checkpoint-'), 'station.db');
  db = new Database(file);
  configure(db);
  db.exec('CREATE TABLE t (v BLOB)');
  db.pragma('wal_checkpoint(TRUNCATE)');
});
afterEach(() => {
  vi.useRealTimers();
  if (db.open) db.close();
});

describe('idle WAL checkpoints', () => {
  it('leaves a commit of 2,000 pages in the WAL until the worker has been idle, then checkpoints it', () => {
    const checkpoints = idleCheckpointer(db, 250);
    const before = mainFileBytes();
    checkpoints.served();
    write(500); // ~2,000 pages: SQLite's automatic checkpoint would have run inside this commit
    expect(mainFileBytes()).toBe(before);
    vi.advanceTimersByTime(200);
    checkpoints.served(); // another request: the idle clock starts again
    vi.advanceTimersByTime(200);
    expect(mainFileBytes()).toBe(before);
    vi.advanceTimersByTime(100);
    expect(mainFileBytes()).toBeGreaterThan(before + 500 * 4096);
  });

  it('checkpoints after a bounded number of requests when the worker is never idle', () => {
    const checkpoints = idleCheckpointer(db, 250, 10);
    const before = mainFileBytes();
    for (let i = 0; i < 9; i++) {
      checkpoints.served();
      write(20);
      vi.advanceTimersByTime(100);
    }
    expect(mainFileBytes()).toBe(before);
    checkpoints.served(); // the 10th: checkpointed right after this request, not during it
    write(20);
    expect(mainFileBytes()).toBe(before);
    vi.runOnlyPendingTimers();
    expect(mainFileBytes()).toBeGreaterThan(before + 200 * 4096);
  });

  it('does nothing once stopped, so closing the database is safe', () => {
    const checkpoints = idleCheckpointer(db, 250, 1);
    checkpoints.served();
    checkpoints.stop();
    db.close();
    expect(() => vi.runAllTimers()).not.toThrow();
  });
});
