import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import type { CentralServer } from '../../central/server';
import type { CallerContext } from '../../main/services/caller';
import { startStationHost, type StationHost } from '../../main/host';
import { ndjsonLines } from '../../main/sync/ndjson-lines';
import { PersonalDataCipher } from '../../main/security/personal-data-cipher';
import { DEFAULT_HALL_NAME, STAFF, WINDOWS, seedHall } from '../../hall/seed';
import { configure, migrate } from '../../node/sqlite/migrate';
import { BUSINESS_TYPES } from '@common/domain/business-types';
import { RawClient, useCentralBackends, describeEachBackend } from '../support/central-backends';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';

/**
 * Reference data through sync (docs/sync.md "Reference data through sync"), on both backends: a station
 * enrolled with an empty database gets the hall, business types, windows, staff and queue config
 * from the central and can log in, issue and call; PIN hashes reach only the hall's login stations.
 */
const { centralOn, cleanups } = useCentralBackends();
const SLOW = 120_000;
const kiosk: CallerContext = { connectionId: 'k', source: 'local:test', role: 'kiosk', windowNo: null, session: null };
const counter3: CallerContext = {
  connectionId: 'c3',
  source: 'local:test',
  role: 'counter',
  windowNo: 3,
  session: null,
};
const manager: CallerContext = {
  connectionId: 'm',
  source: 'local:test',
  role: 'manager',
  windowNo: null,
  session: null,
};

async function emptyStation(
  c: CentralServer,
  dataDir = makeTempDir('empty-station-'),
): Promise<{ host: StationHost; dataDir: string }> {
  const host = await startStationHost({
    dataDir,
    centralUrl: c.url,
    enrollCode: c.issueEnrollmentCode('H001', 'hall'),
  });
  cleanups.push(host.close);
  await host.sync!.idle();
  return { host, dataDir };
}

function count(dataDir: string, sql: string): number {
  const db = new Database(path.join(dataDir, 'station.db'), { readonly: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Every staff row a raw client sees, from its snapshot and then its pulls. */
async function staffSeenBy(
  client: RawClient,
): Promise<{ snapshot: Record<string, unknown>[]; pulled: Record<string, unknown>[]; halls: string[] }> {
  const res = await fetch(`${client.central.url}/v1/snapshot`, {
    headers: { authorization: `Bearer ${client.token}` },
  });
  const snapshot: Record<string, unknown>[] = [];
  const halls: string[] = [];
  for await (const line of ndjsonLines(res.body!)) {
    for (const ch of (JSON.parse(line) as { changes?: { entity: string; id: string; row: Record<string, unknown> }[] })
      .changes ?? []) {
      if (ch.entity === 'staff') snapshot.push(ch.row);
      if (ch.entity === 'hall') halls.push(ch.id);
    }
  }
  const pulled = (await client.pullIncludingReference(0)).changes
    .filter((ch) => ch.entity === 'staff')
    .map((ch) => ch.row);
  return { snapshot, pulled, halls };
}

/** A second hall with customers only (no staff of its own yet), loaded into the central the way `--import-hall` does. */
function importSecondHall(c: CentralServer): void {
  const file = path.join(makeTempDir('hall-h002-'), 'h002.db');
  const db = new Database(file);
  configure(db);
  migrate(db);
  seedHall(db, {
    customers: 3,
    hallId: 'H002',
    hallName: '西湖营业厅',
    firstCustomerId: 5001,
    customersOnly: true,
    cipher: new PersonalDataCipher(Buffer.alloc(32, 9)),
    seed: 77,
  });
  db.close();
  c.importHallDatabase(file);
}

describeEachBackend('reference data through sync on %s', (backend) => {
  it(
    'lets a station enrolled with an empty database log in, issue and call',
    async () => {
      const c = await centralOn(backend);
      const { host, dataDir } = await emptyStation(c);
      expect(await host.sync!.status()).toMatchObject({ online: true, lastError: null, auth: 'ok' });
      expect(count(dataDir, 'SELECT count(*) AS n FROM windows')).toBe(WINDOWS.length);
      expect(count(dataDir, 'SELECT count(*) AS n FROM staff')).toBe(STAFF.length);
      expect(count(dataDir, 'SELECT count(*) AS n FROM business_types')).toBe(BUSINESS_TYPES.length);
      expect(count(dataDir, 'SELECT count(*) AS n FROM queue_type_config')).toBe(BUSINESS_TYPES.length);
      expect(count(dataDir, "SELECT count(*) AS n FROM staff WHERE pin_hash = ''")).toBe(0);
      expect((await host.storage.run('identity')).hallName).toBe(DEFAULT_HALL_NAME);

      expect(await host.router.call(counter3, 'auth.login', { staffNo: '1003', pin: '654321' })).toMatchObject({
        ok: false,
      });
      expect(await host.router.call(counter3, 'auth.login', { staffNo: '1003', pin: '123456' })).toMatchObject({
        ok: true,
      });
      const issued = await host.router.call(kiosk, 'queue.issueTicket', { businessType: 'PAY' });
      if (!issued.ok) throw new Error(JSON.stringify(issued.error));
      const called = await host.router.call(counter3, 'counter.callNext', {});
      expect(called).toMatchObject({ ok: true, value: { number: issued.value.ticket.number } });

      host.sync!.trigger();
      await host.sync!.idle();
      expect(await host.sync!.status()).toMatchObject({ online: true, pending: 0, rejected: 0 });
      const reader = await RawClient.enroll(c, `reader-ref-${backend}`, 'hall');
      const ticket = (await reader.pull(0)).changes.findLast(
        (ch) => ch.entity === 'ticket' && ch.id === issued.value.ticket.id,
      );
      expect(ticket?.row).toMatchObject({ number: issued.value.ticket.number, status: 'called', window_no: 3 });
    },
    SLOW,
  );

  it(
    "carries a window's types changed on the manager station to every other station",
    async () => {
      const c = await centralOn(backend);
      const managerStation = await startStationHost({
        dataDir: seededDataDir('station.db', makeTempDir('ref-manager-')),
        centralUrl: c.url,
        enrollCode: c.issueEnrollmentCode('H001', 'hall'),
      });
      cleanups.push(managerStation.close);
      await managerStation.sync!.idle();
      const other = await emptyStation(c);
      expect(await managerStation.router.call(manager, 'auth.login', { staffNo: '1001', pin: '123456' })).toMatchObject(
        { ok: true },
      );
      const saved = await managerStation.router.call(manager, 'manager.configureWindow', {
        windowNo: 12,
        types: [
          { code: 'EV', priority: 2 },
          { code: 'ASK', priority: 1 },
        ],
      });
      expect(saved.ok).toBe(true);
      await managerStation.sync!.idle();
      other.host.sync!.trigger();
      await other.host.sync!.idle();
      const db = new Database(path.join(other.dataDir, 'station.db'), { readonly: true });
      try {
        expect(db.prepare('SELECT business_types FROM windows WHERE window_no = 12').get()).toEqual({
          business_types: '["EV","ASK"]',
        });
        expect(
          JSON.parse(
            (db.prepare('SELECT types FROM window_state WHERE window_no = 12').get() as { types: string }).types,
          ),
        ).toEqual([
          { code: 'EV', priority: 2 },
          { code: 'ASK', priority: 1 },
        ]);
      } finally {
        db.close();
      }
    },
    SLOW,
  );

  it(
    'sends PIN hashes only to login stations of the staff member’s own hall',
    async () => {
      const c = await centralOn(backend);
      importSecondHall(c);
      const login = await staffSeenBy(await RawClient.enroll(c, `counter-pin-${backend}`, 'counter'));
      expect(login.snapshot).toHaveLength(STAFF.length);
      expect(login.snapshot.every((r) => typeof r.pin_hash === 'string' && (r.pin_hash as string).length > 20)).toBe(
        true,
      );
      expect(login.pulled.every((r) => (r.pin_hash as string).length > 20)).toBe(true);
      for (const role of ['kiosk', 'display'] as const) {
        const seen = await staffSeenBy(await RawClient.enroll(c, `${role}-pin-${backend}`, role));
        // Everything the screens show (name, number, title, stars, photo, skills) but no PIN hash.
        expect(seen.snapshot).toHaveLength(STAFF.length);
        expect(seen.snapshot.map((r) => r.pin_hash)).toEqual(STAFF.map(() => ''));
        expect(seen.pulled.map((r) => r.pin_hash)).toEqual(STAFF.map(() => ''));
        expect(seen.snapshot[1]).toMatchObject({
          name: STAFF[1]!.name,
          staff_no: STAFF[1]!.staffNo,
          title: STAFF[1]!.title,
          star_level: STAFF[1]!.starLevel,
        });
      }
      // Another hall's stations get their own hall row and the shared business types, no staff of H001.
      const otherHall = await staffSeenBy(await RawClient.enroll(c, `counter-h002-${backend}`, 'counter', 'H002'));
      expect(otherHall).toEqual({ snapshot: [], pulled: [], halls: ['H002'] });
      const dataDir = makeTempDir('empty-h002-');
      const h002 = await startStationHost({
        dataDir,
        hallId: 'H002',
        centralUrl: c.url,
        enrollCode: c.issueEnrollmentCode('H002', 'hall'),
      });
      cleanups.push(h002.close);
      await h002.sync!.idle();
      expect(await h002.sync!.status()).toMatchObject({ online: true, lastError: null });
      expect(await h002.storage.run('identity')).toMatchObject({ hallId: 'H002', hallName: '西湖营业厅' });
      expect(count(dataDir, 'SELECT count(*) AS n FROM staff')).toBe(0);
      expect(count(dataDir, 'SELECT count(*) AS n FROM business_types')).toBe(BUSINESS_TYPES.length);
    },
    SLOW,
  );
});
