import { describe, expect, it } from 'vitest';
import { reconcile, type ReconOrder } from '@common/payments/reconcile';

/** The reconciliation rule on its own: every kind of difference, with its cause, and none when all agree. */
const order = (o: Partial<ReconOrder> & { id: string }): ReconOrder => ({
  kind: 'bill',
  channel: 'bank_card',
  accountNo: '3300000001',
  amountFen: 1_000,
  status: 'succeeded',
  refundOf: null,
  createdAt: '2026-11-23T02:00:00Z',
  staffNo: '1002',
  ...o,
});

describe('daily reconciliation', () => {
  it('system, drawer and statement agree: no differences; refunds net under their payment', () => {
    const r = reconcile({
      day: '2026-11-23',
      orders: [
        order({ id: 'p1' }),
        order({ id: 'p2', channel: 'cash', amountFen: 500 }),
        order({ id: 'r1', kind: 'refund', refundOf: 'p1', amountFen: 300 }),
      ],
      declaredCashFen: 500,
      statement: [
        { merchantOrderId: 'p1', amountFen: 1_000 },
        { merchantOrderId: 'p1', amountFen: -300 },
      ],
      wholeHall: false,
    });
    expect(r.differences).toEqual([]);
    expect(r.systemGatewayFen).toBe(700);
    expect(r.statementFen).toBe(700);
    expect(r.byChannel).toEqual([
      { channel: 'cash', count: 1, netFen: 500 },
      { channel: 'bank_card', count: 2, netFen: 700 },
    ]);
  });

  it('lists each difference with its cause', () => {
    const r = reconcile({
      day: '2026-11-23',
      orders: [
        order({ id: 'missing' }), // succeeded, not in the statement
        order({ id: 'differs', amountFen: 2_000 }),
        order({ id: 'lost', status: 'timed_out', amountFen: 700 }), // the gateway has it
        order({ id: 'reversed', status: 'reversed' }), // nets to zero on both sides
        order({ id: 'cash', channel: 'cash', amountFen: 900 }),
      ],
      declaredCashFen: 1_000,
      statement: [
        { merchantOrderId: 'differs', amountFen: 1_900 },
        { merchantOrderId: 'lost', amountFen: 700 },
        { merchantOrderId: 'reversed', amountFen: 1_000 },
        { merchantOrderId: 'reversed', amountFen: -1_000 },
        { merchantOrderId: 'stranger', amountFen: 50 }, // another agent's, or nobody's
      ],
      wholeHall: false,
    });
    const by = (kind: string) => r.differences.filter((d) => d.kind === kind);
    expect(by('system_only')).toEqual([
      expect.objectContaining({
        paymentId: 'missing',
        amountFen: -1_000,
        cause: expect.stringContaining('网关对账单无此笔'),
      }),
    ]);
    expect(by('amount_mismatch')).toEqual([
      expect.objectContaining({
        paymentId: 'differs',
        amountFen: -100,
        cause: expect.stringContaining('系统 20.00 元，网关 19.00 元'),
      }),
    ]);
    expect(by('gateway_only')).toEqual([
      expect.objectContaining({ paymentId: 'lost', amountFen: 700, cause: expect.stringContaining('支付超时') }),
    ]);
    expect(by('unresolved')).toEqual([expect.objectContaining({ paymentId: 'lost' })]);
    expect(by('cash_over')).toEqual([
      expect.objectContaining({ amountFen: 100, cause: expect.stringContaining('现金长款 1.00 元') }),
    ]);
    // Only the whole-hall view has to explain statement lines no system payment claims.
    const hall = reconcile({
      day: '2026-11-23',
      orders: [],
      declaredCashFen: null,
      statement: [{ merchantOrderId: 'stranger', amountFen: 50 }],
      wholeHall: true,
    });
    expect(hall.differences).toEqual([
      expect.objectContaining({
        kind: 'gateway_only',
        paymentId: 'stranger',
        cause: expect.stringContaining('系统无此支付'),
      }),
    ]);
  });

  it('undeclared cash and an unavailable statement are shown as such', () => {
    const r = reconcile({
      day: '2026-11-23',
      orders: [order({ id: 'c', channel: 'cash' }), order({ id: 'g' })],
      declaredCashFen: null,
      statement: null,
      wholeHall: false,
    });
    expect(r.differences).toEqual([expect.objectContaining({ kind: 'cash_undeclared', amountFen: -1_000 })]);
    expect(r.statementFen).toBeNull();
    expect(r.lines.find((l) => l.paymentId === 'g')!.gatewayNetFen).toBeNull();
  });
});

describe('daily reconciliation — which money counts where', () => {
  const day = '2026-11-23';

  it('QR payments are gateway money: reconciled against the statement like card payments', () => {
    const r = reconcile({
      day,
      orders: [order({ id: 'q1', channel: 'qr', amountFen: 800 }), order({ id: 'q2', channel: 'qr', amountFen: 300 })],
      declaredCashFen: 0,
      statement: [{ merchantOrderId: 'q1', amountFen: 800 }],
      wholeHall: false,
    });
    expect(r.systemGatewayFen).toBe(1_100);
    expect(r.differences).toEqual([expect.objectContaining({ kind: 'system_only', paymentId: 'q2', amountFen: -300 })]);
    expect(r.lines.find((l) => l.paymentId === 'q1')!.gatewayNetFen).toBe(800);
  });

  it('cash and prepaid-card money never appears in the gateway comparison', () => {
    const r = reconcile({
      day,
      orders: [order({ id: 'c1', channel: 'cash' }), order({ id: 'pc', channel: 'prepaid_card', amountFen: 400 })],
      declaredCashFen: 1_000,
      statement: [],
      wholeHall: false,
    });
    expect(r.systemGatewayFen).toBe(0);
    expect(r.differences).toEqual([]);
    expect(r.lines.map((l) => l.gatewayNetFen)).toEqual([null, null]);
  });

  it("one agent's statement total counts only the lines of that agent's payments", () => {
    const r = reconcile({
      day,
      orders: [order({ id: 'mine', amountFen: 1_200 })],
      declaredCashFen: 0,
      statement: [
        { merchantOrderId: 'mine', amountFen: 1_200 },
        { merchantOrderId: 'theirs', amountFen: 5_000 },
      ],
      wholeHall: false,
    });
    expect(r.statementFen).toBe(1_200);
    expect(r.differences).toEqual([]);
    const hall = reconcile({
      day,
      orders: [order({ id: 'mine', amountFen: 1_200 })],
      declaredCashFen: 0,
      statement: [
        { merchantOrderId: 'mine', amountFen: 1_200 },
        { merchantOrderId: 'theirs', amountFen: 5_000 },
      ],
      wholeHall: true,
    });
    expect(hall.statementFen).toBe(6_200);
  });

  it('the per-channel summary counts only money that moved: failed and unresolved orders are left out', () => {
    const r = reconcile({
      day,
      orders: [
        order({ id: 'ok', channel: 'qr', amountFen: 500 }),
        order({ id: 'declined', channel: 'qr', status: 'failed', amountFen: 900 }),
        order({ id: 'waiting', channel: 'qr', status: 'pending', amountFen: 700 }),
        order({ id: 'undone', channel: 'cash', status: 'reversed', amountFen: 200 }),
      ],
      declaredCashFen: 0,
      statement: [{ merchantOrderId: 'ok', amountFen: 500 }],
      wholeHall: false,
    });
    expect(r.byChannel).toEqual([{ channel: 'qr', count: 1, netFen: 500 }]);
    expect(r.lines.map((l) => [l.paymentId, l.systemNetFen])).toEqual([
      ['ok', 500],
      ['declined', 0],
      ['waiting', 0],
      ['undone', 0],
    ]);
  });

  it('every payment whose outcome is not known yet must be looked up: created, pending and timed out', () => {
    const statuses = ['created', 'pending', 'timed_out', 'succeeded', 'failed', 'reversed'] as const;
    const r = reconcile({
      day,
      orders: statuses.map((status) => order({ id: status, channel: 'cash', status })),
      declaredCashFen: 1_000,
      statement: null,
      wholeHall: false,
    });
    expect(
      r.differences
        .filter((d) => d.kind === 'unresolved')
        .map((d) => d.paymentId)
        .sort(),
    ).toEqual(['created', 'pending', 'timed_out']);
    expect(r.differences.every((d) => d.kind === 'unresolved' && d.amountFen === 0)).toBe(true);
  });

  it('a drawer holding less than the system recorded is short by the difference', () => {
    const r = reconcile({
      day,
      orders: [
        order({ id: 'c1', channel: 'cash', amountFen: 5_000 }),
        order({ id: 'c2', channel: 'cash', amountFen: 250 }),
      ],
      declaredCashFen: 5_000,
      statement: null,
      wholeHall: false,
    });
    expect(r.systemCashFen).toBe(5_250);
    expect(r.differences).toEqual([
      expect.objectContaining({
        kind: 'cash_short',
        paymentId: null,
        amountFen: -250,
        cause: expect.stringContaining('现金短款 2.50 元'),
      }),
    ]);
  });

  it('a refund of cash lowers what the drawer must hold; a drawer that matches has no difference', () => {
    const r = reconcile({
      day,
      orders: [
        order({ id: 'c1', channel: 'cash', amountFen: 3_000 }),
        order({ id: 'rf', channel: 'cash', kind: 'refund', refundOf: 'c1', amountFen: 1_000 }),
      ],
      declaredCashFen: 2_000,
      statement: null,
      wholeHall: false,
    });
    expect(r.systemCashFen).toBe(2_000);
    expect(r.differences).toEqual([]);
  });

  it('a gateway refund is booked under its payment, and the line of the refund shows no statement money of its own', () => {
    const r = reconcile({
      day,
      orders: [
        order({ id: 'p1', amountFen: 2_000 }),
        order({ id: 'rf', kind: 'refund', refundOf: 'p1', amountFen: 500 }),
      ],
      declaredCashFen: 0,
      statement: [{ merchantOrderId: 'p1', amountFen: 2_000 }],
      wholeHall: false,
    });
    expect(r.differences).toEqual([
      expect.objectContaining({ kind: 'amount_mismatch', paymentId: 'p1', amountFen: 500 }),
    ]);
    expect(r.lines.find((l) => l.paymentId === 'rf')).toMatchObject({ systemNetFen: -500, gatewayNetFen: null });
  });

  it('money at the gateway for a payment the system does not count as succeeded', () => {
    const r = reconcile({
      day,
      orders: [order({ id: 'f1', status: 'failed', amountFen: 600 })],
      declaredCashFen: 0,
      statement: [{ merchantOrderId: 'f1', amountFen: 600 }],
      wholeHall: false,
    });
    expect(r.differences).toEqual([
      expect.objectContaining({
        kind: 'gateway_only',
        paymentId: 'f1',
        amountFen: 600,
        cause: expect.stringContaining('支付失败'),
      }),
    ]);
  });
});

describe('daily reconciliation — what each difference tells the manager', () => {
  const day = '2026-11-23';

  it('undeclared cash names the amount the drawer should hold', () => {
    const r = reconcile({
      day,
      orders: [order({ id: 'c', channel: 'cash', amountFen: 1_050 })],
      declaredCashFen: null,
      statement: null,
      wholeHall: false,
    });
    expect(r.differences).toEqual([
      expect.objectContaining({ kind: 'cash_undeclared', amountFen: -1_050, cause: expect.stringContaining('10.50') }),
    ]);
  });

  it('an unresolved payment names its channel, amount and state, so it can be looked up', () => {
    const r = reconcile({
      day,
      orders: [order({ id: 'q', channel: 'qr', status: 'pending', amountFen: 1_234 })],
      declaredCashFen: 0,
      statement: null,
      wholeHall: false,
    });
    const cause = r.differences.find((d) => d.kind === 'unresolved')!.cause;
    for (const part of ['扫码支付', '12.34', '支付中']) expect(cause).toContain(part);
  });

  it('only a refund is booked under the payment it names; any other order stands on its own id', () => {
    const r = reconcile({
      day,
      orders: [order({ id: 'p1', amountFen: 1_000 }), order({ id: 'b2', amountFen: 400, refundOf: 'p1' })],
      declaredCashFen: 0,
      statement: [
        { merchantOrderId: 'p1', amountFen: 1_000 },
        { merchantOrderId: 'b2', amountFen: 400 },
      ],
      wholeHall: false,
    });
    expect(r.differences).toEqual([]);
  });
});
