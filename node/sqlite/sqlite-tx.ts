import type Database from 'better-sqlite3';
import type { SqlTx } from '@common/mutators/sql';

/** Adapt a better-sqlite3 connection to the SqlTx surface; statements are cached per SQL text. */
export function sqliteTx(db: Database.Database): SqlTx {
  const cache = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let s = cache.get(sql);
    if (!s) {
      s = db.prepare(sql);
      cache.set(sql, s);
    }
    return s;
  };
  return {
    get: <T>(sql: string, ...params: unknown[]) => prepare(sql).get(...params) as T | undefined,
    all: <T>(sql: string, ...params: unknown[]) => prepare(sql).all(...params) as T[],
    run: (sql: string, ...params: unknown[]) => ({ changes: prepare(sql).run(...params).changes }),
  };
}
