/**
 * Pipelined push (push-perf): a station keeps two batches in flight on two connections, so the
 * second body can reach the central before the first. The central applies a station's batches in
 * mutation-id order: a batch that arrived early waits for the one before it, and gets the plain
 * 409 `gap` when that one never comes. Driven over real sockets, a batch's body held half-sent.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MAX_PUSH_BYTES, PUSH_WINDOW, PUSH_WINDOW_HEADER } from '@common/sync/protocol';
import type { CentralServer } from '../../central/server';
import { startStationHost } from '../../main/host';
import { RawClient, useCentralBackends, describeEachBackend } from '../support/central-backends';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';
import { auditArgs } from '../support/sync-ops';

const { centralOn, cleanups } = useCentralBackends();
const AT = '2026-11-23T01:00:00.000Z';
const audits = (first: number, n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => ({
    id: first + i,
    name: 'audit.append',
    args: auditArgs(`audit-pipe-${tag}-${first + i}`, 'counter-01', AT),
    createdAt: AT,
  }));

interface Answer {
  status: number;
  json: Record<string, unknown>;
}

/** A push whose body is sent in two steps: the head now, the rest when `finish` is called. */
function heldPush(c: CentralServer, client: RawClient, text: string, cut: number) {
  const bytes = Buffer.from(text);
  let answered = false;
  const req = http.request(`${c.url}/v1/push`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${client.token}`,
      'content-type': 'application/json',
      'content-length': bytes.length,
    },
  });
  const answer = new Promise<Answer>((resolve, reject) => {
    req.on('response', (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => {
        answered = true;
        resolve({ status: res.statusCode!, json: JSON.parse(body) as Record<string, unknown> });
      });
    });
    req.on('error', reject);
  });
  req.flushHeaders();
  req.write(bytes.subarray(0, cut));
  return { answer, answered: () => answered, finish: (rest: Buffer = bytes.subarray(cut)) => req.end(rest) };
}

const pushText = (client: RawClient, mutations: unknown[]) =>
  JSON.stringify({ clientId: client.clientId, hallId: 'H001', mutations });

/** A round trip to the central: whatever it had already received before this is read by the time it answers. */
const roundTrip = async (c: CentralServer) => expect((await fetch(`${c.url}/healthz`)).status).toBe(200);

describeEachBackend('pipelined push on %s', (backend) => {
  it('says on every answer how many batches a station may keep in flight', async () => {
    const c = await centralOn(backend);
    const client = await RawClient.enroll(c, 'client-pipe-00');
    const res = await fetch(`${c.url}/v1/stations`, { headers: { authorization: `Bearer ${client.token}` } });
    expect(res.headers.get(PUSH_WINDOW_HEADER)).toBe(String(PUSH_WINDOW));
  });

  it('applies a batch that arrived before the one it follows after that one, both acknowledged in order', async () => {
    const c = await centralOn(backend);
    const client = await RawClient.enroll(c, 'client-pipe-01');
    const firstText = pushText(client, audits(1, 3, 'a'));
    const first = heldPush(c, client, firstText, 40);
    await roundTrip(c);
    const second = heldPush(c, client, pushText(client, audits(4, 2, 'a')), 0);
    second.finish();
    await roundTrip(c);
    // The second batch waits (applying it now would be a gap) until the first is in.
    expect(second.answered()).toBe(false);
    first.finish();
    expect(await first.answer).toEqual({ status: 200, json: { lastMutationId: 3, rejected: [] } });
    expect(await second.answer).toEqual({ status: 200, json: { lastMutationId: 5, rejected: [] } });
    const pulled = await client.pull();
    expect(pulled.changes.map((ch) => ch.id)).toEqual([1, 2, 3, 4, 5].map((n) => `audit-pipe-a-${n}`));
    expect(pulled.lastMutationId).toBe(5);
  });

  it('refuses the waiting batch as a gap when the one before it is refused, applying neither', async () => {
    const c = await centralOn(backend);
    const client = await RawClient.enroll(c, 'client-pipe-02');
    const firstText = pushText(client, audits(1, 2, 'b'));
    const first = heldPush(c, client, firstText, 40);
    await roundTrip(c);
    const second = heldPush(c, client, pushText(client, audits(3, 2, 'b')), 0);
    second.finish();
    await roundTrip(c);
    expect(second.answered()).toBe(false);
    // The rest of the first body is not JSON: refused, and the batch after it has nothing to follow.
    first.finish(Buffer.alloc(Buffer.byteLength(firstText) - 40, 0x7b));
    expect(await first.answer).toMatchObject({ status: 400, json: { error: { code: 'malformed' } } });
    expect(await second.answer).toMatchObject({ status: 409, json: { error: { code: 'gap' } } });
    expect((await client.pull()).changes).toEqual([]);
  });

  it('refuses a gap at once when nothing of the station is arriving', async () => {
    const c = await centralOn(backend);
    const client = await RawClient.enroll(c, 'client-pipe-03');
    const early = await client.push(audits(2, 1, 'c'));
    expect(early).toMatchObject({ status: 409, json: { error: { code: 'gap' } } });
    expect((await client.push(audits(1, 2, 'c'))).json).toEqual({ lastMutationId: 2, rejected: [] });
  });
});

/**
 * A loopback proxy that holds the first push it sees until the central has answered the second:
 * the central then gets the station's second batch before it knows of the first at all.
 */
async function firstPushHeldBack(target: string) {
  const pushes: number[] = [];
  let seen = 0;
  let releaseFirst: (() => void) | null = null;
  const secondAnswered = new Promise<void>((resolve) => (releaseFirst = resolve));
  const forward = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    body: Buffer,
    onAnswered?: (status: number) => void,
  ) => {
    const up = http.request(new URL(req.url ?? '/', target), { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on('end', () => onAnswered?.(answer.statusCode ?? 502));
    });
    up.on('error', () => res.socket?.destroy());
    up.end(body);
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.url !== '/v1/push') return forward(req, res, body);
      const n = ++seen;
      if (n === 1) return void secondAnswered.then(() => forward(req, res, body, (status) => pushes.push(status)));
      forward(req, res, body, (status) => {
        pushes.push(status);
        if (n === 2) releaseFirst!();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, pushes };
}

describe('a station with two batches in flight', () => {
  it('sends a batch refused as a gap again once the batch before it is answered, in the same cycle', async () => {
    const c = await centralOn('sqlite');
    const proxy = await firstPushHeldBack(c.url);
    const dataDir = seededDataDir('station.db', makeTempDir('push-pipe-'));
    // Four audit entries of 1.5 MB written offline: two batches of two under the body limit.
    const db = new Database(path.join(dataDir, 'station.db'));
    const big = 'x'.repeat(1536 * 1024);
    db.transaction(() => {
      for (let i = 1; i <= 4; i++) {
        const args = { ...auditArgs(`audit-pipe-held-${i}`, 'counter-01', AT), detail: { note: big, i } };
        db.prepare('INSERT INTO audit_log (id, at, station_id, actor, action, detail) VALUES (?, ?, ?, ?, ?, ?)').run(
          args.id,
          args.at,
          args.stationId,
          args.actor,
          args.action,
          JSON.stringify(args.detail),
        );
        db.prepare('INSERT INTO sync_outbox (mutation_id, name, args, created_at) VALUES (?, ?, ?, ?)').run(
          i,
          'audit.append',
          JSON.stringify(args),
          AT,
        );
      }
    })();
    db.close();
    expect(2 * big.length).toBeLessThan(MAX_PUSH_BYTES);
    expect(3 * big.length).toBeGreaterThan(MAX_PUSH_BYTES);
    const host = await startStationHost({
      dataDir,
      centralUrl: proxy.url,
      enrollCode: c.issueEnrollmentCode('H001', 'hall'),
    });
    cleanups.push(host.close);
    host.sync!.trigger();
    await host.sync!.idle();
    // The second batch was refused (the central had not seen the first), the first applied, the second sent again.
    expect(proxy.pushes).toEqual([409, 200, 200]);
    expect(await host.sync!.status()).toMatchObject({ online: true, pending: 0, lastError: null });
    expect(c.store.clients('H001').find((s) => s.client_id === host.storage.stationId)?.last_mutation_id).toBe(4);
  });
});
