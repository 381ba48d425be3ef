/**
 * Sync through a misbehaving network (tests/support/chaos-proxy.ts): partitions, latency, late
 * duplicate requests (which arrive after newer ones), responses lost after the central applied
 * the request, doubled and swapped notify frames. Stations keep writing through it all; after the
 * network heals they converge to equal tables with every write applied exactly once.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCentralBackends } from '../support/central-backends';
import { compareTables, converge, startFleet, stationState, stopFleet, syncOnce } from '../support/sync-fleet';
import { auditArgs, FAULT_DAY, issueArgs } from '../support/sync-ops';
import { seededRandom, faultSeed } from '../support/seeded-random';

const { centralOn, dbFileOf, cleanups } = useCentralBackends();

describe('sync through a chaos proxy', () => {
  it('three stations writing through partitions, latency, duplicates, lost responses and WS frame chaos converge exactly once', async () => {
    const seed = faultSeed();
    const central = await centralOn('sqlite');
    const fleet = await startFleet(central, 3, { random: seededRandom(seed) });
    cleanups.push(() => stopFleet(fleet));
    const [a, b, c] = fleet as [(typeof fleet)[0], (typeof fleet)[0], (typeof fleet)[0]];
    a.proxy.set({ latencyMs: 60, duplicate: 0.5, lateCopyMs: 300, wsDuplicate: 1, wsReorder: 0.5 });
    b.proxy.set({ dropResponse: 0.4, duplicate: 0.3, lateCopyMs: 100 });
    c.proxy.set({ partitioned: true });
    const audits: string[] = [];
    for (let i = 0; i < 30; i++) {
      const s = fleet[i % 3]!;
      const at = new Date(Date.UTC(2030, 0, 7, 2, 0, i)).toISOString();
      const id = `au-proxy-${String(i).padStart(4, '0')}`;
      await s.host.storage.run('mutate', {
        name: 'audit.append',
        args: auditArgs(id, s.host.storage.stationId, at),
        now: at,
      });
      audits.push(id);
      await s.host.storage.run('mutate', {
        name: 'ticket.issue',
        args: issueArgs(`tk-proxy-${i}`, 200 + i, at, FAULT_DAY),
        now: at,
      });
      s.host.sync!.trigger();
      if (i === 15) c.proxy.set({ partitioned: false, latencyMs: 30 }); // c comes back mid-run
      if (i === 20) a.proxy.set({ partitioned: true }); // and a goes away, cutting what it had open
    }
    expect((await syncOnce(a)).online).toBe(false);
    // Keep b syncing through its lossy link until a response has actually been lost after being applied.
    for (let round = 0; round < 30 && b.proxy.stats.droppedResponses === 0; round++) await syncOnce(b);
    await converge(fleet, central);

    const stats = fleet.map((s) => s.proxy.stats);
    expect(stats[0]!.duplicated + stats[1]!.duplicated, 'duplicates were sent').toBeGreaterThan(0);
    expect(stats[1]!.droppedResponses, 'responses were lost').toBeGreaterThan(0);
    const { central: centralRows, differing } = await compareTables(fleet, dbFileOf(central));
    expect(differing).toEqual([]);
    for (const id of audits) expect(centralRows.audit.has(id)).toBe(true);
    expect([...centralRows.ticket.keys()].filter((k) => k.startsWith('tk-proxy-'))).toHaveLength(30);
    for (const s of fleet) {
      const st = stationState(s.dbFile);
      expect(st).toMatchObject({ outbox: 0, rejected: [] });
      expect(central.store.clients('H001').find((cl) => cl.client_id === st.clientId)?.last_mutation_id).toBe(
        st.lastMutationId,
      );
    }
    expect(path.isAbsolute(fleet[0]!.dbFile)).toBe(true);
  });

  it('two counters calling the same ticket while partitioned: one call wins, the loser sees it, and no trace of the lost call remains anywhere', async () => {
    const central = await centralOn('sqlite');
    const fleet = await startFleet(central, 3);
    cleanups.push(() => stopFleet(fleet));
    const [kiosk, w1, w2] = fleet as [(typeof fleet)[0], (typeof fleet)[0], (typeof fleet)[0]];
    const at = '2030-01-07T03:00:00.000Z';
    await kiosk.host.storage.run('mutate', {
      name: 'ticket.issue',
      args: issueArgs('tk-contested-1', 77, at, FAULT_DAY),
      now: at,
    });
    await converge(fleet, central);
    w1.proxy.set({ partitioned: true });
    w2.proxy.set({ partitioned: true });
    await w1.host.storage.run('mutate', {
      name: 'ticket.call',
      args: { callId: 'call-contested-w1', ticketId: 'tk-contested-1', windowNo: 1, staffId: 'S1002', at },
      now: at,
    });
    await w2.host.storage.run('mutate', {
      name: 'ticket.call',
      args: { callId: 'call-contested-w2', ticketId: 'tk-contested-1', windowNo: 2, staffId: 'S1003', at },
      now: at,
    });
    w1.proxy.heal();
    await syncOnce(w1);
    await converge(fleet, central);
    const loser = stationState(w2.dbFile);
    expect(loser.rejected).toEqual([expect.objectContaining({ name: 'ticket.call', code: 'conflict' })]);
    const { stations, differing } = await compareTables(fleet, dbFileOf(central));
    expect(differing).toEqual([]);
    for (const snap of stations) {
      expect(snap.call.has('call-contested-w1')).toBe(true);
      expect(snap.call.has('call-contested-w2')).toBe(false);
      expect(snap.ticket.get('tk-contested-1')).toMatchObject({ window_no: '1', status: 'called' });
    }
  });
});
