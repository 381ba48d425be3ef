import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { startCentral, type CentralServer } from '../../central/server';
import { SYNCED_ENTITIES, type SyncedEntity } from '@common/mutators/sql';
import type { CallerContext } from '../../main/services/caller';
import { startStationHost, type StationHost } from '../../main/host';
import { ndjsonLines } from '../../main/sync/ndjson-lines';
import { RawClient, useCentralBackends, type Backend, describeEachBackend } from '../support/central-backends';
import { startCuttingProxy } from '../support/cutting-proxy';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';

/**
 * A hall relay (docs/sync.md "Hall relay") between the hall's stations and a provincial central on each
 * backend: stations → relay → province, the WAN cut and restored. The hall never splits, first call
 * still wins, and afterwards every station, the relay and the province hold the same rows.
 */
const { centralOn, stop, cleanups, freshDb } = useCentralBackends();
const kiosk: CallerContext = { connectionId: 'k', source: 'local:test', role: 'kiosk', windowNo: null, session: null };
const counterA: CallerContext = {
  connectionId: 'ca',
  source: 'local:test',
  role: 'counter',
  windowNo: 1,
  session: null,
};
const counterB: CallerContext = {
  connectionId: 'cb',
  source: 'local:test',
  role: 'counter',
  windowNo: 2,
  session: null,
};
const SLOW = 180_000;

/** The relay on the same backend as the province: a seeded SQLite file, or an empty PostgreSQL database that gets the hall's reference data from the province. */
async function startRelay(province: CentralServer, backend: Backend): Promise<CentralServer> {
  const relay = await startCentral({
    dbFile: await freshDb(backend),
    relay: {
      upstreamUrl: province.url,
      hallId: 'H001',
      enrollCode: province.issueEnrollmentCode('H001', 'hall'),
      pollMs: 60_000,
    },
  });
  cleanups.push(relay.close);
  // Stations enrol once the relay holds the hall's reference data (on an empty PostgreSQL relay it comes from upstream).
  await upstreamNow(relay);
  return relay;
}

async function station(centralUrl: string, relay: CentralServer): Promise<{ host: StationHost; dataDir: string }> {
  const dataDir = seededDataDir('station.db', makeTempDir('relay-station-'));
  // A generous wait for the relay's numbering: under load an online issue must not become a leased one.
  const host = await startStationHost({
    dataDir,
    centralUrl,
    enrollCode: relay.issueEnrollmentCode('H001', 'hall'),
    authorityTimeoutMs: 10_000,
  });
  cleanups.push(host.close);
  await host.sync!.idle();
  return { host, dataDir };
}

async function syncNow(...hosts: StationHost[]): Promise<void> {
  for (const h of hosts) {
    h.sync!.trigger();
    await h.sync!.idle();
  }
}

async function upstreamNow(relay: CentralServer): Promise<void> {
  relay.relay!.trigger();
  await relay.relay!.idle();
}

/** The newest row of every entity a central holds for H001, read through its own snapshot. */
async function centralRows(c: CentralServer, who: string): Promise<Map<string, Record<string, unknown>>> {
  // A login station: it sees staff rows with their PIN hashes, as the stations compared below hold them.
  const reader = await RawClient.enroll(c, who, 'hall');
  const res = await fetch(`${c.url}/v1/snapshot`, { headers: { authorization: `Bearer ${reader.token}` } });
  const rows = new Map<string, Record<string, unknown>>();
  for await (const line of ndjsonLines(res.body!)) {
    const parsed = JSON.parse(line) as {
      type: string;
      changes?: { entity: string; id: string; row: Record<string, unknown> }[];
    };
    for (const ch of parsed.changes ?? []) rows.set(`${ch.entity}/${ch.id}`, ch.row);
  }
  return rows;
}

/** The same rows as a station holds them. */
function stationRows(dataDir: string, keys: Iterable<string>): Map<string, Record<string, unknown> | undefined> {
  const db = new Database(path.join(dataDir, 'station.db'), { readonly: true });
  try {
    return new Map(
      [...keys].map((k) => {
        const [entity, id] = k.split(/\/(.*)/s) as [SyncedEntity, string];
        const { table, key } = SYNCED_ENTITIES[entity];
        return [
          k,
          db.prepare(`SELECT * FROM ${table} WHERE ${key} = ?`).get(id) as Record<string, unknown> | undefined,
        ];
      }),
    );
  } finally {
    db.close();
  }
}

/** Rows equal on the columns both sides have (PostgreSQL adds hall_id where SQLite's schema has none). */
function expectSameRows(
  label: string,
  ours: Map<string, Record<string, unknown> | undefined>,
  theirs: Map<string, Record<string, unknown>>,
): void {
  expect([...ours.keys()].sort(), label).toEqual([...theirs.keys()].sort());
  for (const [k, row] of theirs) {
    const mine = ours.get(k);
    expect(mine, `${label} ${k}`).toBeDefined();
    const shared = Object.keys(row).filter((c) => c in mine!);
    expect(Object.fromEntries(shared.map((c) => [c, mine![c]])), `${label} ${k}`).toEqual(
      Object.fromEntries(shared.map((c) => [c, row[c]])),
    );
  }
}

describeEachBackend('hall relay to a provincial central on %s', (backend) => {
  it(
    'keeps the hall whole through a WAN outage, first call still wins, and everything converges after',
    async () => {
      let province = await centralOn(backend);
      const relay = await startRelay(province, backend);
      const a = await station(relay.url, relay);
      // Station b reaches the relay through a proxy, so its LAN link can be cut on its own.
      const lan = await startCuttingProxy(relay.url);
      cleanups.push(lan.close);
      const b = await station(lan.url, relay);

      // Online: a ticket travels station → relay → province with its original identity.
      const first = await a.host.router.call(kiosk, 'queue.issueTicket', { businessType: 'PAY' });
      if (!first.ok) throw new Error(JSON.stringify(first.error));
      await syncNow(a.host);
      await upstreamNow(relay);
      expect(relay.relay!.status()).toMatchObject({ online: true, pending: 0, lastError: null });
      expect((await centralRows(province, 'reader-prov-1')).get(`ticket/${first.value.ticket.id}`)).toMatchObject({
        number: first.value.ticket.number,
        status: 'waiting',
      });

      // WAN cut: the province is down. The hall goes on: issuing, syncing, calling.
      const down = await stop(province);
      const second = await a.host.router.call(kiosk, 'queue.issueTicket', { businessType: 'PAY' });
      expect(second.ok).toBe(true);
      await syncNow(a.host, b.host);
      await upstreamNow(relay);
      expect(relay.relay!.status()).toMatchObject({ online: false, pending: 1 });
      const onB = await b.host.router.call({ ...kiosk, role: 'display' }, 'queue.snapshot', {});
      expect(onB.ok && onB.value.waiting.map((t) => t.number)).toEqual([
        first.value.ticket.number,
        second.ok && second.value.ticket.number,
      ]);

      // Two counters call the same ticket while b's LAN link is down: a's call reaches the relay first.
      expect((await a.host.router.call(counterA, 'auth.login', { staffNo: '1002', pin: '123456' })).ok).toBe(true);
      expect((await b.host.router.call(counterB, 'auth.login', { staffNo: '1004', pin: '123456' })).ok).toBe(true);
      lan.partition(true);
      expect(await a.host.router.call(counterA, 'counter.callNext', {})).toMatchObject({
        ok: true,
        value: { number: first.value.ticket.number },
      });
      await syncNow(a.host);
      expect(await b.host.router.call(counterB, 'counter.callNext', {})).toMatchObject({
        ok: true,
        value: { number: first.value.ticket.number },
      });
      await syncNow(b.host);
      expect((await b.host.sync!.status()).online).toBe(false);
      lan.partition(false);
      await syncNow(b.host);
      const bStatus = await b.host.sync!.status();
      expect(bStatus).toMatchObject({
        online: true,
        rejected: 1,
        lastRejection: { name: 'ticket.call', code: 'conflict' },
      });

      // WAN restored: the relay pushes what the hall did and pulls what the province holds.
      province = await down.restart();
      await upstreamNow(relay);
      expect(relay.relay!.status()).toMatchObject({ online: true, pending: 0, lastError: null });
      await syncNow(a.host, b.host);

      const atProvince = await centralRows(province, 'reader-prov-2');
      const atRelay = await centralRows(relay, 'reader-relay-1');
      expectSameRows('relay', atRelay, atProvince);
      expectSameRows('station a', stationRows(a.dataDir, atProvince.keys()), atProvince);
      expectSameRows('station b', stationRows(b.dataDir, atProvince.keys()), atProvince);
      // Nothing lost, nothing doubled: two tickets, one call of the contested ticket (a's), at the province.
      const keys = [...atProvince.keys()];
      expect(keys.filter((k) => k.startsWith('ticket/'))).toHaveLength(2);
      const calls = keys.filter((k) => k.startsWith('call/')).map((k) => atProvince.get(k)!);
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({ ticket_id: first.value.ticket.id, window_no: 1 });
    },
    SLOW,
  );
});
