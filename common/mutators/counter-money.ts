import { z } from 'zod';
import { isValidCreditCode } from '../domain/credit-code';
import { formatYuan } from '../payments/money';
import { AppFailure } from '../result';
import { alreadyAppended } from './append-only';
import { currentStatus } from './payments';
import type { MutationContext } from './sql';

/**
 * The rest of the money at the counter, all append-only facts: refund requests and the manager's
 * decision on them, e-invoice requests and their issue, the agent's declared cash drawer, and
 * oral consultations (they count in the staff evaluation).
 */
const Id = z.string().min(8).max(80);
const At = z.string().min(10).max(40);
const Hall = z.string().min(1).max(16);
const Staff = z.string().min(1).max(64);

export const RefundRequestArgs = z.object({
  id: Id,
  hallId: Hall,
  paymentId: Id,
  amountFen: z.number().int().positive('payment.refundAmountNotPositive'),
  reason: z.string().trim().min(2, 'payment.refundReasonRequired').max(200),
  staffId: Staff,
  at: At,
});

export const RefundDecisionArgs = z.object({
  requestId: Id,
  hallId: Hall,
  decision: z.enum(['approved', 'rejected']),
  managerId: Staff,
  note: z.string().max(200).nullable(),
  refundPaymentId: Id.nullable(),
  at: At,
});

export const InvoiceRequestArgs = z.object({
  id: Id,
  hallId: Hall,
  paymentId: Id,
  buyerTitle: z.string().trim().min(2, 'payment.buyerTitleTooShort').max(100, 'payment.buyerTitleTooLong'),
  taxId: z.string().trim().toUpperCase().refine(isValidCreditCode, 'payment.invalidTaxId').nullable(),
  email: z.string().trim().email('input.invalidEmail').max(100).nullable(),
  staffId: Staff,
  at: At,
});

export const InvoiceIssueArgs = z.object({
  id: Id,
  invoiceId: Id,
  status: z.enum(['issued', 'failed']),
  invoiceNo: z.string().max(40).nullable(),
  at: At,
});

export const CashDeclareArgs = z.object({
  id: Id,
  hallId: Hall,
  staffId: Staff,
  day: z.string().date(),
  declaredFen: z.number().int().nonnegative('payment.negativeCash').max(100_000_000),
  note: z.string().max(200).nullable(),
  at: At,
});

export const ConsultationArgs = z.object({
  id: Id,
  hallId: Hall,
  staffId: Staff,
  windowNo: z.number().int().nullable(),
  ticketId: z.string().min(1).max(64).nullable(),
  topic: z.string().trim().min(1, 'input.topicRequired').max(60),
  note: z.string().max(300).nullable(),
  at: At,
});

/**
 * Refundable = what the payment still has applied, less refunds already requested and not rejected.
 * (`<> coalesce(?, '')`, not `IS NOT ?`: PostgreSQL has no `IS NOT <value>`, and a refund request
 * replayed at a PostgreSQL central failed with a syntax error.)
 */
export function refundableFen(ctx: MutationContext, paymentId: string, exceptRequest?: string): number {
  const applied =
    ctx.tx.get<{ n: number }>(
      'SELECT coalesce(sum(amount_fen), 0) AS n FROM payment_allocations WHERE source_payment_id = ?',
      paymentId,
    )?.n ?? 0;
  const open =
    ctx.tx.get<{ n: number }>(
      `SELECT coalesce(sum(r.amount_fen), 0) AS n FROM refund_requests r LEFT JOIN refund_decisions d ON d.id = r.id
     WHERE r.payment_id = ? AND r.id <> coalesce(?, '') AND (d.id IS NULL OR (d.decision = 'approved' AND NOT EXISTS (
       SELECT 1 FROM payment_events e WHERE e.payment_id = d.refund_payment_id AND e.status IN ('succeeded','failed'))))`,
      paymentId,
      exceptRequest ?? null,
    )?.n ?? 0;
  return applied - open;
}

export function requestRefund(ctx: MutationContext, a: z.infer<typeof RefundRequestArgs>): void {
  if (
    alreadyAppended(ctx, 'refund_requests', a.id, {
      payment_id: a.paymentId,
      amount_fen: a.amountFen,
      reason: a.reason,
    })
  )
    return;
  const order = ctx.tx.get<{ kind: string }>('SELECT kind FROM payment_orders WHERE id = ?', a.paymentId);
  if (!order) throw new AppFailure('not_found', 'payment.notFound', {}, 'paymentId');
  if (order.kind === 'refund') throw new AppFailure('validation', 'payment.refundOfRefund', {}, 'paymentId');
  if (currentStatus(ctx, a.paymentId) !== 'succeeded')
    throw new AppFailure('conflict', 'payment.refundNeedsSuccess', {}, 'paymentId');
  const refundable = refundableFen(ctx, a.paymentId);
  if (a.amountFen > refundable)
    throw new AppFailure(
      'validation',
      'payment.refundTooLarge',
      { amount: formatYuan(a.amountFen), refundable: formatYuan(refundable) },
      'amountFen',
    );
  ctx.tx.run(
    'INSERT INTO refund_requests (id, hall_id, payment_id, amount_fen, reason, requested_by, requested_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    a.id,
    a.hallId,
    a.paymentId,
    a.amountFen,
    a.reason,
    a.staffId,
    a.at,
  );
  ctx.changed('refundRequest', a.id);
}

export function decideRefund(ctx: MutationContext, a: z.infer<typeof RefundDecisionArgs>): void {
  if (alreadyAppended(ctx, 'refund_decisions', a.requestId, { decision: a.decision, manager_id: a.managerId })) return; // first decision stands
  const req = ctx.tx.get<{ requested_by: string }>(
    'SELECT requested_by FROM refund_requests WHERE id = ?',
    a.requestId,
  );
  if (!req) throw new AppFailure('not_found', 'payment.refundRequestNotFound', {}, 'requestId');
  const manager = ctx.tx.get<{ role: string }>('SELECT role FROM staff WHERE id = ?', a.managerId);
  if (manager?.role !== 'manager') throw new AppFailure('forbidden', 'payment.refundNeedsManager', {}, 'managerId');
  if (a.decision === 'approved' && !a.refundPaymentId)
    throw new AppFailure('validation', 'payment.refundPaymentMissing', {}, 'refundPaymentId');
  ctx.tx.run(
    'INSERT INTO refund_decisions (id, hall_id, decision, manager_id, note, refund_payment_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    a.requestId,
    a.hallId,
    a.decision,
    a.managerId,
    a.note,
    a.decision === 'approved' ? a.refundPaymentId : null,
    a.at,
  );
  ctx.changed('refundDecision', a.requestId);
}

export function requestInvoice(ctx: MutationContext, a: z.infer<typeof InvoiceRequestArgs>): void {
  if (
    alreadyAppended(ctx, 'invoice_requests', a.id, {
      payment_id: a.paymentId,
      buyer_title: a.buyerTitle,
      tax_id: a.taxId,
    })
  )
    return;
  if (currentStatus(ctx, a.paymentId) !== 'succeeded')
    throw new AppFailure('conflict', 'payment.invoiceNeedsSuccess', {}, 'paymentId');
  if (ctx.tx.get('SELECT 1 FROM invoice_requests WHERE payment_id = ?', a.paymentId))
    throw new AppFailure('conflict', 'payment.invoiceAlreadyRequested', {}, 'paymentId');
  ctx.tx.run(
    'INSERT INTO invoice_requests (id, hall_id, payment_id, buyer_title, tax_id, email, requested_by, requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    a.id,
    a.hallId,
    a.paymentId,
    a.buyerTitle,
    a.taxId,
    a.email,
    a.staffId,
    a.at,
  );
  ctx.changed('invoiceRequest', a.id);
}

export function issueInvoice(ctx: MutationContext, a: z.infer<typeof InvoiceIssueArgs>): void {
  if (
    alreadyAppended(ctx, 'invoice_events', a.id, { invoice_id: a.invoiceId, status: a.status, invoice_no: a.invoiceNo })
  )
    return;
  if (!ctx.tx.get('SELECT 1 FROM invoice_requests WHERE id = ?', a.invoiceId))
    throw new AppFailure('not_found', 'payment.invoiceNotFound', {}, 'invoiceId');
  if (ctx.tx.get(`SELECT 1 FROM invoice_events WHERE invoice_id = ? AND status = 'issued'`, a.invoiceId))
    throw new AppFailure('conflict', 'payment.invoiceAlreadyIssued', {}, 'invoiceId');
  ctx.tx.run(
    'INSERT INTO invoice_events (id, invoice_id, status, invoice_no, at) VALUES (?, ?, ?, ?, ?)',
    a.id,
    a.invoiceId,
    a.status,
    a.invoiceNo,
    a.at,
  );
  ctx.changed('invoiceEvent', a.id);
}

/** A later declaration for the same day supersedes the earlier one (both kept). */
export function declareCash(ctx: MutationContext, a: z.infer<typeof CashDeclareArgs>): void {
  if (alreadyAppended(ctx, 'cash_declarations', a.id, { staff_id: a.staffId, day: a.day, declared_fen: a.declaredFen }))
    return;
  ctx.tx.run(
    'INSERT INTO cash_declarations (id, hall_id, staff_id, day, declared_fen, note, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    a.id,
    a.hallId,
    a.staffId,
    a.day,
    a.declaredFen,
    a.note,
    a.at,
  );
  ctx.changed('cashDeclaration', a.id);
}

export function logConsultation(ctx: MutationContext, a: z.infer<typeof ConsultationArgs>): void {
  if (alreadyAppended(ctx, 'consultations', a.id, { staff_id: a.staffId, topic: a.topic, ticket_id: a.ticketId }))
    return;
  ctx.tx.run(
    'INSERT INTO consultations (id, hall_id, staff_id, window_no, ticket_id, topic, note, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    a.id,
    a.hallId,
    a.staffId,
    a.windowNo,
    a.ticketId,
    a.topic,
    a.note,
    a.at,
  );
  ctx.changed('consultation', a.id);
}
