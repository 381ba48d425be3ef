/**
 * Property: 2–5 real stations issue tickets at the same time over their kiosk API, through links
 * with random latency (some beyond the kiosk's wait for the authority) and partitions, while the
 * hall's authority (a central, or a hall relay in front of a provincial central) is restarted now and
 * then. After healing and a full sync: every printed number is unique within the hall and day, and the
 * number stored for each ticket — at the authority, at every station, at the province — is the printed one.
 * FAULT_SEED replays a run (the seed is printed); TICKET_RUNS sets how many schedules run.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { startCentral, type CentralServer } from '../../central/server';
import { isLeasedNumber } from '@common/sync/number-leases';
import type { CallerContext } from '../../main/services/caller';
import { describeEachBackend, useCentralBackends, type Backend } from '../support/central-backends';
import { faultSeed, seededRandom } from '../support/seeded-random';
import { converge, startFleet, stopFleet, type FleetStation } from '../support/sync-fleet';

const { centralOn, freshDb, stop, cleanups } = useCentralBackends();
const kiosk: CallerContext = {
  connectionId: 'kiosk',
  source: 'local:test',
  role: 'kiosk',
  windowNo: null,
  session: null,
};
const RUNS = Number(process.env.TICKET_RUNS ?? 0) || 4;

type Op =
  | { kind: 'issue'; at: number[] }
  | { kind: 'link'; st: number; latencyMs: number; partitioned: boolean }
  | { kind: 'restart' };

const st = fc.nat({ max: 4 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  // Taps at up to four kiosks at once (the same station may be tapped twice).
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('issue' as const), at: fc.array(st, { minLength: 1, maxLength: 4 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('link' as const),
      st,
      // 0 and 60 ms: the authority answers in time; 700 ms: the kiosk gives up at 300 ms and issues from its lease.
      latencyMs: fc.constantFrom(0, 60, 700),
      partitioned: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
);

/** The hall's authority, and how to restart it on the same address and data. */
interface Authority {
  server: CentralServer;
  /** The provincial central behind a relay. */
  province: CentralServer | null;
  restart(): Promise<void>;
}

async function startAuthority(backend: Backend, relayed: boolean): Promise<Authority> {
  if (!relayed) {
    const a: Authority = {
      server: await centralOn(backend),
      province: null,
      restart: async () => {
        a.server = await (await stop(a.server)).restart();
      },
    };
    return a;
  }
  const province = await centralOn(backend);
  const file = await freshDb(backend);
  const relayOpts = {
    upstreamUrl: province.url,
    hallId: 'H001',
    enrollCode: province.issueEnrollmentCode('H001', 'hall'),
    pollMs: 60_000,
  };
  const startRelay = async (port?: number) => {
    const r = await startCentral({ dbFile: file, port, relay: relayOpts });
    r.relay!.trigger();
    await r.relay!.idle();
    return r;
  };
  const a: Authority = {
    server: await startRelay(),
    province,
    restart: async () => {
      const port = Number(new URL(a.server.url).port);
      await a.server.close();
      a.server = await startRelay(port);
    },
  };
  let closed: CentralServer | null = null;
  cleanups.push(async () => {
    if (closed !== a.server) await a.server.close();
    closed = a.server;
  });
  return a;
}

interface Printed {
  id: string;
  number: string;
  st: number;
}

async function runSchedule(backend: Backend, relayed: boolean, stations: number, ops: Op[], seed: number) {
  const authority = await startAuthority(backend, relayed);
  const fleet = await startFleet(authority.server, stations, { random: seededRandom(seed) });
  const printed: Printed[] = [];
  let refused = 0;
  try {
    for (const op of ops) {
      if (op.kind === 'link')
        fleet[op.st % stations]!.proxy.set({ latencyMs: op.latencyMs, partitioned: op.partitioned });
      else if (op.kind === 'restart') await authority.restart();
      else {
        const taps = op.at.map(async (i) => {
          const s = fleet[i % stations]!;
          const r = await s.host.router.call(kiosk, 'queue.issueTicket', { businessType: 'PAY' });
          if (r.ok) printed.push({ id: r.value.ticket.id, number: r.value.ticket.number, st: i % stations });
          else refused++; // e.g. a kiosk with no lease left while cut off: it says so and prints nothing
        });
        await Promise.all(taps);
      }
    }
    await settle(fleet, authority);

    const numbers = printed.map((p) => p.number);
    const twice = numbers.filter((n, i) => numbers.indexOf(n) !== i);
    expect(twice, `numbers printed twice (seed ${seed})`).toEqual([]);
    const stores: [string, (id: string) => Promise<string | undefined>][] = [
      ['authority', async (id) => ticketNumberAt(authority.server, id)],
      ...fleet.map(
        (s, i) =>
          [`station ${i}`, async (id: string) => (await s.host.storage.run('queueTicketById', { id }))?.number] as [
            string,
            (id: string) => Promise<string | undefined>,
          ],
      ),
    ];
    if (authority.province) stores.push(['province', async (id) => ticketNumberAt(authority.province!, id)]);
    for (const [where, numberOf] of stores)
      for (const p of printed) expect(await numberOf(p.id), `${where}: ticket ${p.id} (seed ${seed})`).toBe(p.number);
    return { printed: printed.length, leased: printed.filter((p) => isLeasedNumber(p.number)).length, refused };
  } finally {
    await stopFleet(fleet);
  }
}

/** Heal every link, let the relay catch up with the province, sync every station until equal. */
async function settle(fleet: FleetStation[], authority: Authority): Promise<void> {
  await converge(fleet, authority.server);
  if (!authority.province) return;
  for (let i = 0; i < 5 && authority.server.relay!.status().pending > 0; i++) {
    authority.server.relay!.trigger();
    await authority.server.relay!.idle();
  }
  expect(authority.server.relay!.status()).toMatchObject({ pending: 0 });
}

function ticketNumberAt(c: CentralServer, id: string): string | undefined {
  const tx = (c.store as unknown as { tx: { get<T>(sql: string, ...p: unknown[]): T | undefined } }).tx;
  return tx.get<{ number: string }>('SELECT number FROM tickets WHERE id = ?', id)?.number;
}

describeEachBackend('ticket numbers on %s', (backend: Backend) => {
  const runs = backend === 'sqlite' ? RUNS : Math.max(1, Math.floor(RUNS / 2));
  for (const relayed of [false, true]) {
    it(
      `${runs} schedules of simultaneous taps at 2–5 kiosks ${relayed ? 'behind a hall relay' : 'on a central'}: every printed number is unique and is the stored one`,
      async () => {
        const seed = faultSeed();
        console.log(`ticket numbers (${backend}, ${relayed ? 'relay' : 'central'}): FAULT_SEED=${seed}`);
        const totals = { printed: 0, leased: 0, refused: 0 };
        await fc.assert(
          fc.asyncProperty(
            fc.integer({ min: 2, max: 5 }),
            fc.array(opArb, { minLength: 6, maxLength: 24 }),
            fc.integer(),
            async (stations, ops, linkSeed) => {
              const r = await runSchedule(backend, relayed, stations, ops, linkSeed);
              totals.printed += r.printed;
              totals.leased += r.leased;
              totals.refused += r.refused;
            },
          ),
          { numRuns: runs, seed, endOnFailure: true },
        );
        console.log(
          `ticket numbers (${backend}, ${relayed ? 'relay' : 'central'}): ${totals.printed} printed (${totals.leased} from leases), ${totals.refused} refused`,
        );
        expect(totals.printed).toBeGreaterThan(0);
      },
      Math.max(180_000, runs * 90_000),
    );
  }
});
