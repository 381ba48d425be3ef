/**
 * The push fast path (sync-perf): a batch applies in one transaction and is replayed with a
 * savepoint per mutation only when one is rejected; the change log is written from SQLite's JSON
 * of the row; replay digests are written per batch; the station sends its outbox as stored text
 * in batches capped by bytes. Each guarantee of the slow path must still hold on both backends.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MAX_PUSH_BYTES } from '@common/sync/protocol';
import { startStationHost } from '../../main/host';
import { RawClient, useCentralBackends, describeEachBackend } from '../support/central-backends';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';
import { auditArgs, issueArgs } from '../support/sync-ops';

const { centralOn, cleanups, dbFileOf } = useCentralBackends();
const AT = '2026-11-23T01:00:00.000Z';
const audit = (id: string, detail: Record<string, unknown> = { n: 1 }) => ({
  name: 'audit.append',
  args: { ...auditArgs(id, 'counter-01', AT), detail },
  createdAt: AT,
});
const issue = (id: string, n: number) => ({ name: 'ticket.issue', args: issueArgs(id, n, AT), createdAt: AT });
const missingFinish = {
  name: 'ticket.finish',
  args: { ticketId: 'no-such-ticket', windowNo: 3, at: AT },
  createdAt: AT,
};

/** Every page after `cursor`, checking that versions only grow: the station-written changes in log order, and the last cursor. */
async function pullAll(client: RawClient, cursor: number): Promise<{ logged: string[]; cursor: number }> {
  const logged: string[] = [];
  for (let more = true, last = cursor; more;) {
    const page = (await client.pull(cursor)) as Awaited<ReturnType<RawClient['pull']>> & {
      more: boolean;
      changes: { version: number }[];
    };
    for (const ch of page.changes) {
      expect(ch.version).toBeGreaterThan(last);
      last = ch.version;
    }
    logged.push(...page.changes.map((ch) => `${ch.entity}/${ch.id}`));
    ({ cursor, more } = page);
  }
  return { logged, cursor };
}

describeEachBackend('push batches on %s', (backend) => {
  it('a rejected mutation in the middle of a batch leaves no trace, and the ones before and after it apply once', async () => {
    const c = await centralOn(backend);
    const client = await RawClient.enroll(c, 'client-batch-01');
    const batch = [
      { id: 1, ...audit('audit-batch-0001') },
      { id: 2, ...issue('tk-batch-a', 1) },
      { id: 3, ...missingFinish },
      {
        id: 4,
        ...audit('audit-batch-0002', {
          text: '缴费 "引号" \\ 换行\n',
          amount: 12_345,
          nested: { list: [1, null, 'x'] },
        }),
      },
      { id: 5, ...issue('tk-batch-b', 2) },
    ];
    expect((await client.push(batch)).json).toEqual({
      lastMutationId: 5,
      rejected: [{ id: 3, code: 'not_found', message: expect.any(String), key: 'queue.ticketNotFound', params: {} }],
    });
    const pulled = await client.pull();
    expect(pulled.changes.map((ch) => `${ch.entity}/${ch.id}`).sort()).toEqual([
      'audit/audit-batch-0001',
      'audit/audit-batch-0002',
      'ticket/tk-batch-a',
      'ticket/tk-batch-b',
    ]);
    // The change-log row is the table's row: every column, values as stored (detail as its JSON text).
    const logged = pulled.changes.find((ch) => ch.id === 'audit-batch-0002')!.row;
    expect(logged).toMatchObject({
      id: 'audit-batch-0002',
      at: AT,
      station_id: 'counter-01',
      actor: 'fault-suite',
      action: 'fault.write',
    });
    expect(JSON.parse(logged.detail as string)).toEqual({
      text: '缴费 "引号" \\ 换行\n',
      amount: 12_345,
      nested: { list: [1, null, 'x'] },
    });
    // The same batch again changes nothing, the rejected one included.
    expect((await client.push(batch)).json).toEqual({ lastMutationId: 5, rejected: [] });
    expect((await client.pull()).changes).toHaveLength(4);
  });

  it('change-log versions follow the order of application, though runs of audit entries are logged together', async () => {
    const c = await centralOn(backend);
    const client = await RawClient.enroll(c, 'client-batch-order');
    // Runs of 1, 2, 70 and 127 audit entries (every multi-row size, and remainders) between ticket issues.
    const runs = [1, 2, 70, 127];
    const expected: string[] = [];
    const batch: { id: number; name: string; args: unknown; createdAt: string }[] = [];
    runs.forEach((run, r) => {
      for (let i = 0; i < run; i++) {
        const id = `audit-order-${r}-${String(i).padStart(4, '0')}`;
        batch.push({ id: batch.length + 1, ...audit(id, { r, i }) });
        expected.push(`audit/${id}`);
      }
      batch.push({ id: batch.length + 1, ...issue(`tk-order-${r}`, r + 1) });
      expected.push(`ticket/tk-order-${r}`);
    });
    expect((await client.push(batch)).json).toEqual({ lastMutationId: batch.length, rejected: [] });
    const first = await pullAll(client, 0);
    expect(first.logged).toEqual(expected);
    // With a rejection in the batch (the guarded replay logs row by row): still in order, the rejected one absent.
    const n = batch.length;
    const second = [
      { id: n + 1, ...audit('audit-order-x-1') },
      { id: n + 2, ...missingFinish },
      { id: n + 3, ...audit('audit-order-x-2') },
      { id: n + 4, ...issue('tk-order-x', 9) },
    ];
    expect((await client.push(second)).json).toMatchObject({ lastMutationId: n + 4, rejected: [{ id: n + 2 }] });
    expect((await pullAll(client, first.cursor)).logged).toEqual([
      'audit/audit-order-x-1',
      'audit/audit-order-x-2',
      'ticket/tk-order-x',
    ]);
  });

  it('an append-only fact under an existing id with other content is rejected; the first write stands', async () => {
    const c = await centralOn(backend);
    const client = await RawClient.enroll(c, 'client-batch-02');
    const first = audit('audit-batch-0003', { amount: 1 });
    expect((await client.push([{ id: 1, ...first }])).json).toEqual({ lastMutationId: 1, rejected: [] });
    const other = audit('audit-batch-0003', { amount: 2 });
    expect(
      (
        await client.push([
          { id: 2, ...first },
          { id: 3, ...other },
          { id: 4, ...audit('audit-batch-0004') },
        ])
      ).json,
    ).toEqual({
      lastMutationId: 4,
      rejected: [
        {
          id: 3,
          code: 'conflict',
          message: expect.stringContaining('audit_log audit-batch-0003'),
          key: 'sync.appendOnlyDiffers',
          params: expect.objectContaining({ record: 'audit_log audit-batch-0003' }),
        },
      ],
    });
    const rows = (await client.pull()).changes.filter((ch) => ch.entity === 'audit');
    expect(rows.map((ch) => [ch.id, JSON.parse(ch.row.detail as string)])).toEqual([
      ['audit-batch-0003', { amount: 1 }],
      ['audit-batch-0004', { n: 1 }],
    ]);
  });

  it('an id repeated inside one batch is a no-op with the same content and refuses the batch with other content', async () => {
    const c = await centralOn(backend);
    const client = await RawClient.enroll(c, 'client-batch-03');
    const a = { id: 1, ...audit('audit-batch-0005') };
    expect((await client.push([a, { id: 2, ...audit('audit-batch-0006') }, a])).json).toEqual({
      lastMutationId: 2,
      rejected: [],
    });
    const forged = await client.push([
      { id: 3, ...audit('audit-batch-0007') },
      { id: 3, ...audit('audit-batch-0008') },
    ]);
    expect(forged.status).toBe(409);
    expect(forged.json).toMatchObject({ error: { code: 'replay_mismatch' } });
    expect((await client.pull()).changes.map((ch) => ch.id)).toEqual(['audit-batch-0005', 'audit-batch-0006']);
    expect((await client.pull()).lastMutationId).toBe(2);
  });

  it("a replay spanning earlier batches is checked against each batch's digests: the same content passes, other content is refused", async () => {
    const c = await centralOn(backend);
    const client = await RawClient.enroll(c, 'client-batch-04');
    const m = (id: number) => ({ id, ...audit(`audit-span-${String(id).padStart(4, '0')}`, { id }) });
    for (const batch of [
      [m(1), m(2), m(3)],
      [m(4), m(5), m(6)],
      [m(7), m(8), m(9)],
    ])
      expect((await client.push(batch)).json).toMatchObject({ lastMutationId: batch.at(-1)!.id });
    // A station that lost its acknowledgements resends from 3 on, re-batched differently, with new ones behind.
    expect((await client.push([m(3), m(4), m(5), m(6), m(7), m(10)])).json).toEqual({
      lastMutationId: 10,
      rejected: [],
    });
    for (const id of [1, 5, 6, 9]) {
      const altered = await client.push([
        { id, ...audit(`audit-span-${String(id).padStart(4, '0')}`, { id, amount: 999 }) },
        m(11),
      ]);
      expect(altered.status, `mutation ${id} altered`).toBe(409);
      expect(altered.json).toMatchObject({
        error: { code: 'replay_mismatch', key: 'sync.replayMismatch', params: { mutationId: id } },
      });
    }
    // Nothing of the refused batches applied: 11 is still new.
    expect((await client.push([m(10), m(11)])).json).toEqual({ lastMutationId: 11, rejected: [] });
    expect((await client.pull()).changes.filter((ch) => ch.entity === 'audit')).toHaveLength(11);
  });
});

describeEachBackend('digests sent by the station on %s', (backend) => {
  it('are kept as sent; a replay is checked against a digest the central computes; a malformed one is refused', async () => {
    const c = await centralOn(backend);
    const client = await RawClient.enroll(c, 'client-digest-01');
    const { batchDigest } = await import('../../node/sync/mutation-digest');
    const m = (id: number, amount = id) => ({ id, ...audit(`audit-digest-${id}`, { amount }) });
    const withDigest = (x: ReturnType<typeof m>) => ({ ...x, digest: batchDigest(x.name, x.args) });
    expect((await client.push([withDigest(m(1)), withDigest(m(2))])).json).toEqual({ lastMutationId: 2, rejected: [] });
    // The same content again, with or without its digest: a no-op. Other content under id 2 (even with a matching digest of its own): refused.
    expect((await client.push([m(1), withDigest(m(2)), withDigest(m(3))])).json).toEqual({
      lastMutationId: 3,
      rejected: [],
    });
    const altered = await client.push([withDigest(m(2, 99)), m(4)]);
    expect(altered.status).toBe(409);
    expect(altered.json).toMatchObject({
      error: { code: 'replay_mismatch', key: 'sync.replayMismatch', params: { mutationId: 2 } },
    });
    for (const digest of ['short', 'x'.repeat(23), 'has space in it 012345', null]) {
      const bad = await client.push([{ ...m(4), digest }]);
      expect(bad.status, String(digest)).toBe(400);
      expect(bad.json).toMatchObject({ error: { code: 'malformed', message: expect.stringContaining('digest') } });
    }
    expect((await client.pull()).lastMutationId).toBe(3);
  });
});

describe('replays of mutations applied before batch digests (migration 16)', () => {
  it('are checked against the digest kept per mutation, and pass as no-ops when none was kept', async () => {
    const c = await centralOn('sqlite');
    const client = await RawClient.enroll(c, 'client-legacy-01');
    const m = (id: number, amount = id) => ({ id, ...audit(`audit-legacy-${id}`, { amount }) });
    expect((await client.push([m(1), m(2), m(3)])).json).toMatchObject({ lastMutationId: 3 });
    // Make the central look as one that applied 1–3 before migration 16: a whole digest per mutation for 2, none for 1 and 3.
    const db = new Database(dbFileOf(c));
    const { mutationDigest } = await import('../../node/sync/mutation-digest');
    db.prepare("DELETE FROM sync_batch_digests WHERE client_id = 'client-legacy-01'").run();
    db.prepare(
      "INSERT INTO sync_mutation_digests (client_id, mutation_id, digest) VALUES ('client-legacy-01', 2, ?)",
    ).run(mutationDigest(m(2).name, m(2).args));
    db.close();
    expect((await client.push([m(1, 7), m(2), m(3, 7), m(4)])).json).toEqual({ lastMutationId: 4, rejected: [] });
    const altered = await client.push([m(2, 7), m(5)]);
    expect(altered.status).toBe(409);
    expect(altered.json).toMatchObject({ error: { code: 'replay_mismatch' } });
  });
});

describe('the station pushes a large outbox in batches under the central body limit', () => {
  it('delivers mutations whose total is several times MAX_PUSH_BYTES, all of them, in order', async () => {
    const c = await centralOn('sqlite');
    const dataDir = seededDataDir('station.db', makeTempDir('push-bytes-'));
    // 24 audit entries of 400 KB each (~9.6 MB in all) written offline, as the mutate op writes them.
    const db = new Database(path.join(dataDir, 'station.db'));
    const big = 'x'.repeat(400 * 1024);
    db.transaction(() => {
      for (let i = 1; i <= 24; i++) {
        const m = audit(`audit-bytes-${String(i).padStart(4, '0')}`, { note: big, i });
        db.prepare('INSERT INTO audit_log (id, at, station_id, actor, action, detail) VALUES (?, ?, ?, ?, ?, ?)').run(
          m.args.id,
          m.args.at,
          m.args.stationId,
          m.args.actor,
          m.args.action,
          JSON.stringify(m.args.detail),
        );
        db.prepare('INSERT INTO sync_outbox (mutation_id, name, args, created_at) VALUES (?, ?, ?, ?)').run(
          i,
          m.name,
          JSON.stringify(m.args),
          AT,
        );
      }
    })();
    db.close();
    expect(24 * big.length).toBeGreaterThan(2 * MAX_PUSH_BYTES);
    const host = await startStationHost({
      dataDir,
      centralUrl: c.url,
      enrollCode: c.issueEnrollmentCode('H001', 'hall'),
    });
    cleanups.push(host.close);
    host.sync!.trigger();
    await host.sync!.idle();
    const status = await host.sync!.status();
    expect(status).toMatchObject({ online: true, pending: 0, lastError: null });
    const stored = c.store.clients('H001').find((s) => s.client_id === host.storage.stationId);
    expect(stored?.last_mutation_id).toBe(24);
  });

  it('counts every byte of a mutation against the cap: a batch never exceeds it, however long the names, and never splits a mutation', async () => {
    const dataDir = seededDataDir('station.db', makeTempDir('push-cap-'));
    const db = new Database(path.join(dataDir, 'station.db'));
    const name = `x.${'n'.repeat(62)}`; // the longest name the protocol allows
    db.transaction(() => {
      for (let i = 1; i <= 300; i++)
        db.prepare('INSERT INTO sync_outbox (mutation_id, name, args, created_at, digest) VALUES (?, ?, ?, ?, ?)').run(
          i,
          name,
          JSON.stringify({ i, note: '缴'.repeat(i % 40) }),
          '2026-11-23T01:00:00.000+08:00',
          'AAAAAAAAAAAAAAAAAAAAAA',
        );
    })();
    db.close();
    const host = await startStationHost({ dataDir });
    cleanups.push(host.close);
    for (const maxBytes of [1, 300, 4_000, 20_000]) {
      let after = 0;
      const ids: number[] = [];
      for (;;) {
        const batch = await host.storage.run('outboxBatch', { limit: 2000, maxBytes, after });
        if (!batch.count) break;
        const mutations = JSON.parse(Buffer.from(batch.mutations).toString('utf8')) as {
          id: number;
          name: string;
          digest: string;
        }[];
        expect(mutations).toHaveLength(batch.count);
        if (batch.count > 1) expect(batch.mutations.byteLength, `cap ${maxBytes}`).toBeLessThanOrEqual(maxBytes);
        expect(mutations.every((m) => m.name === name && m.digest === 'AAAAAAAAAAAAAAAAAAAAAA')).toBe(true);
        ids.push(...mutations.map((m) => m.id));
        after = batch.lastId;
        if (!batch.more) break;
      }
      expect(ids, `cap ${maxBytes}`).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    }
  });
});
