import { describe, expect, it } from 'vitest';
import type { CentralServer } from '../../central/server';
import type { CallerContext } from '../../main/services/caller';
import { startStationHost, type StationHost } from '../../main/host';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';
import type { StationRole } from '@common/sync/station-roles';
import { useCentralBackends, describeEachBackend } from '../support/central-backends';

/** Sync through a real central over loopback: idempotent push, visible rejection, offline catch-up. */
interface PullBody {
  changes: { entity: string; row: { number: string } }[];
}
const kiosk: CallerContext = { connectionId: 'k', source: 'local:test', role: 'kiosk', windowNo: null, session: null };
const { centralOn, cleanups } = useCentralBackends();

async function station(
  c?: CentralServer,
  dataDir = seededDataDir('station.db', makeTempDir('station-')),
): Promise<StationHost> {
  const s = await startStationHost({ dataDir, centralUrl: c?.url, enrollCode: c?.issueEnrollmentCode('H001', 'hall') });
  cleanups.push(s.close);
  return s;
}

/** Enrol a raw HTTP client (tests speaking the wire protocol directly) and return its token. */
const tokens = new Map<string, string>();
async function enroll(
  c: CentralServer,
  clientId: string,
  role: StationRole = 'hall',
  hallId = 'H001',
): Promise<string> {
  const res = await fetch(`${c.url}/v1/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: c.issueEnrollmentCode(hallId, role), clientId }),
  });
  const body = (await res.json()) as { token: string };
  tokens.set(`${c.url} ${clientId}`, body.token);
  return body.token;
}
async function tokenFor(c: CentralServer, clientId: string): Promise<string> {
  return tokens.get(`${c.url} ${clientId}`) ?? enroll(c, clientId);
}

async function push(
  c: CentralServer,
  body: { clientId: string } & Record<string, unknown>,
  token?: string,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const auth = token ?? (await tokenFor(c, body.clientId));
  const res = await fetch(`${c.url}/v1/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${auth}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}
async function pull(c: CentralServer, clientId: string, cursor = 0): Promise<PullBody> {
  const res = await fetch(`${c.url}/v1/pull?cursor=${cursor}`, {
    headers: { authorization: `Bearer ${await tokenFor(c, clientId)}` },
  });
  return (await res.json()) as PullBody;
}

const issue = (id: string, number: string) => ({
  name: 'ticket.issue',
  args: {
    id,
    hallId: 'H001',
    day: '2026-11-23',
    businessType: 'PAY',
    priority: 'normal',
    number,
    issuedAt: '2026-11-23T01:00:00.000Z',
    issuedBy: 'test',
  },
  createdAt: '2026-11-23T01:00:00.000Z',
});

describeEachBackend('on %s', (backend) => {
  const central = () => centralOn(backend);

  describe('central push', () => {
    it('applies a replayed batch once', async () => {
      const c = await central();
      const body = {
        clientId: 'client-replay',
        hallId: 'H001',
        mutations: [{ id: 1, ...issue('tk-replay-1', 'A001') }],
      };
      expect((await push(c, body)).json).toEqual({ lastMutationId: 1, rejected: [] });
      expect((await push(c, body)).json).toEqual({ lastMutationId: 1, rejected: [] });
      const pulled = await pull(c, 'client-replay');
      expect(pulled.changes.filter((ch: { entity: string }) => ch.entity === 'ticket')).toHaveLength(1);
    });

    it('rejects a failing mutation visibly and applies the ones behind it', async () => {
      const c = await central();
      const bad = {
        id: 1,
        name: 'ticket.call',
        args: {
          callId: 'call-00000001',
          ticketId: 'missing',
          windowNo: 3,
          staffId: 's',
          at: '2026-11-23T01:00:00.000Z',
        },
        createdAt: 'x',
      };
      const res = await push(c, {
        clientId: 'client-reject',
        hallId: 'H001',
        mutations: [bad, { id: 2, ...issue('tk-after-1', 'A001') }],
      });
      expect(res.json).toMatchObject({ lastMutationId: 2, rejected: [{ id: 1, code: 'not_found' }] });
    });

    it('refuses a gap, a malformed batch and another hall, applying nothing of them', async () => {
      const c = await central();
      expect(
        (
          await push(c, {
            clientId: 'client-gap',
            hallId: 'H001',
            mutations: [{ id: 2, ...issue('tk-gap-1', 'A001') }],
          })
        ).status,
      ).toBe(409);
      expect((await push(c, { clientId: 'client-gap', hallId: 'H001', mutations: 'nope' })).status).toBe(400);
      const other = await push(c, {
        clientId: 'client-other',
        hallId: 'H001',
        mutations: [
          {
            id: 1,
            ...issue('tk-other-1', 'A001'),
            args: { ...issue('x', 'A001').args, id: 'tk-other-1', hallId: 'H999' },
          },
        ],
      });
      expect(other.json).toMatchObject({ rejected: [{ id: 1, code: 'forbidden' }] });
      const pulled = await pull(c, 'client-gap');
      // Only the reference rows the central published: nothing of the refused batches.
      expect(pulled.changes.filter((ch) => ch.entity === 'ticket')).toEqual([]);
    });

    it('never renumbers a printed ticket: a number another station holds is refused visibly', async () => {
      const c = await central();
      await push(c, { clientId: 'client-a', hallId: 'H001', mutations: [{ id: 1, ...issue('tk-a-0001', 'A001') }] });
      const second = await push(c, {
        clientId: 'client-b',
        hallId: 'H001',
        mutations: [{ id: 1, ...issue('tk-b-0001', 'A001') }],
      });
      expect(second.json).toMatchObject({ rejected: [{ id: 1, code: 'conflict', key: 'queue.numberTaken' }] });
      const pulled = await pull(c, 'client-b');
      expect(
        pulled.changes.filter((ch) => ch.entity === 'ticket').map((ch: { row: { number: string } }) => ch.row.number),
      ).toEqual(['A001']);
    });
  });

  describe('station sync', () => {
    it('keeps writes made offline and pushes them when the central is reachable', async () => {
      const dataDir = seededDataDir('station.db', makeTempDir('offline-'));
      const offline = await station(undefined, dataDir);
      expect((await offline.router.call(kiosk, 'queue.issueTicket', { businessType: 'PAY' })).ok).toBe(true);
      expect((await offline.storage.run('syncCounters')).pending).toBe(1);
      await offline.close();
      cleanups.pop();

      const c = await central();
      const online = await station(c, dataDir);
      await online.sync!.idle();
      expect(await online.sync!.status()).toMatchObject({ online: true, pending: 0 });
      const other = await station(c);
      await other.sync!.idle();
      const snap = await other.router.call({ ...kiosk, role: 'display' }, 'queue.snapshot', {});
      expect(snap.ok && snap.value.waiting.map((t) => t.number)).toEqual(['A001']);
    });
  });

  describe('central notify socket', () => {
    it('survives a client that sends an oversized frame', async () => {
      const c = await central();
      const { default: WebSocket } = await import('ws');
      const ws = new WebSocket(`${c.url.replace('http', 'ws')}/v1/notify`, {
        headers: { authorization: `Bearer ${await enroll(c, 'client-socket')}` },
      });
      await new Promise((resolve) => ws.once('message', resolve));
      const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
      ws.on('error', () => {});
      ws.send('x'.repeat(100_000));
      await closed;
      const health = await (await fetch(`${c.url}/healthz`)).json();
      expect(health).toMatchObject({ ok: true });
    });
  });
});
