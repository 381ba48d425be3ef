import type { WorkerState } from '../main/storage/worker-state';

/**
 * Storage ops for the station bench only: the worker adds them when the bench opens the storage
 * with `extraOps` (main/storage/storage.ts); production's op table never holds them.
 */
export const OPS = {
  /** A write burst of n rows in one transaction, into a table of its own. */
  writeBurst: (s: WorkerState, a: { rows: number }) => {
    s.db.exec('CREATE TABLE IF NOT EXISTS bench_burst (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)');
    const ins = s.db.prepare('INSERT INTO bench_burst (payload) VALUES (?)');
    s.db.transaction(() => {
      for (let i = 0; i < a.rows; i++) ins.run(`row-${i}-${'x'.repeat(64)}`);
    })();
    return a.rows;
  },
};
