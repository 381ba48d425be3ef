import path from 'node:path';
import Database from 'better-sqlite3';
import { applyMutation, type MutationContext } from '@common/mutators';
import { AppFailure } from '@common/result';
import { sqliteTx } from '../../node/sqlite/sqlite-tx';
import { seededDataDir } from './hall-fixture';

/**
 * A copy of the seeded demo hall's station database for the mutator unit tests: each mutation runs
 * in one transaction, as the station and the central run it, and the rows it reports changed are
 * kept as `entity:id` in `changed`.
 */
export interface MutatorDb {
  db: Database.Database;
  changed: string[];
  run(name: string, args: unknown, side?: MutationContext['side']): void;
  row<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T | undefined;
  rows<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[];
}

export function openMutatorDb(): MutatorDb {
  const db = new Database(path.join(seededDataDir('station.db'), 'station.db'));
  const changed: string[] = [];
  return {
    db,
    changed,
    run: (name, args, side = 'station') =>
      db.transaction(() =>
        applyMutation({ tx: sqliteTx(db), side, changed: (e, id) => changed.push(`${e}:${id}`) }, name, args),
      )(),
    row: <T>(sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as T | undefined,
    rows: <T>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[],
  };
}

/** The AppFailure a call throws (anything else, or nothing, fails the test). */
export function failureOf(f: () => void): AppFailure {
  try {
    f();
  } catch (e) {
    if (e instanceof AppFailure) return e;
    throw e;
  }
  throw new Error('expected an AppFailure');
}
