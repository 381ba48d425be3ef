import { expect, it } from 'vitest';
import type { CentralServer } from '../../central/server';
import { LEASE_FIRST } from '@common/sync/number-leases';
import type { StationRole } from '@common/sync/station-roles';
import type { CallerContext } from '../../main/services/caller';
import { startStationHost, type StationHost } from '../../main/host';
import { RawClient, useCentralBackends, describeEachBackend } from '../support/central-backends';
import { nextEvent } from '../support/events';
import { issueArgs } from '../support/sync-ops';
import type { Clock } from '../../main/services/clock';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';

/** Offline ticket numbers end to end: kiosks lease blocks online, issue from them offline, push when back. */
const { centralOn, stop, cleanups } = useCentralBackends();
const kioskWindow: CallerContext = {
  connectionId: 'k',
  source: 'local:test',
  role: 'kiosk',
  windowNo: null,
  session: null,
};

async function station(c: CentralServer, role: StationRole, clock?: Clock): Promise<StationHost> {
  const s = await startStationHost({
    dataDir: seededDataDir('station.db', makeTempDir('lease-station-')),
    centralUrl: c.url,
    enrollCode: c.issueEnrollmentCode('H001', role),
    ...(clock ? { clock } : {}),
  });
  cleanups.push(s.close);
  await s.sync!.idle();
  return s;
}
async function issue(s: StationHost): Promise<string> {
  const r = await s.router.call(kioskWindow, 'queue.issueTicket', { businessType: 'PAY' });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.ticket.number;
}
async function goOffline(s: StationHost): Promise<void> {
  const offline = nextEvent(s.events, 'sync.status', (st) => !st.online);
  s.sync!.trigger();
  await offline;
}

describeEachBackend('on %s', (backend) => {
  it('two kiosks cut off from the central print different numbers, kept when they sync again', async () => {
    const c = await centralOn(backend);
    const a = await station(c, 'kiosk');
    const b = await station(c, 'kiosk');
    // Online: the central's series, strictly sequential.
    expect(await issue(a)).toBe('A001');
    await a.sync!.idle();
    b.sync!.trigger();
    await b.sync!.idle();
    expect(await issue(b)).toBe('A002');
    await b.sync!.idle();

    const down = await stop(c);
    await goOffline(a);
    await goOffline(b);
    const offlineA = [await issue(a), await issue(a)];
    const offlineB = [await issue(b), await issue(b)];
    for (const n of [...offlineA, ...offlineB]) expect(Number(n.slice(1))).toBeGreaterThanOrEqual(LEASE_FIRST);
    expect(new Set([...offlineA, ...offlineB]).size).toBe(4);

    const back = await down.restart();
    a.sync!.trigger();
    await a.sync!.idle();
    b.sync!.trigger();
    await b.sync!.idle();
    const reader = await RawClient.enroll(back, 'reader-station-1');
    const numbers = (await reader.pull()).changes
      .filter((ch) => ch.entity === 'ticket')
      .map((ch) => ch.row.number as string);
    expect(numbers.sort()).toEqual(['A001', 'A002', ...offlineA, ...offlineB].sort());
  });

  it('only roles that issue tickets may lease, and a malformed request is refused', async () => {
    const c = await centralOn(backend);
    const display = await RawClient.enroll(c, 'display-pc-1', 'display');
    expect(await display.call('POST', '/v1/lease', { day: '2026-11-23', prefix: 'A' })).toMatchObject({
      status: 403,
      json: { error: { code: 'forbidden' } },
    });
    const kiosk = await RawClient.enroll(c, 'kiosk-pc-1', 'kiosk');
    expect(await kiosk.call('POST', '/v1/lease', { day: 'today', prefix: 'A' })).toMatchObject({
      status: 400,
      json: { error: { code: 'malformed' } },
    });
    const first = await kiosk.call('POST', '/v1/lease', { day: '2026-11-23', prefix: 'A' });
    const second = await kiosk.call('POST', '/v1/lease', { day: '2026-11-23', prefix: 'A' });
    expect(first.json).toEqual({ day: '2026-11-23', prefix: 'A', first: LEASE_FIRST, last: LEASE_FIRST + 19 });
    expect(second.json).toMatchObject({ first: LEASE_FIRST + 20 });
    // A busy kiosk asks for a larger block (sized from its own rate); one request never takes too much.
    const sized = await kiosk.call('POST', '/v1/lease', { day: '2026-11-23', prefix: 'A', size: 60 });
    expect(sized.json).toMatchObject({ first: LEASE_FIRST + 40, last: LEASE_FIRST + 99 });
    expect(await kiosk.call('POST', '/v1/lease', { day: '2026-11-23', prefix: 'A', size: 400 })).toMatchObject({
      status: 400,
    });
  });

  it('after its day a kiosk gives back the numbers its lease never printed, once', async () => {
    const c = await centralOn(backend);
    let shift = 0;
    const a = await station(c, 'kiosk', { now: () => new Date(Date.now() + shift) });
    const down = await stop(c);
    await goOffline(a);
    const printed = [await issue(a), await issue(a)];
    expect(printed).toEqual([`A${LEASE_FIRST}`, `A${LEASE_FIRST + 1}`]);

    // The next morning the central is back: the tickets go up, then the rest of the lease goes back.
    const back = await down.restart();
    shift = 86_400_000;
    a.sync!.trigger();
    await a.sync!.idle();
    const leases = leaseRows(back);
    const yesterday = leases.find((l) => l.prefix === 'A' && l.first === LEASE_FIRST)!;
    expect(yesterday.next).toBe(LEASE_FIRST + 2);
    // Nothing of it can be printed any more, and a later cycle sends nothing again.
    expect(await a.storage.run('spentLeases', { today: '2999-01-01' })).not.toContainEqual(
      expect.objectContaining({ day: yesterday.day, prefix: 'A', first: LEASE_FIRST }),
    );
  });

  it('a lease goes back only from its holder, within its block, never over a printed number', async () => {
    const c = await centralOn(backend);
    const kiosk = await RawClient.enroll(c, 'kiosk-pc-1', 'kiosk');
    const other = await RawClient.enroll(c, 'kiosk-pc-2', 'kiosk');
    const day = '2030-01-07';
    await kiosk.call('POST', '/v1/lease', { day, prefix: 'A' });
    const give = (who: RawClient, next: number) =>
      who.call('POST', '/v1/lease/return', { day, prefix: 'A', first: LEASE_FIRST, next });

    expect(await give(other, LEASE_FIRST)).toMatchObject({
      status: 404,
      json: { error: { key: 'sync.leaseNotYours' } },
    });
    expect(await give(kiosk, LEASE_FIRST + 25)).toMatchObject({
      status: 400,
      json: { error: { key: 'sync.leaseReturnOutOfRange' } },
    });
    // The kiosk printed A605 and pushed it: a return claiming 600 onwards unused is refused.
    const pushed = await kiosk.push([
      {
        id: 1,
        name: 'ticket.issue',
        args: { ...issueArgs('tk-lease-605', 0, `${day}T02:00:00Z`, day), number: 'A605' },
        createdAt: `${day}T02:00:00Z`,
      },
    ]);
    expect(pushed.status).toBe(200);
    expect(await give(kiosk, LEASE_FIRST)).toMatchObject({
      status: 409,
      json: { error: { key: 'sync.leaseNumbersPrinted' } },
    });

    expect(await give(kiosk, LEASE_FIRST + 6)).toMatchObject({ status: 200, json: { returned: 14 } });
    expect(await give(kiosk, LEASE_FIRST + 6)).toMatchObject({ status: 200, json: { returned: 14 } });
    expect(await give(kiosk, LEASE_FIRST + 7)).toMatchObject({
      status: 409,
      json: { error: { key: 'sync.leaseAlreadyReturned' } },
    });
    expect(leaseRows(c).find((l) => l.first === LEASE_FIRST)?.next).toBe(LEASE_FIRST + 6);
  });
});

/** The central's lease ledger, read as the hall would audit it. */
function leaseRows(c: CentralServer) {
  return c.store.leases.ledger('H001');
}
