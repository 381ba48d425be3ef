/**
 * Seed a demo data directory (the core of `npm run seed`). Writes the central database at <data-dir>/central/central.db (migrated, configured, seeded), then
 * checkpoints its WAL and copies it to <data-dir>/station/station.db, the station's cached copy. Both
 * use the personal-data key in <data-dir>/keys (created if missing). Refuses to overwrite a non-empty
 * database unless --force.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadOrCreateKey, PersonalDataCipher } from '../../main/security/personal-data-cipher';
import { DEFAULT_AS_OF, DEFAULT_PIN, DEFAULT_SEED, seedHall, type SeedStats } from './index';
import { configure, migrate } from '../../node/sqlite/migrate';
import { seedQueueHistory } from './queue-history';

export const DEFAULT_DATA_DIR = '.data/demo';
export const DEFAULT_CUSTOMERS = 10_000;

export interface SeedDataDirOptions {
  dataDir?: string;
  customers?: number;
  seed?: number;
  pin?: string;
  asOf?: string;
  force?: boolean;
  /** Past days of queue, ratings, consultations and pauses (default a year), ending the day before `historyUntil` (default today). */
  queueHistoryDays?: number;
  historyUntil?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface SeedDataDirResult extends SeedStats {
  dataDir: string;
  centralDb: string;
  stationDb: string;
  /** Size of the finished database file in bytes. */
  bytes: number;
  /** Wall time including migration, checkpoint and copy. */
  totalMs: number;
}

export const centralDbPath = (dataDir: string): string => join(dataDir, 'central', 'central.db');
export const stationDbPath = (dataDir: string): string => join(dataDir, 'station', 'station.db');

/** An SQLite file counts as empty when it is missing or zero bytes long (with no WAL holding pages). */
function isNonEmpty(file: string): boolean {
  return [file, `${file}-wal`].some((f) => existsSync(f) && statSync(f).size > 0);
}

function removeDb(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
}

export class SeedRefusedError extends Error {
  override readonly name = 'SeedRefusedError';
}

export function seedDataDir(opts: SeedDataDirOptions = {}): SeedDataDirResult {
  const started = performance.now();
  const dataDir = resolve(opts.dataDir ?? DEFAULT_DATA_DIR);
  const centralDb = centralDbPath(dataDir);
  const stationDb = stationDbPath(dataDir);
  for (const file of [centralDb, stationDb]) {
    if (isNonEmpty(file) && !opts.force)
      throw new SeedRefusedError(`${file} exists and is not empty (use --force to replace it)`);
  }
  removeDb(centralDb);
  removeDb(stationDb);
  mkdirSync(dirname(centralDb), { recursive: true });
  mkdirSync(dirname(stationDb), { recursive: true });

  const cipher = new PersonalDataCipher(loadOrCreateKey(dataDir));
  const db = new Database(centralDb);
  let stats: SeedStats;
  let ok = false;
  try {
    configure(db);
    migrate(db);
    // A fresh file that is deleted if seeding fails needs no journal: without it every page is
    // written once instead of twice (WAL, then checkpoint). WAL is switched back on at the end.
    db.pragma('journal_mode = OFF');
    stats = seedHall(db, {
      customers: opts.customers ?? DEFAULT_CUSTOMERS,
      seed: opts.seed ?? DEFAULT_SEED,
      pin: opts.pin ?? DEFAULT_PIN,
      asOf: opts.asOf ?? DEFAULT_AS_OF,
      cipher,
      onProgress: opts.onProgress,
    });
    if ((opts.queueHistoryDays ?? 365) > 0) {
      const until =
        opts.historyUntil ?? new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
      seedQueueHistory(db, {
        hallId: stats.hallId,
        until,
        days: opts.queueHistoryDays ?? 365,
        seed: opts.seed ?? DEFAULT_SEED,
      });
    }
    db.pragma('journal_mode = WAL');
    db.pragma('analysis_limit = 1000');
    db.pragma('optimize');
    db.pragma('wal_checkpoint(TRUNCATE)');
    ok = true;
  } finally {
    db.close();
    if (!ok) removeDb(centralDb);
  }
  copyFileSync(centralDb, stationDb);
  return {
    ...stats,
    dataDir,
    centralDb,
    stationDb,
    bytes: statSync(centralDb).size,
    totalMs: performance.now() - started,
  };
}
