import type Database from 'better-sqlite3';
import { sqliteTx } from '../../main/storage/sqlite-tx';
import type { SqlDialect } from './sql-dialect';

/** The embedded backend: one SQLite file (the station schema plus the central's bookkeeping). */
export function sqliteDialect(db: Database.Database): SqlDialect {
  return {
    name: 'sqlite',
    tx: sqliteTx(db),
    // better-sqlite3 turns a nested transaction into a savepoint.
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
    bindHall: () => {}, // one file per central; hall_id columns carry the partition
    close: () => db.close(),
  };
}
