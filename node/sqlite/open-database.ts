import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { configure, migrate } from './migrate';

export type StorageOpenErrorCode = 'corrupt' | 'locked' | 'unwritable';

/** A database that cannot be opened, with what to do about it: never a crash loop. */
export class StorageOpenError extends Error {
  constructor(
    readonly code: StorageOpenErrorCode,
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'StorageOpenError';
  }
}

const RECOVERY =
  '恢复方法 (recovery): run `npm run serve -- --recover` to move the file aside and restore the latest backup (or start empty and re-sync from the central).';

export function classifyOpenError(file: string, e: unknown): StorageOpenError | null {
  const code = (e as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new StorageOpenError('corrupt', file, `数据库文件已损坏 (database file is corrupt): ${file}. ${RECOVERY}`);
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new StorageOpenError(
      'locked',
      file,
      `数据库被另一进程占用 (database is locked by another process): ${file}. Close the other station instance, or ${RECOVERY}`,
    );
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || code === 'EACCES') {
    return new StorageOpenError(
      'unwritable',
      file,
      `无法写入数据目录 (cannot open or write): ${file}. Check the data directory's permissions.`,
    );
  }
  return null;
}

/**
 * The database and its WAL/SHM hold staff PIN hashes and customers' details: owner-only (0600), in
 * a directory created owner-only (0700). SQLite gives the -wal and -shm files its database file's
 * mode, so creating that file 0600 first covers them; files made by an older version are tightened
 * here. (Windows keeps its ACLs; chmod there changes only the read-only flag.)
 */
export function protectDatabaseFiles(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (fs.existsSync(f)) fs.chmodSync(f, 0o600);
}

/** A damaged page anywhere (not only in the header), found before the first query trips over it. */
function checkIntegrity(db: Database.Database, file: string): void {
  const rows = db.pragma('quick_check') as { quick_check: string }[];
  if (rows.length === 1 && rows[0]!.quick_check === 'ok') return;
  const found = rows
    .slice(0, 3)
    .map((r) => r.quick_check)
    .join('; ');
  throw new StorageOpenError(
    'corrupt',
    file,
    `数据库文件已损坏 (database file is corrupt): ${file} (${found}). ${RECOVERY}`,
  );
}

/** Open (creating if needed), check, configure WAL and migrate; typed errors for corrupt or locked files. */
export function openDatabase(file: string): Database.Database {
  let db: Database.Database | undefined;
  try {
    protectDatabaseFiles(file);
    db = new Database(file);
    configure(db);
    checkIntegrity(db, file);
    migrate(db);
    return db;
  } catch (e) {
    db?.close();
    if (e instanceof StorageOpenError) throw e;
    throw classifyOpenError(file, e) ?? e;
  }
}

export type DatabaseHealth = 'healthy' | 'damaged' | 'missing';

/** Whether a database file opens and passes quick_check (read-only: the file is not changed). */
export function databaseHealth(file: string): DatabaseHealth {
  if (!fs.existsSync(file)) return 'missing';
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    return rows.length === 1 && rows[0]!.quick_check === 'ok' ? 'healthy' : 'damaged';
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return 'damaged';
    throw e;
  } finally {
    db?.close();
  }
}

/**
 * A damaged database is moved aside (kept for inspection) and the newest backup restored, if any; a
 * healthy or missing one is left exactly where it is.
 */
export function recoverDatabase(
  file: string,
  backupDir = path.join(path.dirname(file), 'backups'),
): { health: DatabaseHealth; movedTo: string | null; restoredFrom: string | null } {
  const health = databaseHealth(file);
  if (health !== 'damaged') return { health, movedTo: null, restoredFrom: null };
  const movedTo = `${file}.broken-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  fs.renameSync(file, movedTo);
  for (const suffix of ['-wal', '-shm'])
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, movedTo + suffix);
  let restoredFrom: string | null = null;
  if (fs.existsSync(backupDir)) {
    const newest = fs
      .readdirSync(backupDir)
      .filter((f) => f.endsWith('.db'))
      .sort()
      .at(-1);
    if (newest) {
      restoredFrom = path.join(backupDir, newest);
      fs.copyFileSync(restoredFrom, file);
      fs.chmodSync(file, 0o600);
    }
  }
  return { health, movedTo, restoredFrom };
}
