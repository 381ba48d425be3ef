import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdCardView } from '@common/api/schemas';
import type { Role } from '@common/api/roles';
import type { CallerContext } from '../../main/services/caller';
import type { StationHost } from '../../main/host';
import {
  apiUrl,
  DEFAULT_PIN,
  managerContext,
  pair,
  rawClient,
  staffNo,
  startStation,
  type RawClient,
} from './hostile-client';

/**
 * A paired screen of every role on a networked station, each logged in as it is used; then a card
 * is read, a ticket called and a payment made at window 3. Each screen receives exactly what it
 * shows, and no card data reaches a screen that does not fill a form from it.
 */
const CARD: IdCardView = {
  cardType: 'resident',
  name: '张小三',
  gender: '男',
  nation: '汉',
  birthDate: '1985-03-12',
  address: '浙江省杭州市西湖区文三路90号',
  idNumber: '330106198503121237',
  authority: '杭州市公安局',
  validFrom: '2015-01-01',
  validTo: '2035-01-01',
  idNumberValid: true,
  readAt: '2026-11-01T08:00:00.000Z',
};
const WINDOW = 7;

let host: StationHost & { ws: string };
let manager: CallerContext;
const screens: Record<string, RawClient> = {};

const SCREENS: { name: string; role: Role; windowNo: number | null; login?: string }[] = [
  { name: 'kiosk', role: 'kiosk', windowNo: null },
  { name: 'display', role: 'display', windowNo: null },
  { name: 'guide', role: 'guide', windowNo: null, login: staffNo('guide') },
  { name: 'manager', role: 'manager', windowNo: null, login: staffNo('manager') },
  { name: 'devices', role: 'devices', windowNo: null, login: staffNo('technician') },
  { name: 'counter', role: 'counter', windowNo: WINDOW, login: staffNo('agent', 0) },
  { name: 'counter-8', role: 'counter', windowNo: 8, login: staffNo('agent', 1) },
  { name: 'counter-idle', role: 'counter', windowNo: 9 },
  { name: 'rate', role: 'rate', windowNo: WINDOW },
  { name: 'rate-8', role: 'rate', windowNo: 8 },
];

beforeAll(async () => {
  // Eleven screens pair from this one address: a budget above the default five a minute.
  host = await startStation('0.0.0.0', 50);
  manager = await managerContext(host);
  for (const s of SCREENS) {
    const credential = await pair(host, manager, { role: s.role, windowNo: s.windowNo });
    const client = rawClient(apiUrl(host, s.role, s.windowNo), { credential });
    screens[s.name] = client;
    // Subscribed once its first call is answered (the socket is open and admitted).
    expect((await client.call('station.info')).ok).toBe(true);
    if (s.login) {
      const r = await client.call('auth.login', { staffNo: s.login, pin: DEFAULT_PIN });
      if (!r.ok) throw new Error(`${s.name}: ${JSON.stringify(r.error)}`);
    }
  }
});
afterAll(async () => {
  for (const c of Object.values(screens)) c.ws.close();
  await host?.close();
});

/** Events each screen got after `act`, up to a marker event every screen receives (sync.status). */
async function heard(act: () => Promise<void>): Promise<Record<string, { event: string; payload: unknown }[]>> {
  const before = Object.fromEntries(Object.entries(screens).map(([n, c]) => [n, c.frames.length]));
  await act();
  const marker = { online: false, marker: Math.random() } as never;
  host.events.emit('sync.status', marker);
  await Promise.all(
    Object.values(screens).map((c) =>
      c.next(
        (f) =>
          f.event === 'sync.status' &&
          (f.payload as { marker?: number }).marker === (marker as { marker: number }).marker,
      ),
    ),
  );
  return Object.fromEntries(
    Object.entries(screens).map(([n, c]) => [
      n,
      (c.frames.slice(before[n]) as { event: string; payload: unknown }[]).filter(
        (f) => f.event && f.event !== 'sync.status',
      ),
    ]),
  );
}
const names = (got: Record<string, { event: string }[]>) =>
  Object.fromEntries(Object.entries(got).map(([n, list]) => [n, list.map((f) => f.event).sort()]));

describe('events by need, over real sockets', () => {
  it('a card read: the full card to the logged-in counters beside the reader, masked to the devices page, nothing to anyone else', async () => {
    const got = await heard(async () => host.events.emit('idcard.read', CARD));
    expect(names(got)).toEqual({
      kiosk: [],
      display: [],
      guide: [],
      manager: [],
      devices: ['idcard.read'],
      counter: ['idcard.read'],
      'counter-8': ['idcard.read'],
      'counter-idle': [],
      rate: [],
      'rate-8': [],
    });
    expect(got.counter![0]!.payload).toEqual(CARD);
    const masked = JSON.stringify(got.devices![0]!.payload);
    expect(masked).not.toMatch(/330106198503121237|张小三|文三路|1985-03-12/);
    for (const n of ['kiosk', 'display', 'guide', 'manager', 'rate', 'rate-8', 'counter-idle'])
      expect(JSON.stringify(screens[n]!.frames)).not.toMatch(/330106198503121237|张小三/);
  });

  it('a ticket called at window 7: the display, the guide and the counters, no one else', async () => {
    const kiosk: CallerContext = {
      connectionId: 'k',
      source: 'local:test',
      role: 'kiosk',
      windowNo: null,
      session: null,
    };
    const issued = await host.router.call(kiosk, 'queue.issueTicket', { businessType: 'XFER' });
    expect(issued.ok).toBe(true);
    const got = await heard(async () => {
      const called = await screens.counter!.call('counter.callNext');
      expect(called.ok).toBe(true);
    });
    const calls = Object.fromEntries(Object.entries(names(got)).map(([n, e]) => [n, e.includes('ticket.called')]));
    expect(calls).toEqual({
      kiosk: false,
      display: true,
      guide: true,
      manager: false,
      devices: false,
      counter: true,
      'counter-8': true,
      'counter-idle': true,
      rate: false,
      'rate-8': false,
    });
  });

  it('a payment at window 7: its counter and its customer screen only', async () => {
    const got = await heard(async () =>
      host.events.emit('payment.changed', {
        paymentId: 'pay-1',
        status: 'pending',
        windowNo: WINDOW,
        qrPayload: 'weixin://pay/1',
        amountFen: 12_345,
      } as never),
    );
    const paid = Object.fromEntries(Object.entries(names(got)).map(([n, e]) => [n, e.includes('payment.changed')]));
    expect(paid).toEqual({
      kiosk: false,
      display: false,
      guide: false,
      manager: false,
      devices: false,
      counter: true,
      'counter-8': false,
      'counter-idle': false,
      rate: true,
      'rate-8': false,
    });
  });

  const lan = Object.values(os.networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal);
  it.skipIf(!lan)('a counter served to another PC on the LAN gets no card, even logged in', async () => {
    const credential = await pair(host, manager, { role: 'counter', windowNo: 10 });
    const url = apiUrl(host, 'counter', 10).replace('127.0.0.1', lan!.address);
    const remote = rawClient(url, { credential });
    expect((await remote.call('auth.login', { staffNo: staffNo('agent', 2), pin: DEFAULT_PIN })).ok).toBe(true);
    screens.remote = remote;
    const got = await heard(async () => host.events.emit('idcard.read', CARD));
    expect(names(got).remote).toEqual([]);
    expect(names(got).counter).toEqual(['idcard.read']);
  });
});
