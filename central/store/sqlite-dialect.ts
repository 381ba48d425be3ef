import type Database from 'better-sqlite3';
import { sqliteTx } from '../../node/sqlite/sqlite-tx';
import type { SqlDialect } from './sql-dialect';

/** The embedded backend: one SQLite file (the station schema plus the central's bookkeeping). */
export function sqliteDialect(db: Database.Database): SqlDialect {
  // One transaction wrapper for every call (a push replayed after a rejection opens a savepoint per
  // mutation; building a wrapper each time showed in the profile). better-sqlite3 makes a nested call a savepoint.
  // WAL with synchronous=NORMAL (set by openDatabase) is durable across a process crash; only an
  // OS crash or power cut can lose the last commits, never corrupt the file. Sub-journals (a
  // rejected mutation's savepoint) in memory, not a temp file; checkpoints every 64 MiB of WAL
  // rather than 4 MiB, so a long push is not stalled by one checkpoint every few batches. A 64 MiB
  // page cache instead of SQLite's default 2 MiB: a server's tables and change log outgrow 2 MiB
  // within a day, and every insert then reads its index pages back from the OS.
  db.pragma('temp_store = MEMORY');
  db.pragma('wal_autocheckpoint = 16384');
  db.pragma('cache_size = -65536');
  const inTransaction = db.transaction((fn: () => unknown) => fn());
  return {
    name: 'sqlite',
    tx: sqliteTx(db),
    transaction: <T>(fn: () => T): T => inTransaction(fn) as T,
    bindHall: () => {}, // one file per central; hall_id columns carry the partition
    close: () => db.close(),
  };
}
