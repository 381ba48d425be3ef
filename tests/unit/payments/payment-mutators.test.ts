import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyMutation, type MutationArgs } from '@common/mutators';
import { AppFailure } from '@common/result';
import { sqliteTx } from '../../../node/sqlite/sqlite-tx';
import { seededDataDir } from '../../support/hall-fixture';

/** The payment mutators on a real seeded hall database: states, effects on bills and balance, idempotency. */
let db: Database.Database;
let changed: string[];
const run = (name: string, args: unknown, side: 'station' | 'central' = 'station') =>
  db.transaction(() =>
    applyMutation({ tx: sqliteTx(db), side, changed: (e, id) => changed.push(`${e}:${id}`) }, name, args),
  )();
const failure = (f: () => void): AppFailure => {
  try {
    f();
  } catch (e) {
    if (e instanceof AppFailure) return e;
    throw e;
  }
  throw new Error('expected an AppFailure');
};

let debtor: { id: number; account_no: string; owed: number };
let prepaid: { id: number; account_no: string; balance_fen: number };
const manager = () => (db.prepare(`SELECT id FROM staff WHERE role = 'manager' LIMIT 1`).get() as { id: string }).id;
const agent = () => (db.prepare(`SELECT id FROM staff WHERE role = 'agent' LIMIT 1`).get() as { id: string }).id;
const owed = (id: number) =>
  (
    db.prepare('SELECT coalesce(sum(amount_fen - paid_fen), 0) AS n FROM bills WHERE customer_id = ?').get(id) as {
      n: number;
    }
  ).n;
const status = (pid: string) =>
  (
    db.prepare('SELECT status FROM payment_events WHERE payment_id = ? ORDER BY seq DESC LIMIT 1').get(pid) as
      { status: string } | undefined
  )?.status;

const create = (over: Partial<MutationArgs<'payment.create'>> = {}): MutationArgs<'payment.create'> => ({
  id: 'pay-0000001',
  key: 'key-0000001',
  hallId: 'H001',
  kind: 'bill',
  channel: 'cash',
  customerId: debtor.id,
  accountNo: debtor.account_no,
  amountFen: Math.min(5000, debtor.owed),
  tenderedFen: 10_000,
  refundOf: null,
  staffId: agent(),
  windowNo: 1,
  ticketId: null,
  at: '2026-11-23T02:00:00.000Z',
  ...over,
});
const step = (paymentId: string, s: string, at = '2026-11-23T02:00:01.000Z') => ({
  paymentId,
  status: s,
  gatewayRef: null,
  note: null,
  staffId: agent(),
  at,
});

beforeEach(() => {
  db = new Database(path.join(seededDataDir('station.db'), 'station.db')); // a private copy of the seeded hall
  changed = [];
  debtor = db
    .prepare(
      `SELECT c.id, c.account_no, sum(b.amount_fen - b.paid_fen) AS owed FROM customers c JOIN bills b ON b.customer_id = c.id WHERE c.prepaid = 0 AND b.paid_fen < b.amount_fen GROUP BY c.id HAVING owed > 100 LIMIT 1`,
    )
    .get() as typeof debtor;
  prepaid = db
    .prepare('SELECT id, account_no, balance_fen FROM customers WHERE prepaid = 1 LIMIT 1')
    .get() as typeof prepaid;
});

describe('payment mutators', () => {
  it('cash: created → succeeded settles the oldest bills first and writes one ledger row', () => {
    const before = owed(debtor.id);
    run('payment.create', create());
    expect(status('pay-0000001')).toBe('created');
    run('payment.step', step('pay-0000001', 'succeeded'));
    expect(status('pay-0000001')).toBe('succeeded');
    expect(owed(debtor.id)).toBe(before - create().amountFen);
    expect(db.prepare(`SELECT amount_fen, status FROM payments WHERE id = 'pay-0000001'`).get()).toEqual({
      amount_fen: create().amountFen,
      status: 'succeeded',
    });
    expect(changed).toContain('paymentEvent:pay-0000001:succeeded');
  });

  it('a second click, a double call and a replayed batch change nothing (same id: no-op; same key, new id: refused)', () => {
    run('payment.create', create());
    run('payment.step', step('pay-0000001', 'succeeded'));
    const after = owed(debtor.id);
    run('payment.create', create()); // replay
    run('payment.step', step('pay-0000001', 'succeeded')); // replay
    expect(owed(debtor.id)).toBe(after);
    expect(
      (db.prepare(`SELECT count(*) AS n FROM payment_events WHERE payment_id = 'pay-0000001'`).get() as { n: number })
        .n,
    ).toBe(2);
    const e = failure(() => run('payment.create', create({ id: 'pay-0000002' })));
    expect(e.code).toBe('conflict');
    expect(e.field).toBe('key');
  });

  it('the first terminal step wins: failed after succeeded is a conflict and nothing is applied', () => {
    run('payment.create', create({ channel: 'bank_card', tenderedFen: null }));
    run('payment.step', step('pay-0000001', 'pending'));
    run('payment.step', step('pay-0000001', 'succeeded'), 'central');
    const e = failure(() => run('payment.step', step('pay-0000001', 'failed'), 'central'));
    expect(e.code).toBe('conflict');
    expect(e.message).toContain('支付成功');
    expect(status('pay-0000001')).toBe('succeeded');
  });

  it('timed_out resolves to succeeded or failed; reversal gives the bills back', () => {
    const before = owed(debtor.id);
    run('payment.create', create({ channel: 'qr', tenderedFen: null }));
    run('payment.step', step('pay-0000001', 'pending'));
    run('payment.step', step('pay-0000001', 'timed_out'));
    expect(owed(debtor.id)).toBe(before); // nothing applied while unknown
    run('payment.step', step('pay-0000001', 'succeeded'));
    run('payment.step', step('pay-0000001', 'reversed'));
    expect(owed(debtor.id)).toBe(before);
    expect(db.prepare(`SELECT amount_fen, status FROM payments WHERE id = 'pay-0000001:reversed'`).get()).toEqual({
      amount_fen: -create().amountFen,
      status: 'reversed',
    });
    run('payment.step', step('pay-0000001', 'succeeded')); // a late replay of the success is a no-op
    expect(owed(debtor.id)).toBe(before);
    expect(failure(() => run('payment.step', step('pay-0000001', 'failed'))).code).toBe('conflict');
  });

  it('bad input names the field in Chinese and leaves nothing behind', () => {
    const cases: [Partial<MutationArgs<'payment.create'>>, string, string][] = [
      [{ amountFen: 0 }, 'amountFen', '大于 0'],
      [{ amountFen: -100 }, 'amountFen', '大于 0'],
      [{ amountFen: 12.5 }, 'amountFen', '整数'],
      [{ amountFen: debtor.owed + 1, tenderedFen: debtor.owed + 1 }, 'amountFen', '超过欠费'],
      [{ tenderedFen: 1 }, 'tenderedFen', '不足'],
      [{ tenderedFen: null }, 'tenderedFen', '实收'],
      [{ kind: 'topup' }, 'kind', '预付费'],
    ];
    for (const [over, field, text] of cases) {
      const e = failure(() => run('payment.create', create(over)));
      expect(e.field, JSON.stringify(over)).toBe(field);
      expect(e.message).toContain(text);
    }
    expect((db.prepare('SELECT count(*) AS n FROM payment_orders').get() as { n: number }).n).toBe(0);
  });

  it('the central records what a station already charged, even beyond the arrears it knows', () => {
    run('payment.create', create({ amountFen: debtor.owed + 500, tenderedFen: debtor.owed + 500 }), 'central');
    expect(status('pay-0000001')).toBe('created');
  });

  it('top-up goes to the prepaid balance; a prepaid customer may pay beyond arrears', () => {
    run(
      'payment.create',
      create({
        kind: 'topup',
        channel: 'prepaid_card',
        customerId: prepaid.id,
        accountNo: prepaid.account_no,
        amountFen: 20_000,
        tenderedFen: null,
      }),
    );
    run('payment.step', step('pay-0000001', 'succeeded'));
    expect(
      (db.prepare('SELECT balance_fen FROM customers WHERE id = ?').get(prepaid.id) as { balance_fen: number })
        .balance_fen,
    ).toBe(prepaid.balance_fen + 20_000);
  });

  it('refunds need a manager decision; the refund takes back the newest bill first, never more than paid', () => {
    const before = owed(debtor.id);
    run('payment.create', create());
    run('payment.step', step('pay-0000001', 'succeeded'));
    run('refund.request', {
      id: 'rr-0000001',
      hallId: 'H001',
      paymentId: 'pay-0000001',
      amountFen: 1000,
      reason: '重复缴费',
      staffId: agent(),
      at: '2026-11-23T03:00:00.000Z',
    });
    // Without the approval the refund payment cannot exist.
    const refund = create({
      id: 'pay-refund-1',
      key: 'key-refund-1',
      kind: 'refund',
      refundOf: 'pay-0000001',
      amountFen: 1000,
      tenderedFen: null,
    });
    expect(failure(() => run('payment.create', refund)).code).toBe('forbidden');
    // An agent is not a manager.
    expect(
      failure(() =>
        run('refund.decide', {
          requestId: 'rr-0000001',
          hallId: 'H001',
          decision: 'approved',
          managerId: agent(),
          note: null,
          refundPaymentId: 'pay-refund-1',
          at: '2026-11-23T03:01:00.000Z',
        }),
      ).code,
    ).toBe('forbidden');
    run('refund.decide', {
      requestId: 'rr-0000001',
      hallId: 'H001',
      decision: 'approved',
      managerId: manager(),
      note: null,
      refundPaymentId: 'pay-refund-1',
      at: '2026-11-23T03:01:00.000Z',
    });
    // The first decision stands.
    expect(
      failure(() =>
        run('refund.decide', {
          requestId: 'rr-0000001',
          hallId: 'H001',
          decision: 'rejected',
          managerId: manager(),
          note: null,
          refundPaymentId: null,
          at: '2026-11-23T03:02:00.000Z',
        }),
      ).code,
    ).toBe('conflict');
    run('payment.create', refund);
    run('payment.step', step('pay-refund-1', 'succeeded'));
    expect(owed(debtor.id)).toBe(before - create().amountFen + 1000);
    expect(db.prepare(`SELECT amount_fen, status FROM payments WHERE id = 'pay-refund-1'`).get()).toEqual({
      amount_fen: -1000,
      status: 'refunded',
    });
    const tooMuch = failure(() =>
      run('refund.request', {
        id: 'rr-0000002',
        hallId: 'H001',
        paymentId: 'pay-0000001',
        amountFen: create().amountFen,
        reason: '再退一次',
        staffId: agent(),
        at: '2026-11-23T03:05:00.000Z',
      }),
    );
    expect(tooMuch.field).toBe('amountFen');
    expect(tooMuch.message).toContain('可退金额');
  });

  it('e-invoice: the tax id is checked (GB 32100 check character); one invoice per payment', () => {
    run('payment.create', create());
    run('payment.step', step('pay-0000001', 'succeeded'));
    const req = {
      id: 'inv-0000001',
      hallId: 'H001',
      paymentId: 'pay-0000001',
      buyerTitle: '杭州示例科技有限公司',
      taxId: '91330106MA2B0Y7U8X',
      email: null,
      staffId: agent(),
      at: '2026-11-23T03:00:00.000Z',
    };
    const bad = failure(() => run('invoice.request', req));
    expect(bad.field).toBe('taxId');
    expect(bad.message).toContain('纳税人识别号');
    run('invoice.request', { ...req, taxId: '91350100M000100Y43' });
    expect(failure(() => run('invoice.request', { ...req, id: 'inv-0000002', taxId: null })).code).toBe('conflict');
    run('invoice.issue', {
      id: 'inv-0000001:issued',
      invoiceId: 'inv-0000001',
      status: 'issued',
      invoiceNo: '26330000000000000001',
      at: '2026-11-23T03:00:05.000Z',
    });
    expect(
      failure(() =>
        run('invoice.issue', {
          id: 'inv-0000001:again',
          invoiceId: 'inv-0000001',
          status: 'issued',
          invoiceNo: 'x',
          at: '2026-11-23T03:00:06.000Z',
        }),
      ).code,
    ).toBe('conflict');
  });
});
