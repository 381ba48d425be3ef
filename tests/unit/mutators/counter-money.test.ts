import { beforeEach, describe, expect, it } from 'vitest';
import type { MutationArgs } from '@common/mutators';
import { refundableFen } from '@common/mutators/counter-money';
import { sqliteTx } from '../../../node/sqlite/sqlite-tx';
import { failureOf, openMutatorDb, type MutatorDb } from '../../support/mutator-db';

/** Refunds and their decision, e-invoices, the declared cash drawer and consultations at the counter. */
let m: MutatorDb;
let agent: string;
let manager: string;
let debtor: { id: number; account_no: string };
const T = (min: number) => new Date(Date.parse('2026-11-23T02:00:00.000Z') + min * 60_000).toISOString();

const pay = (id: string, amountFen: number, succeed = true) => {
  m.run('payment.create', {
    id,
    key: `key-${id}`,
    hallId: 'H001',
    kind: 'bill',
    channel: 'cash',
    customerId: debtor.id,
    accountNo: debtor.account_no,
    amountFen,
    tenderedFen: amountFen,
    refundOf: null,
    staffId: agent,
    windowNo: 1,
    ticketId: null,
    at: T(0),
  });
  if (succeed)
    m.run('payment.step', {
      paymentId: id,
      status: 'succeeded',
      gatewayRef: null,
      note: null,
      staffId: agent,
      at: T(1),
    });
};
const refundRequest = (over: Partial<MutationArgs<'refund.request'>> = {}): MutationArgs<'refund.request'> => ({
  id: 'refund-req-1',
  hallId: 'H001',
  paymentId: 'pay-00000001',
  amountFen: 1000,
  reason: '重复缴费',
  staffId: agent,
  at: T(10),
  ...over,
});
const decision = (over: Partial<MutationArgs<'refund.decide'>> = {}): MutationArgs<'refund.decide'> => ({
  requestId: 'refund-req-1',
  hallId: 'H001',
  decision: 'approved',
  managerId: manager,
  note: null,
  refundPaymentId: 'pay-refund-01',
  at: T(11),
  ...over,
});
/** A refusal's code and the field the form points at. */
const refusal = (f: () => void) => {
  const e = failureOf(f);
  return [e.code, e.field];
};
const refundable = (paymentId = 'pay-00000001', except?: string) =>
  refundableFen({ tx: sqliteTx(m.db), side: 'station', changed: () => {} }, paymentId, except);

beforeEach(() => {
  m = openMutatorDb();
  agent = m.row<{ id: string }>(`SELECT id FROM staff WHERE role = 'agent' LIMIT 1`)!.id;
  manager = m.row<{ id: string }>(`SELECT id FROM staff WHERE role = 'manager' LIMIT 1`)!.id;
  debtor = m.row(
    `SELECT c.id, c.account_no FROM customers c JOIN bills b ON b.customer_id = c.id WHERE c.prepaid = 0
      GROUP BY c.id HAVING sum(b.amount_fen - b.paid_fen) > 6000 LIMIT 1`,
  )!;
  pay('pay-00000001', 5000);
  m.changed.length = 0;
});

describe('refund.request', () => {
  it('records the request against the payment, and reports it changed', () => {
    m.run('refund.request', refundRequest({ reason: '  多缴  ' }));
    expect(m.row('SELECT * FROM refund_requests WHERE id = ?', 'refund-req-1')).toMatchObject({
      hall_id: 'H001',
      payment_id: 'pay-00000001',
      amount_fen: 1000,
      reason: '多缴',
      requested_by: agent,
      requested_at: T(10),
    });
    expect(m.changed).toEqual(['refundRequest:refund-req-1']);
  });

  it('takes the same request again as a replay, and refuses other content under its id', () => {
    m.run('refund.request', refundRequest());
    m.run('refund.request', refundRequest());
    expect(m.changed).toHaveLength(1);
    for (const over of [{ amountFen: 900 }, { reason: '别的理由' }])
      expect(failureOf(() => m.run('refund.request', refundRequest(over))).code).toBe('conflict');
  });

  it('refuses a refund of a payment that does not exist, has not succeeded, or is itself a refund', () => {
    expect(refusal(() => m.run('refund.request', refundRequest({ paymentId: 'pay-missing' })))).toEqual([
      'not_found',
      'paymentId',
    ]);
    pay('pay-00000002', 2000, false);
    expect(refusal(() => m.run('refund.request', refundRequest({ paymentId: 'pay-00000002' })))).toEqual([
      'conflict',
      'paymentId',
    ]);
    m.run('refund.request', refundRequest());
    m.run('refund.decide', decision());
    m.run('payment.create', {
      id: 'pay-refund-01',
      key: 'key-refund-01',
      hallId: 'H001',
      kind: 'refund',
      channel: 'cash',
      customerId: debtor.id,
      accountNo: debtor.account_no,
      amountFen: 1000,
      tenderedFen: null,
      refundOf: 'pay-00000001',
      staffId: agent,
      windowNo: 1,
      ticketId: null,
      at: T(12),
    });
    m.run('payment.step', {
      paymentId: 'pay-refund-01',
      status: 'succeeded',
      gatewayRef: null,
      note: null,
      staffId: agent,
      at: T(13),
    });
    const f = failureOf(() =>
      m.run('refund.request', refundRequest({ id: 'refund-req-2', paymentId: 'pay-refund-01', amountFen: 1 })),
    );
    expect(f.code).toBe('validation');
    expect(f.field).toBe('paymentId');
  });

  it('refunds at most what the payment paid, less the refunds still open', () => {
    const tooMuch = failureOf(() => m.run('refund.request', refundRequest({ amountFen: 5001 })));
    expect([tooMuch.code, tooMuch.field]).toEqual(['validation', 'amountFen']);
    expect(tooMuch.params).toEqual({ amount: '50.01', refundable: '50.00' });
    m.run('refund.request', refundRequest({ amountFen: 1000 }));
    expect(refundable()).toBe(4000);
    expect(
      failureOf(() => m.run('refund.request', refundRequest({ id: 'refund-req-2', amountFen: 4001 }))).params,
    ).toEqual({
      amount: '40.01',
      refundable: '40.00',
    });
    m.run('refund.request', refundRequest({ id: 'refund-req-2', amountFen: 4000 }));
    expect(refundable()).toBe(0);
  });

  it('frees the amount of a rejected request, and of an approved one only once its refund has ended', () => {
    m.run('refund.request', refundRequest({ amountFen: 1000 }));
    m.run('refund.request', refundRequest({ id: 'refund-req-2', amountFen: 2000 }));
    expect(refundable()).toBe(2000);
    m.run('refund.decide', decision({ decision: 'rejected', refundPaymentId: null }));
    expect(refundable()).toBe(3000);
    m.run('refund.decide', decision({ requestId: 'refund-req-2', refundPaymentId: 'pay-refund-02' }));
    expect(refundable()).toBe(3000);
    expect(refundable('pay-00000001', 'refund-req-2')).toBe(5000);
    expect(refundable('pay-unknown')).toBe(0);
  });
});

describe('refund.decide', () => {
  beforeEach(() => {
    m.run('refund.request', refundRequest());
    m.changed.length = 0;
  });

  it('records a manager’s approval with the refund payment it allows, and reports it changed', () => {
    m.run('refund.decide', decision({ note: '核实无误' }));
    expect(m.row('SELECT * FROM refund_decisions WHERE id = ?', 'refund-req-1')).toEqual({
      id: 'refund-req-1',
      hall_id: 'H001',
      decision: 'approved',
      manager_id: manager,
      note: '核实无误',
      refund_payment_id: 'pay-refund-01',
      at: T(11),
    });
    expect(m.changed).toEqual(['refundDecision:refund-req-1']);
  });

  it('keeps no refund payment on a rejection', () => {
    m.run('refund.decide', decision({ decision: 'rejected' }));
    expect(m.row('SELECT decision, refund_payment_id FROM refund_decisions')).toEqual({
      decision: 'rejected',
      refund_payment_id: null,
    });
  });

  it('lets the first decision stand: the same again is a replay, another is refused', () => {
    m.run('refund.decide', decision());
    m.run('refund.decide', decision({ at: T(20) }));
    expect(m.changed).toHaveLength(1);
    expect(
      failureOf(() => m.run('refund.decide', decision({ decision: 'rejected', refundPaymentId: null }))).code,
    ).toBe('conflict');
  });

  it('refuses a decision on a request that does not exist, by anyone but a manager, or an approval with no refund payment', () => {
    expect(refusal(() => m.run('refund.decide', decision({ requestId: 'refund-missing' })))).toEqual([
      'not_found',
      'requestId',
    ]);
    expect(refusal(() => m.run('refund.decide', decision({ managerId: agent })))).toEqual(['forbidden', 'managerId']);
    expect(refusal(() => m.run('refund.decide', decision({ managerId: 'staff-unknown' })))).toEqual([
      'forbidden',
      'managerId',
    ]);
    const f = failureOf(() => m.run('refund.decide', decision({ refundPaymentId: null })));
    expect(f.code).toBe('validation');
    expect(f.field).toBe('refundPaymentId');
    expect(m.rows('SELECT id FROM refund_decisions')).toHaveLength(0);
  });
});

describe('invoice.request and invoice.issue', () => {
  const invoice = (over: Partial<MutationArgs<'invoice.request'>> = {}): MutationArgs<'invoice.request'> => ({
    id: 'invoice-001',
    hallId: 'H001',
    paymentId: 'pay-00000001',
    buyerTitle: '杭州示例科技有限公司',
    taxId: '91350100M000100Y43',
    email: null,
    staffId: agent,
    at: T(20),
    ...over,
  });
  const issue = (over: Partial<MutationArgs<'invoice.issue'>> = {}): MutationArgs<'invoice.issue'> => ({
    id: 'invoice-001:issued',
    invoiceId: 'invoice-001',
    status: 'issued',
    invoiceNo: '26330000000000000001',
    at: T(21),
    ...over,
  });

  it('records the buyer, tax id and mail address, trimmed, the tax id in capitals', () => {
    m.run(
      'invoice.request',
      invoice({ buyerTitle: ' 示例公司 ', taxId: ' 91350100m000100y43 ', email: ' a@example.cn ' }),
    );
    expect(m.row('SELECT * FROM invoice_requests WHERE id = ?', 'invoice-001')).toMatchObject({
      hall_id: 'H001',
      payment_id: 'pay-00000001',
      buyer_title: '示例公司',
      tax_id: '91350100M000100Y43',
      email: 'a@example.cn',
      requested_by: agent,
      requested_at: T(20),
    });
    expect(m.changed).toEqual(['invoiceRequest:invoice-001']);
  });

  it('gives one invoice per succeeded payment; its replay changes nothing', () => {
    pay('pay-00000002', 1000, false);
    expect(refusal(() => m.run('invoice.request', invoice({ paymentId: 'pay-00000002' })))).toEqual([
      'conflict',
      'paymentId',
    ]);
    m.run('invoice.request', invoice());
    m.run('invoice.request', invoice());
    expect(m.changed.filter((c) => c.startsWith('invoiceRequest'))).toEqual(['invoiceRequest:invoice-001']);
    expect(refusal(() => m.run('invoice.request', invoice({ id: 'invoice-002', taxId: null })))).toEqual([
      'conflict',
      'paymentId',
    ]);
    expect(failureOf(() => m.run('invoice.request', invoice({ buyerTitle: '别的公司' }))).code).toBe('conflict');
  });

  it.each([
    ['a buyer of one character after trimming', { buyerTitle: ' 甲 ' }],
    ['a buyer over 100 characters', { buyerTitle: '公'.repeat(101) }],
    ['a tax id with a wrong check character', { taxId: '91330106MA2B0Y7U8X' }],
    ['a malformed mail address', { email: 'not-mail' }],
    ['a mail address over 100 characters', { email: `${'a'.repeat(96)}@x.cn` }],
  ])('refuses %s', (_what, over) => {
    expect(failureOf(() => m.run('invoice.request', invoice(over))).code).toBe('validation');
  });

  it('accepts a buyer of 2 and of 100 characters, and no tax id', () => {
    m.run('invoice.request', invoice({ buyerTitle: '甲乙', taxId: null }));
    pay('pay-00000003', 1000);
    m.run('invoice.request', invoice({ id: 'invoice-003', paymentId: 'pay-00000003', buyerTitle: '公'.repeat(100) }));
    expect(m.rows('SELECT id FROM invoice_requests')).toHaveLength(2);
  });

  it('issues an invoice once: a failure may come first, a second issue is refused, a replay changes nothing', () => {
    m.run('invoice.request', invoice());
    expect(refusal(() => m.run('invoice.issue', issue({ invoiceId: 'invoice-404' })))).toEqual([
      'not_found',
      'invoiceId',
    ]);
    m.run('invoice.issue', issue({ id: 'invoice-001:failed', status: 'failed', invoiceNo: null }));
    m.run('invoice.issue', issue());
    m.run('invoice.issue', issue());
    expect(m.rows('SELECT id, status, invoice_no, at FROM invoice_events ORDER BY at, id')).toEqual([
      { id: 'invoice-001:failed', status: 'failed', invoice_no: null, at: T(21) },
      { id: 'invoice-001:issued', status: 'issued', invoice_no: '26330000000000000001', at: T(21) },
    ]);
    expect(refusal(() => m.run('invoice.issue', issue({ id: 'invoice-001:again' })))).toEqual([
      'conflict',
      'invoiceId',
    ]);
    expect(failureOf(() => m.run('invoice.issue', issue({ invoiceNo: 'other' }))).code).toBe('conflict');
    expect(m.changed.filter((c) => c.startsWith('invoiceEvent'))).toEqual([
      'invoiceEvent:invoice-001:failed',
      'invoiceEvent:invoice-001:issued',
    ]);
  });

  it('refuses an invoice number over 40 characters', () => {
    m.run('invoice.request', invoice());
    expect(failureOf(() => m.run('invoice.issue', issue({ invoiceNo: '2'.repeat(41) }))).code).toBe('validation');
    m.run('invoice.issue', issue({ invoiceNo: '2'.repeat(40) }));
  });
});

describe('cash.declare', () => {
  const declare = (over: Partial<MutationArgs<'cash.declare'>> = {}): MutationArgs<'cash.declare'> => ({
    id: 'cash-decl-1',
    hallId: 'H001',
    staffId: agent,
    day: '2026-11-23',
    declaredFen: 123_400,
    note: null,
    at: T(60),
    ...over,
  });

  it('keeps every declaration of the day; a replay changes nothing; other content under an id is refused', () => {
    m.run('cash.declare', declare());
    m.run('cash.declare', declare({ id: 'cash-decl-2', declaredFen: 123_500, note: '补录' }));
    m.run('cash.declare', declare());
    expect(
      m.rows('SELECT id, hall_id, staff_id, day, declared_fen, note, at FROM cash_declarations ORDER BY id'),
    ).toEqual([
      {
        id: 'cash-decl-1',
        hall_id: 'H001',
        staff_id: agent,
        day: '2026-11-23',
        declared_fen: 123_400,
        note: null,
        at: T(60),
      },
      {
        id: 'cash-decl-2',
        hall_id: 'H001',
        staff_id: agent,
        day: '2026-11-23',
        declared_fen: 123_500,
        note: '补录',
        at: T(60),
      },
    ]);
    expect(m.changed).toEqual(['cashDeclaration:cash-decl-1', 'cashDeclaration:cash-decl-2']);
    expect(failureOf(() => m.run('cash.declare', declare({ declaredFen: 1 }))).code).toBe('conflict');
  });

  it.each([
    ['a day that is not a date', { day: '2026-11-31' }],
    ['a negative amount', { declaredFen: -1 }],
    ['a fraction of a fen', { declaredFen: 1.5 }],
    ['over a million yuan', { declaredFen: 100_000_001 }],
    ['a note over 200 characters', { note: '注'.repeat(201) }],
    ['an id shorter than 8', { id: 'c'.repeat(7) }],
    ['an id longer than 80', { id: 'c'.repeat(81) }],
    ['no hall', { hallId: '' }],
    ['a hall over 16', { hallId: 'H'.repeat(17) }],
    ['no staff', { staffId: '' }],
    ['a staff id over 64', { staffId: 's'.repeat(65) }],
    ['a time shorter than 10', { at: '2026-11-2' }],
    ['a time over 40', { at: '2'.repeat(41) }],
  ])('refuses %s', (_what, over) => {
    expect(failureOf(() => m.run('cash.declare', declare(over))).code).toBe('validation');
    expect(m.rows('SELECT id FROM cash_declarations')).toHaveLength(0);
  });

  it('accepts an empty drawer, a million yuan, and the longest id, hall and staff', () => {
    m.run('cash.declare', declare({ declaredFen: 0 }));
    m.run(
      'cash.declare',
      declare({
        id: 'c'.repeat(80),
        declaredFen: 100_000_000,
        hallId: 'H'.repeat(16),
        staffId: 's'.repeat(64),
        note: '注'.repeat(200),
      }),
    );
    expect(m.rows('SELECT id FROM cash_declarations')).toHaveLength(2);
  });
});

describe('consultation.log', () => {
  const consult = (over: Partial<MutationArgs<'consultation.log'>> = {}): MutationArgs<'consultation.log'> => ({
    id: 'consult-01',
    hallId: 'H001',
    staffId: agent,
    windowNo: 2,
    ticketId: 'tk-1',
    topic: ' 电价咨询 ',
    note: null,
    at: T(30),
    ...over,
  });

  it('records the consultation with its topic trimmed; a replay changes nothing; other content is refused', () => {
    m.run('consultation.log', consult({ note: '阶梯电价' }));
    m.run('consultation.log', consult({ note: '阶梯电价' }));
    expect(m.rows('SELECT * FROM consultations')).toEqual([
      {
        id: 'consult-01',
        hall_id: 'H001',
        staff_id: agent,
        window_no: 2,
        ticket_id: 'tk-1',
        topic: '电价咨询',
        note: '阶梯电价',
        at: T(30),
      },
    ]);
    expect(m.changed).toEqual(['consultation:consult-01']);
    expect(failureOf(() => m.run('consultation.log', consult({ topic: '停电' }))).code).toBe('conflict');
    expect(failureOf(() => m.run('consultation.log', consult({ ticketId: null }))).code).toBe('conflict');
  });

  it.each([
    ['a blank topic', { topic: '   ' }],
    ['a topic over 60 characters', { topic: '题'.repeat(61) }],
    ['an empty ticket id', { ticketId: '' }],
    ['a ticket id over 64', { ticketId: 't'.repeat(65) }],
    ['a fractional window', { windowNo: 1.5 }],
    ['a note over 300 characters', { note: '注'.repeat(301) }],
  ])('refuses %s', (_what, over) => {
    expect(failureOf(() => m.run('consultation.log', consult(over))).code).toBe('validation');
  });

  it('accepts no window and no ticket, and the longest topic, ticket and note', () => {
    m.run('consultation.log', consult({ windowNo: null, ticketId: null }));
    m.run(
      'consultation.log',
      consult({ id: 'consult-02', topic: '题'.repeat(60), ticketId: 't'.repeat(64), note: '注'.repeat(300) }),
    );
    expect(m.rows('SELECT id FROM consultations')).toHaveLength(2);
  });
});

describe('refund arguments', () => {
  it.each([
    ['a zero amount', { amountFen: 0 }],
    ['a fractional amount', { amountFen: 1.5 }],
    ['a reason of one character after trimming', { reason: ' 退 ' }],
    ['a reason over 200 characters', { reason: '因'.repeat(201) }],
  ])('refuse a request with %s', (_what, over) => {
    expect(failureOf(() => m.run('refund.request', refundRequest(over))).code).toBe('validation');
  });

  it('refuse a decision that is neither approved nor rejected, or with a note over 200 characters', () => {
    m.run('refund.request', refundRequest());
    expect(failureOf(() => m.run('refund.decide', decision({ decision: 'maybe' as never }))).code).toBe('validation');
    expect(failureOf(() => m.run('refund.decide', decision({ note: '注'.repeat(201) }))).code).toBe('validation');
    m.run('refund.decide', decision({ note: '注'.repeat(200) }));
  });
});
