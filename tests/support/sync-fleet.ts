import path from 'node:path';
import Database from 'better-sqlite3';
import type { CentralServer } from '../../central/server';
import type { SyncedEntity } from '@common/mutators/sql';
import type { Clock } from '../../main/services/clock';
import { startStationHost, type StationHost } from '../../main/host';
import { ChaosProxy } from './chaos-proxy';
import { makeTempDir, seededDataDir } from './hall-fixture';
import { digestsByTable, sqliteSnapshot, postgresSnapshot, type Snapshot } from './table-digest';

/** Several real stations (storage worker, sync client), each reaching the central through its own chaos proxy. */
export interface FleetStation {
  host: StationHost;
  proxy: ChaosProxy;
  dbFile: string;
}

export async function startFleet(
  central: CentralServer,
  n: number,
  opts: { random?: () => number; clocks?: (Clock | undefined)[]; authorityTimeoutMs?: number } = {},
): Promise<FleetStation[]> {
  const fleet: FleetStation[] = [];
  for (let i = 0; i < n; i++) {
    const proxy = await ChaosProxy.start(central.url, opts.random);
    const dataDir = seededDataDir('station.db', makeTempDir(`fleet-${i}-`));
    const host = await startStationHost({
      dataDir,
      centralUrl: proxy.url,
      enrollCode: central.issueEnrollmentCode('H001', 'hall'),
      clock: opts.clocks?.[i],
      authorityTimeoutMs: opts.authorityTimeoutMs,
    });
    fleet.push({ host, proxy, dbFile: path.join(dataDir, 'station.db') });
  }
  // Every station enrolled before faults begin: a spent code cannot be re-tried.
  for (const s of fleet) await syncOnce(s);
  return fleet;
}

export async function stopFleet(fleet: FleetStation[]): Promise<void> {
  for (const s of fleet) {
    await s.proxy.close();
    await s.host.close();
  }
}

export async function syncOnce(s: FleetStation) {
  s.host.sync!.trigger();
  await s.host.sync!.idle();
  return s.host.sync!.status();
}

/** Heal every link and sync round after round until all outboxes are empty and every cursor is the central's. */
export async function converge(fleet: FleetStation[], central: CentralServer, maxRounds = 30): Promise<void> {
  for (const s of fleet) {
    s.proxy.heal();
    await s.proxy.settle();
  }
  for (let round = 0; round < maxRounds; round++) {
    const statuses = [];
    for (const s of fleet) statuses.push(await syncOnce(s));
    const version = central.store.version();
    if (statuses.every((st) => st.online && st.pending === 0 && st.cursor === version)) return;
  }
  const statuses = await Promise.all(fleet.map((s) => s.host.sync!.status()));
  throw new Error(
    `no convergence after ${maxRounds} rounds: central at ${central.store.version()}, stations ${JSON.stringify(statuses)}`,
  );
}

export function stationState(dbFile: string) {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const state = (key: string) =>
      Number(
        (db.prepare('SELECT value FROM sync_state WHERE key = ?').get(key) as { value: string } | undefined)?.value ??
          0,
      );
    return {
      clientId: (db.prepare(`SELECT value FROM sync_state WHERE key = 'client_id'`).get() as { value: string }).value,
      lastMutationId: state('last_mutation_id'),
      cursor: state('cursor'),
      outbox: (db.prepare('SELECT count(*) AS n FROM sync_outbox').get() as { n: number }).n,
      rejected: db.prepare('SELECT mutation_id, name, code FROM sync_rejected').all() as {
        mutation_id: number;
        name: string;
        code: string;
      }[],
    };
  } finally {
    db.close();
  }
}

/** Snapshots of every station and the central, and per synced table whether all digests agree. */
export async function compareTables(
  fleet: FleetStation[],
  centralDb: string,
): Promise<{ stations: Snapshot[]; central: Snapshot; differing: SyncedEntity[] }> {
  const stations = fleet.map((s) => sqliteSnapshot(s.dbFile));
  const pg = /^postgres/.test(centralDb);
  const central = pg ? await postgresSnapshot(centralDb) : sqliteSnapshot(centralDb);
  // A PostgreSQL central holds only what was synced, not the stations' seeded history: compare its rows.
  const digests = digestsByTable([...stations, central], pg ? (e) => new Set(central[e].keys()) : undefined);
  const stationOnly = digestsByTable(stations);
  const differing = (Object.keys(digests) as SyncedEntity[]).filter(
    (e) => new Set(digests[e]).size > 1 || new Set(stationOnly[e]).size > 1,
  );
  return { stations, central, differing };
}
