import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { CentralServer } from '../../central/server';
import { SNAPSHOT_PAGE } from '@common/sync/protocol';
import { startStationHost, type StationHost } from '../../main/host';
import { ndjsonLines } from '../../main/sync/ndjson-lines';
import { RawClient, useCentralBackends, describeEachBackend } from '../support/central-backends';
import { startCuttingProxy, type CuttingProxy } from '../support/cutting-proxy';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';

/**
 * Initial sync as a streamed snapshot (docs/sync.md "Streamed snapshot"), on both backends: a new station
 * gets the newest row of every entity in checksummed pages, never a replay of the change log, and a
 * station whose stream is cut mid-snapshot resumes after its last committed page.
 */
const { centralOn, cleanups } = useCentralBackends();
const AT = '2026-11-23T02:00:00.000Z';
const AUDITS = Math.round(SNAPSHOT_PAGE * 2.2); // three pages
// Thousands of rows through a real central (and PostgreSQL) per test: more than the default 30 s on a shared machine.
const SLOW = 180_000;

const audit = (i: number) => ({
  name: 'audit.append',
  args: {
    id: `audit-snap-${String(i).padStart(6, '0')}`,
    at: AT,
    stationId: 'writer',
    actor: 'S1002',
    action: 'payment.recorded',
    detail: { bill: `B${i}`, amount: i * 3 },
  },
  createdAt: AT,
});
const contact = (i: number, address: string) => ({
  name: 'customer.updateContact',
  args: {
    id: `edit-snap-${i}`,
    hallId: 'H001',
    customerId: 7,
    at: AT,
    staffId: 'S1002',
    address: { enc: Buffer.from(address.padEnd(24, '.')).toString('base64'), masked: `${address.slice(0, 3)}****` },
  },
  createdAt: AT,
});

/** A hall with AUDITS audit entries and a contact edited twice (two log rows, one entity). */
async function hallWithHistory(c: CentralServer): Promise<RawClient> {
  const writer = await RawClient.enroll(c, 'writer-snapshot-01', 'hall');
  const all = [
    contact(1, '旧地址 old address'),
    ...Array.from({ length: AUDITS }, (_, i) => audit(i)),
    contact(2, '新地址 new address'),
  ];
  for (let i = 0; i < all.length; i += 500) {
    const res = await writer.push(all.slice(i, i + 500).map((m, j) => ({ id: i + j + 1, ...m })));
    expect(res.json).toMatchObject({ rejected: [] });
  }
  return writer;
}

async function stationVia(proxy: CuttingProxy, c: CentralServer, dataDir: string): Promise<StationHost> {
  const s = await startStationHost({
    dataDir,
    centralUrl: proxy.url,
    enrollCode: c.issueEnrollmentCode('H001', 'hall'),
  });
  cleanups.push(s.close);
  return s;
}

async function proxied(c: CentralServer): Promise<CuttingProxy> {
  const p = await startCuttingProxy(c.url);
  cleanups.push(p.close);
  return p;
}

function stationRows(dataDir: string) {
  const db = new Database(path.join(dataDir, 'station.db'), { readonly: true });
  try {
    return {
      audits: (db.prepare("SELECT count(*) AS n FROM audit_log WHERE id LIKE 'audit-snap-%'").get() as { n: number }).n,
      contact: db.prepare("SELECT address_masked, address_version FROM customer_contacts WHERE id = 'contact-7'").get(),
    };
  } finally {
    db.close();
  }
}

describe('a station applying snapshot pages', () => {
  it.each([
    ['fnv1a, as text (a station of an earlier release)', '', (l: string): string | Uint8Array => l],
    ['sha256, as the bytes read off the wire', '?checksum=sha256', (l: string): string | Uint8Array => Buffer.from(l)],
  ])(
    'refuses a damaged, malformed, foreign or replayed page whole, leaving its checkpoint where it was (%s)',
    async (_, query, form) => {
      const c = await centralOn('sqlite');
      const writer = await hallWithHistory(c);
      const res = await fetch(`${c.url}/v1/snapshot${query}`, { headers: { authorization: `Bearer ${writer.token}` } });
      const lines: string[] = [];
      for await (const line of ndjsonLines(res.body!)) lines.push(line);
      const upto = c.store.hallVersion('H001');
      const [page1, page2] = lines.filter((l) => l.startsWith('{"type":"page"'));
      expect(JSON.parse(page1!).checksum).toMatch(query ? /^sha256:[\w-]{22}$/ : /^[0-9a-f]{8}$/);
      const s = await startStationHost({ dataDir: seededDataDir('station.db', makeTempDir('snap-bad-')) });
      cleanups.push(s.close);
      const bad = [
        page1!.replace('payment.recorded', 'payment.recordex'), // a byte changed in transit
        page1!.slice(0, -1), // cut short
        page1!.replace(
          /"checksum":"[^"]+"/,
          query ? '"checksum":"sha256:AAAAAAAAAAAAAAAAAAAAAA"' : '"checksum":"00000000"',
        ),
        page2!, // skips page 1
        page1!.replace('"entity":"audit"', '"entity":"nope!"'),
      ];
      for (const line of bad)
        await expect(s.storage.run('applySnapshotPage', { upto, line: form(line) })).rejects.toThrow();
      expect(await s.storage.run('snapshotState')).toEqual({ cursor: 0, upto: null });
      await expect(s.storage.run('applySnapshotPage', { upto, line: form(page1!) })).resolves.toMatchObject({
        applied: SNAPSHOT_PAGE,
      });
      // The same page again, or a page of a snapshot with another end, is refused: nothing is applied twice.
      await expect(s.storage.run('applySnapshotPage', { upto, line: form(page1!) })).rejects.toThrow(/does not follow/);
      await expect(s.storage.run('applySnapshotPage', { upto: upto - 1, line: form(page2!) })).rejects.toThrow(
        /another snapshot/,
      );
      const midway = await s.storage.run('snapshotState');
      expect(midway).toEqual({ cursor: JSON.parse(page1!).cursor, upto });
    },
    SLOW,
  );
});

describeEachBackend('streamed snapshot on %s', (backend) => {
  it(
    'gives a new station the newest row of each entity in checksummed pages, then pulls from there',
    async () => {
      const c = await centralOn(backend);
      // The hall's reference rows (published by the central at start) come first in the log.
      const referenceRows = c.store.hallVersion('H001');
      const writer = await hallWithHistory(c);
      const res = await fetch(`${c.url}/v1/snapshot`, { headers: { authorization: `Bearer ${writer.token}` } });
      expect(res.headers.get('content-type')).toMatch(/ndjson/);
      const lines: { type: string; changes?: { entity: string; id: string }[]; upto?: number; cursor?: number }[] = [];
      for await (const line of ndjsonLines(res.body!)) lines.push(JSON.parse(line));
      const pages = lines.filter((l) => l.type === 'page');
      expect(lines[0]).toMatchObject({ type: 'head', upto: c.store.hallVersion('H001') });
      expect(lines.at(-1)).toMatchObject({ type: 'end', cursor: c.store.hallVersion('H001') });
      expect(pages.length).toBe(Math.ceil((referenceRows + AUDITS + 1) / SNAPSHOT_PAGE));
      const ids = pages.flatMap((p) => p.changes!.map((ch) => `${ch.entity}/${ch.id}`));
      // The contact's first version is superseded inside the snapshot: one row per entity, not the log.
      expect(ids.filter((id) => id === 'customerContact/contact-7')).toHaveLength(1);
      expect(new Set(ids).size).toBe(ids.length);

      const proxy = await proxied(c);
      const dataDir = seededDataDir('station.db', makeTempDir('snap-station-'));
      const s = await stationVia(proxy, c, dataDir);
      await s.sync!.idle();
      expect(await s.sync!.status()).toMatchObject({ online: true, lastError: null });
      expect(stationRows(dataDir)).toEqual({
        audits: AUDITS,
        contact: { address_masked: '新地址****', address_version: 2 },
      });
      expect(await s.storage.run('snapshotState')).toEqual({ cursor: c.store.hallVersion('H001'), upto: null });
      expect(proxy.paths.filter((p) => p.startsWith('/v1/snapshot'))).toEqual(['/v1/snapshot?after=0&checksum=sha256']);
      expect(
        proxy.paths.some((p) => p.startsWith(`/v1/pull?`) && p.includes(`cursor=${c.store.hallVersion('H001')}`)),
      ).toBe(true);
    },
    SLOW,
  );

  it(
    'resumes a snapshot cut mid-stream after the last page it committed, not from the start',
    async () => {
      const c = await centralOn(backend);
      const referenceRows = c.store.hallVersion('H001');
      await hallWithHistory(c);
      const proxy = await proxied(c);
      // A page of audit entries is roughly 0.5 MB: cut inside the second page.
      const cut = proxy.cutNext('/v1/snapshot', 700_000);
      const dataDir = seededDataDir('station.db', makeTempDir('snap-cut-'));
      const s = await stationVia(proxy, c, dataDir);
      await cut;
      await s.sync!.idle();
      const status = await s.sync!.status();
      expect(status.online).toBe(false);
      const upto = c.store.hallVersion('H001');
      const midway = await s.storage.run('snapshotState');
      expect(midway.upto).toBe(upto);
      expect(midway.cursor).toBeGreaterThan(0);
      expect(midway.cursor).toBeLessThan(upto);
      expect(stationRows(dataDir).audits).toBeGreaterThanOrEqual(SNAPSHOT_PAGE - 1 - referenceRows);
      expect(stationRows(dataDir).audits).toBeLessThan(AUDITS);

      // The station is stopped (as after a crash) and started again on the same data.
      await s.close();
      cleanups.splice(cleanups.indexOf(s.close), 1);
      const again = await stationVia(proxy, c, dataDir);
      await again.sync!.idle();
      expect(await again.sync!.status()).toMatchObject({ online: true, lastError: null });
      expect(proxy.paths.filter((p) => p.startsWith('/v1/snapshot'))).toEqual([
        '/v1/snapshot?after=0&checksum=sha256',
        `/v1/snapshot?after=${midway.cursor}&upto=${upto}&checksum=sha256`,
      ]);
      expect(stationRows(dataDir)).toEqual({
        audits: AUDITS,
        contact: { address_masked: '新地址****', address_version: 2 },
      });
      expect(await again.storage.run('snapshotState')).toEqual({ cursor: upto, upto: null });
    },
    SLOW,
  );

  it(
    'refuses bad snapshot requests with a reason, and a station without a token with 401',
    async () => {
      const c = await centralOn(backend);
      const writer = await hallWithHistory(c);
      const head = c.store.hallVersion('H001');
      for (const q of ['after=-1', 'after=abc', `upto=${head + 1}`, `after=${head}&upto=1`]) {
        const r = await writer.call('GET', `/v1/snapshot?${q}`);
        expect(r, q).toMatchObject({ status: 400, json: { error: { code: 'malformed' } } });
      }
      expect((await fetch(`${c.url}/v1/snapshot`)).status).toBe(401);
    },
    SLOW,
  );
});
