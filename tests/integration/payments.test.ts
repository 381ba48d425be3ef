import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewaySim, type GatewaySim } from '../../central/gateway/gateway-sim';
import { CardWriterSimulator } from '../../devices/simulators/card-writer-simulator';
import { startPrinterSimulator, type PrinterSimulator } from '../../devices/simulators/printer-simulator';
import type { MethodInput } from '@common/api/contract';
import type { CallerContext } from '../../main/services/caller';
import { connectStationPrinter, type StationPrinter } from '../../main/devices/station-printer';
import { startStationHost, type StationHost } from '../../main/host';
import { simulatedInvoiceIssuer } from '../../main/payments/einvoice-sim';
import { HttpPaymentGateway } from '../../main/payments/payment-gateway';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';

/** Payments through the real station host, a real HTTP gateway simulator and a real ESC/POS printer simulator. */
let host: StationHost;
let gateway: GatewaySim;
let printer: PrinterSimulator;
let port: StationPrinter;
let dataDir: string;
const writer = new CardWriterSimulator();
const agent: CallerContext = { connectionId: 'a', source: 'local:test', role: 'counter', windowNo: 1, session: null };
const counterManager: CallerContext = {
  connectionId: 'm',
  source: 'local:test',
  role: 'manager',
  windowNo: null,
  session: null,
};
let debtor: { id: number; account_no: string; owed: number };
let prepaid: { id: number; account_no: string };
let n = 0;
const pid = () => `pay-test-${String(++n).padStart(4, '0')}-${Date.now().toString(36)}`;

const call = async <T>(r: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> => {
  const res = await r;
  if (!res.ok) throw new Error(res.error.message);
  return res.value;
};
const arrears = async (id: number) =>
  (await call(host.router.call(agent, 'customer.view', { customerId: id }))).arrearsFen;

beforeAll(async () => {
  dataDir = seededDataDir('station.db', makeTempDir('pay-host-'));
  const db = new Database(path.join(dataDir, 'station.db'), { readonly: true });
  debtor = db
    .prepare(
      `SELECT c.id, c.account_no, sum(b.amount_fen - b.paid_fen) AS owed FROM customers c JOIN bills b ON b.customer_id = c.id WHERE c.prepaid = 0 AND b.paid_fen < b.amount_fen GROUP BY c.id HAVING owed > 20000 ORDER BY owed DESC LIMIT 1`,
    )
    .get() as typeof debtor;
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
  host = await startStationHost({
    dataDir,
    printer: port,
    paymentGateway: new HttpPaymentGateway(gateway.url, 400),
    cardWriter: writer,
    invoices: simulatedInvoiceIssuer({ delayMs: 10 }),
  });
  await call(host.router.call(agent, 'auth.login', { staffNo: '1002', pin: '123456' }));
  await call(host.router.call(counterManager, 'auth.login', { staffNo: '1001', pin: '123456' }));
});
afterAll(async () => {
  await host?.close();
  await port?.close();
  await printer?.close();
  await gateway?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('payments at the counter', () => {
  it('cash with change: settles the arrears and prints a receipt with account, amount and change', async () => {
    const before = await arrears(debtor.id);
    const p = await call(
      host.router.call(agent, 'payment.pay', {
        paymentId: pid(),
        customerId: debtor.id,
        channel: 'cash',
        amountFen: 12_345,
        tenderedFen: 20_000,
      }),
    );
    expect(p).toMatchObject({ status: 'succeeded', changeFen: 7_655, receiptPrinted: true });
    expect(await arrears(debtor.id)).toBe(before - 12_345);
    const receipt = printer.receipts().at(-1)!;
    expect(receipt.text).toContain(`户号：${debtor.account_no}`);
    expect(receipt.text).toContain('金额：123.45 元');
    expect(receipt.text).toContain('找零：76.55 元');
  });

  it('a double click and a double HTTP call make one payment and one gateway charge', async () => {
    const id = pid();
    const input: MethodInput<'payment.pay'> = {
      paymentId: id,
      customerId: debtor.id,
      channel: 'bank_card',
      amountFen: 1_000,
    };
    const before = await arrears(debtor.id);
    const [a, b] = await Promise.all([
      host.router.call(agent, 'payment.pay', input),
      host.router.call(agent, 'payment.pay', input),
    ]);
    expect(a.ok && b.ok).toBe(true);
    const again = await call(host.router.call(agent, 'payment.pay', input));
    expect(again.status).toBe('succeeded');
    expect(gateway.orders().filter((o) => o.merchantOrderId === id)).toHaveLength(1);
    expect(await arrears(debtor.id)).toBe(before - 1_000);
    expect(again.events.map((e) => e.status)).toEqual(['created', 'pending', 'succeeded']);
  });

  it('gateway timeout after the bank charged: timed_out, then the query finds it succeeded', async () => {
    gateway.configure({ timeoutNext: 1, timeoutMode: 'after_commit' });
    const id = pid();
    const p = await call(
      host.router.call(agent, 'payment.pay', {
        paymentId: id,
        customerId: debtor.id,
        channel: 'bank_card',
        amountFen: 2_000,
      }),
    );
    expect(p.status).toBe('timed_out');
    expect(p.events.at(-1)!.note).toContain('超时');
    const resolved = await call(host.router.call(agent, 'payment.resolve', { paymentId: id }));
    expect(resolved.status).toBe('succeeded');
    expect(resolved.receiptPrinted).toBe(true);
  });

  it('gateway timeout before the request arrived: the query finds no order → failed, nothing charged', async () => {
    gateway.configure({ timeoutNext: 1, timeoutMode: 'before_commit' });
    const id = pid();
    const before = await arrears(debtor.id);
    expect(
      (
        await call(
          host.router.call(agent, 'payment.pay', {
            paymentId: id,
            customerId: debtor.id,
            channel: 'bank_card',
            amountFen: 2_000,
          }),
        )
      ).status,
    ).toBe('timed_out');
    const resolved = await call(host.router.call(agent, 'payment.resolve', { paymentId: id }));
    expect(resolved.status).toBe('failed');
    expect(resolved.events.at(-1)!.note).toContain('网关无此订单');
    expect(await arrears(debtor.id)).toBe(before);
  });

  it('a declined card is failed with the gateway reason', async () => {
    gateway.configure({ declineNext: 1 });
    const p = await call(
      host.router.call(agent, 'payment.pay', {
        paymentId: pid(),
        customerId: debtor.id,
        channel: 'bank_card',
        amountFen: 500,
      }),
    );
    expect(p.status).toBe('failed');
    expect(p.events.at(-1)!.note).toContain('余额不足');
  });

  it('QR: pending with a payload to scan; after the scan the query settles it', async () => {
    const id = pid();
    const p = await call(
      host.router.call(agent, 'payment.pay', { paymentId: id, customerId: debtor.id, channel: 'qr', amountFen: 800 }),
    );
    expect(p.status).toBe('pending');
    expect(p.qrPayload).toMatch(/^https:\/\/pay\.example\.cn\/qr\//);
    expect((await call(host.router.call(agent, 'payment.resolve', { paymentId: id }))).status).toBe('pending'); // not scanned yet
    gateway.scan(id);
    expect((await call(host.router.call(agent, 'payment.resolve', { paymentId: id }))).status).toBe('succeeded');
  });

  it('prepaid top-up: succeeded only after the card holds it; a failed write reverses the card payment at the gateway', async () => {
    writer.insertCard(prepaid.account_no);
    const ok = await call(
      host.router.call(agent, 'payment.pay', {
        paymentId: pid(),
        customerId: prepaid.id,
        kind: 'topup',
        channel: 'cash',
        amountFen: 5_000,
        tenderedFen: 5_000,
      }),
    );
    expect(ok.status).toBe('succeeded');
    expect(writer.card!.pendingFen).toBe(5_000);
    writer.failNextWrite();
    const id = pid();
    const bad = await call(
      host.router.call(agent, 'payment.pay', {
        paymentId: id,
        customerId: prepaid.id,
        kind: 'topup',
        channel: 'bank_card',
        amountFen: 3_000,
      }),
    );
    expect(bad.status).toBe('failed');
    expect(bad.events.at(-1)!.note).toContain('写卡失败');
    expect(gateway.orders().find((o) => o.merchantOrderId === id)!.status).toBe('reversed');
    expect(writer.card!.pendingFen).toBe(5_000);
  });

  it('paper out never loses a receipt: it prints after refill, and can be reprinted', async () => {
    printer.setPaperOut(true);
    const before = printer.receipts().length;
    const p = await call(
      host.router.call(agent, 'payment.pay', {
        paymentId: pid(),
        customerId: debtor.id,
        channel: 'cash',
        amountFen: 300,
        tenderedFen: 300,
      }),
    );
    expect(p.status).toBe('succeeded');
    expect(p.receiptPrinted).toBe(false);
    expect(printer.receipts().length).toBe(before); // nothing came out
    const printed = new Promise<void>((resolve) => {
      const off = printer.onReceipt(() => {
        off();
        resolve();
      });
    });
    printer.setPaperOut(false);
    await printed;
    expect(printer.receipts().at(-1)!.text).toContain('金额：3.00 元');
    const again = await call(host.router.call(agent, 'payment.reprint', { paymentId: p.id }));
    expect(again.receiptPrinted).toBe(true);
    expect(printer.receipts().filter((r) => r.text.includes('金额：3.00 元'))).toHaveLength(2);
  });

  it('refund: the agent asks with a reason; a wrong manager PIN is refused and audited; approval refunds through the gateway with a receipt', async () => {
    const id = pid();
    await call(
      host.router.call(agent, 'payment.pay', {
        paymentId: id,
        customerId: debtor.id,
        channel: 'bank_card',
        amountFen: 4_000,
      }),
    );
    const before = await arrears(debtor.id);
    expect(
      await host.router.call(agent, 'payment.requestRefund', { paymentId: id, amountFen: 4_000, reason: '' }),
    ).toMatchObject({ ok: false, error: { code: 'validation', field: 'reason' } });
    expect(
      await host.router.call(agent, 'payment.requestRefund', { paymentId: id, amountFen: 9_000, reason: '多缴' }),
    ).toMatchObject({ ok: false, error: { code: 'validation', field: 'amountFen' } });
    const req = await call(
      host.router.call(agent, 'payment.requestRefund', { paymentId: id, amountFen: 1_500, reason: '多缴电费' }),
    );
    expect(req.decision).toBeNull();
    expect(
      await host.router.call(agent, 'payment.decideRefundOnSpot', {
        requestId: req.id,
        approve: true,
        managerStaffNo: '1001',
        managerPin: '000000',
      }),
    ).toMatchObject({ ok: false, error: { code: 'unauthenticated', field: 'managerPin' } });
    expect(
      await host.router.call(agent, 'payment.decideRefundOnSpot', {
        requestId: req.id,
        approve: true,
        managerStaffNo: '1003',
        managerPin: '123456',
      }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // The agent cannot use the manager page's call.
    expect(await host.router.call(agent, 'payment.decideRefund', { requestId: req.id, approve: true })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const done = await call(
      host.router.call(agent, 'payment.decideRefundOnSpot', {
        requestId: req.id,
        approve: true,
        managerStaffNo: '1001',
        managerPin: '123456',
      }),
    );
    expect(done).toMatchObject({ decision: 'approved', decidedByName: '陈静', refundStatus: 'succeeded' });
    expect(gateway.orders().find((o) => o.merchantOrderId === id)!.refunds).toHaveLength(1);
    expect(await arrears(debtor.id)).toBe(before + 1_500);
    expect(printer.receipts().at(-1)!.text).toContain('电费退款凭证');
    const db = new Database(path.join(dataDir, 'station.db'), { readonly: true });
    const actions = (
      db.prepare(`SELECT action FROM audit_log WHERE action LIKE 'refund.%'`).all() as { action: string }[]
    ).map((r) => r.action);
    db.close();
    expect(actions).toEqual(expect.arrayContaining(['refund.request', 'refund.approval_failed', 'refund.approve']));
  });

  it('reversal (冲正) of a card payment: manager PIN required, reversed at the gateway, the arrears come back', async () => {
    const id = pid();
    const before = await arrears(debtor.id);
    await call(
      host.router.call(agent, 'payment.pay', {
        paymentId: id,
        customerId: debtor.id,
        channel: 'bank_card',
        amountFen: 900,
      }),
    );
    expect(
      await host.router.call(agent, 'payment.reverse', {
        paymentId: id,
        reason: '户号输错',
        managerStaffNo: '1001',
        managerPin: '999999',
      }),
    ).toMatchObject({ ok: false, error: { code: 'unauthenticated', field: 'managerPin' } });
    expect((await call(host.router.call(agent, 'payment.get', { paymentId: id }))).status).toBe('succeeded');
    const r = await call(
      host.router.call(agent, 'payment.reverse', {
        paymentId: id,
        reason: '户号输错',
        managerStaffNo: '1001',
        managerPin: '123456',
      }),
    );
    expect(r.status).toBe('reversed');
    expect(gateway.orders().find((o) => o.merchantOrderId === id)!.status).toBe('reversed');
    expect(await arrears(debtor.id)).toBe(before);
    expect(
      await host.router.call(agent, 'payment.reverse', {
        paymentId: id,
        reason: '再来一次',
        managerStaffNo: '1001',
        managerPin: '123456',
      }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('the manager page lists open refund requests and rejects one', async () => {
    const id = pid();
    await call(
      host.router.call(agent, 'payment.pay', {
        paymentId: id,
        customerId: debtor.id,
        channel: 'cash',
        amountFen: 700,
        tenderedFen: 700,
      }),
    );
    const req = await call(
      host.router.call(agent, 'payment.requestRefund', { paymentId: id, amountFen: 700, reason: '客户要求' }),
    );
    const open = await call(host.router.call(counterManager, 'payment.refunds', { openOnly: true }));
    expect(open.map((r) => r.id)).toContain(req.id);
    const rejected = await call(
      host.router.call(counterManager, 'payment.decideRefund', { requestId: req.id, approve: false, note: '无依据' }),
    );
    expect(rejected).toMatchObject({ decision: 'rejected', refundPaymentId: null });
    expect(
      await host.router.call(counterManager, 'payment.decideRefund', { requestId: req.id, approve: true }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('e-invoice: the tax id is validated; the simulated service issues it', async () => {
    const id = pid();
    await call(
      host.router.call(agent, 'payment.pay', {
        paymentId: id,
        customerId: debtor.id,
        channel: 'cash',
        amountFen: 600,
        tenderedFen: 600,
      }),
    );
    expect(
      await host.router.call(agent, 'payment.requestInvoice', {
        paymentId: id,
        buyerTitle: '杭州示例科技有限公司',
        taxId: '91330106MA2B0Y7U8X',
      }),
    ).toMatchObject({ ok: false, error: { field: 'taxId' } });
    const changed = new Promise<void>((resolve) => {
      const off = host.events.subscribe((e, p) => {
        if (e === 'payment.changed' && (p as { paymentId: string }).paymentId === id) {
          off();
          resolve();
        }
      });
    });
    const p = await call(
      host.router.call(agent, 'payment.requestInvoice', {
        paymentId: id,
        buyerTitle: '杭州示例科技有限公司',
        taxId: '91350100M000100Y43',
      }),
    );
    expect(p.invoice).toMatchObject({ status: 'pending', invoiceNo: null });
    await changed;
    expect((await call(host.router.call(agent, 'payment.get', { paymentId: id }))).invoice).toMatchObject({
      status: 'issued',
      invoiceNo: expect.stringMatching(/^3300\d{16}$/),
    });
  });

  it('bad input: every kind gets a typed Chinese error naming the field, and nothing is written', async () => {
    const base = {
      paymentId: pid(),
      customerId: debtor.id,
      channel: 'cash' as const,
      amountFen: 100,
      tenderedFen: 100,
    };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ amountFen: 0 }, 'amountFen', '大于 0'],
      [{ amountFen: -5 }, 'amountFen', '大于 0'],
      [{ amountFen: 1.5 }, 'amountFen', '整数'],
      [{ amountFen: '100' }, 'amountFen', '数字'],
      [{ amountFen: 99_999_999 }, 'amountFen', '上限'],
      [{ amountFen: debtor.owed * 10, tenderedFen: debtor.owed * 10 }, 'amountFen', '超过欠费'],
      [{ tenderedFen: 50 }, 'tenderedFen', '不足'],
      [{ channel: 'cheque' }, 'channel', ''],
      [{ paymentId: 'x' }, 'paymentId', '支付编号'],
    ];
    for (const [over, field, text] of cases) {
      const r = await host.router.call(agent, 'payment.pay', { ...base, ...over } as never);
      expect(r.ok, JSON.stringify(over)).toBe(false);
      if (!r.ok) {
        expect(r.error.field, JSON.stringify(over)).toBe(field);
        expect(r.error.message).toContain(text);
      }
    }
    expect(await host.router.call(agent, 'payment.get', { paymentId: base.paymentId })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('an unreachable gateway is a typed error naming the gateway; the payment waits for a query, never guessed', async () => {
    const dead = await startGatewaySim();
    await dead.close();
    const lonely = await startStationHost({
      dataDir: seededDataDir('station.db', makeTempDir('pay-dead-')),
      paymentGateway: new HttpPaymentGateway(dead.url, 300),
    });
    try {
      const c: CallerContext = { connectionId: 'x', source: 'local:test', role: 'counter', windowNo: 2, session: null };
      await call(lonely.router.call(c, 'auth.login', { staffNo: '1002', pin: '123456' }));
      const p = await call(
        lonely.router.call(c, 'payment.pay', {
          paymentId: pid(),
          customerId: debtor.id,
          channel: 'bank_card',
          amountFen: 100,
        }),
      );
      expect(p.status).toBe('timed_out');
      expect(p.events.at(-1)!.note).toContain('支付网关无法连接');
      const q = await lonely.router.call(c, 'payment.resolve', { paymentId: p.id });
      expect(q).toMatchObject({ ok: false, error: { code: 'unavailable', field: 'gateway' } });
    } finally {
      await lonely.close();
    }
  });

  it('day-end reconciliation: cash short and a gateway-only charge are listed with causes, and export to Excel', async () => {
    // A charge the gateway took while the station lost the answer, left unresolved.
    gateway.configure({ timeoutNext: 1, timeoutMode: 'after_commit' });
    const lost = pid();
    await call(
      host.router.call(agent, 'payment.pay', {
        paymentId: lost,
        customerId: debtor.id,
        channel: 'bank_card',
        amountFen: 1_234,
      }),
    );
    const before = await call(host.router.call(agent, 'payment.reconciliation', {}));
    const r = await call(host.router.call(agent, 'payment.declareCash', { declaredFen: before.systemCashFen - 1_000 }));
    expect(r.declaredCashFen).toBe(before.systemCashFen - 1_000);
    expect(r.differences).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'cash_short',
          amountFen: -1_000,
          cause: expect.stringContaining('现金短款 10.00 元'),
        }),
        expect.objectContaining({ kind: 'gateway_only', paymentId: lost, amountFen: 1_234 }),
        expect.objectContaining({ kind: 'unresolved', paymentId: lost }),
      ]),
    );
    // Card payments the system and the gateway both have agree.
    expect(r.differences.filter((d) => d.kind === 'system_only' || d.kind === 'amount_mismatch')).toEqual([]);
    const file = await call(host.router.call(agent, 'payment.exportReconciliation', {}));
    expect(file.fileName).toMatch(/^日结对账-\d{4}-\d{2}-\d{2}-1002\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as never);
    const diffs = wb.getWorksheet('差异')!;
    const causes = diffs.getColumn(4).values.map(String);
    expect(causes.some((c) => c.includes('现金短款 10.00 元'))).toBe(true);
    expect(wb.getWorksheet('明细')!.rowCount).toBe(r.lines.length + 1);
    // Another agent's day is not this agent's to see; the manager sees the whole hall.
    expect(await host.router.call(agent, 'payment.reconciliation', { staffNo: '1003' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const hall = await call(host.router.call(counterManager, 'payment.reconciliation', {}));
    expect(hall.staff).toBeNull();
    expect(hall.lines.length).toBeGreaterThanOrEqual(r.lines.length);
  });

  it('oral consultations: one call with a topic, with or without a ticket, listed for the day', async () => {
    expect(await host.router.call(agent, 'consultation.log', { topic: '  ' })).toMatchObject({
      ok: false,
      error: { field: 'topic' },
    });
    const list = await call(host.router.call(agent, 'consultation.log', { topic: '电价政策咨询' }));
    expect(list[0]).toMatchObject({ topic: '电价政策咨询', ticketNo: null });
  });
});
