import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { CallerContext } from '../../main/services/caller';
import { startStationHost } from '../../main/host';
import { StorageOpenError, recoverDatabase } from '../../node/sqlite/open-database';
import { Storage } from '../../main/storage/storage';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';

describe('a corrupt or locked database', () => {
  it('gives a typed error naming the file and the recovery command, then recovers from a backup', async () => {
    const dir = makeTempDir('corrupt-');
    const file = path.join(dir, 'station.db');
    fs.writeFileSync(file, Buffer.alloc(8192, 0x5a));
    const e = await Storage.open(file).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(StorageOpenError);
    expect(e).toMatchObject({ code: 'corrupt', file });
    expect((e as Error).message).toContain('--recover');

    // A backup exists: recovery moves the broken file aside and restores it.
    fs.mkdirSync(path.join(dir, 'backups'));
    fs.copyFileSync(path.join(seededDataDir('station.db'), 'station.db'), path.join(dir, 'backups', '2026-11-22.db'));
    const r = recoverDatabase(file);
    expect(fs.existsSync(r.movedTo!)).toBe(true);
    expect(r.restoredFrom).toContain('2026-11-22.db');
    const storage = await Storage.open(file);
    expect(storage.hallId).toBe('H001');
    await storage.close();
  });

  it('reports a database held by another process as locked', async () => {
    const dir = seededDataDir('station.db', makeTempDir('locked-'));
    const file = path.join(dir, 'station.db');
    const holder = new Database(file);
    holder.pragma('journal_mode = DELETE');
    holder.exec('PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;');
    const e = await Storage.open(file).catch((x: unknown) => x);
    holder.exec('ROLLBACK');
    holder.close();
    expect(e).toMatchObject({ code: 'locked' });
  }, 20_000);
});

describe('staff login', () => {
  it('locks an account after five wrong PINs, even for the right PIN, and audits it', async () => {
    const host = await startStationHost({ dataDir: seededDataDir('station.db', makeTempDir('lockout-')) });
    const ctx: CallerContext = { connectionId: 'c', source: 'local:test', role: 'counter', windowNo: 4, session: null };
    for (let i = 0; i < 4; i++)
      expect(await host.router.call(ctx, 'auth.login', { staffNo: '1006', pin: '999999' })).toMatchObject({
        error: { code: 'unauthenticated' },
      });
    expect(await host.router.call(ctx, 'auth.login', { staffNo: '1006', pin: '999999' })).toMatchObject({
      error: { code: 'locked' },
    });
    expect(await host.router.call(ctx, 'auth.login', { staffNo: '1006', pin: '123456' })).toMatchObject({
      error: { code: 'locked' },
    });
    expect(ctx.session).toBeNull();
    // Another agent is unaffected.
    expect((await host.router.call(ctx, 'auth.login', { staffNo: '1007', pin: '123456' })).ok).toBe(true);
    await host.close();
  });
});

describe('backups', () => {
  it('writes a consistent daily copy beside a running station, keeps the newest, and restores it', async () => {
    const dir = seededDataDir('station.db', makeTempDir('backup-'));
    const file = path.join(dir, 'station.db');
    const host = await startStationHost({ dataDir: dir });
    const kiosk: CallerContext = {
      connectionId: 'k',
      source: 'local:test',
      role: 'kiosk',
      windowNo: null,
      session: null,
    };
    expect((await host.router.call(kiosk, 'queue.issueTicket', { businessType: 'PAY' })).ok).toBe(true);
    const { backupNow } = await import('../../main/storage/backups');
    const made = await backupNow(file, '2026-11-23', 2);
    expect(made).toBe(path.join(dir, 'backups', '2026-11-23.db'));
    expect(await backupNow(file, '2026-11-23', 2)).toBeNull();
    await backupNow(file, '2026-11-24', 2);
    await backupNow(file, '2026-11-25', 2);
    expect(fs.readdirSync(path.join(dir, 'backups')).sort()).toEqual(['2026-11-24.db', '2026-11-25.db']);
    await host.close();

    fs.writeFileSync(file, Buffer.alloc(4096, 1));
    fs.rmSync(`${file}-wal`, { force: true });
    recoverDatabase(file);
    const restored = new Database(file, { readonly: true });
    expect((restored.prepare(`SELECT count(*) AS n FROM tickets`).get() as { n: number }).n).toBe(1);
    restored.close();
  });
});
