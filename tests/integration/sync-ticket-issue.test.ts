import { expect, it } from 'vitest';
import type { CentralServer } from '../../central/server';
import { LEASE_FIRST } from '@common/sync/number-leases';
import type { CallerContext } from '../../main/services/caller';
import type { PrinterPort, TicketSlipPrinter } from '../../main/services/ports/printers';
import { startStationHost, type StationHost } from '../../main/host';
import { hallDay, type Clock } from '../../main/services/clock';
import { ChaosProxy } from '../support/chaos-proxy';
import { RawClient, describeEachBackend, useCentralBackends } from '../support/central-backends';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';

/**
 * Online ticket numbers: the hall's authority numbers and records each ticket in one round trip
 * (POST /v1/tickets/issue); a kiosk that gets no answer in time prints a number of its own lease, says
 * so on the slip, and that printed number is the one the hall keeps.
 */
const { centralOn, cleanups } = useCentralBackends();
const kiosk: CallerContext = { connectionId: 'k', source: 'local:test', role: 'kiosk', windowNo: null, session: null };

type Slip = Parameters<TicketSlipPrinter['printTicketSlip']>[0];
function slipPrinter(slips: Slip[]): PrinterPort {
  return {
    printTicketSlip: (slip) => {
      slips.push(slip);
      return Promise.resolve(true);
    },
  } as PrinterPort;
}

/** A generous wait unless a test is about the wait itself: a loaded CI machine must not turn online issues into leased ones. */
async function station(
  c: CentralServer,
  url = c.url,
  slips: Slip[] = [],
  authorityTimeoutMs = 10_000,
  clock?: Clock,
): Promise<StationHost> {
  const s = await startStationHost({
    dataDir: seededDataDir('station.db', makeTempDir('issue-station-')),
    centralUrl: url,
    authorityTimeoutMs,
    ...(clock ? { clock } : {}),
    enrollCode: c.issueEnrollmentCode('H001', 'kiosk'),
    printer: slipPrinter(slips),
  });
  cleanups.push(s.close);
  s.sync!.trigger();
  await s.sync!.idle();
  return s;
}

async function issueShown(s: StationHost) {
  const r = await s.router.call(kiosk, 'queue.issueTicket', { businessType: 'PAY' });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
const issue = async (s: StationHost) => (await issueShown(s)).ticket;

const issueRequest = (id: string) => ({ id, businessType: 'PAY', priority: 'normal', issuedBy: 'kiosk-1' });

describeEachBackend('on %s', (backend) => {
  it('numbers and records a ticket in one call; a retry gets the same number; other halls and roles are refused', async () => {
    const c = await centralOn(backend);
    const k = await RawClient.enroll(c, 'kiosk-pc-1', 'kiosk');
    const first = await k.call('POST', '/v1/tickets/issue', issueRequest('tk-issue-0001'));
    expect(first).toMatchObject({ status: 200, json: { id: 'tk-issue-0001', number: 'A001' } });
    expect(await k.call('POST', '/v1/tickets/issue', issueRequest('tk-issue-0001'))).toEqual(first);
    expect((await k.call('POST', '/v1/tickets/issue', issueRequest('tk-issue-0002'))).json).toMatchObject({
      number: 'A002',
    });
    // Recorded: every station of the hall pulls it with the authority's number and time.
    const ticket = (await k.pull()).changes.find((ch) => ch.id === 'tk-issue-0001');
    expect(ticket?.row).toMatchObject({ number: 'A001', issued_at: first.json.issuedAt });

    const display = await RawClient.enroll(c, 'display-pc-1', 'display');
    expect(await display.call('POST', '/v1/tickets/issue', issueRequest('tk-issue-0003'))).toMatchObject({
      status: 403,
      json: { error: { code: 'forbidden' } },
    });
    const elsewhere = await RawClient.enroll(c, 'kiosk-pc-9', 'kiosk', 'H002');
    expect(await elsewhere.call('POST', '/v1/tickets/issue', issueRequest('tk-issue-0001'))).toMatchObject({
      status: 403,
    });
    expect(
      await k.call('POST', '/v1/tickets/issue', { ...issueRequest('tk-issue-0004'), number: 'A100' }),
    ).toMatchObject({ status: 400, json: { error: { code: 'malformed' } } });
    expect(
      await k.call('POST', '/v1/tickets/issue', { ...issueRequest('tk-issue-0005'), businessType: 'NOPE' }),
    ).toMatchObject({ status: 400, json: { error: { key: 'queue.unknownBusinessType' } } });
  });

  it('two kiosks on two stations tapped at once print different numbers, in the authority’s order on both', async () => {
    const c = await centralOn(backend);
    const slips: Slip[] = [];
    const a = await station(c, c.url, slips);
    const b = await station(c, c.url, slips);
    const shown = await Promise.all([issueShown(a), issueShown(b), issueShown(a), issueShown(b)]);
    expect(shown.map((r) => r.offlineNumber)).toEqual([false, false, false, false]);
    const tapped = shown.map((r) => r.ticket);
    expect(new Set(tapped.map((t) => t.number)).size).toBe(4);
    for (const t of tapped) expect(Number(t.number.slice(1))).toBeLessThan(LEASE_FIRST);
    expect(slips.filter((slip) => slip.offlineNumber)).toEqual([]);
    const byTime = [...tapped].sort((x, y) => x.issuedAt.localeCompare(y.issuedAt) || x.number.localeCompare(y.number));
    for (const s of [a, b]) {
      s.sync!.trigger();
      await s.sync!.idle();
      const snap = await s.router.call({ ...kiosk, role: 'display' }, 'queue.snapshot', {});
      if (!snap.ok) throw new Error(snap.error.message);
      expect(snap.value.waiting.map((t) => t.number)).toEqual(byTime.map((t) => t.number));
    }
  });

  it('a kiosk whose clock has already passed midnight files its ticket under the authority’s day', async () => {
    const c = await centralOn(backend);
    // A day fast: by its own clock the kiosk would number into tomorrow's series.
    const fast: Clock = { now: () => new Date(Date.now() + 86_400_000) };
    const s = await station(c, c.url, [], 10_000, fast);
    const hallToday = hallDay(new Date());
    expect(hallDay(fast.now())).not.toBe(hallToday);
    const online = await issue(s);
    const reader = await RawClient.enroll(c, 'reader-pc-2', 'display');
    const pulled = (await reader.pull()).changes.find((ch) => ch.id === online.id);
    expect(pulled?.row).toMatchObject({ day: hallToday, number: online.number });
    // A station with a right clock shows it in today's queue once its own push has landed too.
    s.sync!.trigger();
    await s.sync!.idle();
    const right = await station(c);
    const snap = await right.router.call({ ...kiosk, role: 'display' }, 'queue.snapshot', {});
    if (!snap.ok) throw new Error(snap.error.message);
    expect(snap.value.waiting.map((t) => t.number)).toContain(online.number);
  });

  it('a kiosk that gets no answer in time prints a leased number, says so, and the hall keeps that number', async () => {
    const c = await centralOn(backend);
    // Every delay is 99% of the latency set below: well past the kiosk's 300 ms, every time.
    const slow = await ChaosProxy.start(c.url, () => 0.99);
    cleanups.push(() => slow.close());
    const slips: Slip[] = [];
    const s = await station(c, slow.url, slips, 300);

    // The authority records the ticket but its answer comes after the kiosk stopped waiting (300 ms).
    slow.set({ latencyMs: 3_000 });
    const shown = await issueShown(s);
    // The kiosk's screen says so as the slip does.
    expect(shown.offlineNumber).toBe(true);
    const late = shown.ticket;
    expect(Number(late.number.slice(1))).toBeGreaterThanOrEqual(LEASE_FIRST);
    expect(slips).toEqual([expect.objectContaining({ ticketNo: late.number, offlineNumber: true })]);

    slow.heal();
    await slow.settle();
    s.sync!.trigger();
    await s.sync!.idle();
    const reader = await RawClient.enroll(c, 'reader-pc-1', 'display');
    const numbers = (await reader.pull()).changes
      .filter((ch) => ch.entity === 'ticket')
      .map((ch) => `${ch.id} ${ch.row.number as string}`);
    expect(numbers).toContain(`${late.id} ${late.number}`);
    expect((await s.storage.run('queueTicketById', { id: late.id }))?.number).toBe(late.number);
  });
});
