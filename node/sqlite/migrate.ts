import type Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from '@common/schema/migrations';

/** Apply every migration above the database's user_version, each in its own transaction. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS, upTo = Infinity): number {
  let current = db.pragma('user_version', { simple: true }) as number;
  for (const m of migrations) {
    if (m.version <= current || m.version > upTo) continue;
    if (m.version !== current + 1) throw new Error(`migration ${m.version} follows ${current}: numbering has a gap`);
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
    current = m.version;
  }
  return current;
}

/** WAL, foreign keys and a busy timeout: the settings every connection of ours uses. */
export function configure(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
}
