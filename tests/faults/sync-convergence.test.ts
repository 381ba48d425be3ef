/**
 * Property: 2–5 real stations and one central, random operations (issue, call, start, finish,
 * rate, contact edits, audit) interleaved with random partitions, lossy and duplicating links and
 * partial syncs. After healing and a final full sync: every synced table's digest is the same on
 * every station and the central, nothing is lost (each station's last mutation id is the
 * central's, its outbox empty, each write present or visibly rejected), nothing is applied twice
 * (append-only rows logged once, contact field versions equal to the number of edits), and no
 * checkpoint was ever ahead of the rows it covers.
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import pg from 'pg';
import { expect, it } from 'vitest';
import type { CentralServer } from '../../central/server';
import type { MutationArgs, MutationName } from '@common/mutators';
import { SYNCED_ENTITIES, type SyncedEntity } from '@common/mutators/sql';
import { useCentralBackends, type Backend, describeEachBackend } from '../support/central-backends';
import { CONVERGENCE_RUNS } from '../support/fault-runs';
import { seededRandom } from '../support/seeded-random';
import {
  compareTables,
  converge,
  startFleet,
  stationState,
  stopFleet,
  syncOnce,
  type FleetStation,
} from '../support/sync-fleet';
import { auditArgs, FAULT_DAY, issueArgs } from '../support/sync-ops';

const { centralOn, dbFileOf } = useCentralBackends();

type Op =
  | { kind: 'issue'; st: number; number: number }
  | { kind: 'call' | 'start' | 'finish'; st: number; ticket: number; window: number }
  | { kind: 'rate'; st: number; ticket: number }
  | { kind: 'contact'; st: number; customer: number; field: 'phone' | 'address'; value: number }
  | { kind: 'audit'; st: number }
  | { kind: 'partition'; st: number; on: boolean }
  | { kind: 'link'; st: number; latencyMs: number; duplicate: number; dropResponse: number }
  | { kind: 'sync'; st: number };

const st = fc.nat({ max: 4 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('issue' as const), st, number: fc.integer({ min: 100, max: 599 }) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constantFrom('call' as const, 'start' as const, 'finish' as const),
      st,
      ticket: fc.nat({ max: 30 }),
      window: fc.integer({ min: 1, max: 4 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rate' as const), st, ticket: fc.nat({ max: 30 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('contact' as const),
      st,
      customer: fc.integer({ min: 1, max: 4 }),
      field: fc.constantFrom('phone' as const, 'address' as const),
      value: fc.integer({ min: 1000, max: 9999 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('audit' as const), st }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('partition' as const), st, on: fc.boolean() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('link' as const),
      st,
      latencyMs: fc.constantFrom(0, 20, 80),
      duplicate: fc.constantFrom(0, 0.3, 1),
      dropResponse: fc.constantFrom(0, 0.3),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('sync' as const), st }) },
);

const b64 = (s: string) => Buffer.from(s.padEnd(16, '.')).toString('base64');
function contactArgs(
  id: string,
  customerId: number,
  field: 'phone' | 'address',
  value: number,
  at: string,
): MutationArgs<'customer.updateContact'> {
  const base = { id, hallId: 'H001', customerId, at, staffId: 'S1002' };
  return field === 'phone'
    ? {
        ...base,
        phone: {
          enc: b64(`phone 1380000${value}`),
          hash: `hash-phone-${value}-000000`,
          masked: `138****${value}`,
          tail: String(value),
        },
      }
    : { ...base, address: { enc: b64(`address ${value}`), masked: `北京市****${value}号` } };
}

/** Every change the central logged, by version (the rows a station's checkpoint claims to hold). */
async function centralChanges(dbFile: string): Promise<{ version: number; entity: SyncedEntity; entity_id: string }[]> {
  const sql = 'SELECT version, entity, entity_id FROM sync_changes ORDER BY version';
  if (!/^postgres/.test(dbFile)) {
    const db = new Database(dbFile, { readonly: true });
    try {
      return db.prepare(sql).all() as { version: number; entity: SyncedEntity; entity_id: string }[];
    } finally {
      db.close();
    }
  }
  const c = new pg.Client({ connectionString: dbFile });
  await c.connect();
  try {
    return (await c.query(sql)).rows.map(
      (r: { version: string | number; entity: SyncedEntity; entity_id: string }) => ({
        ...r,
        version: Number(r.version),
      }),
    );
  } finally {
    await c.end();
  }
}

/** No station's checkpoint covers a row it does not have. */
async function assertNoCheckpointAhead(fleet: FleetStation[], centralDb: string): Promise<void> {
  const changes = await centralChanges(centralDb);
  for (const s of fleet) {
    const { cursor } = stationState(s.dbFile);
    const db = new Database(s.dbFile, { readonly: true });
    try {
      const lacking = changes.filter(
        (ch) =>
          ch.version <= cursor &&
          !db
            .prepare(`SELECT 1 FROM ${SYNCED_ENTITIES[ch.entity].table} WHERE ${SYNCED_ENTITIES[ch.entity].key} = ?`)
            .get(ch.entity_id),
      );
      expect(lacking, `station checkpoint ${cursor} covers rows it lacks`).toEqual([]);
    } finally {
      db.close();
    }
  }
}

let runNo = 0;
async function runSchedule(
  central: CentralServer,
  stations: number,
  ops: Op[],
  seed: number,
): Promise<{ ok: number; failed: number }> {
  const run = `r${++runNo}`;
  const fleet = await startFleet(central, stations, { random: seededRandom(seed) });
  const centralDb = dbFileOf(central);
  // The central outlives the run (schedules share it): contact versions are compared as increments.
  const versionsBefore = (await compareTables([], centralDb)).central.customerContact;
  const versionOf = (rows: typeof versionsBefore, customer: number, field: 'phone_version' | 'address_version') =>
    Number(rows.get(`contact-${customer}`)?.[field] ?? 0);
  const tickets: string[] = [];
  const written = {
    audit: [] as string[],
    issued: [] as { id: string; st: number }[],
    phoneEdits: new Map<number, number>(),
    addressEdits: new Map<number, number>(),
  };
  let serial = 0;
  let ok = 0;
  let failed = 0;
  try {
    for (const op of ops) {
      const s = fleet[op.st % stations]!;
      const at = new Date(Date.UTC(2030, 0, 7, 1, 0, serial)).toISOString();
      const id = `${run}-${String(serial++).padStart(6, '0')}`;
      const ticketOf = (n: number) => tickets[n % Math.max(1, tickets.length)];
      const mutate = async <N extends MutationName>(name: N, args: MutationArgs<N>): Promise<boolean> => {
        try {
          await s.host.storage.run('mutate', { name, args, now: at });
          s.host.sync!.trigger();
          ok++;
          return true;
        } catch (e) {
          if (process.env.FAULT_DEBUG) console.log(name, (e as Error).message);
          failed++; // refused by the station's own replica (e.g. a ticket already called): nothing written
          return false;
        }
      };
      switch (op.kind) {
        case 'issue':
          if (await mutate('ticket.issue', issueArgs(`tk-${id}`, op.number - 100, at, FAULT_DAY, 'A'))) {
            tickets.push(`tk-${id}`);
            written.issued.push({ id: `tk-${id}`, st: op.st % stations });
          }
          break;
        case 'call':
        case 'start':
        case 'finish': {
          const ticketId = ticketOf(op.ticket);
          if (!ticketId) break;
          const staffId = `S${1001 + op.window}`;
          if (op.kind === 'call')
            await mutate('ticket.call', { callId: `call-${id}`, ticketId, windowNo: op.window, staffId, at });
          else
            await mutate(op.kind === 'start' ? 'ticket.start' : 'ticket.finish', {
              ticketId,
              windowNo: op.window,
              staffId,
              at,
            });
          break;
        }
        case 'rate': {
          const ticketId = ticketOf(op.ticket);
          if (ticketId)
            await mutate('rating.record', {
              id: `rt-${id}`,
              ticketId,
              level: 'satisfied',
              dimensions: {},
              reason: null,
              at,
            });
          break;
        }
        case 'contact':
          if (await mutate('customer.updateContact', contactArgs(`ce-${id}`, op.customer, op.field, op.value, at))) {
            const m = op.field === 'phone' ? written.phoneEdits : written.addressEdits;
            m.set(op.customer, (m.get(op.customer) ?? 0) + 1);
          }
          break;
        case 'audit':
          if (await mutate('audit.append', auditArgs(`au-${id}`, s.host.storage.stationId, at)))
            written.audit.push(`au-${id}`);
          break;
        case 'partition':
          s.proxy.set({ partitioned: op.on });
          break;
        case 'link':
          s.proxy.set({
            latencyMs: op.latencyMs,
            duplicate: op.duplicate,
            lateCopyMs: 150,
            dropResponse: op.dropResponse,
          });
          break;
        case 'sync':
          await syncOnce(s);
          await assertNoCheckpointAhead(fleet, centralDb);
          break;
      }
    }
    await Promise.all(fleet.map((s) => s.host.sync!.idle()));
    await assertNoCheckpointAhead(fleet, centralDb);
    await converge(fleet, central);
    await assertNoCheckpointAhead(fleet, centralDb);

    // Nothing lost: every outbox drained and acknowledged, every write at the central or visibly rejected.
    const clients = new Map(central.store.clients('H001').map((c) => [c.client_id, Number(c.last_mutation_id)]));
    const states = fleet.map((s) => stationState(s.dbFile));
    for (const state of states) {
      expect(state.outbox).toBe(0);
      expect(clients.get(state.clientId) ?? 0).toBe(state.lastMutationId);
    }
    const { stations: snaps, central: centralSnap, differing } = await compareTables(fleet, centralDb);
    expect(differing, 'tables whose digests differ between stations and the central').toEqual([]);
    for (const a of written.audit) expect(centralSnap.audit.has(a), `audit ${a} lost`).toBe(true);
    for (const t of written.issued) {
      const rejected = states[t.st]!.rejected.some((r) => r.name === 'ticket.issue');
      expect(centralSnap.ticket.has(t.id) || rejected, `ticket ${t.id} lost`).toBe(true);
    }
    // Nothing applied twice: each contact field's version counts its accepted edits exactly.
    for (const [customer, edits] of written.phoneEdits)
      expect(
        versionOf(centralSnap.customerContact, customer, 'phone_version') -
          versionOf(versionsBefore, customer, 'phone_version'),
      ).toBe(edits);
    for (const [customer, edits] of written.addressEdits)
      expect(
        versionOf(centralSnap.customerContact, customer, 'address_version') -
          versionOf(versionsBefore, customer, 'address_version'),
      ).toBe(edits);
    expect(snaps).toHaveLength(stations);
  } finally {
    await stopFleet(fleet);
  }
  return { ok, failed };
}

describeEachBackend('convergence on %s', (backend: Backend) => {
  const runs = backend === 'sqlite' ? CONVERGENCE_RUNS : Math.max(1, Math.floor(CONVERGENCE_RUNS / 3));
  it(
    `${runs} random schedules over 2–5 stations converge to equal tables, nothing lost or doubled`,
    async () => {
      const central = await centralOn(backend);
      const totals = { ok: 0, failed: 0 };
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 2, max: 5 }),
          fc.array(opArb, { minLength: 8, maxLength: 40 }),
          fc.integer(),
          async (stations, ops, seed) => {
            const r = await runSchedule(central, stations, ops, seed);
            totals.ok += r.ok;
            totals.failed += r.failed;
          },
        ),
        { numRuns: runs, endOnFailure: true },
      );
      console.log(
        `convergence on ${backend}: ${runs} schedules, ${totals.ok} writes accepted by stations, ${totals.failed} refused locally`,
      );
    },
    Math.max(120_000, runs * 60_000),
  );
});
