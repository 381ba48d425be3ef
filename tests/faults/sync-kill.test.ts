/**
 * kill -9 of a station process and of the central process at random points of push and pull,
 * then a restart on the same data directory. After every kill, on disk: nothing the central
 * applied is unknown to the station, no checkpoint is ahead of the data it covers, every write the
 * station reported committed is still there. After every restart and drain: the outbox is empty,
 * the central holds every write exactly once, and both sides agree on the last mutation id.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SYNCED_ENTITIES, type SyncedEntity } from '@common/mutators/sql';
import { FAULT_CYCLES, faultTimeoutMs } from '../support/fault-runs';
import { freePort, startCentralProcess, startStationProcess, type LineProcess } from '../support/fault-processes';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';
import { faultSeed, seededRandom } from '../support/seeded-random';

const seed = faultSeed();
const random = seededRandom(seed);
const pick = (n: number) => Math.floor(random() * n);

function readDb<T>(file: string, read: (db: Database.Database) => T): T {
  // Read-write open (never written): after a SIGKILL the WAL may need recovery, which a read-only handle cannot run.
  const db = new Database(file, { fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const OUR_IDS = `SELECT id FROM audit_log WHERE id LIKE 'au-c%' UNION ALL SELECT id FROM tickets WHERE id LIKE 'tk-c%'`;

type ChangeRef = { version: number; entity: SyncedEntity; entity_id: string };

/** The station's sync bookkeeping, and which of `covered` (central changes) it lacks a row for. */
function stationState(file: string, covered: ChangeRef[] = []) {
  return readDb(file, (db) => {
    const state = (key: string) =>
      Number(
        (db.prepare('SELECT value FROM sync_state WHERE key = ?').get(key) as { value: string } | undefined)?.value ??
          0,
      );
    return {
      lastMutationId: state('last_mutation_id'),
      cursor: state('cursor'),
      outbox: (db.prepare('SELECT count(*) AS n FROM sync_outbox').get() as { n: number }).n,
      rejected: (db.prepare('SELECT count(*) AS n FROM sync_rejected').get() as { n: number }).n,
      ids: new Set((db.prepare(OUR_IDS).all() as { id: string }[]).map((r) => r.id)),
      lacking: covered.filter((ch) => {
        const { table, key } = SYNCED_ENTITIES[ch.entity];
        return db.prepare(`SELECT 1 FROM ${table} WHERE ${key} = ?`).get(ch.entity_id) === undefined;
      }),
    };
  });
}

function centralState(file: string) {
  return readDb(file, (db) => ({
    applied: new Map(
      (
        db.prepare('SELECT client_id, last_mutation_id FROM sync_clients').all() as {
          client_id: string;
          last_mutation_id: number;
        }[]
      ).map((r) => [r.client_id, r.last_mutation_id]),
    ),
    version: (db.prepare('SELECT coalesce(max(version), 0) AS v FROM sync_changes').get() as { v: number }).v,
    changes: db
      .prepare(`SELECT version, entity, entity_id FROM sync_changes WHERE hall_id = 'H001' ORDER BY version`)
      .all() as ChangeRef[],
    ids: new Set((db.prepare(OUR_IDS).all() as { id: string }[]).map((r) => r.id)),
    logged: db
      .prepare(
        `SELECT entity_id, count(*) AS n FROM sync_changes WHERE entity_id LIKE 'au-c%' OR entity_id LIKE 'tk-c%' GROUP BY entity_id`,
      )
      .all() as { entity_id: string; n: number }[],
  }));
}

describe('sync under kill -9 (real station and central processes)', () => {
  const procs: LineProcess[] = [];
  afterAll(async () => {
    for (const p of procs) await p.kill9();
  });

  it(
    `loses nothing and doubles nothing over ${FAULT_CYCLES} kill/restart cycles`,
    async () => {
      const root = makeTempDir('kill9-');
      const centralDir = seededDataDir('central.db', path.join(root, 'central'));
      const stationDir = seededDataDir('station.db', path.join(root, 'station'));
      const centralDb = path.join(centralDir, 'central.db');
      const stationDb = path.join(stationDir, 'station.db');
      const port = await freePort();
      const first = await startCentralProcess(centralDir, port, 'H001:hall');
      let central = first.proc;
      procs.push(central);
      let station = await startStationProcess(stationDir, first.url, first.code!);
      procs.push(station);
      const stationId = (JSON.parse(station.lines[0]!) as { stationId: string }).stationId;
      // Enrollment finishes before the first kill: a code is spent once, and this suite is about sync.
      station.send({ cmd: 'sync' });
      expect(await station.next((l) => l.includes('"synced"') || l.includes('"stuck"'))).toContain('"synced"');
      const committed = new Set<string>();
      const harvest = (p: LineProcess) => {
        for (const l of p.lines) if (l.includes('"committed"')) committed.add((JSON.parse(l) as { id: string }).id);
      };
      const kills = { station: 0, central: 0, duringPull: 0 };
      const started = Date.now();
      const where = (cycle: number) => `cycle ${cycle}, seed ${seed} (FAULT_SEED=${seed} replays it)`;

      for (let cycle = 1; cycle <= FAULT_CYCLES; cycle++) {
        const victim = random() < 0.5 ? 'station' : 'central';
        // Writes trigger push → pull cycles; a bare sync command is a pull with nothing to push.
        const pullOnly = random() < 0.25;
        if (pullOnly) station.send({ cmd: 'sync' });
        else station.send({ cmd: 'write', n: 1 + pick(12), tag: `c${cycle}`, day: cycle });
        await new Promise((r) => setTimeout(r, pick(250)));
        const killed = victim === 'station' ? station : central;
        await killed.kill9();
        kills[victim]++;
        if (pullOnly) kills.duringPull++;
        harvest(station);

        // On disk, right after the kill: no checkpoint ahead of data, nothing applied the station lacks.
        const c = centralState(centralDb);
        const cursorNow = stationState(stationDb).cursor;
        const s = stationState(
          stationDb,
          c.changes.filter((ch) => ch.version <= cursorNow),
        );
        expect(
          c.applied.get(stationId) ?? 0,
          `central applied beyond the station's log, ${where(cycle)}`,
        ).toBeLessThanOrEqual(s.lastMutationId);
        expect(s.cursor, `station checkpoint ahead of the central, ${where(cycle)}`).toBeLessThanOrEqual(c.version);
        expect(s.lacking, `rows covered by the station's checkpoint but absent, ${where(cycle)}`).toEqual([]);
        expect(
          [...committed].filter((id) => !s.ids.has(id)),
          `committed writes lost, ${where(cycle)}`,
        ).toEqual([]);
        expect(
          c.logged.filter((r) => r.n > 1),
          `writes applied twice, ${where(cycle)}`,
        ).toEqual([]);

        // Restart on the same data directory, drain, and compare.
        if (victim === 'central') {
          central = (await startCentralProcess(centralDir, port)).proc;
          procs.push(central);
        } else {
          station = await startStationProcess(stationDir, first.url);
          procs.push(station);
        }
        // A station that survived (the central was the victim) may still be writing its burst: let it finish first.
        if (victim === 'central' && !pullOnly)
          await station.next((l) => l.includes('"written"') || l.includes('"error"'));
        station.send({ cmd: 'sync' });
        const synced = await station.next(
          (l) => l.includes('"synced"') || l.includes('"stuck"') || l.includes('"error"'),
        );
        expect(synced, where(cycle)).toContain('"synced"');
        const s2 = stationState(stationDb);
        const c2 = centralState(centralDb);
        expect(s2.outbox, where(cycle)).toBe(0);
        expect(s2.rejected, where(cycle)).toBe(0);
        expect(c2.applied.get(stationId) ?? 0, where(cycle)).toBe(s2.lastMutationId);
        expect(s2.cursor, where(cycle)).toBe(c2.version);
        expect([...s2.ids].sort(), where(cycle)).toEqual([...c2.ids].sort());
        expect(
          [...committed].filter((id) => !c2.ids.has(id)),
          where(cycle),
        ).toEqual([]);
        expect(
          c2.logged.every((r) => r.n === 1),
          where(cycle),
        ).toBe(true);
      }
      const seconds = (Date.now() - started) / 1000;
      console.log(
        `kill -9 suite: ${FAULT_CYCLES} cycles (${kills.station} station kills, ${kills.central} central kills, ${kills.duringPull} during a pull-only sync), ` +
          `${committed.size} committed writes, none lost or doubled, in ${seconds.toFixed(0)} s (seed ${seed})`,
      );
    },
    faultTimeoutMs(FAULT_CYCLES),
  );
});
