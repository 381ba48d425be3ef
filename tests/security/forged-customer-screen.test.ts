import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE } from '@common/api/pairing-wire';
import { idCheckDigit } from '@common/domain/id-number';
import type { Signature } from '@common/domain/signature';
import type { StationHost } from '../../main/host';
import type { CallerContext } from '../../main/services/caller';
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
 * The customer screen belongs to its counter: a forged rating or signature, from a second screen
 * claiming the same window or from the screen of another window, finds nothing; the customer's
 * own screen still rates and signs, once.
 */
const WINDOW = 7; // serves XFER in the seeded hall
const body = '33010619850312123';
const FORM = {
  applicantName: '张小三',
  idNumber: body + idCheckDigit(body),
  phone: '13812345678',
  address: '浙江省杭州市西湖区文三路90号1幢1单元101室',
  category: '低压居民',
  capacityKva: 8,
  usageType: '居民生活',
};
const SIGNATURE: Signature = {
  source: 'touchscreen',
  aspect: 1.6,
  strokes: [
    [
      { x: 0.2, y: 0.8, pressure: 0.5, t: 0 },
      { x: 0.7, y: 0.78, pressure: 0.5, t: 120 },
    ],
  ],
};

let host: StationHost & { ws: string };
let manager: CallerContext;
let counter: RawClient;
let customer: RawClient;
let credential: string;
const kiosk: CallerContext = { connectionId: 'k', source: 'local:test', role: 'kiosk', windowNo: null, session: null };

const value = async <T>(r: Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<T> => {
  const x = await r;
  if (!x.ok) throw new Error(JSON.stringify(x.error));
  return x.value as T;
};

beforeAll(async () => {
  host = await startStation('0.0.0.0', 50);
  manager = await managerContext(host);
  counter = rawClient(apiUrl(host, 'counter', WINDOW), {
    credential: await pair(host, manager, { role: 'counter', windowNo: WINDOW }),
  });
  await value(counter.call('auth.login', { staffNo: staffNo('agent', 0), pin: DEFAULT_PIN }));
  credential = await pair(host, manager, { role: 'rate', windowNo: WINDOW });
  customer = rawClient(apiUrl(host, 'rate', WINDOW), { credential });
  await value(customer.call('station.info'));
});
afterAll(async () => {
  counter?.ws.close();
  customer?.ws.close();
  await host?.close();
});

async function served(): Promise<string> {
  await value(host.router.call(kiosk, 'queue.issueTicket', { businessType: 'XFER' }));
  const called = await value<{ id: string }>(counter.call('counter.callNext'));
  await value(counter.call('counter.start', { ticketId: called.id }));
  return called.id;
}

describe('a forged customer screen', () => {
  it('a second screen with the same credential waits while the first is connected', async () => {
    const twin = rawClient(apiUrl(host, 'rate', WINDOW), { credential });
    expect((await twin.closed).code).toBe(CLOSE.windowTaken);
    expect(twin.frames).toEqual([]);
  });

  it('a screen of another window cannot rate or sign for window 7', async () => {
    const other = rawClient(apiUrl(host, 'rate', WINDOW + 1), {
      credential: await pair(host, manager, { role: 'rate', windowNo: WINDOW + 1 }),
    });
    const ticketId = await served();
    const app = await value<{ application: { id: string } }>(
      counter.call('application.submit', { type: 'NEW', customerId: 1, values: FORM }),
    );
    const { requestId } = await value<{ requestId: string }>(
      counter.call('application.requestSignature', { id: app.application.id }),
    );
    expect(await other.call('rate.sign', { requestId, signature: SIGNATURE })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    await value(counter.call('counter.finish', { ticketId }));
    expect(await other.call('rate.submit', { ticketId, level: 'unsatisfied', reason: '伪造' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    // The customer of window 7 still rates, once.
    expect((await customer.call('rate.submit', { ticketId, level: 'very_satisfied' })).ok).toBe(true);
    expect(await customer.call('rate.submit', { ticketId, level: 'basic' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    other.ws.close();
  });

  it('a review no longer in hand cannot be signed; a ticket no longer the last cannot be rated', async () => {
    const first = await served();
    const app = await value<{ application: { id: string } }>(
      counter.call('application.submit', { type: 'NEW', customerId: 1, values: FORM }),
    );
    const { requestId } = await value<{ requestId: string }>(
      counter.call('application.requestSignature', { id: app.application.id }),
    );
    await value(counter.call('counter.finish', { ticketId: first }));
    expect(await customer.call('rate.sign', { requestId, signature: SIGNATURE })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const second = await served();
    await value(counter.call('counter.finish', { ticketId: second }));
    expect(await customer.call('rate.submit', { ticketId: first, level: 'unsatisfied', reason: '伪造' })).toMatchObject(
      {
        ok: false,
        error: { code: 'conflict', key: 'rating.notAwaiting' },
      },
    );
    expect((await customer.call('rate.timeout', { ticketId: second })).ok).toBe(true);
  });

  it('pairing a new screen for window 7 replaces the old one explicitly: the old is cut off and refused', async () => {
    const pending = rawClient(`${host.ws}/api/pair?role=rate&window=${WINDOW}`);
    const { code } = (await pending.next((f) => f.pairing === 'code')) as { code: string };
    const list = await value<{ role: string; windowNo: number; replaces: string | null }[]>(
      host.router.call(manager, 'pairing.pending', {}),
    );
    expect(list.find((p) => p.role === 'rate' && p.windowNo === WINDOW)?.replaces).toEqual(expect.any(String));
    await value(host.router.call(manager, 'pairing.approve', { code }));
    const { credential: fresh } = (await pending.next((f) => f.pairing === 'approved')) as { credential: string };
    expect((await customer.closed).code).toBe(CLOSE.unpaired);
    const old = rawClient(apiUrl(host, 'rate', WINDOW), { credential });
    expect((await old.closed).code).toBe(CLOSE.unpaired);
    const replacement = rawClient(apiUrl(host, 'rate', WINDOW), { credential: fresh });
    expect((await replacement.call('station.info')).ok).toBe(true);
    replacement.ws.close();
  });
});
