import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckDigit } from '@common/domain/id-number';
import { startGatewaySim, type GatewaySim } from '../../central/gateway/gateway-sim';
import type { CallerContext } from '../../main/services/caller';
import { startStationHost, type StationHost } from '../../main/host';
import { HttpPaymentGateway } from '../../main/payments/payment-gateway';
import { simulatedInvoiceIssuer } from '../../main/payments/einvoice-sim';
import { personalDataKeyPath } from '../../main/security/personal-data-cipher';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';

/**
 * The kiosk's own records through the real station host and router: identify by 户号 and the phone's
 * last four digits, 缴费记录 and 办理进度, and an e-invoice for a payment made at the kiosk.
 */
let host: StationHost;
let gateway: GatewaySim;
let dataDir: string;
let seq = 0;
const kiosk = (): CallerContext => ({
  connectionId: `kiosk-r-${++seq}`,
  source: 'local:test',
  role: 'kiosk',
  windowNo: null,
  session: null,
});
const agent: CallerContext = {
  connectionId: 'agent-r',
  source: 'local:test',
  role: 'counter',
  windowNo: 1,
  session: null,
};
let debtor: { id: number; account_no: string; phone_tail: string };
let other: { id: number; account_no: string; phone_tail: string };

const call = async <T>(r: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> => {
  const res = await r;
  if (!res.ok) throw new Error(res.error.message);
  return res.value;
};

beforeAll(async () => {
  dataDir = seededDataDir('station.db', makeTempDir('kiosk-records-'));
  fs.mkdirSync(path.dirname(personalDataKeyPath(dataDir)), { recursive: true });
  fs.writeFileSync(personalDataKeyPath(dataDir), Buffer.alloc(32, 7), { mode: 0o600 });
  const db = new Database(path.join(dataDir, 'station.db'), { readonly: true });
  const rows = db
    .prepare(
      `SELECT c.id, c.account_no, c.phone_tail FROM customers c JOIN bills b ON b.customer_id = c.id
       WHERE c.prepaid = 0 AND b.paid_fen < b.amount_fen GROUP BY c.id ORDER BY c.id DESC LIMIT 1`,
    )
    .all() as (typeof debtor)[];
  debtor = rows[0]!;
  other = db
    .prepare('SELECT id, account_no, phone_tail FROM customers WHERE id != ? LIMIT 1')
    .get(debtor.id) as typeof other;
  db.close();
  gateway = await startGatewaySim();
  host = await startStationHost({
    dataDir,
    paymentGateway: new HttpPaymentGateway(gateway.url, 400),
    invoices: simulatedInvoiceIssuer({ delayMs: 10 }),
  });
  await call(host.router.call(agent, 'auth.login', { staffNo: '1002', pin: '123456' }));
});
afterAll(async () => {
  await host?.close();
  await gateway?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('kiosk: 户号 and phone tail', () => {
  it('finds the account when both match', async () => {
    const k = kiosk();
    const found = await call(
      host.router.call(k, 'kiosk.identify', {
        by: 'accountPhone',
        accountNo: debtor.account_no,
        phoneTail: debtor.phone_tail,
      }),
    );
    expect(found.accounts.map((a) => a.customerId)).toEqual([debtor.id]);
  });

  it('answers a wrong tail exactly as an unknown account, and opens no session', async () => {
    const k = kiosk();
    const wrongTail = String((Number(debtor.phone_tail) + 1) % 10000).padStart(4, '0');
    const wrong = await host.router.call(k, 'kiosk.identify', {
      by: 'accountPhone',
      accountNo: debtor.account_no,
      phoneTail: wrongTail,
    });
    const unknown = await host.router.call(k, 'kiosk.identify', {
      by: 'accountPhone',
      accountNo: '0000000001',
      phoneTail: debtor.phone_tail,
    });
    expect(wrong.ok ? null : [wrong.error.code, wrong.error.key]).toEqual(['not_found', 'kiosk.accountPhoneMismatch']);
    expect(unknown.ok ? null : [unknown.error.code, unknown.error.key]).toEqual([
      'not_found',
      'kiosk.accountPhoneMismatch',
    ]);
    const records = await host.router.call(k, 'kiosk.records', { customerId: debtor.id });
    expect(records.ok ? null : records.error.code).toBe('unauthenticated');
  });

  it('refuses a tail that is not four digits with its own message', async () => {
    const r = await host.router.call(kiosk(), 'kiosk.identify', {
      by: 'accountPhone',
      accountNo: debtor.account_no,
      phoneTail: '12a4',
    });
    expect(r.ok ? null : r.error.code).toBe('validation');
  });
});

describe('kiosk: records and e-invoice', () => {
  it('are closed to a session identified by the 户号 alone', async () => {
    const k = kiosk();
    await call(host.router.call(k, 'kiosk.identify', { by: 'account', accountNo: debtor.account_no }));
    const r = await host.router.call(k, 'kiosk.records', { customerId: debtor.id });
    expect(r.ok ? null : [r.error.code, r.error.key]).toEqual(['forbidden', 'kiosk.phoneTailNeeded']);
  });

  it('lists a payment made here, issues its e-invoice once, and refuses another account’s payment', async () => {
    const k = kiosk();
    await call(
      host.router.call(k, 'kiosk.identify', {
        by: 'accountPhone',
        accountNo: debtor.account_no,
        phoneTail: debtor.phone_tail,
      }),
    );
    const paymentId = `pay-records-${Date.now().toString(36)}`;
    const paid = await call(
      host.router.call(k, 'kiosk.pay', { paymentId, customerId: debtor.id, channel: 'bank_card', amountFen: 100 }),
    );
    expect(paid.status).toBe('succeeded');

    const before = await call(host.router.call(k, 'kiosk.records', { customerId: debtor.id }));
    expect(before.payments[0]).toMatchObject({ id: paymentId, amountFen: 100, invoice: 'none' });
    // A seeded payment from before the kiosk has no order here: its invoice is a counter's.
    expect(before.payments.slice(1).every((p) => p.invoice === 'counter')).toBe(true);

    const first = await call(host.router.call(k, 'kiosk.requestInvoice', { customerId: debtor.id, paymentId }));
    const second = await call(host.router.call(k, 'kiosk.requestInvoice', { customerId: debtor.id, paymentId }));
    expect(first.paymentId).toBe(paymentId);
    expect(second.paymentId).toBe(paymentId);
    // Asked twice, one request: the second answer is the first request's state.
    await expect
      .poll(
        async () => (await call(host.router.call(k, 'kiosk.records', { customerId: debtor.id }))).payments[0]?.invoice,
      )
      .toBe('issued');
    const agentView = await call(host.router.call(agent, 'payment.get', { paymentId }));
    expect(agentView.invoice?.buyerTitle).toBe('个人');

    const foreign = await host.router.call(k, 'kiosk.requestInvoice', { customerId: other.id, paymentId });
    expect(foreign.ok ? null : foreign.error.code).toBe('not_found');
  });

  it('shows the account’s submitted application with its progress, never a draft', async () => {
    const body = '33010619850312123';
    const values = {
      applicantName: '张小三',
      idNumber: body + idCheckDigit(body),
      phone: '13812345678',
      address: '浙江省杭州市西湖区文三路90号1幢1单元101室',
      category: '低压居民',
      capacityKva: 8,
      usageType: '居民生活',
    };
    const submitted = await call(
      host.router.call(agent, 'application.submit', { type: 'NEW', customerId: debtor.id, values }),
    );
    await call(host.router.call(agent, 'application.saveDraft', { type: 'CAP', customerId: debtor.id, values: {} }));
    await call(host.router.call(agent, 'application.setStatus', { id: submitted.application.id, status: 'accepted' }));
    const k = kiosk();
    await call(
      host.router.call(k, 'kiosk.identify', {
        by: 'accountPhone',
        accountNo: debtor.account_no,
        phoneTail: debtor.phone_tail,
      }),
    );
    const records = await call(host.router.call(k, 'kiosk.records', { customerId: debtor.id }));
    expect(records.applications).toEqual([
      expect.objectContaining({
        applicationNo: submitted.application.applicationNo,
        businessType: 'NEW',
        status: 'accepted',
      }),
    ]);
  });
});
