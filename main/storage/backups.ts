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
  fs.mkdirSync(dir, { recursive: true });
  const partial = `${target}.partial`;
  fs.rmSync(partial, { force: true });
  await Storage.backup(dbFile, partial);
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
