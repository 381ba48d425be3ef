import { openDatabase } from '../../node/sqlite/open-database';
import { pgDialect } from './pg-dialect';
import { sqliteDialect } from './sqlite-dialect';
import { SyncStore, type CentralStore } from './sync-store';

/** `postgres://…` (or `postgresql://…`) selects PostgreSQL; anything else is a SQLite file path. */
export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//.test(db);
}

export function openCentralStore(db: string, opts: { relay?: boolean } = {}): CentralStore {
  return new SyncStore(isPostgresUrl(db) ? pgDialect(db) : sqliteDialect(openDatabase(db)), opts);
}
