import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallerContext } from '../../main/services/caller';
import { startStationHost, type StationHost } from '../../main/host';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';

/**
 * Appointments merged fairly with walk-ins (docs/domain.md "Priority classes"): a checked-in
 * appointment is a priority ticket only when the customer came on time and the slot is near
 * (within the hall's appointmentWindowMin, 15 by default); otherwise it queues as a normal ticket.
 * With the default rule "after 2 normal, 1 priority", call-next at one window over a random mix of
 * walk-ins and kiosk check-ins (real station, real SQLite, persisted fairness state) must:
 * - never call more than 2 normal tickets in a row while a priority ticket waits, nor 2 priority in a
 *   row while a normal one waits;
 * - call each class in arrival order (FIFO within a class);
 * - lose nothing: every ticket is called once.
 */
const T0 = Date.parse('2026-11-23T02:00:00.000Z'); // 10:00 in the hall
const kiosk: CallerContext = {
  connectionId: 'kiosk',
  source: 'local:test',
  role: 'kiosk',
  windowNo: null,
  session: null,
};
/** Slot offsets from the arrival, in minutes: near (priority), long past (late → normal), far ahead (→ normal). */
const SLOTS = { near: 5, late: -60, early: 120 } as const;
type Arrival = { kind: 'walkIn' } | { kind: 'appointment'; slot: keyof typeof SLOTS };
const arrivalArb: fc.Arbitrary<Arrival> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'walkIn' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('appointment' as const),
      slot: fc.constantFrom<keyof typeof SLOTS>('near', 'near', 'late', 'early'),
    }),
  },
);

function must<T = unknown>(r: { ok: boolean; value?: unknown; error?: unknown }): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value as T;
}

describe('appointments merged with walk-ins by the fairness rule', () => {
  const clock = {
    t: T0,
    now() {
      return new Date(this.t);
    },
  };
  let host: StationHost;
  let db: Database.Database;
  beforeAll(async () => {
    const dataDir = seededDataDir('station.db', makeTempDir('appt-fair-'));
    host = await startStationHost({ dataDir, clock });
    // Bookings arrive by pull in a hall; here a second connection writes them beside the worker.
    db = new Database(path.join(dataDir, 'station.db'));
    db.pragma('busy_timeout = 5000');
  });
  afterAll(async () => {
    db?.close();
    await host?.close();
  });

  let run = 0;
  it('holds over random mixes of kiosk check-ins and walk-ins, called at one window', async () => {
    const insert = db.prepare(
      `INSERT INTO appointments (id, hall_id, code, phone_tail, business_type, slot_at) VALUES (?, 'H001', ?, ?, 'PAY', ?)`,
    );
    await fc.assert(
      fc.asyncProperty(fc.array(arrivalArb, { minLength: 3, maxLength: 12 }), async (arrivals) => {
        // Each run is a new hall day, so its numbers, waiting list and bookings are its own.
        run += 1;
        const day0 = T0 + run * 86_400_000;
        const code = (i: number) => `P${String(run).padStart(3, '0')}${String(i).padStart(2, '0')}`;
        arrivals.forEach((a, i) => {
          // Arrival i happens at day0 + i minutes; the slot is relative to it.
          if (a.kind === 'appointment')
            insert.run(
              `ap-prop-${run}-${i}`,
              code(i),
              String(7000 + i),
              new Date(day0 + (i + SLOTS[a.slot]) * 60_000).toISOString(),
            );
        });
        const priority = new Set<string>();
        const order: string[] = [];
        for (const [i, a] of arrivals.entries()) {
          clock.t = day0 + i * 60_000;
          const issued =
            a.kind === 'walkIn'
              ? must<{ ticket: { id: string; priority: string } }>(
                  await host.router.call(kiosk, 'queue.issueTicket', { businessType: 'PAY' }),
                )
              : must<{ ticket: { id: string; priority: string } }>(
                  await host.router.call(kiosk, 'queue.checkIn', { code: code(i) }),
                );
          order.push(issued.ticket.id);
          if (a.kind === 'appointment') {
            expect(issued.ticket.priority).toBe('appointment');
            if (a.slot === 'near') priority.add(issued.ticket.id);
          }
        }
        // Calls start right after the last arrival: only the near slots are near now.
        clock.t = day0 + arrivals.length * 60_000;
        const counter: CallerContext = {
          connectionId: `c11-${run}`,
          source: 'local:test',
          role: 'counter',
          windowNo: 11,
          session: null,
        };
        must(await host.router.call(counter, 'auth.login', { staffNo: '1005', pin: '123456' }));
        const called: string[] = [];
        for (;;) {
          clock.t += 1000;
          const t = must<{ id: string } | null>(await host.router.call(counter, 'counter.callNext', {}));
          if (!t) break;
          called.push(t.id);
          must(await host.router.call(counter, 'counter.start', { ticketId: t.id }));
          must(await host.router.call(counter, 'counter.finish', { ticketId: t.id }));
        }
        must(await host.router.call(counter, 'auth.logout', {}));

        expect([...called].sort()).toEqual([...order].sort()); // none lost, none twice
        const isP = (id: string) => priority.has(id);
        // FIFO within each class.
        expect(called.filter(isP)).toEqual(order.filter(isP));
        expect(called.filter((id) => !isP(id))).toEqual(order.filter((id) => !isP(id)));
        // The interleave rule over contested calls (both classes still waiting).
        let normalRun = 0;
        let priorityRun = 0;
        called.forEach((id, k) => {
          const rest = called.slice(k);
          if (!(rest.some(isP) && rest.some((x) => !isP(x)))) return void (normalRun = priorityRun = 0);
          if (isP(id)) {
            priorityRun += 1;
            normalRun = 0;
            expect(priorityRun).toBeLessThanOrEqual(1);
          } else {
            normalRun += 1;
            priorityRun = 0;
            expect(normalRun).toBeLessThanOrEqual(2);
          }
        });
      }),
      { numRuns: 12 },
    );
  }, 240_000);
});
