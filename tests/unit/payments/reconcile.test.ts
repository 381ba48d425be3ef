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
