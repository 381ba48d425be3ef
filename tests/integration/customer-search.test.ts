import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallerContext } from '../../main/services/caller';
import { startStationHost, type StationHost } from '../../main/host';
import { PersonalDataCipher, personalDataKeyPath } from '../../main/security/personal-data-cipher';
import { Storage } from '../../main/storage/storage';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';

/** Customer search, view and audited full views through the real station host and its storage worker. */
const KEY = Buffer.alloc(32, 7);
let host: StationHost;
let dataDir: string;
let first: { id: number; accountNo: string; name: string; phone: string };
const counter: CallerContext = { connectionId: 'c', source: 'local:test', role: 'counter', windowNo: 3, session: null };

beforeAll(async () => {
  dataDir = seededDataDir('station.db', makeTempDir('customers-host-'));
  fs.mkdirSync(path.dirname(personalDataKeyPath(dataDir)), { recursive: true });
  fs.writeFileSync(personalDataKeyPath(dataDir), KEY, { mode: 0o600 });
  const db = new Database(path.join(dataDir, 'station.db'), { readonly: true });
  const row = db.prepare('SELECT id, account_no, name_enc, phone_enc FROM customers ORDER BY id LIMIT 1').get() as {
    id: number;
    account_no: string;
    name_enc: Buffer;
    phone_enc: Buffer;
  };
  db.close();
  const cipher = new PersonalDataCipher(KEY);
  first = {
    id: row.id,
    accountNo: row.account_no,
    name: cipher.decrypt(row.name_enc),
    phone: cipher.decrypt(row.phone_enc),
  };
  host = await startStationHost({ dataDir });
});
afterAll(async () => host?.close());

describe('customer API at the counter', () => {
  it('needs an agent or manager login', async () => {
    expect(
      await host.router.call({ ...counter, session: null }, 'customer.search', { query: first.accountNo }),
    ).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(
      await host.router.call(
        { connectionId: 'k', source: 'local:test', role: 'kiosk', windowNo: null, session: null },
        'customer.search',
        {
          query: '1234',
        },
      ),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('searches by name fragment and phone tail, showing masked data only', async () => {
    expect((await host.router.call(counter, 'auth.login', { staffNo: '1003', pin: '123456' })).ok).toBe(true);
    const byName = await host.router.call(counter, 'customer.search', {
      query: Array.from(first.name).slice(-2).join(''),
    });
    expect(byName.ok && byName.value.hits.map((h) => h.id)).toContain(first.id);
    const byTail = await host.router.call(counter, 'customer.search', { query: first.phone.slice(-4) });
    expect(byTail).toMatchObject({ ok: true, value: { kind: 'phoneTail' } });
    expect(JSON.stringify(byTail)).not.toContain(first.phone);
    expect(fs.existsSync(path.join(dataDir, 'name-index.bin'))).toBe(true);
  });

  it('rejects bad input with typed errors and keeps working', async () => {
    expect(await host.router.call(counter, 'customer.search', { query: 'x'.repeat(41) })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'query' },
    });
    expect(await host.router.call(counter, 'customer.search', { query: 'abc' })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'query' },
    });
    expect(await host.router.call(counter, 'customer.view', { customerId: -1 } as never)).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(await host.router.call(counter, 'customer.view', { customerId: 9_999_999 })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(
      await host.router.call(counter, 'customer.reveal', { customerId: first.id, field: 'password' } as never),
    ).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect((await host.router.call(counter, 'customer.search', { query: first.accountNo })).ok).toBe(true);
  });

  it('reveals a field in full and writes one audit entry per full view', async () => {
    const audits = async () => {
      const db = new Database(path.join(dataDir, 'station.db'), { readonly: true });
      const rows = db.prepare(`SELECT actor, detail FROM audit_log WHERE action = 'customer.reveal'`).all() as {
        actor: string;
        detail: string;
      }[];
      db.close();
      return rows;
    };
    const before = (await audits()).length;
    const r = await host.router.call(counter, 'customer.reveal', { customerId: first.id, field: 'phone' });
    expect(r).toEqual({ ok: true, value: { value: first.phone } });
    const after = await audits();
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)!.actor).toBe('S1003');
    expect(JSON.parse(after.at(-1)!.detail)).toMatchObject({ customerId: first.id, field: 'phone', windowNo: 3 });
  });

  it('gives the customer view with 24 bills', async () => {
    const v = await host.router.call(counter, 'customer.view', { customerId: first.id });
    expect(v).toMatchObject({ ok: true, value: { customer: { accountNo: first.accountNo } } });
    expect(v.ok && v.value.bills).toHaveLength(24);
  });
});

describe('the first build of the name index', () => {
  it('runs in slices inside the storage worker: other calls are answered while it builds', async () => {
    const dir = seededDataDir('station.db', makeTempDir('customers-build-'));
    const storage = await Storage.open(path.join(dir, 'station.db'));
    try {
      // No snapshot: the index must be built. One name per slice, so the build spans 30 slices.
      const opening = storage.run('customersOpen', {
        key: KEY,
        snapshotFile: path.join(dir, 'name-index.bin'),
        batchRows: 1,
      });
      const byAccount = storage.run('customerSearch', { query: first.accountNo, limit: 20 });
      const during = storage.run('customerIndexStatus');
      const byName = storage.run('customerSearch', { query: Array.from(first.name)[0]!, limit: 20 }).then(
        () => 'answered',
        (e: { code?: string }) => e.code,
      );
      expect(await opening).toMatchObject({ built: true, state: 'building', indexed: 0 });
      expect((await byAccount).hits.map((h) => h.id)).toEqual([first.id]);
      const status = await during;
      expect(status.state).toBe('building');
      expect(status.indexed).toBeLessThan(status.total);
      expect(await byName).toBe('unavailable');
      // Then the build finishes by itself, saves its snapshot, and names are found.
      expect(await storage.run('customerIndexReady')).toMatchObject({ state: 'ready', indexed: status.total });
      expect(fs.existsSync(path.join(dir, 'name-index.bin'))).toBe(true);
      const found = await storage.run('customerSearch', {
        query: Array.from(first.name).slice(-2).join(''),
        limit: 20,
      });
      expect(found.hits.map((h) => h.id)).toContain(first.id);
    } finally {
      await storage.close();
    }
  });
});
