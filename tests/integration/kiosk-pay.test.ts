import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewaySim, type GatewaySim } from '../../central/gateway/gateway-sim';
import type { MethodInput, MethodName } from '@common/api/contract';
import { CAPABILITIES, STAFF_ONLY } from '@common/api/capabilities';
import { maskName } from '@common/domain/mask';
import { CardWriterSimulator } from '../../devices/simulators/card-writer-simulator';
import { IdCardSimulator } from '../../devices/simulators/idcard-simulator';
import { startPrinterSimulator, type PrinterSimulator } from '../../devices/simulators/printer-simulator';
import { createTransportPair } from '../../devices/transport/memory-transport';
import type { CallerContext } from '../../main/services/caller';
import { DEMO_ID_CARD } from '../../hall/demo-id-card';
import { startStationIdCardReader } from '../../main/devices/station-idcard';
import type { StationIdCardReader } from '../../main/services/ports/id-card-reader';
import { connectStationPrinter, type StationPrinter } from '../../main/devices/station-printer';
import { startStationHost, type StationHost } from '../../main/host';
import { HttpPaymentGateway } from '../../main/payments/payment-gateway';
import { personalDataKeyPath } from '../../main/security/personal-data-cipher';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';

/**
 * Kiosk self-service through the real station host: the ID card on a simulated GA 467 reader (real
 * frames over an in-memory link), the HTTP gateway simulator, the ESC/POS printer simulator and the
 * card-writer simulator. Calls go through the router, so role capabilities are checked as in use.
 */
let host: StationHost;
let gateway: GatewaySim;
let printer: PrinterSimulator;
let port: StationPrinter;
let readerSim: IdCardSimulator;
let reader: StationIdCardReader;
let dataDir: string;
const writer = new CardWriterSimulator();
let seq = 0;
const kiosk = (): CallerContext => ({
  connectionId: `kiosk-${++seq}`,
  source: 'local:test',
  role: 'kiosk',
  windowNo: null,
  session: null,
});
const manager: CallerContext = {
  connectionId: 'mgr',
  source: 'local:test',
  role: 'manager',
  windowNo: null,
  session: null,
};
const agent: CallerContext = {
  connectionId: 'agent',
  source: 'local:test',
  role: 'counter',
  windowNo: 1,
  session: null,
};
let debtor: { id: number; account_no: string; owed: number };
let other: { id: number; account_no: string; owed: number };
let prepaid: { id: number; account_no: string; owed: number };
let n = 0;
const pid = () => `pay-kiosk-${String(++n).padStart(4, '0')}-${Date.now().toString(36)}`;

const call = async <T>(r: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> => {
  const res = await r;
  if (!res.ok) throw new Error(res.error.message);
  return res.value;
};

beforeAll(async () => {
  dataDir = seededDataDir('station.db', makeTempDir('kiosk-pay-'));
  // The seeded template's personal-data key (as tests/integration/customer-search.test.ts).
  fs.mkdirSync(path.dirname(personalDataKeyPath(dataDir)), { recursive: true });
  fs.writeFileSync(personalDataKeyPath(dataDir), Buffer.alloc(32, 7), { mode: 0o600 });
  const db = new Database(path.join(dataDir, 'station.db'), { readonly: true });
  const debtors = db
    .prepare(
      `SELECT c.id, c.account_no, sum(b.amount_fen - b.paid_fen) AS owed FROM customers c JOIN bills b ON b.customer_id = c.id WHERE c.prepaid = 0 AND b.paid_fen < b.amount_fen GROUP BY c.id HAVING owed > 5000 ORDER BY owed DESC LIMIT 2`,
    )
    .all() as (typeof debtor)[];
  debtor = debtors[0]!;
  other = db
    .prepare('SELECT id, account_no, 0 AS owed FROM customers WHERE id != ? AND prepaid = 0 LIMIT 1')
    .get(debtor.id) as typeof other;
  prepaid = db
    .prepare('SELECT id, account_no, 0 AS owed FROM customers WHERE prepaid = 1 LIMIT 1')
    .get() as typeof prepaid;
  db.close();
  gateway = await startGatewaySim();
  printer = await startPrinterSimulator({ host: '127.0.0.1' });
  port = await connectStationPrinter({
    ...printer.address(),
    hallName: () => '测试营业厅',
    printWaitMs: 1500,
    retryDelayMs: 100,
  });
  const [hostEnd, deviceEnd] = createTransportPair();
  readerSim = await IdCardSimulator.start(deviceEnd, {});
  reader = await startStationIdCardReader({ transport: hostEnd, name: 'sim', reconnectMs: 200 });
  host = await startStationHost({
    dataDir,
    printer: port,
    idCardReader: reader,
    paymentGateway: new HttpPaymentGateway(gateway.url, 400),
    cardWriter: writer,
  });
  await call(host.router.call(manager, 'auth.login', { staffNo: '1001', pin: '123456' }));
  await call(host.router.call(agent, 'auth.login', { staffNo: '1002', pin: '123456' }));
});
afterAll(async () => {
  await host?.close();
  await reader?.close();
  await readerSim?.close();
  await port?.close();
  await printer?.close();
  await gateway?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The customer's own ID number, as an agent may see it, put on a card on the kiosk's reader. */
async function cardOf(customerId: number): Promise<string> {
  const { value } = await call(host.router.call(agent, 'customer.reveal', { customerId, field: 'idNumber' }));
  return value;
}

async function identified(by: 'account' | 'idcard' | 'powercard', customer = debtor) {
  const k = kiosk();
  const input: MethodInput<'kiosk.identify'> = by === 'account' ? { by, accountNo: customer.account_no } : { by };
  return { k, result: await call(host.router.call(k, 'kiosk.identify', input)) };
}

describe('kiosk: identify', () => {
  it('the ID card on the kiosk reader finds the holder’s accounts, masked; the card data never crosses the API', async () => {
    const idNumber = await cardOf(debtor.id);
    const fullName = (await call(host.router.call(agent, 'customer.reveal', { customerId: debtor.id, field: 'name' })))
      .value;
    readerSim.insertCard({ fields: { ...DEMO_ID_CARD, idNumber, name: fullName } });
    const { result } = await identified('idcard');
    expect(result.accounts.map((a) => a.accountNo)).toContain(debtor.account_no);
    const mine = result.accounts.find((a) => a.customerId === debtor.id)!;
    expect(mine.nameMasked).toBe(maskName(fullName));
    expect(mine.arrearsFen).toBe(debtor.owed);
    expect(mine.bills.length).toBeGreaterThanOrEqual(12);
    const text = JSON.stringify(result);
    expect(text).not.toContain(idNumber);
    if (fullName.length > 1) expect(text).not.toContain(fullName);
    readerSim.removeCard();
  });

  it('by 户号: only that account; a wrong or malformed 户号 is a clear typed error', async () => {
    const { result } = await identified('account');
    expect(result.accounts).toHaveLength(1);
    expect(result.accounts[0]).toMatchObject({ customerId: debtor.id, accountNo: debtor.account_no });
    const bad = await host.router.call(kiosk(), 'kiosk.identify', { by: 'account', accountNo: '12' });
    expect(bad.ok ? null : bad.error).toMatchObject({ code: 'validation', field: 'accountNo' });
    const none = await host.router.call(kiosk(), 'kiosk.identify', { by: 'account', accountNo: '0000000000' });
    expect(none.ok ? null : none.error.code).toBe('not_found');
  });

  it('by the power card in the kiosk’s writer: that card’s account; no card is a clear device error', async () => {
    writer.insertCard(prepaid.account_no);
    const { result } = await identified('powercard');
    expect(result.accounts.map((a) => a.customerId)).toEqual([prepaid.id]);
    writer.removeCard();
    const none = await host.router.call(kiosk(), 'kiosk.identify', { by: 'powercard' });
    expect(none.ok ? null : none.error).toMatchObject({
      code: 'device_error',
      message: expect.stringContaining('未读到购电卡'),
    });
  });

  it('a kiosk session reaches only the customers it identified, and nothing once ended', async () => {
    const { k } = await identified('account');
    const foreign = await host.router.call(k, 'kiosk.account', { customerId: other.id });
    expect(foreign.ok ? null : foreign.error.code).toBe('not_found');
    const payForeign = await host.router.call(k, 'kiosk.pay', {
      paymentId: pid(),
      customerId: other.id,
      channel: 'bank_card',
      amountFen: 100,
    });
    expect(payForeign.ok ? null : payForeign.error.code).toBe('not_found');
    expect((await host.router.call(kiosk(), 'kiosk.account', { customerId: debtor.id })).ok).toBe(false); // another connection
    await call(host.router.call(k, 'kiosk.endSession', {}));
    const after = await host.router.call(k, 'kiosk.account', { customerId: debtor.id });
    expect(after.ok ? null : after.error.code).toBe('unauthenticated');
  });
});

describe('kiosk: capabilities', () => {
  it('the kiosk cannot call counter-only or manager methods, nor see full personal data', async () => {
    const k = kiosk();
    const counterOnly: [MethodName, unknown][] = [
      ['payment.pay', { paymentId: pid(), customerId: debtor.id, channel: 'cash', amountFen: 100, tenderedFen: 100 }],
      ['payment.resolve', { paymentId: pid() }],
      ['payment.reprint', { paymentId: pid() }],
      ['customer.search', { query: debtor.account_no }],
      ['customer.view', { customerId: debtor.id }],
      ['customer.reveal', { customerId: debtor.id, field: 'idNumber' }],
      ['payment.kioskReconciliation', {}],
      ['payment.reconciliation', {}],
    ];
    for (const [method, input] of counterOnly) {
      const r = await host.router.call(k, method, input);
      expect(r.ok ? `${method} allowed` : r.error.code).toBe('forbidden');
    }
    expect(CAPABILITIES.kiosk.events).not.toContain('idcard.read');
    expect(CAPABILITIES.kiosk.events).not.toContain('payment.changed');
    // Only the kiosk's own methods are new for it, and none needs a staff login.
    for (const m of CAPABILITIES.kiosk.methods.filter((x) => x.startsWith('kiosk.')))
      expect(STAFF_ONLY[m]).toBeUndefined();
    expect(STAFF_ONLY['payment.kioskReconciliation']).toEqual(['manager']);
  });
});

describe('kiosk: pay', () => {
  it('bank card: a double tap and a retried call charge once; the arrears fall by the amount; the receipt names the kiosk', async () => {
    const { k } = await identified('account');
    const id = pid();
    const input: MethodInput<'kiosk.pay'> = {
      paymentId: id,
      customerId: debtor.id,
      channel: 'bank_card',
      amountFen: 1_500,
    };
    const printed = printer.receipts().length;
    const [a, b] = await Promise.all([
      host.router.call(k, 'kiosk.pay', input),
      host.router.call(k, 'kiosk.pay', input),
    ]);
    expect(a.ok && b.ok).toBe(true);
    const again = await call(host.router.call(k, 'kiosk.pay', input));
    expect(again).toMatchObject({ status: 'succeeded', receiptPrinted: true });
    expect(gateway.orders().filter((o) => o.merchantOrderId === id)).toHaveLength(1);
    expect((await call(host.router.call(k, 'kiosk.account', { customerId: debtor.id }))).arrearsFen).toBe(
      debtor.owed - 1_500,
    );
    debtor.owed -= 1_500;
    await expect.poll(() => printer.receipts().length).toBe(printed + 1);
    const receipt = printer.receipts().at(-1)!.text;
    expect(receipt).toContain(`户号：${debtor.account_no}`);
    expect(receipt).toContain('15.00');
    expect(receipt).toContain('自助终端');
  });

  it('another kiosk session cannot reuse or read this payment id', async () => {
    const { k } = await identified('account');
    const id = pid();
    await call(
      host.router.call(k, 'kiosk.pay', { paymentId: id, customerId: debtor.id, channel: 'bank_card', amountFen: 100 }),
    );
    debtor.owed -= 100;
    const { k: k2 } = await identified('account', other);
    const reuse = await host.router.call(k2, 'kiosk.pay', {
      paymentId: id,
      customerId: other.id,
      channel: 'bank_card',
      amountFen: 100,
    });
    expect(reuse.ok ? null : reuse.error.code).toBe('conflict');
    const read = await host.router.call(k2, 'kiosk.payment', { paymentId: id });
    expect(read.ok ? null : read.error.code).toBe('not_found');
  });

  it('QR: pending with a QR to scan; the query after the scan settles it', async () => {
    const { k } = await identified('account');
    const id = pid();
    const p = await call(
      host.router.call(k, 'kiosk.pay', { paymentId: id, customerId: debtor.id, channel: 'qr', amountFen: 800 }),
    );
    expect(p.status).toBe('pending');
    expect(p.qrPayload).toMatch(/^https:\/\/pay\.example\.cn\/qr\//);
    expect((await call(host.router.call(k, 'kiosk.payment', { paymentId: id }))).status).toBe('pending');
    gateway.scan(id);
    expect(await call(host.router.call(k, 'kiosk.payment', { paymentId: id }))).toMatchObject({
      status: 'succeeded',
      qrPayload: null,
    });
    debtor.owed -= 800;
  });

  it('QR countdown ends unscanned: the gateway is asked and the order closed there, nothing charged', async () => {
    const { k } = await identified('account');
    const id = pid();
    await call(
      host.router.call(k, 'kiosk.pay', { paymentId: id, customerId: debtor.id, channel: 'qr', amountFen: 700 }),
    );
    const closed = await call(host.router.call(k, 'kiosk.cancelPayment', { paymentId: id }));
    expect(closed.status).toBe('failed');
    expect(gateway.orders().find((o) => o.merchantOrderId === id)?.status).toBe('closed');
    expect((await call(host.router.call(k, 'kiosk.account', { customerId: debtor.id }))).arrearsFen).toBe(debtor.owed);
  });

  it('QR countdown ends but the customer had scanned: the query finds it paid, never guessed as failed', async () => {
    const { k } = await identified('account');
    const id = pid();
    await call(
      host.router.call(k, 'kiosk.pay', { paymentId: id, customerId: debtor.id, channel: 'qr', amountFen: 600 }),
    );
    gateway.scan(id);
    expect((await call(host.router.call(k, 'kiosk.cancelPayment', { paymentId: id }))).status).toBe('succeeded');
    debtor.owed -= 600;
  });

  it('gateway timeout after the bank charged: timed_out, then the query resolves it as succeeded', async () => {
    const { k } = await identified('account');
    const id = pid();
    gateway.configure({ timeoutNext: 1, timeoutMode: 'after_commit' });
    const p = await call(
      host.router.call(k, 'kiosk.pay', { paymentId: id, customerId: debtor.id, channel: 'bank_card', amountFen: 500 }),
    );
    expect(p.status).toBe('timed_out');
    expect((await call(host.router.call(k, 'kiosk.payment', { paymentId: id }))).status).toBe('succeeded');
    debtor.owed -= 500;
  });

  it('prepaid top-up through the card writer; a failed write reverses the charge at the gateway', async () => {
    const { k, result } = await identified('account', prepaid);
    expect(result.accounts[0]!.prepaid).toBe(true);
    writer.insertCard(prepaid.account_no);
    const ok = await call(
      host.router.call(k, 'kiosk.pay', {
        paymentId: pid(),
        customerId: prepaid.id,
        kind: 'topup',
        channel: 'bank_card',
        amountFen: 5_000,
      }),
    );
    expect(ok.status).toBe('succeeded');
    expect((await call(host.router.call(k, 'kiosk.account', { customerId: prepaid.id }))).systemBalanceFen).toBe(
      result.accounts[0]!.systemBalanceFen + 5_000,
    );
    writer.failNextWrite();
    const id = pid();
    const failed = await call(
      host.router.call(k, 'kiosk.pay', {
        paymentId: id,
        customerId: prepaid.id,
        kind: 'topup',
        channel: 'bank_card',
        amountFen: 3_000,
      }),
    );
    expect(failed.status).toBe('failed');
    expect(failed.note).toContain('写卡失败');
    expect(gateway.orders().find((o) => o.merchantOrderId === id)?.status).toBe('reversed');
  });

  it('paper out: the payment succeeds, the receipt is reported not printed, and the counter can reprint it', async () => {
    const { k } = await identified('account');
    printer.setPaperOut(true);
    const id = pid();
    const p = await call(
      host.router.call(k, 'kiosk.pay', { paymentId: id, customerId: debtor.id, channel: 'bank_card', amountFen: 300 }),
    );
    debtor.owed -= 300;
    expect(p).toMatchObject({ status: 'succeeded', receiptPrinted: false });
    printer.setPaperOut(false);
    const printed = printer.receipts().length;
    const again = await call(host.router.call(agent, 'payment.reprint', { paymentId: id }));
    expect(again.receiptPrinted).toBe(true);
    await expect
      .poll(() => printer.receipts().filter((r) => r.text.includes(debtor.account_no)).length)
      .toBeGreaterThanOrEqual(1);
    expect(printer.receipts().length).toBeGreaterThan(printed);
  });
});

describe('kiosk: reconciliation per kiosk', () => {
  it('lists this kiosk’s payments against the gateway statement, each difference named, and exports a workbook', async () => {
    const clean = await call(host.router.call(manager, 'payment.kioskReconciliation', {}));
    expect(clean.kiosks).toHaveLength(1);
    const mine = clean.kiosks[0]!;
    expect(mine.staff?.id).toMatch(/^kiosk:/);
    expect(mine.lines.every((l) => l.channel === 'bank_card' || l.channel === 'qr')).toBe(true);
    expect(mine.differences).toEqual([]);
    expect(mine.statementFen).toBe(mine.systemGatewayFen);

    // A kiosk payment the gateway charged but the station never learned of (it timed out, not yet asked).
    const { k } = await identified('account');
    const id = pid();
    gateway.configure({ timeoutNext: 1, timeoutMode: 'after_commit' });
    await call(
      host.router.call(k, 'kiosk.pay', { paymentId: id, customerId: debtor.id, channel: 'bank_card', amountFen: 400 }),
    );
    const off = await call(host.router.call(manager, 'payment.kioskReconciliation', {}));
    const kinds = off.kiosks[0]!.differences.filter((d) => d.paymentId === id)
      .map((d) => d.kind)
      .sort();
    expect(kinds).toEqual(['gateway_only', 'unresolved']);

    const file = await call(host.router.call(manager, 'payment.exportKioskReconciliation', {}));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ExcelJS.Buffer);
    const diffs = wb.getWorksheet('差异')!;
    const ids: string[] = [];
    diffs.eachRow((row, i) => i > 1 && ids.push(String(row.getCell(2).value)));
    expect(ids.filter((x) => x === id)).toHaveLength(2);
    expect(wb.getWorksheet('明细')!.rowCount - 1).toBe(off.kiosks[0]!.lines.length);

    // Resolved by the query, the differences go away.
    await call(host.router.call(k, 'kiosk.payment', { paymentId: id }));
    const settled = await call(host.router.call(manager, 'payment.kioskReconciliation', {}));
    expect(settled.kiosks[0]!.differences).toEqual([]);
  });
});
