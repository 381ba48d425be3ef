import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewaySim, type GatewaySim } from '../../central/gateway/gateway-sim';
import { startPrinterSimulator, type PrinterSimulator } from '../../devices/simulators/printer-simulator';
import type { CallerContext } from '../../main/services/caller';
import { connectStationPrinter, type StationPrinter } from '../../main/devices/station-printer';
import { startStationHost, type StationHost } from '../../main/host';
import { HttpPaymentGateway } from '../../main/payments/payment-gateway';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';

/**
 * 冲正 at the counter, as the reversal dialog drives it: the same request twice reverses once, the void
 * slip (冲正凭证) prints with the negative amount, the audit names manager and agent, and the day's
 * reconciliation lists the reversed payment with a net of zero and no difference.
 */
let host: StationHost;
let gateway: GatewaySim;
let printer: PrinterSimulator;
let port: StationPrinter;
let dataDir: string;
const agent: CallerContext = { connectionId: 'a', source: 'local:test', role: 'counter', windowNo: 3, session: null };
let debtor: { id: number; account_no: string };
let n = 0;
const pid = () => `pay-rev-${String(++n).padStart(4, '0')}-${Date.now().toString(36)}`;
const call = async <T>(r: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> => {
  const res = await r;
  if (!res.ok) throw new Error(res.error.message);
  return res.value;
};
const arrears = async () =>
  (await call(host.router.call(agent, 'customer.view', { customerId: debtor.id }))).arrearsFen;

beforeAll(async () => {
  dataDir = seededDataDir('station.db', makeTempDir('pay-rev-'));
  const db = new Database(path.join(dataDir, 'station.db'), { readonly: true });
  debtor = db
    .prepare(
      `SELECT c.id, c.account_no FROM customers c JOIN bills b ON b.customer_id = c.id WHERE c.prepaid = 0 AND b.paid_fen < b.amount_fen GROUP BY c.id HAVING sum(b.amount_fen - b.paid_fen) > 5000 LIMIT 1`,
    )
    .get() as typeof debtor;
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
  await call(host.router.call(agent, 'auth.login', { staffNo: '1003', pin: '123456' }));
});
afterAll(async () => {
  await host?.close();
  await port?.close();
  await printer?.close();
  await gateway?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('reversal (冲正) from the counter', () => {
  it('the same request twice reverses once at the gateway, prints one void slip, audits once', async () => {
    const id = pid();
    const before = await arrears();
    await call(
      host.router.call(agent, 'payment.pay', { paymentId: id, customerId: debtor.id, channel: 'qr', amountFen: 2_500 }),
    );
    await gateway.scan(id);
    const paid = await call(host.router.call(agent, 'payment.resolve', { paymentId: id }));
    expect(paid.status).toBe('succeeded');
    const printedBefore = printer.receipts().length;
    const input = { paymentId: id, reason: '金额输错，客户当场更正', managerStaffNo: '1001', managerPin: '123456' };
    const [a, b] = await Promise.all([
      host.router.call(agent, 'payment.reverse', input),
      host.router.call(agent, 'payment.reverse', input),
    ]);
    // Two racing clicks: one reverses; the other either sees the reversal or is refused, never reverses twice.
    const oks = [a, b].filter((r) => r.ok);
    expect(oks.length).toBeGreaterThanOrEqual(1);
    const again = await call(host.router.call(agent, 'payment.reverse', input));
    expect(again.status).toBe('reversed');
    expect(again.events.filter((e) => e.status === 'reversed')).toHaveLength(1);
    expect(
      gateway
        .orders()
        .filter((o) => o.merchantOrderId === id)
        .map((o) => o.status),
    ).toEqual(['reversed']);
    expect(await arrears()).toBe(before);

    await expect.poll(() => printer.receipts().length).toBeGreaterThan(printedBefore);
    const slips = printer
      .receipts()
      .slice(printedBefore)
      .filter((r) => r.text.includes('冲正凭证'));
    expect(slips).toHaveLength(1);
    expect(slips[0]!.text).toContain(`户号：${debtor.account_no}`);
    expect(slips[0]!.text).toContain('-25.00');

    const db = new Database(path.join(dataDir, 'station.db'), { readonly: true });
    const audits = db.prepare(`SELECT actor, detail FROM audit_log WHERE action = 'payment.reverse'`).all() as {
      actor: string;
      detail: string;
    }[];
    db.close();
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actor).toBe('1001');
    expect(JSON.parse(audits[0]!.detail)).toMatchObject({
      paymentId: id,
      amountFen: 2_500,
      agent: '1003',
      reason: '金额输错，客户当场更正',
    });
  });

  it("a cash payment reversed shows in the day's reconciliation as reversed with net zero, and no difference", async () => {
    const id = pid();
    await call(
      host.router.call(agent, 'payment.pay', {
        paymentId: id,
        customerId: debtor.id,
        channel: 'cash',
        amountFen: 1_800,
        tenderedFen: 2_000,
      }),
    );
    await call(
      host.router.call(agent, 'payment.reverse', {
        paymentId: id,
        reason: '户号输错',
        managerStaffNo: '1001',
        managerPin: '123456',
      }),
    );
    const recon = await call(host.router.call(agent, 'payment.reconciliation', {}));
    const line = recon.lines.find((l) => l.paymentId === id);
    expect(line).toMatchObject({ status: 'reversed', amountFen: 1_800, systemNetFen: 0 });
    expect(recon.differences.filter((d) => d.paymentId === id)).toEqual([]);
  });

  it("refuses a reversal without a reason, with an agent's PIN, or of a refund, with typed errors", async () => {
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
      await host.router.call(agent, 'payment.reverse', {
        paymentId: id,
        reason: ' ',
        managerStaffNo: '1001',
        managerPin: '123456',
      }),
    ).toMatchObject({ ok: false, error: { code: 'validation', field: 'reason' } });
    expect(
      await host.router.call(agent, 'payment.reverse', {
        paymentId: id,
        reason: '户号输错',
        managerStaffNo: '1003',
        managerPin: '123456',
      }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'managerStaffNo' } });
    expect((await call(host.router.call(agent, 'payment.get', { paymentId: id }))).status).toBe('succeeded');
  });
});
