import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLeasedNumber, LEASE_LOW_WATER, NUMBER_PREFIXES } from '@common/sync/number-leases';
import { HttpError } from '../../../central/http-util';
import { sqliteDialect } from '../../../central/store/sqlite-dialect';
import type { StationCaller } from '../../../central/store/station-auth';
import { SyncStore } from '../../../central/store/sync-store';
import { leaseStock, storeLease, takeLeased } from '../../../main/storage/ops/leases';
import { sqliteTx } from '../../../node/sqlite/sqlite-tx';
import { migrate } from '../../../node/sqlite/migrate';

/**
 * Offline numbers under random partitions: N kiosks (each its own database, the real lease ops)
 * and a real central store. Kiosks go offline and online at random, issue while offline from
 * their leases, and push when back. Property: no two printed numbers are equal per (day, prefix),
 * and the central never renumbers a ticket that was printed from a lease.
 */
const DAY = '2026-11-23';
const PREFIXES = NUMBER_PREFIXES.slice(0, 2); // A and B: enough to mix series, small enough to collide

type Op =
  | { kind: 'issue'; kiosk: number; prefix: number }
  | { kind: 'offline'; kiosk: number }
  | { kind: 'online'; kiosk: number };

function memoryDb(): Database.Database {
  const db = new Database(':memory:');
  migrate(db);
  return db;
}

interface Kiosk {
  caller: StationCaller;
  tx: ReturnType<typeof sqliteTx>;
  online: boolean;
  nextMutation: number;
  pending: { id: number; name: string; args: unknown; createdAt: string }[];
}

function run(kiosks: number, ops: Op[]): void {
  const central = new SyncStore(sqliteDialect(memoryDb()));
  const now = new Date('2026-11-23T01:00:00Z');
  const ks: Kiosk[] = Array.from({ length: kiosks }, (_, i) => {
    const code = central.auth.issueCode('H001', 'kiosk', now).code;
    const { token: _token, ...caller } = central.auth.enroll(code, `kiosk-${i}-station`, now);
    return { caller, tx: sqliteTx(memoryDb()), online: true, nextMutation: 1, pending: [] };
  });
  const printed: { kiosk: number; id: string; number: string; offline: boolean }[] = [];
  let seq = 0;

  const issueArgs = (id: string, prefix: string, number: string) => ({
    id,
    hallId: 'H001',
    day: DAY,
    businessType: prefix === 'A' ? 'PAY' : 'NEW',
    priority: 'normal',
    number,
    issuedAt: now.toISOString(),
    issuedBy: 'kiosk',
  });
  const push = (k: Kiosk) => {
    if (!k.pending.length) return;
    const res = central.push(
      { clientId: k.caller.clientId, hallId: 'H001', mutations: k.pending },
      now.toISOString(),
      k.caller,
    );
    expect(res.rejected).toEqual([]);
    k.pending = [];
  };
  const topUp = (k: Kiosk) => {
    const stock = leaseStock(k.tx, 'H001', DAY);
    for (const prefix of PREFIXES) {
      if ((stock[prefix] ?? 0) >= LEASE_LOW_WATER) continue;
      try {
        storeLease(
          k.tx,
          'H001',
          k.caller.clientId,
          central.leases.lease(k.caller, { day: DAY, prefix }, now.toISOString()),
          now.toISOString(),
        );
      } catch (e) {
        if (!(e instanceof HttpError && e.code === 'exhausted')) throw e;
      }
    }
  };
  ks.forEach(topUp);

  for (const op of ops) {
    const k = ks[op.kiosk % kiosks]!;
    if (op.kind === 'offline') k.online = false;
    else if (op.kind === 'online') {
      k.online = true;
      push(k);
      topUp(k);
    } else {
      const prefix = PREFIXES[op.prefix % PREFIXES.length]!;
      const id = `ticket-${String(++seq).padStart(4, '0')}-k${op.kiosk}`;
      if (k.online) {
        // Online: the hall's authority numbers and records the ticket in one call; the kiosk's push of it is a replay.
        const { number } = central.tickets.issue(
          k.caller,
          { id, businessType: prefix === 'A' ? 'PAY' : 'NEW', priority: 'normal', issuedBy: 'kiosk' },
          now.toISOString(),
        );
        k.pending.push({
          id: k.nextMutation++,
          name: 'ticket.issue',
          args: issueArgs(id, prefix, number),
          createdAt: now.toISOString(),
        });
        push(k);
        printed.push({ kiosk: op.kiosk, id, number, offline: false });
      } else {
        const number = takeLeased(k.tx, 'H001', DAY, prefix);
        if (!number) continue; // lease spent: the kiosk says so (unavailable) and prints nothing
        k.pending.push({
          id: k.nextMutation++,
          name: 'ticket.issue',
          args: issueArgs(id, prefix, number),
          createdAt: now.toISOString(),
        });
        printed.push({ kiosk: op.kiosk, id, number, offline: true });
      }
    }
  }
  ks.forEach(push);

  const byPrefixNumber = new Map<string, string>();
  for (const p of printed) {
    const key = p.number;
    expect(byPrefixNumber.get(key), `${p.number} printed twice`).toBeUndefined();
    byPrefixNumber.set(key, p.id);
  }
  const tx = (central as unknown as { tx: ReturnType<typeof sqliteTx> }).tx;
  for (const p of printed) {
    const row = tx.get<{ number: string }>('SELECT number FROM tickets WHERE id = ?', p.id);
    expect(row?.number, `ticket ${p.id}`).toBe(p.number);
    expect(isLeasedNumber(p.number)).toBe(p.offline);
  }
}

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('issue' as const), kiosk: fc.nat(9), prefix: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('offline' as const), kiosk: fc.nat(9) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('online' as const), kiosk: fc.nat(9) }) },
);

describe('offline ticket-number leases', () => {
  it('never print a number twice per (day, prefix) and are never renumbered, under random partitions', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5 }), fc.array(op, { maxLength: 120 }), (n, ops) => run(n, ops)),
      { numRuns: 60 },
    );
  }, 60_000);

  it('offline kiosks that drain their leases get fresh disjoint blocks when back online', () => {
    const ops: Op[] = [
      { kind: 'offline', kiosk: 0 },
      { kind: 'offline', kiosk: 1 },
    ];
    for (let i = 0; i < 25; i++)
      ops.push({ kind: 'issue', kiosk: 0, prefix: 0 }, { kind: 'issue', kiosk: 1, prefix: 0 });
    ops.push({ kind: 'online', kiosk: 0 }, { kind: 'online', kiosk: 1 }, { kind: 'offline', kiosk: 0 });
    for (let i = 0; i < 10; i++) ops.push({ kind: 'issue', kiosk: 0, prefix: 0 });
    expect(() => run(2, ops)).not.toThrow();
  });
});
