import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewaySim, type GatewaySim } from '../../central/gateway/gateway-sim';
import type { EventName, EventPayload } from '@common/api/contract';
import { idCheckDigit } from '@common/domain/id-number';
import type { Signature } from '@common/domain/signature';
import type { CallerContext } from '../../main/services/caller';
import { simulatedPad, type SimulatedPad } from '../../main/devices/simulated-signature-pad';
import { startStationHost, type StationHost } from '../../main/host';
import { HttpPaymentGateway } from '../../main/payments/payment-gateway';
import { QR_SCAN_SECONDS } from '../../main/services/payment-ledger';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';
import { connectWsApi } from '../support/ws-client';

type StationClient = ReturnType<typeof connectWsApi>;

/**
 * The customer screen beside the counter, over the station's real WebSocket API: the pad signature
 * (a simulated Wacom STU speaking real report bytes) with its strokes mirrored to that window only,
 * the unplugged pad handing its strokes back, payments shown to the customer, the rating's
 * dimensions after the level, and the counter's past-visits list.
 */
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
const ctx = (role: CallerContext['role'], windowNo: number | null, id: string): CallerContext => ({
  connectionId: id,
  source: 'local:test',
  role,
  windowNo,
  session: null,
});
const WINDOW = 7; // serves the C types (XFER) in the seeded hall

let host: StationHost;
let dataDir: string;
let pad: SimulatedPad;
let gateway: GatewaySim;
let screen: StationClient;
let otherScreen: StationClient;
const counter = ctx('counter', WINDOW, 'counter-7');
const kiosk = ctx('kiosk', null, 'kiosk');
let debtor: { id: number };

const call = async <T>(r: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> => {
  const x = await r;
  if (!x.ok) throw new Error(x.error.message);
  return x.value;
};

/** Collects a client's events of one kind until `done` says stop (never by time). */
function collect<E extends EventName>(
  client: StationClient,
  event: E,
  done: (p: EventPayload<E>) => boolean,
): { all: EventPayload<E>[]; until: Promise<void> } {
  const all: EventPayload<E>[] = [];
  let off = (): void => {};
  const until = new Promise<void>((resolve) => {
    off = client.on(event, (p) => {
      all.push(p);
      if (done(p)) {
        off();
        resolve();
      }
    });
  });
  return { all, until };
}

beforeAll(async () => {
  const renderer = makeTempDir('renderer-');
  fs.writeFileSync(`${renderer}/index.html`, '<!doctype html>');
  dataDir = seededDataDir('station.db', makeTempDir('customer-screen-'));
  const db = new Database(path.join(dataDir, 'station.db'), { readonly: true });
  debtor = db
    .prepare(
      `SELECT c.id FROM customers c JOIN bills b ON b.customer_id = c.id WHERE c.prepaid = 0 AND b.paid_fen < b.amount_fen GROUP BY c.id HAVING sum(b.amount_fen - b.paid_fen) > 20000 LIMIT 1`,
    )
    .get() as typeof debtor;
  db.close();
  pad = simulatedPad();
  gateway = await startGatewaySim();
  host = await startStationHost({
    dataDir,
    http: { port: 0, rendererDir: renderer },
    signaturePad: pad.connect,
    paymentGateway: new HttpPaymentGateway(gateway.url, 2000),
  });
  screen = connectWsApi(host.url!, 'rate', WINDOW);
  otherScreen = connectWsApi(host.url!, 'rate', WINDOW + 1);
});
afterAll(async () => {
  screen?.close();
  otherScreen?.close();
  await host?.close();
  await gateway?.close();
});

async function serving(): Promise<string> {
  await call(host.router.call(kiosk, 'queue.issueTicket', { businessType: 'XFER' }));
  const called = await call(host.router.call(counter, 'counter.callNext', {}));
  if (!called) throw new Error('nothing called');
  await call(host.router.call(counter, 'counter.start', { ticketId: called.id }));
  return called.id;
}

async function sentForSignature(): Promise<{ appId: string; requestId: string }> {
  const app = await call(
    host.router.call(counter, 'application.submit', { type: 'NEW', customerId: debtor.id, values: FORM }),
  );
  const { requestId } = await call(
    host.router.call(counter, 'application.requestSignature', { id: app.application.id }),
  );
  return { appId: app.application.id, requestId };
}

describe('which customer screen signs on the pad', () => {
  it('only the window whose counter is logged in on this station, while it is', async () => {
    expect(await screen.call('rate.padStatus', {})).toEqual({ ok: true, value: { attached: false, model: null } });
    await call(host.router.call(counter, 'auth.login', { staffNo: '1002', pin: '123456' }));
    expect(await screen.call('rate.padStatus', {})).toMatchObject({ ok: true, value: { attached: true } });
    expect(await otherScreen.call('rate.padStatus', {})).toEqual({ ok: true, value: { attached: false, model: null } });
    await call(host.router.call(counter, 'auth.logout', {}));
    expect(await screen.call('rate.padStatus', {})).toMatchObject({ ok: true, value: { attached: false } });
    await call(host.router.call(counter, 'auth.login', { staffNo: '1002', pin: '123456' }));
  });

  it('a counter window whose socket closes no longer holds the pad', async () => {
    const counterSocket = connectWsApi(host.url!, 'counter', WINDOW + 2);
    const third = connectWsApi(host.url!, 'rate', WINDOW + 2);
    expect((await counterSocket.call('auth.login', { staffNo: '1003', pin: '123456' })).ok).toBe(true);
    expect(await third.call('rate.padStatus', {})).toMatchObject({ ok: true, value: { attached: true } });
    counterSocket.close();
    await expect
      .poll(async () => {
        const r = await third.call('rate.padStatus', {});
        return r.ok ? r.value.attached : null;
      })
      .toBe(false);
    third.close();
  });
});

describe('signing on the pad from the customer screen', () => {
  let ticketId: string;

  it('refuses what cannot be signed: a request not awaiting here, another window, no pad', async () => {
    ticketId = await serving();
    expect(await screen.call('rate.padSign', { requestId: 'sr-nothing-here' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', field: 'requestId' },
    });
    const { requestId } = await sentForSignature();
    expect(await otherScreen.call('rate.padSign', { requestId })).toMatchObject({
      ok: false,
      error: { code: 'device_error' },
    });
    expect(await screen.call('rate.padSign', { requestId: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    // A counter may not start the customer's pad signature, nor a kiosk.
    expect(await host.router.call(counter, 'rate.padSign', { requestId })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('captures the strokes on the pad, mirrors each to this window only, and stores the signature bound to the content hash', async () => {
    const { appId, requestId } = await sentForSignature();
    const strokes = collect(screen, 'rate.padStroke', () => false);
    const elsewhere = collect(otherScreen, 'rate.padStroke', () => false);
    const ended = collect(screen, 'rate.padEnded', (e) => e.requestId === requestId);
    expect(await screen.call('rate.padSign', { requestId })).toEqual({ ok: true, value: { started: true } });
    // While it runs the pad is busy: a second start is refused, nothing is doubled.
    expect(await screen.call('rate.padSign', { requestId })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await ended.until;
    const end = ended.all.at(-1)!;
    expect(end).toMatchObject({ windowNo: WINDOW, requestId, outcome: 'signed', message: null });
    expect(end.strokes.length).toBeGreaterThanOrEqual(2);
    expect(strokes.all.map((s) => s.stroke)).toEqual(end.strokes);
    expect(elsewhere.all).toEqual([]);

    const review = await call(screen.call('rate.review', {}));
    expect(review).toMatchObject({ requestId, state: 'signed' });
    const detail = await call(host.router.call(counter, 'application.detail', { id: appId }));
    expect(detail.signatureValidity).toBe('valid');
    expect(detail.signature).toMatchObject({ source: 'wacom-stu', contentHash: detail.application.contentHash });
    // Signed once: the pad is not offered again for this request.
    expect(await screen.call('rate.padSign', { requestId })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('the pad unplugged mid-signature: nothing stored, the strokes handed back, the touchscreen finishes', async () => {
    const { appId, requestId } = await sentForSignature();
    pad.unplugMidSignature(2);
    const ended = collect(screen, 'rate.padEnded', (e) => e.requestId === requestId);
    expect((await screen.call('rate.padSign', { requestId })).ok).toBe(true);
    await ended.until;
    const end = ended.all.at(-1)!;
    expect(end.outcome).toBe('pad_disconnected');
    expect(end.message).toContain('签名板已断开，已保留 2 笔');
    expect(end.strokes).toHaveLength(2);
    expect(await call(screen.call('rate.review', {}))).toMatchObject({ requestId, state: 'awaiting' });
    const finished: Signature = {
      source: 'touchscreen',
      aspect: end.aspect,
      strokes: [
        ...end.strokes,
        [
          { x: 0.2, y: 0.8, pressure: 0.5, t: 0 },
          { x: 0.7, y: 0.78, pressure: 0.5, t: 120 },
        ],
      ],
    };
    expect(await screen.call('rate.sign', { requestId, signature: finished })).toMatchObject({
      ok: true,
      value: { state: 'signed' },
    });
    const detail = await call(host.router.call(counter, 'application.detail', { id: appId }));
    expect(detail).toMatchObject({ signatureValidity: 'valid', signature: { source: 'touchscreen' } });
  });

  it('finishing the ticket moves the screen on; the pad for that old request is refused', async () => {
    const { requestId } = await sentForSignature();
    await call(host.router.call(counter, 'counter.finish', { ticketId }));
    expect(await screen.call('rate.padSign', { requestId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('the rating: the level at once, the dimensions after', () => {
  it('adds the dimensions once to this window’s rating; another set, another window or 未评价 is refused', async () => {
    const ticketId = await serving();
    await call(host.router.call(counter, 'counter.finish', { ticketId }));
    const rating = await call(screen.call('rate.submit', { ticketId, level: 'very_satisfied' }));
    expect(rating.dimensions).toEqual({});
    expect(await screen.call('rate.addDimensions', { ratingId: rating.id, dimensions: {} })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(await screen.call('rate.addDimensions', { ratingId: rating.id, dimensions: { attitude: 6 } })).toMatchObject(
      { ok: false, error: { code: 'validation' } },
    );
    expect(
      await otherScreen.call('rate.addDimensions', { ratingId: rating.id, dimensions: { attitude: 1 } }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const dims = { attitude: 5, efficiency: 4, quality: 5, integrity: 5 };
    expect(await screen.call('rate.addDimensions', { ratingId: rating.id, dimensions: dims })).toMatchObject({
      ok: true,
      value: { level: 'very_satisfied', dimensions: dims },
    });
    // The same set again is a replay; a different one would change the rating: refused, the first stands.
    expect((await screen.call('rate.addDimensions', { ratingId: rating.id, dimensions: dims })).ok).toBe(true);
    expect(await screen.call('rate.addDimensions', { ratingId: rating.id, dimensions: { attitude: 1 } })).toMatchObject(
      { ok: false, error: { code: 'conflict' } },
    );
    const db = new Database(path.join(dataDir, 'station.db'), { readonly: true });
    const row = db.prepare('SELECT level, dimensions FROM ratings WHERE id = ?').get(rating.id) as {
      level: string;
      dimensions: string;
    };
    db.close();
    expect({ level: row.level, dimensions: JSON.parse(row.dimensions) }).toEqual({
      level: 'very_satisfied',
      dimensions: dims,
    });

    const silent = await serving();
    await call(host.router.call(counter, 'counter.finish', { ticketId: silent }));
    const none = await call(screen.call('rate.timeout', { ticketId: silent }));
    expect(await screen.call('rate.addDimensions', { ratingId: none.id, dimensions: { quality: 3 } })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(
      await screen.call('rate.addDimensions', { ratingId: 'rt-no-such-rating', dimensions: { quality: 3 } }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('payments on the customer screen and past visits on the counter', () => {
  it('a QR payment reaches this window’s screen with its QR, amount and scan deadline; cash with received and change', async () => {
    const ticketId = await serving();
    const seen = collect(screen, 'payment.changed', (e) => e.status === 'pending');
    const elsewhere = collect(otherScreen, 'payment.changed', () => false);
    const qr = await call(
      host.router.call(counter, 'payment.pay', {
        paymentId: `pay-cs-qr-${Date.now().toString(36)}`,
        customerId: debtor.id,
        channel: 'qr',
        amountFen: 2_345,
        ticketId,
      }),
    );
    await seen.until;
    const pending = seen.all.at(-1)!;
    expect(pending).toMatchObject({
      paymentId: qr.id,
      status: 'pending',
      windowNo: WINDOW,
      channel: 'qr',
      amountFen: 2_345,
      qrPayload: qr.qrPayload,
    });
    expect(pending.qrPayload).toMatch(/^https:\/\/pay\.example\.cn\/qr\//);
    const pendingAt = qr.events.find((e) => e.status === 'pending')!.at;
    expect(Date.parse(pending.qrExpiresAt!) - Date.parse(pendingAt)).toBe(QR_SCAN_SECONDS * 1000);

    const settled = collect(screen, 'payment.changed', (e) => e.paymentId === qr.id && e.status === 'succeeded');
    gateway.scan(qr.id);
    await call(host.router.call(counter, 'payment.resolve', { paymentId: qr.id }));
    await settled.until;
    expect(settled.all.at(-1)).toMatchObject({ qrPayload: null, qrExpiresAt: null });

    const cashSeen = collect(screen, 'payment.changed', (e) => e.status === 'succeeded' && e.channel === 'cash');
    await call(
      host.router.call(counter, 'payment.pay', {
        paymentId: `pay-cs-cash-${Date.now().toString(36)}`,
        customerId: debtor.id,
        channel: 'cash',
        amountFen: 1_234,
        tenderedFen: 2_000,
        ticketId,
      }),
    );
    await cashSeen.until;
    expect(cashSeen.all.at(-1)).toMatchObject({ amountFen: 1_234, tenderedFen: 2_000, changeFen: 766 });
    expect(elsewhere.all).toEqual([]);

    await call(host.router.call(counter, 'counter.finish', { ticketId }));
    const rating = await call(screen.call('rate.submit', { ticketId, level: 'basic' }));
    await call(screen.call('rate.addDimensions', { ratingId: rating.id, dimensions: { efficiency: 2 } }));

    const visits = await call(host.router.call(counter, 'customer.visits', { customerId: debtor.id }));
    const visit = visits.find((v) => v.ticketId === ticketId)!;
    expect(visit).toMatchObject({
      windowNo: WINDOW,
      agentStaffNo: '1002',
      businessType: 'XFER',
      via: ['payment'],
      rating: { level: 'basic', dimensions: { efficiency: 2 }, reason: null },
    });
    expect(visit.handlingSec).toBeGreaterThanOrEqual(0);
    // The tickets whose applications were sent for this customer's signature count too, newest first.
    expect(visits.some((v) => v.via.includes('application'))).toBe(true);
    expect(visits.map((v) => v.ticketNo)).toEqual(
      [...visits].sort((a, b) => (a.ticketNo < b.ticketNo ? 1 : -1)).map((v) => v.ticketNo),
    );
  });

  it('past visits: none for a customer never linked to a ticket; refused to the customer screen; audited', async () => {
    expect(await call(host.router.call(counter, 'customer.visits', { customerId: debtor.id === 1 ? 2 : 1 }))).toEqual(
      [],
    );
    expect(await screen.call('customer.visits', { customerId: debtor.id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await host.router.call(counter, 'customer.visits', { customerId: -3 })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    const db = new Database(path.join(dataDir, 'station.db'), { readonly: true });
    const audited = db.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'customer.visits'`).get() as {
      n: number;
    };
    db.close();
    expect(audited.n).toBeGreaterThanOrEqual(2);
  });
});
