import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { batchChecksum } from '../../node/sync/checksum';
import type { CallerContext } from '../../main/services/caller';
import { startStationHost } from '../../main/host';
import { RawClient, useCentralBackends, describeEachBackend } from '../support/central-backends';
import { startCuttingProxy } from '../support/cutting-proxy';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';

/**
 * Change-log compaction (docs/sync.md "Change-log compaction"), on both backends: superseded rows past
 * the horizon go, append-only rows never do; a station whose cursor is behind the horizon is told
 * `cursor_too_old`, re-syncs from the streamed snapshot and keeps its pending outbox.
 */
const { centralOn, stop, cleanups } = useCentralBackends();
const SLOW = 120_000;
const AT = '2026-11-23T02:00:00.000Z';
const kiosk: CallerContext = { connectionId: 'k', source: 'local:test', role: 'kiosk', windowNo: null, session: null };

const audit = (i: number) => ({
  name: 'audit.append',
  args: {
    id: `audit-compact-${i}`,
    at: AT,
    stationId: 'writer',
    actor: 'S1002',
    action: 'payment.recorded',
    detail: { n: i },
  },
  createdAt: AT,
});
const contact = (i: number) => ({
  name: 'customer.updateContact',
  args: {
    id: `edit-compact-${i}`,
    hallId: 'H001',
    customerId: 7,
    at: AT,
    staffId: 'S1002',
    address: { enc: Buffer.from(`地址 ${i}`.padEnd(24, '.')).toString('base64'), masked: `地址${i}****` },
  },
  createdAt: AT,
});

/** Everything a pull from `cursor` returns, page after page. */
async function pullAll(client: RawClient, cursor = 0) {
  const changes: { entity: string; id: string; row: Record<string, unknown> }[] = [];
  for (;;) {
    const r = (await client.call('GET', `/v1/pull?cursor=${cursor}`)).json as {
      changes: typeof changes;
      cursor: number;
      more: boolean;
    };
    changes.push(...r.changes);
    cursor = r.cursor;
    if (!r.more) return changes;
  }
}

describeEachBackend('change-log compaction on %s', (backend) => {
  it(
    'drops superseded rows past the horizon, keeps every append-only row, and refuses cursors behind it',
    async () => {
      const c = await centralOn(backend);
      const writer = await RawClient.enroll(c, `writer-compact-${backend}`, 'hall');
      const batch = [contact(1), audit(1), contact(2), audit(2), contact(3), audit(3)];
      expect((await writer.push(batch.map((m, i) => ({ id: i + 1, ...m })))).json).toMatchObject({ rejected: [] });
      const before = await pullAll(writer);
      const middle = (await writer.pull(0)).cursor - 3;
      expect(before.filter((ch) => ch.id === 'contact-7')).toHaveLength(3);

      // The first run only marks where the log stands; a run with the retention passed compacts up to that mark.
      const [first] = c.compactChangeLog(60_000, new Date('2026-11-23T03:00:00Z'));
      expect(first).toMatchObject({ hallId: 'H001', dropped: 0, horizon: 0 });
      const [run] = c.compactChangeLog(60_000, new Date('2026-11-23T03:05:00Z'));
      expect(run!.horizon).toBe(c.store.hallVersion('H001'));
      expect(run!.dropped).toBe(2);

      const after = await pullAll(writer);
      expect(after.filter((ch) => ch.id === 'contact-7').map((ch) => ch.row.address_masked)).toEqual(['地址3****']);
      expect(
        after
          .filter((ch) => ch.entity === 'audit')
          .map((ch) => ch.id)
          .sort(),
      ).toEqual(['audit-compact-1', 'audit-compact-2', 'audit-compact-3']);
      expect(after.length).toBe(before.length - 2);

      const stale = await writer.call('GET', `/v1/pull?cursor=${middle}`);
      expect(stale).toMatchObject({ status: 410, json: { error: { code: 'cursor_too_old' } } });
      expect((await writer.call('GET', `/v1/pull?cursor=${run!.horizon}`)).status).toBe(200);
      // The horizon never moves back, whatever a later run asks.
      expect(c.compactChangeLog(60_000, new Date('2026-11-23T03:06:00Z'))[0]!.horizon).toBe(run!.horizon);
    },
    SLOW,
  );

  it(
    'sends a station behind the horizon back to the snapshot without losing its pending outbox',
    async () => {
      let c = await centralOn(backend);
      const proxy = await startCuttingProxy(c.url);
      cleanups.push(proxy.close);
      const dataDir = seededDataDir('station.db', makeTempDir('compact-station-'));
      const station = await startStationHost({
        dataDir,
        centralUrl: proxy.url,
        enrollCode: c.issueEnrollmentCode('H001', 'hall'),
      });
      cleanups.push(station.close);
      await station.sync!.idle();
      const cursorBefore = (await station.sync!.status()).cursor;

      // Others change the hall while this station is away; the central compacts past its cursor.
      const writer = await RawClient.enroll(c, `writer-behind-${backend}`, 'hall');
      expect(
        (await writer.push([contact(1), audit(1), contact(2), audit(2)].map((m, i) => ({ id: i + 1, ...m })))).json,
      ).toMatchObject({ rejected: [] });
      c.compactChangeLog(0, new Date(Date.now() - 1000));
      const [run] = c.compactChangeLog(0);
      expect(run!.horizon).toBeGreaterThan(cursorBefore);

      // The station works offline meanwhile: a ticket waits in its outbox.
      const down = await stop(c);
      const issued = await station.router.call(kiosk, 'queue.issueTicket', { businessType: 'PAY' });
      if (!issued.ok) throw new Error(JSON.stringify(issued.error));
      await station.sync!.idle();
      expect(await station.sync!.status()).toMatchObject({ online: false, pending: 1 });
      // The fallback itself moves only the checkpoint: the outbox is untouched. (The checkpoint is then put
      // back where it was, so the next cycle meets the horizon as a returning station does.)
      await expect(station.storage.run('restartFromSnapshot')).resolves.toEqual({ pending: 1 });
      await station.storage.run('applyPull', {
        response: {
          cursor: cursorBefore,
          lastMutationId: 0,
          changes: [],
          more: false,
          checksum: batchChecksum(cursorBefore, []),
        },
      });
      expect(await station.storage.run('syncCounters')).toMatchObject({ pending: 1, cursor: cursorBefore });

      c = await down.restart();
      station.sync!.trigger();
      await station.sync!.idle();
      expect(await station.sync!.status()).toMatchObject({
        online: true,
        pending: 0,
        rejected: 0,
        lastError: null,
        cursor: c.store.hallVersion('H001'),
      });
      expect(
        proxy.paths.filter((p) => p.startsWith('/v1/pull?') && p.includes(`cursor=${cursorBefore}&`)),
      ).not.toHaveLength(0);
      expect(proxy.paths.filter((p) => p.startsWith('/v1/snapshot')).at(-1)).toBe(
        '/v1/snapshot?after=0&checksum=sha256',
      );

      const db = new Database(path.join(dataDir, 'station.db'), { readonly: true });
      try {
        expect(db.prepare(`SELECT address_masked FROM customer_contacts WHERE id = 'contact-7'`).get()).toEqual({
          address_masked: '地址2****',
        });
        expect(db.prepare(`SELECT count(*) AS n FROM audit_log WHERE id LIKE 'audit-compact-%'`).get()).toEqual({
          n: 2,
        });
        expect(db.prepare('SELECT number, status FROM tickets WHERE id = ?').get(issued.value.ticket.id)).toEqual({
          number: issued.value.ticket.number,
          status: 'waiting',
        });
      } finally {
        db.close();
      }
      const reader = await RawClient.enroll(c, `reader-behind-${backend}`, 'hall');
      expect((await pullAll(reader)).some((ch) => ch.entity === 'ticket' && ch.id === issued.value.ticket.id)).toBe(
        true,
      );
    },
    SLOW,
  );
});
