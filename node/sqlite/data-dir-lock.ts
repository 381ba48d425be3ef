import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { StorageOpenError } from './open-database';

/** Who holds a data directory: written beside the lock so the next process can name it. */
interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
  label: string;
}

const LOCK_NAME = '.lock';
/** Inside the lock directory, so it always describes the lock it sits in. */
const OWNER_NAME = 'owner.json';
/**
 * The lock's mtime is refreshed every 10 s; one untouched for a minute belongs to a process that is
 * gone (a stalled event loop of ours never gets that far behind).
 */
const STALE_MS = 60_000;

export interface DataDirLock {
  readonly dir: string;
  release(): void;
}

function readOwner(dir: string): LockOwner | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, LOCK_NAME, OWNER_NAME), 'utf8')) as LockOwner;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to another user; only ESRCH says it is gone.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock left by a process of this machine that no longer runs (killed, power cut) may be taken. */
function isAbandoned(owner: LockOwner | null): boolean {
  return owner !== null && owner.host === os.hostname() && owner.pid !== process.pid && !isAlive(owner.pid);
}

function heldBy(dir: string, owner: LockOwner | null): StorageOpenError {
  const who = owner
    ? `进程 ${owner.pid}（${owner.label}，${owner.host}，启动于 ${owner.startedAt}）(process ${owner.pid}, ${owner.label} on ${owner.host}, started ${owner.startedAt})`
    : '另一进程 (another process)';
  return new StorageOpenError(
    'locked',
    dir,
    `数据目录正被${who}使用 (the data directory ${dir} is in use by ${owner ? `process ${owner.pid}` : 'another process'}). ` +
      'Close the other instance first; two processes must never share one data directory.',
  );
}

/**
 * An exclusive lock on a data directory (proper-lockfile: an atomic mkdir, kept fresh while we run,
 * removed at exit). A second process on the same directory, or a second host in this one, gets a
 * `locked` StorageOpenError naming the holder. Losing the lock while running is logged, not thrown:
 * the hall keeps working and the log says why.
 */
export function lockDataDir(dir: string, label: string, log: (line: string) => void = () => {}): DataDirLock {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const options = {
    lockfilePath: path.join(dir, LOCK_NAME),
    stale: STALE_MS,
    update: 10_000,
    realpath: false,
    onCompromised: (e: Error) => log(`data directory lock of ${dir} lost: ${e.message}`),
  };
  let release: () => void;
  try {
    release = lockfile.lockSync(dir, options);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') throw e;
    const owner = readOwner(dir);
    if (!isAbandoned(owner)) throw heldBy(dir, owner);
    log(`data directory ${dir}: taking over the lock of process ${owner!.pid}, which no longer runs`);
    fs.rmSync(options.lockfilePath, { recursive: true, force: true });
    try {
      release = lockfile.lockSync(dir, options);
    } catch {
      throw heldBy(dir, readOwner(dir));
    }
  }
  const owner: LockOwner = {
    pid: process.pid,
    host: os.hostname(),
    startedAt: new Date(Date.now() - process.uptime() * 1000).toISOString(),
    label,
  };
  const ownerFile = path.join(options.lockfilePath, OWNER_NAME);
  fs.writeFileSync(ownerFile, JSON.stringify(owner), { mode: 0o600 });
  let released = false;
  return {
    dir,
    release() {
      if (released) return;
      released = true;
      try {
        // The lock is an empty directory to proper-lockfile: its owner note goes first.
        fs.rmSync(ownerFile, { force: true });
        release();
      } catch (e) {
        log(`data directory lock of ${dir}: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
  };
}
