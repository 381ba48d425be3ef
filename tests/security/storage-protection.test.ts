import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openCentralStore } from '../../central/store/open-store';
import { startStationHost, type StationHost } from '../../main/host';
import { backupNow } from '../../main/storage/backups';
import { StorageOpenError, recoverDatabase } from '../../node/sqlite/open-database';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';

/**
 * The data on disk protects itself: owner-only files, one process per data directory, a damaged
 * page found at start, and recovery that touches only what is damaged.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const mode = (f: string) => fs.statSync(f).mode & 0o777;

let hosts: StationHost[] = [];
afterEach(async () => {
  for (const h of hosts) await h.close();
  hosts = [];
});
async function start(dataDir: string): Promise<StationHost> {
  const h = await startStationHost({ dataDir });
  hosts.push(h);
  return h;
}

/** Garbage over a whole b-tree page of the largest table (never page 1, the header and schema). */
function damageTablePage(file: string): number {
  const db = new Database(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const { name } = db
    .prepare(`SELECT name FROM dbstat WHERE name NOT LIKE 'sqlite_%' GROUP BY name ORDER BY count(*) DESC LIMIT 1`)
    .get() as { name: string };
  const pages = (
    db.prepare('SELECT pageno FROM dbstat WHERE name = ? ORDER BY pageno').all(name) as { pageno: number }[]
  ).map((p) => p.pageno);
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const pageno = pages[Math.floor(pages.length / 2)]!;
  expect(pageno).toBeGreaterThan(1);
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (pageno - 1) * pageSize);
  fs.closeSync(fd);
  return pageno;
}

describe('file modes', () => {
  it('keeps the station database, its WAL and SHM, backups and the central database owner-only', async () => {
    const dir = seededDataDir('station.db', makeTempDir('modes-'));
    const dbFile = path.join(dir, 'station.db');
    fs.chmodSync(dbFile, 0o644);
    fs.chmodSync(dir, 0o755);
    await start(dir);
    expect(mode(dir)).toBe(0o700);
    for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) expect(mode(f), f).toBe(0o600);
    const backup = await backupNow(dbFile, '2026-12-01');
    expect(mode(backup!)).toBe(0o600);
    expect(mode(path.dirname(backup!))).toBe(0o700);

    const centralDir = path.join(makeTempDir('central-modes-'), 'central');
    const store = openCentralStore(path.join(centralDir, 'central.db'));
    try {
      expect(mode(centralDir)).toBe(0o700);
      for (const f of ['central.db', 'central.db-wal', 'central.db-shm'])
        expect(mode(path.join(centralDir, f)), f).toBe(0o600);
    } finally {
      store.close();
    }
  });
});

describe('a damaged page inside the database', () => {
  it('is found at start (quick_check) and reported as the typed corrupt error with the recovery advice', async () => {
    const dir = seededDataDir('station.db', makeTempDir('damaged-'));
    const file = path.join(dir, 'station.db');
    damageTablePage(file);
    // The header and schema are intact: a plain open and a schema read notice nothing.
    const naive = new Database(file, { readonly: true });
    expect((naive.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }).n).toBeGreaterThan(10);
    naive.close();

    const e = await start(dir).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(StorageOpenError);
    expect(e).toMatchObject({ code: 'corrupt', file });
    expect((e as Error).message).toContain('--recover');
    // The failed start let go of the directory: after recovery from a backup the station starts.
    fs.mkdirSync(path.join(dir, 'backups'));
    fs.copyFileSync(path.join(seededDataDir('station.db'), 'station.db'), path.join(dir, 'backups', '2026-11-30.db'));
    expect(recoverDatabase(file)).toMatchObject({
      health: 'damaged',
      restoredFrom: expect.stringContaining('2026-11-30.db'),
    });
    const h = await start(dir);
    expect(h.storage.hallId).toBe('H001');
  });
});

describe('recovery', () => {
  it('moves the damaged station.db aside and leaves a healthy central.db exactly where it is', () => {
    const root = makeTempDir('recover-');
    const stationDb = path.join(seededDataDir('station.db', path.join(root, 'station')), 'station.db');
    const centralDb = path.join(seededDataDir('central.db', path.join(root, 'central')), 'central.db');
    damageTablePage(stationDb);
    const centralBefore = fs.readFileSync(centralDb);
    const centralIno = fs.statSync(centralDb).ino;

    const station = recoverDatabase(stationDb);
    const central = recoverDatabase(centralDb);
    expect(station.health).toBe('damaged');
    expect(fs.existsSync(station.movedTo!)).toBe(true);
    expect(fs.existsSync(stationDb)).toBe(false);
    expect(central).toEqual({ health: 'healthy', movedTo: null, restoredFrom: null });
    expect(fs.statSync(centralDb).ino).toBe(centralIno);
    expect(fs.readFileSync(centralDb).equals(centralBefore)).toBe(true);
    expect(fs.readdirSync(path.join(root, 'central')).filter((f) => f.includes('broken'))).toEqual([]);
  });
});

/** A second process holding the directory: the real host (or central store) under tsx, until killed. */
function holder(kind: 'station' | 'central', dir: string) {
  const code =
    kind === 'station'
      ? `const { startStationHost } = await import(${JSON.stringify(path.join(ROOT, 'main/host.ts'))});
         await startStationHost({ dataDir: ${JSON.stringify(dir)} });`
      : `const { openCentralStore } = await import(${JSON.stringify(path.join(ROOT, 'central/store/open-store.ts'))});
         openCentralStore(${JSON.stringify(path.join(dir, 'central.db'))});`;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', `${code}\nconsole.log('ready');`],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const stderr: string[] = [];
  child.stderr.on('data', (c: Buffer) => stderr.push(c.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (l) => l === 'ready' && resolve());
    child.once('exit', (c) => reject(new Error(`holder exited ${c}: ${stderr.join('')}`)));
  });
  return { child, ready };
}

describe('two processes on one data directory', () => {
  it('refuses the second station, naming the first (pid, start time), and takes over once the first is killed', async () => {
    const dir = seededDataDir('station.db', makeTempDir('two-'));
    const first = holder('station', dir);
    try {
      await first.ready;
      const e = await start(dir).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(StorageOpenError);
      expect(e).toMatchObject({ code: 'locked' });
      const message = (e as Error).message;
      expect(message).toContain(`process ${first.child.pid}`);
      expect(message).toMatch(/started \d{4}-\d{2}-\d{2}T/);
      expect(message).toContain('数据目录正被');
    } finally {
      first.child.kill('SIGKILL');
    }
    await new Promise((resolve) => first.child.once('exit', resolve));
    // Killed without a chance to clean up: its lock is recognised as abandoned.
    const h = await start(dir);
    expect(h.storage.hallId).toBe('H001');
  }, 90_000);

  it('refuses a second central on the same SQLite directory, and a station inside this process twice', async () => {
    const centralDir = seededDataDir('central.db', makeTempDir('two-central-'));
    const first = holder('central', centralDir);
    try {
      await first.ready;
      let e: unknown;
      try {
        openCentralStore(path.join(centralDir, 'central.db')).close();
      } catch (x) {
        e = x;
      }
      expect(e).toMatchObject({ code: 'locked' });
      expect((e as Error).message).toContain(`process ${first.child.pid}`);
    } finally {
      first.child.kill('SIGKILL');
    }

    const dir = seededDataDir('station.db', makeTempDir('twice-'));
    await start(dir);
    await expect(start(dir)).rejects.toMatchObject({
      code: 'locked',
      message: expect.stringContaining(`process ${process.pid}`),
    });
  }, 90_000);
});
