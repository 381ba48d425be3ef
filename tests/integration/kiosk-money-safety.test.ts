import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewaySim, type GatewaySim } from '../../central/gateway/gateway-sim';
import type { MethodInput } from '@common/api/contract';
import { CardWriterSimulator } from '../../devices/simulators/card-writer-simulator';
import { startPrinterSimulator, type PrinterSimulator } from '../../devices/simulators/printer-simulator';
import type { CallerContext } from '../../main/services/caller';
import { connectStationPrinter, type StationPrinter } from '../../main/devices/station-printer';
import { startStationHost, type StationHost } from '../../main/host';
import { HttpPaymentGateway } from '../../main/payments/payment-gateway';
import { makeTempDir, seededDataDir, withTemplateKey } from '../support/hall-fixture';

/**
 * Money exactly once at the kiosk, through the real station host, the HTTP gateway simulator, the
 * ESC/POS printer simulator and the card-writer simulator: one open payment per account, the
 * outcome of an interrupted one shown (and its receipt printed) at the next visit, a restart that
 * resolves what it left open, and a top-up that checks the power card before taking money.
 */
let host: StationHost;
let gateway: GatewaySim;
let printer: PrinterSimulator;
let port: StationPrinter;
let dataDir: string;
const writer = new CardWriterSimulator();
let debtors: { id: number; account_no: string; owed: number }[] = [];
let prepaid: { id: number; account_no: string };
let seq = 0;
let n = 0;
const kiosk = (): CallerContext => ({
  connectionId: `kiosk-${++seq}`,
  source: 'local:test',
  role: 'kiosk',
  windowNo: null,
  session: null,
});
const pid = () => `pay-safe-${String(++n).padStart(4, '0')}-${Date.now().toString(36)}`;
/** Gateway answers slower than the station waits: each call (create or query) times out. */
const GATEWAY_WAIT_MS = 400;

const call = async <T>(r: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> => {
  const res = await r;
  if (!res.ok) throw new Error(res.error.message);
  return res.value;
};

/** The hall's public address as configured; the test reaches the same paths on the host's own address. */
const PUBLIC_BASE = 'https://hall.example.cn/zz';
let rendererDir: string;

const start = () =>
  startStationHost({
    dataDir,
    http: { port: 0, rendererDir },
    publicBaseUrl: PUBLIC_BASE,
    stationName: '1号机',
    printer: port,
    paymentGateway: new HttpPaymentGateway(gateway.url, GATEWAY_WAIT_MS),
    cardWriter: writer,
  });

beforeAll(async () => {
  dataDir = withTemplateKey(seededDataDir('station.db', makeTempDir('kiosk-money-')));
  rendererDir = path.join(dataDir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>hall</title>');
  const db = new Database(path.join(dataDir, 'station.db'));
  // Every tested account owes its latest bill (the seeded hall has few debtors).
  db.exec(
    `UPDATE bills SET paid_fen = 0 WHERE (customer_id, period) IN
       (SELECT customer_id, max(period) FROM bills WHERE customer_id IN (SELECT id FROM customers WHERE prepaid = 0) GROUP BY customer_id)`,
  );
  debtors = db
    .prepare(
      `SELECT c.id, c.account_no, sum(b.amount_fen - b.paid_fen) AS owed FROM customers c JOIN bills b ON b.customer_id = c.id
        WHERE c.prepaid = 0 AND b.paid_fen < b.amount_fen GROUP BY c.id HAVING owed > 2000 ORDER BY c.id LIMIT 10`,
    )
    .all() as typeof debtors;
  prepaid = db.prepare('SELECT id, account_no FROM customers WHERE prepaid = 1 LIMIT 1').get() as typeof prepaid;
  db.close();
  gateway = await startGatewaySim();
  printer = await startPrinterSimulator({ host: '127.0.0.1' });
  port = await connectStationPrinter({
    ...printer.address(),
    hallName: () => '测试营业厅',
    printWaitMs: 1500,
    retryDelayMs: 100,
  });
  host = await start();
});
afterAll(async () => {
  await host?.close();
  await port?.close();
  await printer?.close();
  await gateway?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

async function identify(accountNo: string) {
  const k = kiosk();
  const r = await call(host.router.call(k, 'kiosk.identify', { by: 'account', accountNo }));
  return { k, account: r.accounts[0]! };
}

const pay = (k: CallerContext, input: Omit<MethodInput<'kiosk.pay'>, 'paymentId'> & { paymentId?: string }) =>
  host.router.call(k, 'kiosk.pay', { paymentId: input.paymentId ?? pid(), ...input });

const chargesOf = (accountNo: string, payments: Set<string>) =>
  gateway
    .orders()
    .filter((o) => payments.has(o.merchantOrderId) && (o.status === 'succeeded' || o.status === 'reversed'));

const receiptsFor = (accountNo: string) => printer.receipts().filter((r) => r.text.includes(accountNo)).length;

describe('kiosk money: one open payment per account', () => {
  it('the customer leaves while the charge is unconfirmed: a second payment is refused until the gateway answers; then the first shows and its receipt prints', async () => {
    const d = debtors[0]!;
    const ids = new Set<string>();
    const first = await identify(d.account_no);
    const firstId = pid();
    ids.add(firstId);
    // The bank charges, the answer is lost, and the gateway stays unreachable for the queries that follow.
    gateway.configure({ timeoutNext: 1, timeoutMode: 'after_commit' });
    const p = await call(
      pay(first.k, { paymentId: firstId, customerId: d.id, channel: 'bank_card', amountFen: d.owed }),
    );
    expect(p.status).toBe('timed_out');
    gateway.configure({ delayMs: GATEWAY_WAIT_MS * 3 });
    await call(host.router.call(first.k, 'kiosk.endSession', {}));

    const again = await identify(d.account_no);
    expect(again.account.pendingPayment).toMatchObject({ id: firstId, amountFen: d.owed });
    const secondId = pid();
    ids.add(secondId);
    const refused = await pay(again.k, {
      paymentId: secondId,
      customerId: d.id,
      channel: 'bank_card',
      amountFen: d.owed,
    });
    expect(refused.ok ? null : refused.error).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('您有一笔缴费正在确认中'),
    });
    expect(gateway.orders().some((o) => o.merchantOrderId === secondId)).toBe(false);
    // The customer gives up and leaves; the gateway settles it in the background and nothing prints.
    await call(host.router.call(again.k, 'kiosk.endSession', {}));
    gateway.configure({ delayMs: 0 });
    const before = receiptsFor(d.account_no);
    gateway.notifyAgain(firstId);
    const manager: CallerContext = {
      connectionId: 'mgr-1',
      source: 'local:test',
      role: 'manager',
      windowNo: null,
      session: null,
    };
    await call(host.router.call(manager, 'auth.login', { staffNo: '1001', pin: '123456' }));
    await expect
      .poll(async () => (await call(host.router.call(manager, 'payment.get', { paymentId: firstId }))).status)
      .toBe('succeeded');
    expect(receiptsFor(d.account_no)).toBe(before);

    // The next visit: the outcome is shown, the receipt prints now, and only once.
    const visit = await identify(d.account_no);
    expect(visit.account.earlierOutcomes).toEqual([
      expect.objectContaining({ id: firstId, status: 'succeeded', receiptPrinted: true }),
    ]);
    expect(visit.account.arrearsFen).toBe(0);
    await expect.poll(() => receiptsFor(d.account_no)).toBe(before + 1);
    expect((await identify(d.account_no)).account.earlierOutcomes).toEqual([]);
    expect(chargesOf(d.account_no, ids)).toHaveLength(1);
  });

  it('two kiosks paying the same account at the same moment: one charge, the other refused', async () => {
    const d = debtors[1]!;
    const a = await identify(d.account_no);
    const b = await identify(d.account_no);
    const [x, y] = await Promise.all([
      pay(a.k, { customerId: d.id, channel: 'qr', amountFen: 500 }),
      pay(b.k, { customerId: d.id, channel: 'qr', amountFen: 500 }),
    ]);
    const results = [x, y];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const open = results.find((r) => r.ok)!;
    if (!open.ok) throw new Error('unreachable');
    const winner = x.ok ? a : b;
    expect((await call(host.router.call(winner.k, 'kiosk.cancelPayment', { paymentId: open.value.id }))).status).toBe(
      'failed',
    );
    // Closed unpaid at the gateway: the account is free again.
    expect((await pay(b.k, { customerId: d.id, channel: 'bank_card', amountFen: 500 })).ok).toBe(true);
  });

  it('a restart with a charge left unconfirmed: the new host asks the gateway, prints nothing, and the next visit shows it', async () => {
    const d = debtors[2]!;
    const { k } = await identify(d.account_no);
    const id = pid();
    gateway.configure({ timeoutNext: 1, timeoutMode: 'after_commit' });
    expect(
      (await call(pay(k, { paymentId: id, customerId: d.id, channel: 'bank_card', amountFen: 1_000 }))).status,
    ).toBe('timed_out');
    const before = receiptsFor(d.account_no);
    await host.close();
    host = await start();
    const agent: CallerContext = {
      connectionId: 'mgr',
      source: 'local:test',
      role: 'manager',
      windowNo: null,
      session: null,
    };
    await call(host.router.call(agent, 'auth.login', { staffNo: '1001', pin: '123456' }));
    await expect
      .poll(async () => (await call(host.router.call(agent, 'payment.get', { paymentId: id }))).status)
      .toBe('succeeded');
    expect(receiptsFor(d.account_no)).toBe(before);
    const visit = await identify(d.account_no);
    expect(visit.account.earlierOutcomes.map((p) => [p.id, p.status])).toEqual([[id, 'succeeded']]);
    await expect.poll(() => receiptsFor(d.account_no)).toBe(before + 1);
  });

  it('a timed-out charge the gateway never received: resolved as not charged, and the customer may pay again', async () => {
    const d = debtors[3]!;
    const { k } = await identify(d.account_no);
    const id = pid();
    gateway.configure({ timeoutNext: 1, timeoutMode: 'before_commit' });
    expect((await call(pay(k, { paymentId: id, customerId: d.id, channel: 'bank_card', amountFen: 700 }))).status).toBe(
      'timed_out',
    );
    const second = await call(pay(k, { customerId: d.id, channel: 'bank_card', amountFen: 700 }));
    expect(second.status).toBe('succeeded');
    expect(gateway.orders().filter((o) => o.merchantOrderId === id)).toEqual([]);
  });
});

describe('kiosk money: top-up reads the power card first', () => {
  it('no card in the slot, or another account’s card: refused before any order reaches the gateway', async () => {
    const { k } = await identify(prepaid.account_no);
    writer.removeCard();
    const ordersBefore = gateway.orders().length;
    const none = await pay(k, { customerId: prepaid.id, kind: 'topup', channel: 'bank_card', amountFen: 5_000 });
    expect(none.ok ? null : none.error).toMatchObject({
      code: 'device_error',
      message: expect.stringContaining('请先把购电卡插入卡槽'),
    });
    writer.insertCard(debtors[4]!.account_no);
    const wrong = await pay(k, { customerId: prepaid.id, kind: 'topup', channel: 'bank_card', amountFen: 5_000 });
    expect(wrong.ok ? null : wrong.error).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('未扣款'),
    });
    expect(gateway.orders().length).toBe(ordersBefore);
    writer.insertCard(prepaid.account_no);
    const ok = await call(pay(k, { customerId: prepaid.id, kind: 'topup', channel: 'bank_card', amountFen: 5_000 }));
    expect(ok.status).toBe('succeeded');
    expect(writer.card?.lastPurchaseId).toBe(ok.id);
  });
});

describe('kiosk money: paper and receipts', () => {
  it('paper out: the payment stands, the kiosk offers the e-receipt on the public address, and the slip never prints later', async () => {
    const d = debtors[5]!;
    const { k } = await identify(d.account_no);
    printer.setPaperOut(true);
    const p = await call(pay(k, { customerId: d.id, channel: 'bank_card', amountFen: 1_234 }));
    expect(p).toMatchObject({ status: 'succeeded', receiptPrinted: false });
    expect(p.eReceiptUrl).toMatch(new RegExp(`^${PUBLIC_BASE}/r/[A-Za-z0-9_-]+\\.\\d{8}\\.[A-Za-z0-9_-]{22}$`));
    expect(p.eReceiptUrl).not.toContain(p.id);

    // The page on the station: masked data, the receipt's own number, the kiosk by its name.
    const page = await fetch(p.eReceiptUrl!.replace(PUBLIC_BASE, host.url!));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('12.34 元');
    expect(html).toContain('自助终端 1号机');
    expect(html).not.toContain(d.account_no);
    expect(html).toContain(`${d.account_no.slice(0, 2)}******${d.account_no.slice(-2)}`);
    const forged = await fetch(
      p.eReceiptUrl!.replace(PUBLIC_BASE, host.url!).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
    );
    expect(forged.status).toBe(404);

    // After the refill the next slip is the next one asked for, not the old receipt.
    printer.setPaperOut(false);
    const next = new Promise<string>((resolve) => {
      const off = printer.onReceipt((r) => {
        off();
        resolve(r.text);
      });
    });
    const other = await identify(debtors[6]!.account_no);
    await call(pay(other.k, { customerId: debtors[6]!.id, channel: 'bank_card', amountFen: 200 }));
    const text = await next;
    expect(text).toContain(debtors[6]!.account_no);
    expect(receiptsFor(d.account_no)).toBe(0);
  });

  it('the receipt names the customer (masked), the billing periods, a day sequence number and the kiosk by name, with a QR to the e-receipt', async () => {
    const d = debtors[7]!;
    const { k, account } = await identify(d.account_no);
    const printed = new Promise<{ text: string; qr: string[] }>((resolve) => {
      const off = printer.onReceipt((r) => {
        if (!r.text.includes(d.account_no)) return;
        off();
        resolve({ text: r.text, qr: r.qr });
      });
    });
    await call(
      pay(k, { customerId: d.id, channel: 'qr', amountFen: account.arrearsFen }).then(async (r) => {
        if (!r.ok) return r;
        gateway.scan(r.value.id);
        return host.router.call(k, 'kiosk.payment', { paymentId: r.value.id });
      }),
    );
    const receipt = await printed;
    expect(receipt.text).toContain(`户名：${account.nameMasked}`);
    const unpaid = account.bills.filter((b) => b.amountFen > b.paidFen).map((b) => b.period);
    expect(receipt.text).toContain(`电费年月：${unpaid.join('、')}`);
    expect(receipt.text).toMatch(/票据号：\d{8}-K[0-9A-Z]{4}-\d{4}/);
    expect(receipt.text).toContain('操作员：自助终端 1号机');
    expect(receipt.qr[0]).toMatch(new RegExp(`^${PUBLIC_BASE}/r/`));
  });
});
