import { expect, it } from 'vitest';
import { RawClient, describeEachBackend, useCentralBackends } from '../support/central-backends';

/**
 * A station trusts nothing it is sent, and neither does the central: a station of hall H002 may
 * not touch H001's records (directly, or through a row that refers to one), may not speak for
 * another station, and may not date a rating outside its service. Both backends.
 */
const { centralOn } = useCentralBackends();

const AT = '2026-11-23T02:00:00.000Z';
const LATER = '2026-11-23T02:05:00.000Z';

class Station {
  next = 1;
  constructor(readonly client: RawClient) {}
  push(...mutations: { name: string; args: unknown }[]) {
    return this.client.push(
      mutations.map((m) => ({ id: this.next++, createdAt: AT, ...m })),
      this.hallId,
    );
  }
  get hallId() {
    return this.client.clientId.includes('h2') ? 'H002' : 'H001';
  }
}

const ticketFlow = (id: string, hallId = 'H001') => [
  {
    name: 'ticket.issue',
    args: {
      id,
      hallId,
      day: '2026-11-23',
      businessType: 'PAY',
      priority: 'normal',
      number: 'A001',
      issuedAt: AT,
      issuedBy: 'k',
    },
  },
  { name: 'ticket.call', args: { callId: `call-${id}`, ticketId: id, windowNo: 3, staffId: 'S1003', at: AT } },
  { name: 'ticket.start', args: { ticketId: id, windowNo: 3, at: AT } },
  { name: 'ticket.finish', args: { ticketId: id, windowNo: 3, at: AT } },
];
const rating = (id: string, ticketId: string, at = LATER) => ({
  name: 'rating.record',
  args: { id, ticketId, level: 'satisfied', dimensions: {}, reason: null, at },
});
const draft = (id: string, hallId: string, summary: string) => ({
  name: 'application.saveDraft',
  args: {
    id,
    at: AT,
    staffId: 'S1003',
    hallId,
    type: 'PAY',
    formVersion: 1,
    customerId: null,
    windowNo: 3,
    valuesEnc: 'ZW5jcnlwdGVkLXZhbHVlcw==',
    summary,
  },
});
const consultation = (id: string, hallId: string, ticketId: string) => ({
  name: 'consultation.log',
  args: { id, hallId, staffId: 'S1003', windowNo: 3, ticketId, topic: '电价咨询', note: null, at: LATER },
});
const audit = (id: string, stationId: string, actor: string | null) => ({
  name: 'audit.append',
  args: { id, at: AT, stationId, actor, action: 'test.action', detail: {} },
});

describeEachBackend('on %s', (backend) => {
  it('a station of H002 (even one with every mutation of a hall) touches no record of H001: each attempt is rejected with its reason, nothing is applied, its own work goes on', async () => {
    const c = await centralOn(backend);
    const h1 = new Station(await RawClient.enroll(c, `hall-h1-${backend}`, 'hall', 'H001'));
    const h2 = new Station(await RawClient.enroll(c, `hall-h2-${backend}`, 'hall', 'H002'));
    const called = ticketFlow('ticket-h1-0002').slice(0, 2);
    called[0]!.args = { ...called[0]!.args, number: 'A002' } as never;
    expect(
      (await h1.push(...ticketFlow('ticket-h1-0001'), draft('app-h1-00001', 'H001', 'H001 draft'), ...called)).json,
    ).toEqual({
      lastMutationId: 7,
      rejected: [],
    });
    const before = await h1.client.pull();

    const attempts = [
      rating('rating-h2-0001', 'ticket-h1-0001'),
      {
        name: 'ticket.recall',
        args: { callId: 'call-h2-0001', ticketId: 'ticket-h1-0002', windowNo: 3, staffId: 'S1003', at: LATER },
      },
      draft('app-h1-00001', 'H002', 'overwritten by H002'),
      consultation('consult-h2-01', 'H002', 'ticket-h1-0001'),
    ];
    const r = await h2.push(
      ...attempts,
      draft('app-h2-00001', 'H002', 'H002 draft'),
      audit('audit-h2-0001', h2.client.clientId, null),
    );
    expect(r.status).toBe(200);
    const rejected = (r.json.rejected as { id: number; key: string }[]).map((x) => x.id);
    expect(rejected).toEqual([1, 2, 3, 4]);
    for (const x of r.json.rejected as { key: string }[]) expect(x.key).toBe('sync.recordOtherHall');
    expect(r.json.lastMutationId).toBe(6);

    // H001 sees exactly what it had: no rating, no consultation, its draft and ticket as they were.
    const after = await h1.client.pull(before.cursor);
    expect(after.changes).toEqual([]);
    const h1Rows = (await h1.client.pull()).changes;
    expect(h1Rows.find((ch) => ch.entity === 'application')?.row).toMatchObject({
      hall_id: 'H001',
      summary: 'H001 draft',
      status: 'draft',
    });
    expect(h1Rows.filter((ch) => ch.entity === 'rating' || ch.entity === 'consultation')).toEqual([]);
    // H002 sees its own work and nothing of H001's.
    const h2Rows = (await h2.client.pull()).changes;
    expect(h2Rows.map((ch) => ch.id).sort()).toEqual(['app-h2-00001', 'audit-h2-0001']);
  });

  it('identity comes from the token: another station id, a staff actor from a display, a rating from a display are refused', async () => {
    const c = await centralOn(backend);
    const counter = new Station(await RawClient.enroll(c, `counter-id-${backend}`, 'counter'));
    const display = new Station(await RawClient.enroll(c, `display-id-${backend}`, 'display'));
    const kiosk = new Station(await RawClient.enroll(c, `kiosk-id-${backend}`, 'kiosk'));
    const forged = await counter.push(audit('audit-forged-01', 'manager-pc-0001', 'S1002'));
    expect(forged.json.rejected).toMatchObject([
      { id: 1, code: 'forbidden', key: 'sync.identityForged', params: { field: 'stationId' } },
    ]);
    // Its own station id, for a staff member signed in there.
    const own = await counter.push(
      { name: 'window.signIn', args: { id: 'ws-own-0001', hallId: 'H001', windowNo: 2, staffId: 'S1002', at: AT } },
      audit('audit-own-0001', counter.client.clientId, 'S1002'),
    );
    expect(own.json.rejected).toEqual([]);

    const r = await display.push(
      audit('audit-disp-001', display.client.clientId, 'S1002'),
      rating('rating-disp-01', 'ticket-x'),
      audit('audit-disp-002', display.client.clientId, null),
    );
    expect(r.json.rejected).toMatchObject([
      { id: 1, key: 'sync.identityForged', params: { field: 'actor' } },
      { id: 2, key: 'sync.rolePushRefused' },
    ]);
    const k = await kiosk.push(
      audit('audit-kiosk-01', kiosk.client.clientId, `kiosk:${kiosk.client.clientId}`),
      audit('audit-kiosk-02', kiosk.client.clientId, 'S1003'),
    );
    expect(k.json.rejected).toMatchObject([{ id: 2, key: 'sync.identityForged', params: { field: 'actor' } }]);

    const audits = (await counter.client.pull()).changes.filter((ch) => ch.entity === 'audit').map((ch) => ch.id);
    expect(audits.sort()).toEqual(['audit-disp-002', 'audit-kiosk-01', 'audit-own-0001']);
  });

  it('a rating is dated within its service: before the finish or half a day after, it is refused', async () => {
    const c = await centralOn(backend);
    const s = new Station(await RawClient.enroll(c, `hall-rt-${backend}`, 'hall'));
    await s.push(...ticketFlow('ticket-rt-0001'));
    const r = await s.push(
      rating('rating-rt-0001', 'ticket-rt-0001', '2026-11-20T02:00:00.000Z'),
      rating('rating-rt-0002', 'ticket-rt-0001', '2026-11-24T02:00:00.000Z'),
      rating('rating-rt-0003', 'ticket-rt-0001', LATER),
    );
    expect(r.json.rejected).toMatchObject([
      { id: 5, key: 'sync.ratingBeforeService' },
      { id: 6, key: 'sync.ratingTooLate', params: { hours: 12 } },
    ]);
    const ratings = (await s.client.pull()).changes.filter((ch) => ch.entity === 'rating');
    expect(ratings.map((ch) => [ch.id, ch.row.created_at])).toEqual([['rating-rt-0003', LATER]]);
  });

  it('enrolling under the client id of a live station is refused; its token keeps working; after revocation the id may enrol again', async () => {
    const c = await centralOn(backend);
    const victim = await RawClient.enroll(c, `counter-victim-${backend}`, 'counter');
    const takeover = await fetch(`${c.url}/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: c.issueEnrollmentCode('H001', 'hall'), clientId: victim.clientId }),
    });
    expect(takeover.status).toBe(409);
    expect(await takeover.json()).toMatchObject({ error: { code: 'client_id_taken', key: 'sync.clientIdTaken' } });
    expect((await victim.call('GET', '/v1/pull?cursor=0')).status).toBe(200);

    const manager = await RawClient.enroll(c, `manager-${backend}`, 'manager');
    expect((await manager.call('POST', '/v1/revoke', { clientId: victim.clientId })).json).toEqual({ revoked: true });
    const again = await RawClient.enroll(c, victim.clientId, 'counter');
    expect((await again.call('GET', '/v1/pull?cursor=0')).status).toBe(200);
  });
});
