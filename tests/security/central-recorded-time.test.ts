import { expect, it } from 'vitest';
import { RawClient, describeEachBackend, useCentralBackends } from '../support/central-backends';

/**
 * The central judges a rating by its own clock, not by the times a station writes: a station that
 * has synced since a ticket's rating window closed cannot then rate that ticket, however it dates
 * the rating; a station that was offline the whole time can. The station's clock here is years
 * away from the central's: only the central's times decide. Both backends, over real HTTP.
 */
const { centralOn } = useCentralBackends();

const HOUR = 3_600_000;
/** The station's clock (the domain times in the mutations): nothing the central compares with its own. */
const AT = '2026-11-23T02:00:00.000Z';
const LATER = '2026-11-23T02:05:00.000Z';

class Station {
  next = 1;
  constructor(readonly client: RawClient) {}
  push(...mutations: { name: string; args: unknown }[]) {
    return this.client.push(mutations.map((m) => ({ id: this.next++, createdAt: AT, ...m })));
  }
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
    issuedAt: AT,
    issuedBy: 'k',
  },
});
const serve = (id: string) => [
  { name: 'ticket.call', args: { callId: `call-${id}`, ticketId: id, windowNo: 3, staffId: 'S1003', at: AT } },
  { name: 'ticket.start', args: { ticketId: id, windowNo: 3, at: AT } },
  { name: 'ticket.finish', args: { ticketId: id, windowNo: 3, at: AT } },
];
/** Agent 1003 logs in at a counter: the central takes that station's word for them from then on. */
const login = (s: Station) =>
  s.push({
    name: 'audit.append',
    args: {
      id: `audit-login-${s.client.clientId}`,
      at: AT,
      stationId: s.client.clientId,
      actor: '1003',
      action: 'auth.login',
      detail: {},
    },
  });
const rating = (id: string, ticketId: string) => ({
  name: 'rating.record',
  args: { id, ticketId, level: 'satisfied', dimensions: {}, reason: null, at: LATER },
});

describeEachBackend('on %s', (backend) => {
  /** A central whose clock the test moves; it starts at the real time, years after the station's. */
  async function centralWithClock() {
    let now = Date.now();
    const c = await centralOn(backend, { clock: () => new Date(now) });
    return { c, advance: (ms: number) => void (now += ms) };
  }

  it('a station that synced after the rating window closed cannot rate the ticket, however it dates the rating; the refusal is audited', async () => {
    const { c, advance } = await centralWithClock();
    const kiosk = new Station(await RawClient.enroll(c, `hall-rt-${backend}`, 'hall'));
    const counter = new Station(await RawClient.enroll(c, `counter-rt-${backend}`, 'counter'));
    expect((await kiosk.push(issue('ticket-late-001', 'A001'))).json.rejected).toEqual([]);
    await login(counter);
    expect((await counter.push(...serve('ticket-late-001'))).json.rejected).toEqual([]);
    await counter.client.pull();

    // The counter keeps syncing through the evening; thirteen hours on it pushes a rating for the
    // morning's ticket, dated five minutes after the finish.
    advance(13 * HOUR);
    await counter.client.pull();
    const r = await counter.push(rating('rating-late-001', 'ticket-late-001'));
    expect(r.status).toBe(200);
    expect(r.json.rejected).toMatchObject([
      { id: 5, code: 'validation', key: 'sync.ratingRecordedLate', params: { hours: 12 } },
    ]);
    expect(String((r.json.rejected as { message: string }[])[0]!.message)).toMatch(/中心时间/);

    const changes = (await kiosk.client.pull()).changes;
    expect(changes.filter((ch) => ch.entity === 'rating')).toEqual([]);
    // The manager sees the refusal in the audit log: which station, what, by the central's clock.
    const refusal = changes.find(
      (ch) => ch.entity === 'audit' && ch.id === `central-refusal:${counter.client.clientId}:5`,
    );
    expect(refusal?.row).toMatchObject({ station_id: counter.client.clientId, actor: null, action: 'sync.refused' });
    expect(Date.parse(String(refusal!.row.at))).toBeGreaterThan(Date.now() + 12 * HOUR);
    expect(JSON.parse(String(refusal!.row.detail))).toMatchObject({
      reason: 'sync.ratingRecordedLate',
      mutation: 'rating.record',
      mutationId: 5,
      record: 'rating-late-001',
      ticketId: 'ticket-late-001',
      stationTime: LATER,
    });
  });

  it('a station offline since the finish pushes its rating hours later and it is kept; one that synced within the window too', async () => {
    const { c, advance } = await centralWithClock();
    const kiosk = new Station(await RawClient.enroll(c, `hall-off-${backend}`, 'hall'));
    const offline = new Station(await RawClient.enroll(c, `counter-off-${backend}`, 'counter'));
    const online = new Station(await RawClient.enroll(c, `counter-on-${backend}`, 'counter'));
    await kiosk.push(issue('ticket-off-0001', 'A001'), issue('ticket-on-00001', 'A002'));
    await login(offline);
    await login(online);
    await offline.push(...serve('ticket-off-0001'));
    await offline.client.pull();
    await online.push(...serve('ticket-on-00001'));
    await online.client.pull();

    // The offline counter rated at once but lost the network for thirteen hours; the other counter
    // synced eleven hours on (within the window) and rated then.
    advance(11 * HOUR);
    await online.client.pull();
    advance(2 * HOUR);
    expect((await offline.push(rating('rating-off-0001', 'ticket-off-0001'))).json.rejected).toEqual([]);
    expect((await online.push(rating('rating-on-00001', 'ticket-on-00001'))).json.rejected).toEqual([]);
    const ratings = (await kiosk.client.pull()).changes.filter((ch) => ch.entity === 'rating').map((ch) => ch.id);
    expect(ratings.sort()).toEqual(['rating-off-0001', 'rating-on-00001']);
  });

  it('a rating pushed in the same catch-up as its finish is kept, whenever that is', async () => {
    const { c, advance } = await centralWithClock();
    const kiosk = new Station(await RawClient.enroll(c, `hall-same-${backend}`, 'hall'));
    const counter = new Station(await RawClient.enroll(c, `counter-same-${backend}`, 'counter'));
    await kiosk.push(issue('ticket-same-001', 'A001'));
    await login(counter);
    await counter.client.pull();
    advance(30 * HOUR);
    await counter.client.pull();
    const r = await counter.push(...serve('ticket-same-001'), rating('rating-same-001', 'ticket-same-001'));
    expect(r.json.rejected).toEqual([]);
  });
});
