import { z } from 'zod';
import { term } from '../errors';
import { MAX_PAYMENT_FEN, formatYuan } from '../payments/money';
import { PAYMENT_CHANNELS, PAYMENT_KINDS, PAYMENT_STATUSES, canMove, type PaymentStatus } from '../payments/states';
import { AppFailure } from '../result';
import { alreadyAppended } from './append-only';
import { billId, type MutationContext } from './sql';

/**
 * Payments are append-only: an order row is written once, and every step of its state machine is a
 * new payment_events row (common/payments/states.ts). The money's effect on bills and prepaid
 * balances is recorded as allocation rows, so a reversal or refund undoes exactly what was applied.
 * Conflict rule: the first event for a step wins; a step the current state does not allow (e.g. a
 * "failed" arriving after "succeeded" from another station) is rejected, visibly, and changes nothing.
 */
const Id = z.string().min(8).max(80);
const At = z.string().min(10).max(40);
const Amount = z
  .number()
  .int('payment.amountNotInteger')
  .positive('payment.amountNotPositive')
  .max(MAX_PAYMENT_FEN, 'payment.amountTooLarge');

export const PaymentCreateArgs = z.object({
  id: Id,
  key: z.string().min(8).max(80),
  hallId: z.string().min(1).max(16),
  kind: z.enum(PAYMENT_KINDS),
  channel: z.enum(PAYMENT_CHANNELS),
  customerId: z.number().int().positive(),
  accountNo: z.string().min(1).max(32),
  amountFen: Amount,
  tenderedFen: z.number().int().nonnegative().nullable(),
  refundOf: Id.nullable(),
  staffId: z.string().min(1).max(64),
  windowNo: z.number().int().nullable(),
  ticketId: z.string().min(1).max(64).nullable(),
  at: At,
});

export const PaymentStepArgs = z.object({
  paymentId: Id,
  status: z.enum(PAYMENT_STATUSES).exclude(['created']),
  gatewayRef: z.string().max(80).nullable(),
  note: z.string().max(300).nullable(),
  staffId: z.string().min(1).max(64),
  at: At,
});

interface OrderRow {
  id: string;
  hall_id: string;
  kind: 'bill' | 'topup' | 'refund';
  channel: string;
  customer_id: number;
  amount_fen: number;
  refund_of: string | null;
}

/** The step's event id is derived from payment and status, so a replayed or double-sent step is one event. */
export const stepEventId = (paymentId: string, status: PaymentStatus): string => `${paymentId}:${status}`;

export function currentStatus(ctx: MutationContext, paymentId: string): PaymentStatus | null {
  return (
    ctx.tx.get<{ status: PaymentStatus }>(
      'SELECT status FROM payment_events WHERE payment_id = ? ORDER BY seq DESC LIMIT 1',
      paymentId,
    )?.status ?? null
  );
}

function arrearsFen(ctx: MutationContext, customerId: number): number {
  return (
    ctx.tx.get<{ n: number }>(
      'SELECT coalesce(sum(amount_fen - paid_fen), 0) AS n FROM bills WHERE customer_id = ? AND paid_fen < amount_fen',
      customerId,
    )?.n ?? 0
  );
}

/** Net amount of a payment that is still applied (after earlier refunds/reversals). */
function netApplied(ctx: MutationContext, paymentId: string): number {
  return (
    ctx.tx.get<{ n: number }>(
      'SELECT coalesce(sum(amount_fen), 0) AS n FROM payment_allocations WHERE source_payment_id = ?',
      paymentId,
    )?.n ?? 0
  );
}

/** The account's payment (not a refund) still open: created, at the gateway, or timed out and not yet asked. */
function openPaymentOf(ctx: MutationContext, customerId: number): string | null {
  return (
    ctx.tx.get<{ id: string }>(
      `SELECT o.id FROM payment_orders o
        WHERE o.customer_id = ? AND o.kind != 'refund'
          AND coalesce((SELECT status FROM payment_events e WHERE e.payment_id = o.id ORDER BY seq DESC LIMIT 1), 'created')
              IN ('created', 'pending', 'timed_out')
        LIMIT 1`,
      customerId,
    )?.id ?? null
  );
}

export function createPayment(ctx: MutationContext, a: z.infer<typeof PaymentCreateArgs>): void {
  const same = {
    idem_key: a.key,
    kind: a.kind,
    channel: a.channel,
    customer_id: a.customerId,
    amount_fen: a.amountFen,
    refund_of: a.refundOf,
  };
  if (alreadyAppended(ctx, 'payment_orders', a.id, same)) return; // replay
  const byKey = ctx.tx.get<{ id: string }>('SELECT id FROM payment_orders WHERE idem_key = ?', a.key);
  if (byKey) throw new AppFailure('conflict', 'payment.alreadySubmitted', {}, 'key');
  const customer = ctx.tx.get<{ prepaid: number }>('SELECT prepaid FROM customers WHERE id = ?', a.customerId);
  if (!customer) throw new AppFailure('not_found', 'customer.notFound', {}, 'customerId');
  if (a.channel === 'cash' && a.kind !== 'refund') {
    if (a.tenderedFen === null) throw new AppFailure('validation', 'payment.tenderedRequired', {}, 'tenderedFen');
    if (a.tenderedFen < a.amountFen)
      throw new AppFailure(
        'validation',
        'payment.tenderedTooLow',
        { tendered: formatYuan(a.tenderedFen), amount: formatYuan(a.amountFen) },
        'tenderedFen',
      );
  }
  if (a.kind === 'topup' && !customer.prepaid) throw new AppFailure('validation', 'payment.notPrepaid', {}, 'kind');
  // One money movement per account at a time: while one is unresolved at the gateway, a second
  // could charge the customer twice. The central records what stations already charged.
  if (a.kind !== 'refund' && ctx.side === 'station' && openPaymentOf(ctx, a.customerId))
    throw new AppFailure('conflict', 'payment.openForAccount', {}, 'customerId');
  // Input rules are checked where the money is taken; the central records what a station already charged.
  if (a.kind === 'bill' && !customer.prepaid && ctx.side === 'station') {
    const owed = arrearsFen(ctx, a.customerId);
    if (a.amountFen > owed)
      throw new AppFailure(
        'validation',
        'payment.exceedsArrears',
        { amount: formatYuan(a.amountFen), owed: formatYuan(owed) },
        'amountFen',
      );
  }
  if (a.kind === 'refund') {
    if (!a.refundOf) throw new AppFailure('validation', 'payment.refundOfRequired', {}, 'refundOf');
    const approved = ctx.tx.get(
      'SELECT 1 FROM refund_decisions WHERE refund_payment_id = ? AND decision = ?',
      a.id,
      'approved',
    );
    if (!approved) throw new AppFailure('forbidden', 'payment.refundNotApproved', {}, 'refundOf');
    const refundable = netApplied(ctx, a.refundOf);
    if (a.amountFen > refundable)
      throw new AppFailure(
        'validation',
        'payment.refundTooLarge',
        { amount: formatYuan(a.amountFen), refundable: formatYuan(refundable) },
        'amountFen',
      );
  }
  ctx.tx.run(
    `INSERT INTO payment_orders (id, hall_id, idem_key, kind, channel, customer_id, account_no, amount_fen, tendered_fen, refund_of, staff_id, window_no, ticket_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    a.id,
    a.hallId,
    a.key,
    a.kind,
    a.channel,
    a.customerId,
    a.accountNo,
    a.amountFen,
    a.tenderedFen,
    a.refundOf,
    a.staffId,
    a.windowNo,
    a.ticketId,
    a.at,
  );
  insertEvent(ctx, a.hallId, a.id, 'created', null, null, a.staffId, a.at);
  ctx.changed('paymentOrder', a.id);
}

function insertEvent(
  ctx: MutationContext,
  hallId: string,
  paymentId: string,
  status: PaymentStatus,
  gatewayRef: string | null,
  note: string | null,
  staffId: string,
  at: string,
): void {
  const seq =
    (ctx.tx.get<{ n: number }>('SELECT coalesce(max(seq), 0) AS n FROM payment_events WHERE payment_id = ?', paymentId)
      ?.n ?? 0) + 1;
  const id = stepEventId(paymentId, status);
  ctx.tx.run(
    'INSERT INTO payment_events (id, hall_id, payment_id, seq, status, gateway_ref, note, staff_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    id,
    hallId,
    paymentId,
    seq,
    status,
    gatewayRef,
    note,
    staffId,
    at,
  );
  ctx.changed('paymentEvent', id);
}

export function stepPayment(ctx: MutationContext, a: z.infer<typeof PaymentStepArgs>): void {
  const order = ctx.tx.get<OrderRow>('SELECT * FROM payment_orders WHERE id = ?', a.paymentId);
  if (!order) throw new AppFailure('not_found', 'payment.notFound', {}, 'paymentId');
  if (alreadyAppended(ctx, 'payment_events', stepEventId(a.paymentId, a.status), { status: a.status })) return; // replay
  const from = currentStatus(ctx, a.paymentId) ?? 'created';
  if (!canMove(from, a.status))
    throw new AppFailure(
      'conflict',
      'payment.statusChangeRefused',
      { from: term(`payment.status.${from}`), to: term(`payment.status.${a.status}`) },
      'status',
    );
  if (a.status === 'reversed' && order.kind === 'refund')
    throw new AppFailure('conflict', 'payment.refundNotReversible', {}, 'status');
  insertEvent(ctx, order.hall_id, order.id, a.status, a.gatewayRef, a.note, a.staffId, a.at);
  if (a.status === 'succeeded') settle(ctx, order, a.at);
  if (a.status === 'reversed') undo(ctx, order, order.id, order.amount_fen, a.at, 'reversed');
}

/** A succeeded payment lands in the ledger (`payments`) and is applied to bills / balance. */
function settle(ctx: MutationContext, order: OrderRow, at: string): void {
  if (order.kind === 'refund') {
    undo(ctx, order, order.refund_of!, order.amount_fen, at, 'refunded');
    return;
  }
  ledger(ctx, order.id, order.customer_id, order.amount_fen, order.channel, 'succeeded', at);
  let left = order.amount_fen;
  const targets: string[] = [];
  if (order.kind === 'bill') {
    const bills = ctx.tx.all<{ period: string; owed: number }>(
      'SELECT period, amount_fen - paid_fen AS owed FROM bills WHERE customer_id = ? AND paid_fen < amount_fen ORDER BY period',
      order.customer_id,
    );
    for (const b of bills) {
      if (left === 0) break;
      const x = Math.min(left, b.owed);
      ctx.tx.run(
        'UPDATE bills SET paid_fen = paid_fen + ? WHERE customer_id = ? AND period = ?',
        x,
        order.customer_id,
        b.period,
      );
      allocation(ctx, order.id, order.id, order.customer_id, b.period, x);
      targets.push(b.period);
      left -= x;
    }
  }
  // A top-up, or what a customer paid beyond the arrears (a second payment of a bill another
  // station already settled, in server order), goes to the system balance (预存).
  if (left > 0) {
    ctx.tx.run('UPDATE customers SET balance_fen = balance_fen + ? WHERE id = ?', left, order.customer_id);
    allocation(ctx, order.id, order.id, order.customer_id, 'balance', left);
    targets.push('balance');
  }
  publishMoney(ctx, order.customer_id, targets);
}

/** Take back `amount` of what `sourceId` applied, newest bill first; the negative ledger row records it. */
function undo(
  ctx: MutationContext,
  by: OrderRow,
  sourceId: string,
  amount: number,
  at: string,
  status: 'reversed' | 'refunded',
): void {
  const ledgerId = status === 'reversed' ? `${by.id}:reversed` : by.id;
  ledger(ctx, ledgerId, by.customer_id, -amount, by.channel, status, at);
  const applied = ctx.tx.all<{ target: string; n: number }>(
    'SELECT target, sum(amount_fen) AS n FROM payment_allocations WHERE source_payment_id = ? GROUP BY target HAVING sum(amount_fen) > 0 ORDER BY target DESC',
    sourceId,
  );
  let left = amount;
  const targets: string[] = [];
  for (const t of applied) {
    if (left === 0) break;
    const x = Math.min(left, t.n);
    if (t.target === 'balance')
      ctx.tx.run('UPDATE customers SET balance_fen = balance_fen - ? WHERE id = ?', x, by.customer_id);
    else
      ctx.tx.run(
        'UPDATE bills SET paid_fen = paid_fen - ? WHERE customer_id = ? AND period = ?',
        x,
        by.customer_id,
        t.target,
      );
    allocation(ctx, sourceId, ledgerId, by.customer_id, t.target, -x);
    targets.push(t.target);
    left -= x;
  }
  publishMoney(ctx, by.customer_id, targets);
}

/**
 * What a step applied, as rows: on the central these are the authoritative allocations; on a
 * station they are pending (optimistic) until the central's allocations of the same step arrive
 * and replace them (main/storage/ops/money-sync.ts).
 */
function allocation(
  ctx: MutationContext,
  sourceId: string,
  appliedBy: string,
  customerId: number,
  target: string,
  amount: number,
): void {
  const id = `${appliedBy}>${sourceId}>${target}`;
  ctx.tx.run(
    'INSERT INTO payment_allocations (id, source_payment_id, applied_by, customer_id, target, amount_fen, pending) VALUES (?, ?, ?, ?, ?, ?, ?)',
    id,
    sourceId,
    appliedBy,
    customerId,
    target,
    amount,
    ctx.side === 'station' ? 1 : 0,
  );
  ctx.changed('paymentAllocation', id);
}

/**
 * The bills and balance a step changed, reported after its allocations: the central logs them in
 * this order, so a station never meets a bill row that already holds a step whose allocations
 * are still pending there (it would count that step twice).
 */
function publishMoney(ctx: MutationContext, customerId: number, targets: readonly string[]): void {
  for (const t of new Set(targets)) {
    if (t === 'balance') ctx.changed('customerBalance', String(customerId));
    else ctx.changed('bill', billId(customerId, t));
  }
}

function ledger(
  ctx: MutationContext,
  id: string,
  customerId: number,
  amount: number,
  channel: string,
  status: string,
  at: string,
): void {
  ctx.tx.run(
    'INSERT INTO payments (id, customer_id, period, amount_fen, channel, status, paid_at) VALUES (?, ?, NULL, ?, ?, ?, ?)',
    id,
    customerId,
    amount,
    channel,
    status,
    at,
  );
  ctx.changed('payment', id);
}
