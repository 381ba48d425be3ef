import path from 'node:path';
import { lockDataDir } from '../../node/sqlite/data-dir-lock';
import { openDatabase } from '../../node/sqlite/open-database';
import { pgDialect } from './pg-dialect';
import { sqliteDialect } from './sqlite-dialect';
import { SyncStore, type CentralStore, type SyncStoreOptions } from './sync-store';

/** `postgres://…` (or `postgresql://…`) selects PostgreSQL; anything else is a SQLite file path. */
export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//.test(db);
}

export function openCentralStore(
  db: string,
  opts: SyncStoreOptions & { log?: (line: string) => void } = {},
): CentralStore {
  if (isPostgresUrl(db)) return new SyncStore(pgDialect(db), opts);
  // One central process per SQLite directory: a second one would interleave two change logs.
  const lock = lockDataDir(path.dirname(path.resolve(db)), 'central', opts.log);
  try {
    const dialect = sqliteDialect(openDatabase(db));
    return new SyncStore(
      {
        ...dialect,
        close: () => {
          dialect.close();
          lock.release();
        },
      },
      opts,
    );
  } catch (e) {
    lock.release();
    throw e;
  }
}
