import type Database from 'better-sqlite3';
import { sqliteTx } from '../../main/storage/sqlite-tx';
import type { SqlDialect } from './sql-dialect';

/** The embedded backend: one SQLite file (the station schema plus the central's bookkeeping). */
export function sqliteDialect(db: Database.Database): SqlDialect {
  // One transaction wrapper for every call (a push opens a savepoint per mutation; building a
  // wrapper each time showed in the profile). better-sqlite3 makes a nested call a savepoint.
  const inTransaction = db.transaction((fn: () => unknown) => fn());
  return {
    name: 'sqlite',
    tx: sqliteTx(db),
    transaction: <T>(fn: () => T): T => inTransaction(fn) as T,
    bindHall: () => {}, // one file per central; hall_id columns carry the partition
    close: () => db.close(),
  };
}
