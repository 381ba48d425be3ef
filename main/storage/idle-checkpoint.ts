import type Database from 'better-sqlite3';

/**
 * WAL checkpoints off the request path. SQLite's automatic checkpoint runs inside whichever commit
 * crosses 1,000 WAL pages, so one ticket issue in a few hundred paid several milliseconds for it
 * (the queue bench's p99 fell by about a third without it). The storage worker instead checkpoints
 * once it has been idle for `idleMs`, and regardless after `maxRequests` requests, so a station that
 * is never idle still keeps its WAL bounded. PASSIVE never waits for readers.
 */
export function idleCheckpointer(db: Database.Database, idleMs = 250, maxRequests = 2_000) {
  db.pragma('wal_autocheckpoint = 0');
  let timer: NodeJS.Timeout | null = null;
  let since = 0;
  let forced = false;
  const checkpoint = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    since = 0;
    forced = false;
    if (db.open) db.pragma('wal_checkpoint(PASSIVE)');
  };
  return {
    /** Call for each request the worker serves; a forced checkpoint runs after the request, not before. */
    served(): void {
      if (++since >= maxRequests) {
        if (!forced) setImmediate(checkpoint);
        forced = true;
        return;
      }
      if (timer) timer.refresh();
      else timer = setTimeout(checkpoint, idleMs).unref();
    },
    /** Before closing the database: the last checkpoint happens in close() itself. */
    stop(): void {
      if (timer) clearTimeout(timer);
      timer = null;
      since = -Infinity; // no forced checkpoint after close
    },
  };
}
