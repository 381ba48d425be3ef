import fs from 'node:fs';
import path from 'node:path';
import { Storage } from './storage';

/**
 * Daily backups of the station database into `<dataDir>/backups/YYYY-MM-DD.db`, the newest `keep`
 * kept. `npm run serve -- --recover` restores the newest one when the live file is damaged.
 */
export async function backupNow(dbFile: string, day: string, keep = 7): Promise<string | null> {
  const dir = path.join(path.dirname(dbFile), 'backups');
  const target = path.join(dir, `${day}.db`);
  if (fs.existsSync(target)) return null;
  // Backups hold what the database holds (PIN hashes, customers): owner-only, like the database.
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  const partial = `${target}.partial`;
  fs.rmSync(partial, { force: true });
  // Created owner-only before SQLite writes into it, so no reader can open it while it fills.
  fs.closeSync(fs.openSync(partial, 'w', 0o600));
  await Storage.backup(dbFile, partial);
  fs.chmodSync(partial, 0o600);
  // Rename last, so a crash mid-backup never leaves a half file that looks like a backup.
  fs.renameSync(partial, target);
  for (const old of fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}-\d{2}-\d{2}\.db$/.test(f))
    .sort()
    .slice(0, -keep))
    fs.rmSync(path.join(dir, old));
  return target;
}

export function scheduleBackups(
  dbFile: string,
  today: () => string,
  opts: { firstDelayMs: number; intervalMs: number; log: (l: string) => void },
): () => void {
  const run = () =>
    backupNow(dbFile, today()).then(
      (made) => made && opts.log(`backup written: ${made}`),
      (e: unknown) => opts.log(`backup failed: ${e instanceof Error ? e.message : String(e)}`),
    );
  const first = setTimeout(run, opts.firstDelayMs);
  const every = setInterval(run, opts.intervalMs);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
