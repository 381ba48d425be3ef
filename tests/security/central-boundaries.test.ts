import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SYNCED_ENTITIES, type SyncedEntity } from '@common/mutators/sql';
import { STATION_ROLES } from '@common/sync/station-roles';
import { startCentral, type CentralServer } from '../../central/server';
import { ROLE_PULL_SCOPE } from '../../central/pull-scope';
import { createHallCa, issueServerCertificate } from '../../central/tls/hall-ca';
import { centralTrust } from '../../node/sync/central-trust';
import { postJsonParts } from '../../main/sync/post-json-parts';
import { RawClient, describeEachBackend, useCentralBackends } from '../support/central-backends';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';

/** What a station of each role may pull, how much anyone may ask, what a body may look like, and how it travels. */
const { centralOn, cleanups } = useCentralBackends();

const AT = '2026-11-23T02:00:00.000Z';
const seededDb = () => path.join(seededDataDir('central.db', makeTempDir('central-')), 'central.db');
async function own(c: Promise<CentralServer>): Promise<CentralServer> {
  const central = await c;
  cleanups.push(central.close);
  return central;
}

/** Records of many kinds in H001's log, from a hall station: tickets, calls, a rating, audit, an application, a consultation, a window session. */
const HALL_RECORDS = [
  {
    name: 'ticket.issue',
    args: {
      id: 'ticket-sc-0001',
      hallId: 'H001',
      day: '2026-11-23',
      businessType: 'PAY',
      priority: 'normal',
      number: 'A001',
      issuedAt: AT,
      issuedBy: 'k',
    },
  },
  {
    name: 'ticket.call',
    args: { callId: 'call-sc-0001', ticketId: 'ticket-sc-0001', windowNo: 3, staffId: 'S1003', at: AT },
  },
  { name: 'ticket.start', args: { ticketId: 'ticket-sc-0001', windowNo: 3, at: AT } },
  { name: 'ticket.finish', args: { ticketId: 'ticket-sc-0001', windowNo: 3, at: AT } },
  {
    name: 'rating.record',
    args: {
      id: 'rating-sc-0001',
      ticketId: 'ticket-sc-0001',
      level: 'satisfied',
      dimensions: {},
      reason: null,
      at: AT,
    },
  },
  {
    name: 'audit.append',
    args: { id: 'audit-sc-0001', at: AT, stationId: 'x', actor: 'S1003', action: 'auth.login', detail: {} },
  },
  {
    name: 'application.saveDraft',
    args: {
      id: 'app-sc-00001',
      at: AT,
      staffId: 'S1003',
      hallId: 'H001',
      type: 'PAY',
      formVersion: 1,
      customerId: null,
      windowNo: 3,
      valuesEnc: 'ZW5jcnlwdGVk',
      summary: 's',
    },
  },
  {
    name: 'consultation.log',
    args: {
      id: 'consult-sc-01',
      hallId: 'H001',
      staffId: 'S1003',
      windowNo: 3,
      ticketId: null,
      topic: '电价',
      note: null,
      at: AT,
    },
  },
  { name: 'window.signIn', args: { id: 'session-sc-01', hallId: 'H001', windowNo: 4, staffId: 'S1002', at: AT } },
].map((m, i) => ({ id: i + 1, createdAt: AT, ...m }));

describeEachBackend('pull by role on %s', (backend) => {
  it('every role × entity: a station receives exactly the entities its role shows, in pulls and in snapshots', async () => {
    const c = await centralOn(backend);
    const hall = await RawClient.enroll(c, `pusher-scope-${backend}`, 'hall');
    expect((await hall.push(HALL_RECORDS)).json).toMatchObject({ rejected: [] });
    const present = new Set((await hall.pullIncludingReference()).changes.map((ch) => ch.entity));
    // The log holds the records the kiosk and display must not see, so the test can fail.
    for (const e of ['application', 'audit', 'rating', 'consultation', 'ticket', 'call', 'staff', 'windowSession'])
      expect(present).toContain(e);

    for (const role of STATION_ROLES) {
      const client = await RawClient.enroll(c, `${role}-scope-${backend}`, role);
      const pulled = new Set((await client.pullIncludingReference()).changes.map((ch) => ch.entity));
      const res = await fetch(`${c.url}/v1/snapshot?after=0`, { headers: { authorization: `Bearer ${client.token}` } });
      const snapped = new Set(
        (await res.text())
          .split('\n')
          .filter((l) => l.startsWith('{"type":"page"'))
          .flatMap((l) => (JSON.parse(l) as { changes: { entity: string }[] }).changes.map((ch) => ch.entity)),
      );
      const scope = ROLE_PULL_SCOPE[role];
      for (const entity of Object.keys(SYNCED_ENTITIES) as SyncedEntity[]) {
        const expected = present.has(entity) && (scope === 'all' || scope.includes(entity));
        expect([role, entity, pulled.has(entity)]).toEqual([role, entity, expected]);
        expect([role, entity, snapped.has(entity)]).toEqual([role, entity, expected]);
      }
      if (role === 'kiosk' || role === 'display') {
        const staff = (await client.pullIncludingReference()).changes.filter((ch) => ch.entity === 'staff');
        expect(staff.length).toBeGreaterThan(0);
        for (const s of staff) expect(s.row.pin_hash).toBe('');
      }
    }
  });
});

describe('floods', () => {
  it('pushes and customer lookups per credential, enrollment per address: a typed 429 with Retry-After and a log line', async () => {
    const lines: string[] = [];
    const c = await own(
      startCentral({
        dbFile: seededDb(),
        log: (l) => lines.push(l),
        limits: {
          push: { points: 3, windowS: 60 },
          lookup: { points: 2, windowS: 60 },
          enroll: { points: 4, windowS: 60 },
        },
      }),
    );
    const s = await RawClient.enroll(c, 'hall-flood-0001', 'hall');
    const other = await RawClient.enroll(c, 'hall-flood-0002', 'hall');
    for (let i = 0; i < 3; i++) expect((await s.push([])).status).toBe(200);
    const refused = await fetch(`${c.url}/v1/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: s.clientId, hallId: 'H001', mutations: [] }),
    });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited', key: 'sync.rateLimited' } });
    expect((await other.push([])).status).toBe(200); // another station's budget is its own

    const lookup = { kind: 'accountNo', value: '3301000001' };
    for (let i = 0; i < 2; i++) expect((await s.call('POST', '/v1/customers/lookup', lookup)).status).not.toBe(429);
    expect((await s.call('POST', '/v1/customers/lookup', lookup)).status).toBe(429);

    // Two enrollments above, two more allowed from this address, then refused even with a good code.
    await RawClient.enroll(c, 'hall-flood-0003', 'hall');
    await RawClient.enroll(c, 'hall-flood-0004', 'hall');
    await expect(RawClient.enroll(c, 'hall-flood-0005', 'hall')).rejects.toThrow(/429/);
    expect(lines.filter((l) => l.startsWith('rate limited:')).map((l) => l.split(' ')[2])).toEqual([
      'push',
      'lookup',
      'enroll',
    ]);
  });
});

describe('bodies', () => {
  it('a deeply nested body is a typed 400 on every endpoint, never a 500, and the central goes on', async () => {
    const c = await own(startCentral({ dbFile: seededDb() }));
    const s = await RawClient.enroll(c, 'hall-deep-0001', 'hall');
    const nested = (depth: number) =>
      `{"clientId":"hall-deep-0001","hallId":"H001","mutations":[{"id":1,"name":"audit.append","createdAt":"${AT}","args":${'['.repeat(depth)}${']'.repeat(depth)}}]}`;
    // Under every endpoint's size limit, far over the nesting limit; a push body may be larger, so nests deeper.
    const cases: [string, string][] = [
      ['/v1/push', nested(200_000)],
      ['/v1/push', nested(65)],
      ...['/v1/enroll', '/v1/customers/lookup', '/v1/lease', '/v1/revoke'].map((e): [string, string] => [
        e,
        nested(1500),
      ]),
    ];
    for (const [endpoint, body] of cases) {
      const r = await s.call('POST', endpoint, body);
      expect([endpoint, r.status, r.json]).toMatchObject([
        endpoint,
        400,
        { error: { code: 'malformed', key: 'sync.bodyTooDeep', params: { limit: 64 } } },
      ]);
    }
    // Brackets inside strings are text, not nesting.
    const text = await s.push([
      {
        id: 1,
        name: 'audit.append',
        createdAt: AT,
        args: {
          id: 'audit-deep-01',
          at: AT,
          stationId: s.clientId,
          actor: null,
          action: 'x',
          detail: { note: '['.repeat(1000) },
        },
      },
    ]);
    expect(text).toMatchObject({ status: 200, json: { rejected: [] } });
  });
});

describe('TLS', () => {
  it('HTTPS with a hall CA: a station that pins it syncs; one pinning another CA is refused; plain HTTP off loopback needs the flag', async () => {
    const ca = await createHallCa('测试营业厅');
    const server = await issueServerCertificate(ca, ['127.0.0.1', 'localhost']);
    const c = await own(startCentral({ dbFile: seededDb(), tls: { cert: server.certPem, key: server.keyPem } }));
    expect(c.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const dir = makeTempDir('hall-ca-');
    fs.writeFileSync(path.join(dir, 'hall-ca.crt'), ca.certPem);
    const pinned = centralTrust(c.url, { caFile: path.join(dir, 'hall-ca.crt') });

    const enrolled = await fetch(`${c.url}/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: c.issueEnrollmentCode('H001', 'hall'), clientId: 'hall-tls-0001' }),
      dispatcher: pinned.dispatcher,
    } as RequestInit);
    expect(enrolled.status).toBe(200);
    const { token } = (await enrolled.json()) as { token: string };
    const body = Buffer.from(JSON.stringify({ clientId: 'hall-tls-0001', hallId: 'H001', mutations: [] }));
    const pushed = await postJsonParts(
      `${c.url}/v1/push`,
      [body],
      { authorization: `Bearer ${token}` },
      10_000,
      pinned.agent,
    );
    expect(pushed).toMatchObject({ status: 200, json: { lastMutationId: 0, rejected: [] } });

    // The system's CAs do not vouch for the hall's central, and another hall's CA does not either.
    await expect(fetch(`${c.url}/healthz`)).rejects.toThrow();
    const stranger = await createHallCa('另一营业厅');
    fs.writeFileSync(path.join(dir, 'other-ca.crt'), stranger.certPem);
    const wrong = centralTrust(c.url, { caFile: path.join(dir, 'other-ca.crt') });
    await expect(fetch(`${c.url}/healthz`, { dispatcher: wrong.dispatcher } as RequestInit)).rejects.toThrow();
    await expect(postJsonParts(`${c.url}/v1/push`, [body], {}, 10_000, wrong.agent)).rejects.toThrow(/certificate/);
    pinned.agent?.destroy();
    wrong.agent?.destroy();
    await pinned.dispatcher?.close();
    await wrong.dispatcher?.close();

    // Plain HTTP: fine on loopback, refused elsewhere unless asked for (and then with a warning).
    expect(() => centralTrust('http://192.168.1.20:7300', {})).toThrow(/plain http/);
    const warned: string[] = [];
    expect(
      centralTrust('http://192.168.1.20:7300', { insecureHttp: true }, (l) => warned.push(l)).agent,
    ).toBeUndefined();
    expect(warned).toHaveLength(1);
    expect(() => centralTrust('http://127.0.0.1:7300', {})).not.toThrow();
    await expect(startCentral({ dbFile: seededDb(), host: '0.0.0.0' })).rejects.toThrow(/needs HTTPS/);
    const lines: string[] = [];
    const open = await own(
      startCentral({ dbFile: seededDb(), host: '0.0.0.0', insecureHttp: true, log: (l) => lines.push(l) }),
    );
    expect(open.url).toMatch(/^http:\/\//);
    expect(lines.some((l) => l.includes('WARNING: plain HTTP'))).toBe(true);
  });
});
