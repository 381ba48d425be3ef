import { describe, expect, it } from 'vitest';
import type { CentralServer } from '../../central/server';
import { MAX_PUSH_BYTES } from '@common/sync/protocol';
import { startStationHost, type StationHost } from '../../main/host';
import { RawClient, useCentralBackends, describeEachBackend } from '../support/central-backends';
import { nextEvent } from '../support/events';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';

/** Enrollment, bearer tokens, roles, revocation and bad batches — the same suite on both backends. */
const { centralOn, cleanups } = useCentralBackends();

const issue = (id: string, number = 'A001', hallId = 'H001') => ({
  name: 'ticket.issue',
  args: {
    id,
    hallId,
    day: '2026-11-23',
    businessType: 'PAY',
    priority: 'normal',
    number,
    issuedAt: '2026-11-23T01:00:00.000Z',
    issuedBy: 'test',
  },
  createdAt: '2026-11-23T01:00:00.000Z',
});
const call = (ticketId: string) => ({
  name: 'ticket.call',
  args: { callId: `call-${ticketId}`, ticketId, windowNo: 3, staffId: 'S1002', at: '2026-11-23T01:05:00.000Z' },
  createdAt: '2026-11-23T01:05:00.000Z',
});

async function station(c: CentralServer, enrollCode?: string): Promise<StationHost> {
  const s = await startStationHost({
    dataDir: seededDataDir('station.db', makeTempDir('auth-station-')),
    centralUrl: c.url,
    enrollCode,
  });
  cleanups.push(s.close);
  return s;
}

describeEachBackend('on %s', (backend) => {
  const central = () => centralOn(backend);

  describe('enrollment', () => {
    it('trades a code once for a token bound to the hall and role; the central keeps only hashes', async () => {
      const c = await central();
      const code = c.issueEnrollmentCode('H001', 'kiosk');
      expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
      const enroll = (clientId: string) =>
        fetch(`${c.url}/v1/enroll`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code, clientId }),
        });
      const first = await enroll('kiosk-station-1');
      expect(first.status).toBe(200);
      const body = (await first.json()) as { token: string; hallId: string; role: string; clientId: string };
      expect(body).toMatchObject({ clientId: 'kiosk-station-1', hallId: 'H001', role: 'kiosk' });
      expect(body.token.length).toBeGreaterThanOrEqual(40);
      const again = await enroll('kiosk-station-2');
      expect(again.status).toBe(403);
      expect(await again.json()).toMatchObject({ error: { code: 'invalid_code' } });
      // The token works; its plain text is nowhere in the central's listing.
      const client = new RawClient(c, 'kiosk-station-1', body.token);
      expect((await client.push([{ id: 1, ...issue('tk-enrolled-1') }])).json).toEqual({
        lastMutationId: 1,
        rejected: [],
      });
      const admin = await RawClient.enroll(c, 'manager-pc-1', 'manager');
      const list = await admin.call('GET', '/v1/stations');
      expect(JSON.stringify(list.json)).not.toContain(body.token);
      expect(list.json.stations).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ clientId: 'kiosk-station-1', role: 'kiosk', lastMutationId: 1, revokedAt: null }),
        ]),
      );
    });

    it('lets the station that used a code retry while it is valid: a new token, and the old one stops working', async () => {
      const c = await central();
      const code = c.issueEnrollmentCode('H001', 'kiosk');
      const enroll = async (clientId: string) => {
        const res = await fetch(`${c.url}/v1/enroll`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code, clientId }),
        });
        return { status: res.status, body: (await res.json()) as { token: string; error?: { code: string } } };
      };
      const first = await enroll('kiosk-retry-1');
      expect(first.status).toBe(200);
      // Its answer was lost on the way back: the same station presents the same code again.
      const retry = await enroll('kiosk-retry-1');
      expect(retry.status).toBe(200);
      expect(retry.body.token).not.toBe(first.body.token);
      const fresh = new RawClient(c, 'kiosk-retry-1', retry.body.token);
      expect((await fresh.push([{ id: 1, ...issue('tk-retry-1') }])).status).toBe(200);
      const stale = new RawClient(c, 'kiosk-retry-1', first.body.token);
      expect((await stale.push([{ id: 2, ...issue('tk-retry-2') }])).status).toBe(401);
      // Anyone else is still refused.
      const other = await enroll('kiosk-retry-2');
      expect(other.status).toBe(403);
      expect(other.body).toMatchObject({ error: { code: 'invalid_code' } });
    });

    it('refuses an unknown or malformed code with a typed error', async () => {
      const c = await central();
      const res = await fetch(`${c.url}/v1/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: 'ZZZZZZZZ', clientId: 'someone-1' }),
      });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: 'invalid_code' } });
      const bad = await fetch(`${c.url}/v1/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: 1 }),
      });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ error: { code: 'malformed' } });
    });

    it('gives enrollment codes and the station list only to manager stations', async () => {
      const c = await central();
      const kiosk = await RawClient.enroll(c, 'kiosk-station-9', 'kiosk');
      expect((await kiosk.call('POST', '/v1/enrollment-codes', { role: 'kiosk' })).status).toBe(403);
      expect((await kiosk.call('GET', '/v1/stations')).status).toBe(403);
      const manager = await RawClient.enroll(c, 'manager-pc-9', 'manager');
      const issued = await manager.call('POST', '/v1/enrollment-codes', { role: 'counter' });
      expect(issued).toMatchObject({
        status: 200,
        json: { role: 'counter', code: expect.stringMatching(/^[A-Z2-9]{8}$/) },
      });
      expect(Date.parse(issued.json.expiresAt as string)).toBeGreaterThan(Date.now());
    });
  });

  describe('401s', () => {
    it('answers a missing, unknown or revoked token with 401 and a typed body, applying nothing', async () => {
      const c = await central();
      const none = await fetch(`${c.url}/v1/pull?cursor=0`);
      expect(none.status).toBe(401);
      expect(await none.json()).toMatchObject({ error: { code: 'unauthenticated' } });
      const forged = new RawClient(c, 'forger-0001', 'A'.repeat(43));
      expect(await forged.push([{ id: 1, ...issue('tk-forged-1') }])).toMatchObject({
        status: 401,
        json: { error: { code: 'unauthenticated' } },
      });

      const kiosk = await RawClient.enroll(c, 'kiosk-station-3', 'kiosk');
      const manager = await RawClient.enroll(c, 'manager-pc-3', 'manager');
      expect((await manager.call('POST', '/v1/revoke', { clientId: 'kiosk-station-3' })).json).toEqual({
        revoked: true,
      });
      expect(await kiosk.push([{ id: 1, ...issue('tk-revoked-1') }])).toMatchObject({
        status: 401,
        json: { error: { code: 'revoked' } },
      });
      expect((await manager.pull()).changes).toEqual([]);
    });

    it('refuses the notify socket without a valid token', async () => {
      const c = await central();
      const { default: WebSocket } = await import('ws');
      const ws = new WebSocket(`${c.url.replace('http', 'ws')}/v1/notify`, {
        headers: { authorization: 'Bearer nope-nope-nope-nope-nope' },
      });
      const status = await new Promise<number>((resolve) =>
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
      );
      expect(status).toBe(401);
    });

    it('a revoked station shows 未授权 (revoked) in its sync status, and its writes stay queued', async () => {
      const c = await central();
      const s = await station(c, c.issueEnrollmentCode('H001', 'hall'));
      await s.sync!.idle();
      expect(await s.sync!.status()).toMatchObject({ online: true, auth: 'ok' });
      const manager = await RawClient.enroll(c, 'manager-pc-4', 'manager');
      expect((await manager.call('POST', '/v1/revoke', { clientId: s.storage.stationId })).json).toEqual({
        revoked: true,
      });
      const revokedStatus = nextEvent(s.events, 'sync.status');
      expect(
        (
          await s.router.call(
            { connectionId: 'k', source: 'local:test', role: 'kiosk', windowNo: null, session: null },
            'queue.issueTicket',
            { businessType: 'PAY' },
          )
        ).ok,
      ).toBe(true);
      expect(await revokedStatus).toMatchObject({
        online: false,
        auth: 'revoked',
        pending: 1,
        lastError: expect.stringContaining('未授权'),
      });
    });

    it('a station without credentials or code says it is not enrolled', async () => {
      const c = await central();
      const s = await station(c);
      await s.sync!.idle();
      expect(await s.sync!.status()).toMatchObject({
        online: false,
        auth: 'unenrolled',
        lastError: expect.stringContaining('未授权'),
      });
    });
  });

  describe('hall and role', () => {
    it('a token writes only its own hall: another hall in the batch is 403, applying nothing', async () => {
      const c = await central();
      const other = await RawClient.enroll(c, 'h002-kiosk-1', 'kiosk', 'H002');
      expect(await other.push([{ id: 1, ...issue('tk-h001-x', 'A001', 'H001') }], 'H001')).toMatchObject({
        status: 403,
        json: { error: { code: 'wrong_hall' } },
      });
      const sneaky = await other.push([{ id: 1, ...issue('tk-h001-y', 'A001', 'H001') }], 'H002');
      expect(sneaky.json).toMatchObject({ lastMutationId: 1, rejected: [{ id: 1, code: 'forbidden' }] });
      const h001 = await RawClient.enroll(c, 'h001-hall-1');
      expect((await h001.pull()).changes).toEqual([]);
    });

    it('a batch naming another client id than the token is 403', async () => {
      const c = await central();
      const a = await RawClient.enroll(c, 'client-aaaa-1');
      const res = await a.call('POST', '/v1/push', {
        clientId: 'client-bbbb-1',
        hallId: 'H001',
        mutations: [{ id: 1, ...issue('tk-imp-1') }],
      });
      expect(res).toMatchObject({ status: 403, json: { error: { code: 'wrong_client' } } });
    });

    it('a mutation outside the role is rejected visibly; the ones behind it still apply', async () => {
      const c = await central();
      const kiosk = await RawClient.enroll(c, 'kiosk-station-5', 'kiosk');
      const res = await kiosk.push([
        { id: 1, ...issue('tk-role-1') },
        { id: 2, ...call('tk-role-1') },
        { id: 3, ...issue('tk-role-2', 'A002') },
      ]);
      expect(res.json).toEqual({
        lastMutationId: 3,
        rejected: [
          {
            id: 2,
            code: 'forbidden',
            message: expect.stringContaining('ticket.call'),
            key: 'sync.rolePushRefused',
            params: { role: 'kiosk', name: 'ticket.call' },
          },
        ],
      });
      const pulled = await kiosk.pull();
      expect(pulled.changes.map((ch) => [ch.entity, ch.row.status])).toEqual([
        ['ticket', 'waiting'],
        ['ticket', 'waiting'],
      ]);
      const counter = await RawClient.enroll(c, 'counter-pc-5', 'counter');
      // A counter calls for the agent signed in there.
      const signIn = {
        name: 'window.signIn',
        args: { id: 'ws-role-5', hallId: 'H001', windowNo: 3, staffId: 'S1002', at: '2026-11-23T01:04:00.000Z' },
        createdAt: '2026-11-23T01:04:00.000Z',
      };
      expect(
        (
          await counter.push([
            { id: 1, ...signIn },
            { id: 2, ...call('tk-role-1') },
          ])
        ).json,
      ).toEqual({
        lastMutationId: 2,
        rejected: [],
      });
    });
  });

  describe('bad batches', () => {
    it('refuses an oversized body with 413 and applies nothing of it', async () => {
      const c = await central();
      const client = await RawClient.enroll(c, 'client-big-1');
      const huge = JSON.stringify({
        clientId: 'client-big-1',
        hallId: 'H001',
        mutations: [
          { id: 1, ...issue('tk-big-1'), createdAt: '2026-11-23T01:00:00.000Z', pad: 'x'.repeat(MAX_PUSH_BYTES) },
        ],
      });
      const res = await client.call('POST', '/v1/push', huge);
      expect(res.status).toBe(413);
      expect((await client.pull()).changes).toEqual([]);
    });

    it('refuses a batch with one malformed mutation whole, with the reason', async () => {
      const c = await central();
      const client = await RawClient.enroll(c, 'client-mal-1');
      const res = await client.push([
        { id: 1, ...issue('tk-mal-1') },
        { id: 'two', name: 'ticket.issue' },
      ]);
      expect(res).toMatchObject({
        status: 400,
        json: { error: { code: 'malformed', message: expect.stringContaining('mutations.1') } },
      });
      const notJson = await client.call('POST', '/v1/push', '{"clientId": ');
      expect(notJson).toMatchObject({ status: 400, json: { error: { code: 'malformed' } } });
      expect((await client.pull()).changes).toEqual([]);
    });

    it('a replayed batch is acknowledged without applying anything twice', async () => {
      const c = await central();
      const client = await RawClient.enroll(c, 'client-rep-1');
      const batch = [
        { id: 1, ...issue('tk-rep-1') },
        { id: 2, ...issue('tk-rep-2', 'A002') },
      ];
      await client.push(batch);
      expect((await client.push(batch)).json).toEqual({ lastMutationId: 2, rejected: [] });
      expect((await client.pull()).changes).toHaveLength(2);
    });
  });
});
