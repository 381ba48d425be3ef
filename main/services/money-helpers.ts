/** What the money services share: who took a payment, the hall day's bounds, the gateway guard, refund views. */
import type { RefundView } from '@common/api/payment-schemas';
import { AppFailure } from '@common/result';
import type { RefundRow } from '../storage/ops/payment-queries';
import type { PaymentGateway } from './ports/payment-gateway';

/** The gateway, for every channel but cash. */
export function requireGateway(gateway: PaymentGateway | null): PaymentGateway {
  if (!gateway) throw new AppFailure('unavailable', 'payment.cashOnly', {}, 'channel');
  return gateway;
}

/** Who takes a payment: an agent (staff id, staff number) or a kiosk (`kiosk:<station>`, no window). */
export interface PayActor {
  staffId: string;
  /** Written to the audit log as the actor. */
  auditActor: string;
  windowNo: number | null;
}

/** The staff id a kiosk's payments are recorded under, so reconciliation can be done per kiosk. */
export const kioskStaffId = (stationId: string): string => `kiosk:${stationId}`;
/** How a kiosk is named where a staff member would be (receipts, reconciliation). */
export const kioskOperator = (staffId: string): string =>
  staffId.startsWith('kiosk:') ? `自助终端 ${staffId.slice(6, 14)}` : '';

/** Hall day → its UTC bounds (Asia/Shanghai has no DST). */
export const dayBounds = (day: string) => ({
  from: new Date(`${day}T00:00:00+08:00`).toISOString(),
  to: new Date(Date.parse(`${day}T00:00:00+08:00`) + 86_400_000).toISOString(),
});

export const toRefundView = (r: RefundRow): RefundView => ({
  id: r.id,
  paymentId: r.payment_id,
  accountNo: r.account_no,
  originalFen: r.original_fen,
  channel: r.channel,
  amountFen: r.amount_fen,
  reason: r.reason,
  requestedBy: r.requested_by,
  requestedByName: r.requested_by_name,
  requestedAt: r.requested_at,
  decision: r.decision,
  decidedByName: r.decided_by_name,
  decidedAt: r.decided_at,
  note: r.note,
  refundPaymentId: r.refund_payment_id,
  refundStatus: r.refund_status,
});
