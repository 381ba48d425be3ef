import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCentral, type CentralServer } from '../../central/server';
import type { CallerContext } from '../../main/services/caller';
import { startStationHost, type StationHost } from '../../main/host';
import { PersonalDataCipher, personalDataKeyPath } from '../../main/security/personal-data-cipher';
import { seedHall } from '../../hall/seed';
import { configure, migrate } from '../../node/sqlite/migrate';
import { startTestPostgres, type TestPostgres } from '../support/postgres';
import { describeEachBackend } from '../support/central-backends';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';

/**
 * 跨区域办理 through a real central holding two halls: H001 (the station's, the fixture hall) and
 * H002 (西湖营业厅, seeded into the central only). Tags and risk set at the central reach the station
 * by the ordinary pull. Runs on both central backends: the PostgreSQL central holds H001 and H002
 * after importing their hall databases.
 */
const KEY = Buffer.alloc(32, 7);
const cipher = new PersonalDataCipher(KEY);
let central: CentralServer;
let host: StationHost;
let stationDb: string;
let other: { id: number; accountNo: string; name: string; phone: string; meterNo: string }[];
const counter: CallerContext = { connectionId: 'c', source: 'local:test', role: 'counter', windowNo: 3, session: null };

const audits = (action: string) => {
  const db = new Database(stationDb, { readonly: true });
  const rows = db.prepare('SELECT actor, detail FROM audit_log WHERE action = ? ORDER BY rowid').all(action) as {
    actor: string;
    detail: string;
  }[];
  db.close();
  return rows.map((r) => ({ actor: r.actor, detail: JSON.parse(r.detail) as Record<string, unknown> }));
};

/** H002's customers (with a flagged one) in a hall database of their own, loaded into the central as `--import-hall` does. */
function secondHallFile(): string {
  const file = path.join(makeTempDir('xhall-h002-'), 'h002.db');
  const db = new Database(file);
  configure(db);
  migrate(db);
  seedHall(db, {
    customers: 6,
    hallId: 'H002',
    hallName: '西湖营业厅',
    firstCustomerId: 5001,
    customersOnly: true,
    cipher,
    seed: 77,
  });
  other = (
    db
      .prepare(`SELECT id, account_no, meter_no, name_enc, phone_enc FROM customers WHERE hall_id = 'H002' ORDER BY id`)
      .all() as Record<string, never>[]
  ).map((r) => ({
    id: r.id,
    accountNo: r.account_no,
    meterNo: r.meter_no,
    name: cipher.decrypt(r.name_enc),
    phone: cipher.decrypt(r.phone_enc),
  }));
  // Risk set for a reason other than 欠费 N 期: arrears risk is recomputed from the bills themselves.
  db.prepare(
    `INSERT OR REPLACE INTO customer_flags (id, hall_id, customer_id, tags, risk_level, risk_note, updated_at) VALUES (?, 'H002', ?, '["重要客户","光伏并网"]', 'medium', '近一年多次逾期缴费', '2026-11-01T00:00:00.000Z')`,
  ).run(String(other[0]!.id), other[0]!.id);
  db.close();
  return file;
}

describeEachBackend('跨区域办理 through a %s central', (backend) => {
  let postgres: TestPostgres | null = null;
  beforeAll(async () => {
    // The SQLite central is the seeded hall file; a PostgreSQL central starts empty and imports it.
    const seeded = path.join(seededDataDir('central.db', makeTempDir('xhall-central-')), 'central.db');
    if (backend === 'postgres') postgres = await startTestPostgres();
    central = await startCentral({ dbFile: postgres ? await postgres.freshDatabase() : seeded });
    if (postgres) central.importHallDatabase(seeded);
    central.importHallDatabase(secondHallFile());

    const dataDir = seededDataDir('station.db', makeTempDir('xhall-station-'));
    fs.mkdirSync(path.dirname(personalDataKeyPath(dataDir)), { recursive: true });
    fs.writeFileSync(personalDataKeyPath(dataDir), KEY, { mode: 0o600 });
    stationDb = path.join(dataDir, 'station.db');
    host = await startStationHost({
      dataDir,
      centralUrl: central.url,
      enrollCode: central.issueEnrollmentCode('H001', 'hall'),
    });
    expect((await host.router.call(counter, 'auth.login', { staffNo: '1003', pin: '123456' })).ok).toBe(true);
  }, 60_000);
  afterAll(async () => {
    await host?.close();
    await central?.close();
    await postgres?.stop();
  });

  describe('a customer of another hall (跨区域办理)', () => {
    it('is fetched from the central by 户号 when not held here, cached, and marked as another hall’s', async () => {
      const want = other[0]!;
      const r = await host.router.call(counter, 'customer.search', { query: want.accountNo });
      expect(r).toMatchObject({
        ok: true,
        value: {
          kind: 'account',
          remote: 'fetched',
          hits: [{ id: want.id, hallId: 'H002', otherHall: true, accountNo: want.accountNo }],
        },
      });
      // Masked only: neither the name nor the phone crosses the API in full.
      expect(JSON.stringify(r)).not.toContain(want.phone);
      expect(JSON.stringify(r)).not.toContain(want.name);
      // Cached: the second search is answered here, without asking the central.
      const again = await host.router.call(counter, 'customer.search', { query: want.accountNo });
      expect(again.ok && again.value.remote).toBeUndefined();
      expect(again.ok && again.value.hits.map((h) => h.id)).toEqual([want.id]);
      const fetches = audits('customer.fetchRemote');
      expect(fetches).toHaveLength(1);
      expect(fetches[0]).toMatchObject({
        actor: 'S1003',
        detail: { kind: 'account', customerIds: [want.id], halls: ['H002'], windowNo: 3 },
      });
    });

    it('shows its view with its hall, 24 bills, and the tags and risk the central holds; the view is audited', async () => {
      const want = other[0]!;
      const v = await host.router.call(counter, 'customer.view', { customerId: want.id });
      expect(v).toMatchObject({
        ok: true,
        value: {
          customer: { id: want.id, otherHall: true },
          otherHall: { hallId: 'H002', hallName: '西湖营业厅' },
          flags: { tags: ['重要客户', '光伏并网'], riskLevel: 'medium', riskNote: '近一年多次逾期缴费' },
        },
      });
      expect(v.ok && v.value.bills).toHaveLength(24);
      expect(audits('customer.view').at(-1)).toMatchObject({
        actor: 'S1003',
        detail: { customerId: want.id, otherHall: 'H002' },
      });
      // A full view decrypts under the deployment's key and is audited like any other.
      expect(await host.router.call(counter, 'customer.reveal', { customerId: want.id, field: 'phone' })).toEqual({
        ok: true,
        value: { value: want.phone },
      });
      expect(audits('customer.reveal').at(-1)).toMatchObject({
        actor: 'S1003',
        detail: { customerId: want.id, field: 'phone' },
      });
    });

    it('is fetched by full phone number (sent only as its keyed hash) and then found by name here', async () => {
      const want = other[1]!;
      const r = await host.router.call(counter, 'customer.search', { query: want.phone });
      expect(r).toMatchObject({ ok: true, value: { kind: 'phone', remote: 'fetched' } });
      expect(r.ok && r.value.hits.map((h) => h.id)).toContain(want.id);
      const byName = await host.router.call(counter, 'customer.search', { query: want.name, limit: 100 });
      expect(byName.ok && byName.value.hits.map((h) => h.id)).toContain(want.id);
    });

    it('says so when no hall has the customer, and never asks the central for a name or a phone tail', async () => {
      const before = audits('customer.fetchRemote').length;
      expect(await host.router.call(counter, 'customer.search', { query: '3300000001' })).toMatchObject({
        ok: true,
        value: { hits: [], remote: 'not_found' },
      });
      const tail = await host.router.call(counter, 'customer.search', { query: '0000' });
      expect(tail.ok && tail.value.remote).toBeUndefined();
      expect(audits('customer.fetchRemote')).toHaveLength(before);
    });

    it('is refused by the central to a station role that serves no customers, to no token, and to a malformed request', async () => {
      const enroll = async (role: 'kiosk' | 'counter') => {
        const res = await fetch(`${central.url}/v1/enroll`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code: central.issueEnrollmentCode('H001', role), clientId: `xhall-${role}` }),
        });
        return ((await res.json()) as { token: string }).token;
      };
      const lookup = (token: string | null, body: unknown) =>
        fetch(`${central.url}/v1/customers/lookup`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(body),
        });
      const kiosk = await enroll('kiosk');
      const res = await lookup(kiosk, { kind: 'account', value: other[2]!.accountNo });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
      expect((await lookup(null, { kind: 'account', value: other[2]!.accountNo })).status).toBe(401);
      const counterToken = await enroll('counter');
      const bad = await lookup(counterToken, { kind: 'phone', value: other[2]!.phone });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { code: string; message: string } }).error).toMatchObject({
        code: 'malformed',
        message: expect.stringContaining('value'),
      });
      const ok = await lookup(counterToken, { kind: 'meter', value: other[2]!.meterNo });
      expect(ok.status).toBe(200);
      const body = (await ok.json()) as { customers: { hallId: string; customer: Record<string, unknown> }[] };
      expect(body.customers[0]).toMatchObject({
        hallId: 'H002',
        customer: { id: other[2]!.id, meter_no: other[2]!.meterNo },
      });
      // Ciphertexts travel as stored; no plaintext name or phone is in the answer.
      expect(JSON.stringify(body)).not.toContain(other[2]!.phone);
      expect(JSON.stringify(body)).not.toContain(other[2]!.name);
    });
  });

  describe('tags and fee-recovery risk', () => {
    it('are set at the central and reach the station by the ordinary pull', async () => {
      const db = new Database(stationDb, { readonly: true });
      const own = db
        .prepare(`SELECT id FROM customers WHERE hall_id = 'H001' ORDER BY id LIMIT 1`)
        .pluck()
        .get() as number;
      db.close();
      central.store.customers.setFlags('H001', own, ['低保户'], 'high', '曾有窃电记录', '2026-11-23T08:00:00.000Z');
      host.sync!.trigger();
      await host.sync!.idle();
      const v = await host.router.call(counter, 'customer.view', { customerId: own });
      expect(v).toMatchObject({
        ok: true,
        value: { flags: { tags: ['低保户'], riskLevel: 'high', riskNote: '曾有窃电记录' }, otherHall: null },
      });
    });
  });
});
