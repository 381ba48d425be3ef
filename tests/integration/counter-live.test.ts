import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startGatewaySim, type GatewaySim } from '../../central/gateway/gateway-sim';
import { startPrinterSimulator, type PrinterSimulator } from '../../devices/simulators/printer-simulator';
import { connectStationPrinter, type StationPrinter } from '../../main/devices/station-printer';
import type { CallerContext } from '../../main/services/caller';
import { startStationHost, type StationHost } from '../../main/host';
import { HttpPaymentGateway } from '../../main/payments/payment-gateway';
import { eventsFromPull } from '../../main/sync/pull-events';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';

/**
 * Screens that stay current, below the screens: a QR payment settled by the gateway's notice (real
 * HTTP gateway simulator, real station host), the whole hall's reconciliation with each agent's cash
 * declaration, pulled rows raising the events the counter follows, arrears risk following the bills.
 */
let host: StationHost;
let gateway: GatewaySim;
let printer: PrinterSimulator;
let port: StationPrinter;
let dataDir: string;
let customerId: number;
const agent: CallerContext = { connectionId: 'a', source: 'local:test', role: 'counter', windowNo: 1, session: null };
const other: CallerContext = { connectionId: 'b', source: 'local:test', role: 'counter', windowNo: 2, session: null };
const manager: CallerContext = {
  connectionId: 'm',
  source: 'local:test',
  role: 'manager',
  windowNo: null,
  session: null,
};
const call = async <T>(r: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> => {
  const res = await r;
  if (!res.ok) throw new Error(res.error.message);
  return res.value;
};
const pid = () => `pay-live-${Math.random().toString(36).slice(2, 10)}`;

beforeAll(async () => {
  dataDir = seededDataDir('station.db', makeTempDir('counter-live-'));
  const db = new Database(path.join(dataDir, 'station.db'), { readonly: true });
  // A customer who owes enough for every payment below (a bill payment may not exceed the arrears).
  customerId = (
    db
      .prepare(
        `SELECT c.id, sum(b.amount_fen - b.paid_fen) AS owed FROM customers c JOIN bills b ON b.customer_id = c.id
          WHERE c.prepaid = 0 AND b.paid_fen < b.amount_fen GROUP BY c.id HAVING owed > 5000 ORDER BY owed DESC LIMIT 1`,
      )
      .get() as { id: number }
  ).id;
  db.close();
  gateway = await startGatewaySim();
  printer = await startPrinterSimulator({ host: '127.0.0.1' });
  port = await connectStationPrinter({
    ...printer.address(),
    hallName: () => '测试营业厅',
    printWaitMs: 1500,
    retryDelayMs: 100,
  });
  host = await startStationHost({ dataDir, printer: port, paymentGateway: new HttpPaymentGateway(gateway.url, 2000) });
  await call(host.router.call(agent, 'auth.login', { staffNo: '1002', pin: '123456' }));
  await call(host.router.call(other, 'auth.login', { staffNo: '1003', pin: '123456' }));
  await call(host.router.call(manager, 'auth.login', { staffNo: '1001', pin: '123456' }));
});
afterAll(async () => {
  await host?.close();
  await port?.close();
  await printer?.close();
  await gateway?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('live counter', () => {
  it('a scanned QR settles on the gateway notice, with no query from the counter', async () => {
    const changed: string[] = [];
    const off = host.events.subscribe((event, payload) => {
      if (event === 'payment.changed') changed.push((payload as { status: string }).status);
    });
    const paymentId = pid();
    const p = await call(
      host.router.call(agent, 'payment.pay', { paymentId, customerId, kind: 'bill', channel: 'qr', amountFen: 50 }),
    );
    expect(p.status).toBe('pending');
    gateway.scan(paymentId);
    // Well within the 15 s fallback: only the notice can have settled it. The screens follow the event.
    await vi.waitFor(() => expect(changed).toContain('succeeded'), { timeout: 5000, interval: 50 });
    expect((await call(host.router.call(agent, 'payment.get', { paymentId }))).status).toBe('succeeded');
    off();
  });

  it('a notice for an order this station did not take changes nothing', async () => {
    const r = await fetch(`${gateway.url}/v1/notifications?after=x`);
    expect(r.status).toBe(400);
    const paymentId = pid();
    await call(
      host.router.call(agent, 'payment.pay', { paymentId, customerId, kind: 'bill', channel: 'qr', amountFen: 70 }),
    );
    // Declined at the scan: the notice settles it as failed, never as paid.
    gateway.configure({ declineNext: 1 });
    gateway.scan(paymentId);
    await vi.waitFor(
      async () => expect((await call(host.router.call(agent, 'payment.get', { paymentId }))).status).toBe('failed'),
      { timeout: 5000, interval: 100 },
    );
  });

  it('the agent’s 查询结果 and the notice at the same moment settle the payment once, with one receipt', async () => {
    const paymentId = pid();
    const printedBefore = printer.receipts().length;
    await call(
      host.router.call(agent, 'payment.pay', { paymentId, customerId, kind: 'bill', channel: 'qr', amountFen: 60 }),
    );
    gateway.scan(paymentId);
    const answers = await Promise.all([
      call(host.router.call(agent, 'payment.resolve', { paymentId })),
      call(host.router.call(agent, 'payment.resolve', { paymentId })),
    ]);
    expect(answers.map((a) => a.status)).toEqual(['succeeded', 'succeeded']);
    await expect.poll(() => printer.receipts().length).toBeGreaterThan(printedBefore);
    // The notice's own settling has had time to run too: still one step, one receipt.
    await new Promise((r) => setTimeout(r, 1000));
    const p = await call(host.router.call(agent, 'payment.get', { paymentId }));
    expect(p.events.filter((e) => e.status === 'succeeded')).toHaveLength(1);
    expect(
      printer
        .receipts()
        .slice(printedBefore)
        .filter((r) => r.text.includes('0.60')),
    ).toHaveLength(1);
  });

  it('the whole hall checks each agent’s drawer against their own declaration', async () => {
    for (const [who, amountFen] of [
      [agent, 1000],
      [other, 500],
    ] as const)
      await call(
        host.router.call(who, 'payment.pay', {
          paymentId: pid(),
          customerId,
          kind: 'bill',
          channel: 'cash',
          amountFen,
          tenderedFen: amountFen,
        }),
      );
    await call(host.router.call(agent, 'payment.declareCash', { declaredFen: 900 }));
    const hall = await call(host.router.call(manager, 'payment.reconciliation', {}));
    const mine = hall.declarations.find((d) => d.staffNo === '1002')!;
    expect(mine).toMatchObject({ systemCashFen: 1000, declaredCashFen: 900 });
    expect(hall.declarations.find((d) => d.staffNo === '1003')).toMatchObject({ declaredCashFen: null });
    expect(hall.declaredCashFen).toBe(900);
    const causes = hall.differences.map((d) => d.cause);
    expect(causes.some((c) => c.includes('（1002）') && c.includes('现金短款 1.00 元'))).toBe(true);
    expect(causes.some((c) => c.includes('（1003）') && c.includes('尚未申报现金'))).toBe(true);
    // One agent's reconciliation is unchanged: their own drawer only.
    const own = await call(host.router.call(agent, 'payment.reconciliation', {}));
    expect(own.declaredCashFen).toBe(900);
  });
});

describe('without the notice feed', () => {
  let quiet: StationHost | null = null;
  let quietDir = '';
  afterAll(async () => {
    await quiet?.close();
    if (quietDir) fs.rmSync(quietDir, { recursive: true, force: true });
  });
  const start = async (fallbackMs: number | null): Promise<StationHost> => {
    await quiet?.close();
    if (quietDir) fs.rmSync(quietDir, { recursive: true, force: true });
    quietDir = seededDataDir('station.db', makeTempDir('counter-quiet-'));
    quiet = await startStationHost({
      dataDir: quietDir,
      paymentGateway: new HttpPaymentGateway(gateway.url, 2000),
      paymentNotices: { follow: false, fallbackMs },
    });
    await call(quiet.router.call(agent, 'auth.login', { staffNo: '1002', pin: '123456' }));
    return quiet;
  };
  const scannedQr = async (h: StationHost): Promise<string> => {
    const paymentId = pid();
    await call(
      h.router.call(agent, 'payment.pay', { paymentId, customerId, kind: 'bill', channel: 'qr', amountFen: 40 }),
    );
    gateway.scan(paymentId);
    return paymentId;
  };

  it('the slow query of pending payments settles a scan the feed never told of', async () => {
    const h = await start(300);
    const paymentId = await scannedQr(h);
    await vi.waitFor(
      async () => expect((await call(h.router.call(agent, 'payment.get', { paymentId }))).status).toBe('succeeded'),
      { timeout: 5000, interval: 100 },
    );
  });

  it('with neither, a scanned payment waits for the agent’s query', async () => {
    const h = await start(null);
    const paymentId = await scannedQr(h);
    await new Promise((r) => setTimeout(r, 800));
    expect((await call(h.router.call(agent, 'payment.get', { paymentId }))).status).toBe('pending');
    expect((await call(h.router.call(agent, 'payment.resolve', { paymentId }))).status).toBe('succeeded');
  });
});

describe('pulled rows raise the counter’s events', () => {
  it('a refund decided elsewhere and a bill changed by the central', () => {
    const seen: [string, unknown][] = [];
    eventsFromPull({ emit: (e, p) => void seen.push([e, p]) }, '2025-01-01', [
      { entity: 'refundDecision', id: 'rr-1', row: { id: 'rr-1', decision: 'approved' }, isNew: true },
      { entity: 'bill', id: '42/2024-12', row: { customer_id: 42, period: '2024-12' }, isNew: false },
      { entity: 'customerBalance', id: '42', row: { id: 42, balance_fen: 0 }, isNew: false },
    ]);
    expect(seen).toContainEqual(['refund.changed', { requestId: 'rr-1' }]);
    expect(seen.filter(([e]) => e === 'customer.changed')).toEqual([['customer.changed', { customerId: 42 }]]);
    expect(seen.at(-1)![0]).toBe('queue.changed');
  });
});
