import Database from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateIdNumber } from '@common/domain/id-number';
import { loadOrCreateKey, PersonalDataCipher } from '../../../main/security/personal-data-cipher';
import { verifyPin } from '../../../main/security/pin';
import { MIGRATIONS } from '@common/schema/migrations';
import { centralDbPath, main, SeedRefusedError, seedDataDir, stationDbPath } from '../../../scripts/seed';

const root = mkdtempSync(join(tmpdir(), 'hc-seed-dir-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('seedDataDir', () => {
  it(
    'writes central.db, copies it to station.db, and both decrypt with the key in <data-dir>/keys',
    { timeout: 120_000 },
    () => {
      const dataDir = join(root, 'a');
      const r = seedDataDir({ dataDir, customers: 60, queueHistoryDays: 2, seed: 7, pin: '975310' });
      expect(r.centralDb).toBe(centralDbPath(dataDir));
      expect(r.stationDb).toBe(stationDbPath(dataDir));
      expect(r.centralDb).toBe(join(dataDir, 'central', 'central.db'));
      expect(r.stationDb).toBe(join(dataDir, 'station', 'station.db'));
      expect(r).toMatchObject({ customers: 60, bills: 60 * 24, staff: 20, windows: 12 });
      expect(r.bytes).toBe(statSync(r.centralDb).size);
      // Checkpointed before the copy: no WAL left behind, and the two files are byte-identical.
      expect(existsSync(`${r.centralDb}-wal`)).toBe(false);
      expect(readFileSync(r.stationDb).equals(readFileSync(r.centralDb))).toBe(true);

      const cipher = new PersonalDataCipher(loadOrCreateKey(dataDir));
      for (const file of [r.centralDb, r.stationDb]) {
        const db = new Database(file, { readonly: true });
        try {
          expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
          expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
          expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
          const rows = db.prepare('SELECT id_enc FROM customers').all() as Array<{ id_enc: Buffer }>;
          expect(rows).toHaveLength(60);
          for (const row of rows) expect(validateIdNumber(cipher.decrypt(row.id_enc)).valid).toBe(true);
          const staff = db.prepare("SELECT pin_hash FROM staff WHERE staff_no = '1005'").get() as { pin_hash: string };
          expect(verifyPin('975310', staff.pin_hash)).toBe(true);
        } finally {
          db.close();
        }
      }
    },
  );

  it('refuses to overwrite a non-empty database unless forced, and keeps the key', { timeout: 120_000 }, () => {
    const dataDir = join(root, 'b');
    seedDataDir({ dataDir, customers: 5, queueHistoryDays: 2 });
    const key = loadOrCreateKey(dataDir);
    expect(() => seedDataDir({ dataDir, customers: 5, queueHistoryDays: 2 })).toThrow(SeedRefusedError);
    const r = seedDataDir({ dataDir, customers: 8, queueHistoryDays: 2, force: true });
    expect(r.customers).toBe(8);
    expect(loadOrCreateKey(dataDir).equals(key)).toBe(true);
    const db = new Database(r.stationDb, { readonly: true });
    try {
      expect((db.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n).toBe(8);
    } finally {
      db.close();
    }
  });

  it('treats an empty file as empty, and a non-empty station copy as a reason to refuse', { timeout: 120_000 }, () => {
    const dataDir = join(root, 'c');
    mkdirSync(join(dataDir, 'central'), { recursive: true });
    writeFileSync(centralDbPath(dataDir), '');
    expect(seedDataDir({ dataDir, customers: 3, queueHistoryDays: 2 }).customers).toBe(3);

    const other = join(root, 'd');
    mkdirSync(join(other, 'station'), { recursive: true });
    writeFileSync(stationDbPath(other), 'not empty');
    expect(() => seedDataDir({ dataDir: other, customers: 3, queueHistoryDays: 2 })).toThrow(/station\.db exists/);
  });

  it('CLI: validates its arguments and reports a refusal with exit code 2', () => {
    const log = console.error;
    console.error = () => {};
    try {
      expect(main(['--customers', 'many'])).toBe(2);
      expect(main(['--bogus'])).toBe(2);
      expect(main(['--customers', '1', '--data-dir', join(root, 'a')])).toBe(2);
    } finally {
      console.error = log;
    }
  });
});
