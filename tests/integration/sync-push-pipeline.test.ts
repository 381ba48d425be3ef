/**
 * Pipelined push (push-perf): a station keeps two batches in flight on two connections, so the
 * second body can reach the central before the first. The central applies a station's batches in
 * mutation-id order: a batch that arrived early waits for the one before it, and gets the plain
 * 409 `gap` when that one never comes. Driven over real sockets, a batch's body held half-sent.
 */
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { PUSH_WINDOW, PUSH_WINDOW_HEADER } from '../../common/sync/protocol';
import type { CentralServer } from '../../central/server';
import { RawClient, useCentralBackends } from '../support/central-backends';
import { auditArgs } from '../support/sync-ops';

const { BACKENDS, centralOn } = useCentralBackends('sync push pipeline');
const AT = '2026-11-23T01:00:00.000Z';
const audits = (first: number, n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => ({ id: first + i, name: 'audit.append', args: auditArgs(`audit-pipe-${tag}-${first + i}`, 'counter-01', AT), createdAt: AT }));

interface Answer {
  status: number;
  json: Record<string, unknown>;
}

/** A push whose body is sent in two steps: the head now, the rest when `finish` is called. */
function heldPush(c: CentralServer, client: RawClient, text: string, cut: number) {
  const bytes = Buffer.from(text);
  let answered = false;
  const req = http.request(`${c.url}/v1/push`, { method: 'POST', headers: { authorization: `Bearer ${client.token}`, 'content-type': 'application/json', 'content-length': bytes.length } });
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

const pushText = (client: RawClient, mutations: unknown[]) => JSON.stringify({ clientId: client.clientId, hallId: 'H001', mutations });

/** A round trip to the central: whatever it had already received before this is read by the time it answers. */
const roundTrip = async (c: CentralServer) => expect((await fetch(`${c.url}/healthz`)).status).toBe(200);

describe.each(BACKENDS)('pipelined push on %s', (backend) => {
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
