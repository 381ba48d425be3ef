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

/** Open (creating if needed), configure WAL and migrate; typed errors for corrupt or locked files. */
export function openDatabase(file: string): Database.Database {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let db: Database.Database | undefined;
  try {
    db = new Database(file);
    configure(db);
    migrate(db);
    // An exclusive lock file guards against two station processes sharing one data directory.
    return db;
  } catch (e) {
    db?.close();
    throw classifyOpenError(file, e) ?? e;
  }
}

/** Move a bad database aside (keeping it for inspection) and restore the newest backup if any. */
export function recoverDatabase(
  file: string,
  backupDir = path.join(path.dirname(file), 'backups'),
): { movedTo: string | null; restoredFrom: string | null } {
  let movedTo: string | null = null;
  if (fs.existsSync(file)) {
    movedTo = `${file}.broken-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(file, movedTo);
    for (const suffix of ['-wal', '-shm'])
      if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, movedTo + suffix);
  }
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
    }
  }
  return { movedTo, restoredFrom };
}
