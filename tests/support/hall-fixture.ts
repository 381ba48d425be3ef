import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { configure, migrate } from '../../node/sqlite/migrate';
import { PersonalDataCipher, personalDataKeyPath } from '../../main/security/personal-data-cipher';
import { seedHall } from '../../hall/seed';

/**
 * A seeded demo hall on disk for tests: one template database, copied into the central's and
 * each station's data directory (as a real deployment gets its reference data).
 */
export function makeTempDir(prefix = 'hall-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

let template: string | null = null;
/** The key the template's personal data and lookup hashes were made with (a station given it matches them). */
export const TEMPLATE_PERSONAL_DATA_KEY = Buffer.alloc(32, 7);

/**
 * A run may name a file to share the template through (`HALL_SHARED_TEMPLATE`, set by the mutation
 * config): Stryker reloads every module for each mutant, and seeding again each time cost ~5 s a mutant.
 */
export function seededTemplate(customers = 30): string {
  if (template && fs.existsSync(template)) return template;
  const shared = process.env.HALL_SHARED_TEMPLATE;
  if (shared && fs.existsSync(shared)) return (template = shared);
  const dir = makeTempDir('hall-template-');
  const file = path.join(dir, 'template.db');
  const db = new Database(file);
  configure(db);
  migrate(db);
  seedHall(db, { customers, cipher: new PersonalDataCipher(TEMPLATE_PERSONAL_DATA_KEY) });
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  template = file;
  if (shared) {
    // Written whole under a temporary name, then renamed: a reader never sees half a database.
    fs.mkdirSync(path.dirname(shared), { recursive: true });
    fs.copyFileSync(file, `${shared}.${process.pid}`);
    fs.renameSync(`${shared}.${process.pid}`, shared);
  }
  return file;
}

/** Give a seeded data directory the template's key, as `npm run seed` leaves the hall key beside the databases. */
export function withTemplateKey(dataDir: string): string {
  const file = personalDataKeyPath(dataDir);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, TEMPLATE_PERSONAL_DATA_KEY, { mode: 0o600 });
  return dataDir;
}

/** A data directory holding a copy of the seeded hall as `<dir>/<name>`. */
export function seededDataDir(fileName: 'station.db' | 'central.db', root = makeTempDir()): string {
  fs.mkdirSync(root, { recursive: true });
  fs.copyFileSync(seededTemplate(), path.join(root, fileName));
  return root;
}
