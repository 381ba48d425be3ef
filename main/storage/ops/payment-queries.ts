import type { WorkerState } from '../worker-state';

export interface PaymentOrderRow {
  id: string;
  hall_id: string;
  kind: 'bill' | 'topup' | 'refund';
  channel: 'cash' | 'bank_card' | 'qr' | 'prepaid_card';
  customer_id: number;
  account_no: string;
  amount_fen: number;
  tendered_fen: number | null;
  refund_of: string | null;
  staff_id: string;
  staff_no: string;
  window_no: number | null;
  ticket_id: string | null;
  created_at: string;
  status: 'created' | 'pending' | 'succeeded' | 'failed' | 'timed_out' | 'reversed';
}

export interface RefundRow {
  id: string;
  payment_id: string;
  account_no: string;
  original_fen: number;
  channel: PaymentOrderRow['channel'];
  amount_fen: number;
  reason: string;
  requested_by: string;
  requested_by_name: string;
  requested_at: string;
  decision: 'approved' | 'rejected' | null;
  decided_by_name: string | null;
  decided_at: string | null;
  note: string | null;
  refund_payment_id: string | null;
  refund_status: PaymentOrderRow['status'] | null;
}

const ORDER_SELECT = `SELECT o.*, coalesce(s.staff_no, '') AS staff_no,
  (SELECT status FROM payment_events e WHERE e.payment_id = o.id ORDER BY seq DESC LIMIT 1) AS status
  FROM payment_orders o LEFT JOIN staff s ON s.id = o.staff_id`;

const REFUND_SELECT = `SELECT r.id, r.payment_id, o.account_no, o.amount_fen AS original_fen, o.channel, r.amount_fen, r.reason, r.requested_by,
  coalesce(rs.name, '') AS requested_by_name, r.requested_at, d.decision, ms.name AS decided_by_name, d.at AS decided_at, d.note, d.refund_payment_id,
  (SELECT status FROM payment_events e WHERE e.payment_id = d.refund_payment_id ORDER BY seq DESC LIMIT 1) AS refund_status
  FROM refund_requests r JOIN payment_orders o ON o.id = r.payment_id LEFT JOIN refund_decisions d ON d.id = r.id
  LEFT JOIN staff rs ON rs.id = r.requested_by LEFT JOIN staff ms ON ms.id = d.manager_id`;

export function paymentCustomer(s: WorkerState, a: { id: number }) {
  return (
    s.tx.get<{ id: number; account_no: string; prepaid: number }>(
      'SELECT id, account_no, prepaid FROM customers WHERE id = ?',
      a.id,
    ) ?? null
  );
}

export function paymentById(s: WorkerState, a: { id: string }) {
  const order = s.tx.get<PaymentOrderRow>(`${ORDER_SELECT} WHERE o.id = ?`, a.id);
  if (!order) return null;
  const events = s.tx.all<{
    status: PaymentOrderRow['status'];
    at: string;
    note: string | null;
    gateway_ref: string | null;
  }>('SELECT status, at, note, gateway_ref FROM payment_events WHERE payment_id = ? ORDER BY seq', a.id);
  const invoice =
    s.tx.get<{ id: string; buyer_title: string; status: 'issued' | 'failed' | null; invoice_no: string | null }>(
      `SELECT i.id, i.buyer_title, (SELECT status FROM invoice_events v WHERE v.invoice_id = i.id ORDER BY at DESC LIMIT 1) AS status,
         (SELECT invoice_no FROM invoice_events v WHERE v.invoice_id = i.id AND status = 'issued') AS invoice_no
       FROM invoice_requests i WHERE i.payment_id = ?`,
      a.id,
    ) ?? null;
  const refunds = s.tx.all<RefundRow>(`${REFUND_SELECT} WHERE r.payment_id = ? ORDER BY r.requested_at`, a.id);
  return { order, events, invoice, refunds };
}

/** A staff member's (or, without staffId, the hall's) payments created in [from, to). */
export function paymentsBetween(
  s: WorkerState,
  a: { from: string; to: string; staffId?: string | null },
): PaymentOrderRow[] {
  return a.staffId
    ? s.tx.all<PaymentOrderRow>(
        `${ORDER_SELECT} WHERE o.created_at >= ? AND o.created_at < ? AND o.staff_id = ? ORDER BY o.created_at`,
        a.from,
        a.to,
        a.staffId,
      )
    : s.tx.all<PaymentOrderRow>(
        `${ORDER_SELECT} WHERE o.created_at >= ? AND o.created_at < ? ORDER BY o.created_at`,
        a.from,
        a.to,
      );
}

export function refundRequests(s: WorkerState, a: { openOnly: boolean }): RefundRow[] {
  return s.tx.all<RefundRow>(
    `${REFUND_SELECT} ${a.openOnly ? 'WHERE d.id IS NULL' : ''} ORDER BY r.requested_at DESC LIMIT 100`,
  );
}

export function refundRequestById(s: WorkerState, a: { id: string }): RefundRow | null {
  return s.tx.get<RefundRow>(`${REFUND_SELECT} WHERE r.id = ?`, a.id) ?? null;
}

export function declaredCash(s: WorkerState, a: { staffId: string; day: string }) {
  return (
    s.tx.get<{ declared_fen: number; at: string }>(
      'SELECT declared_fen, at FROM cash_declarations WHERE staff_id = ? AND day = ? ORDER BY at DESC LIMIT 1',
      a.staffId,
      a.day,
    ) ?? null
  );
}

/** Each staff member's latest cash declaration of the day (whole-hall reconciliation). */
export function dayDeclarations(s: WorkerState, a: { day: string }) {
  return s.tx.all<{ staff_id: string; staff_no: string; name: string; declared_fen: number }>(
    `SELECT d.staff_id, COALESCE(st.staff_no, d.staff_id) AS staff_no, COALESCE(st.name, d.staff_id) AS name, d.declared_fen
       FROM cash_declarations d LEFT JOIN staff st ON st.id = d.staff_id
      WHERE d.day = ? AND d.hall_id = ? AND d.at = (SELECT max(x.at) FROM cash_declarations x WHERE x.staff_id = d.staff_id AND x.day = d.day)
      ORDER BY staff_no`,
    a.day,
    s.hallId,
  );
}

export function consultationsBetween(s: WorkerState, a: { staffId: string; from: string; to: string }) {
  return s.tx.all<{ id: string; topic: string; note: string | null; ticket_no: string | null; at: string }>(
    `SELECT c.id, c.topic, c.note, t.number AS ticket_no, c.at FROM consultations c LEFT JOIN tickets t ON t.id = c.ticket_id
     WHERE c.staff_id = ? AND c.at >= ? AND c.at < ? ORDER BY c.at DESC`,
    a.staffId,
    a.from,
    a.to,
  );
}

/** Consultations per staff member in a hall-day range, for the evaluation board. */
export function consultationCounts(s: WorkerState, a: { from: string; to: string }): Record<string, number> {
  const rows = s.tx.all<{ staff_id: string; n: number }>(
    'SELECT staff_id, count(*) AS n FROM consultations WHERE at >= ? AND at < ? GROUP BY staff_id',
    a.from,
    a.to,
  );
  return Object.fromEntries(rows.map((r) => [r.staff_id, r.n]));
}

/** An account's payments (not refunds) still open: created, at the gateway, or timed out and not yet asked. */
export function openPaymentsOf(s: WorkerState, a: { customerId: number }): PaymentOrderRow[] {
  return s.tx
    .all<PaymentOrderRow>(
      `${ORDER_SELECT} WHERE o.customer_id = ? AND o.kind != 'refund' ORDER BY o.created_at`,
      a.customerId,
    )
    .filter((o) => o.status === null || o.status === 'created' || o.status === 'pending' || o.status === 'timed_out');
}

/** Payments taken by one payer (a kiosk's `kiosk:<station>`) still open at the gateway: resolved after a restart. */
export function openPaymentsBy(s: WorkerState, a: { staffId: string }): PaymentOrderRow[] {
  return s.tx
    .all<PaymentOrderRow>(
      `${ORDER_SELECT} WHERE o.staff_id = ? AND o.kind != 'refund' ORDER BY o.created_at`,
      a.staffId,
    )
    .filter((o) => o.status === null || o.status === 'created' || o.status === 'pending' || o.status === 'timed_out');
}

/**
 * Kiosk payments of an account since `since` whose outcome no kiosk has shown the customer yet
 * (no `kiosk.outcomeShown` in the audit log): the customer left, or the kiosk restarted, before
 * the gateway settled it. Shown, and the receipt printed, at the customer's next visit.
 */
export function kioskOutcomesOwed(s: WorkerState, a: { customerId: number; since: string }): string[] {
  return s.tx
    .all<{ id: string }>(
      `SELECT o.id FROM payment_orders o
        WHERE o.customer_id = ? AND o.staff_id LIKE 'kiosk:%' AND o.kind != 'refund' AND o.created_at >= ?
          AND NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.action = 'kiosk.outcomeShown'
                           AND json_extract(l.detail, '$.paymentId') = o.id)
        ORDER BY o.created_at`,
      a.customerId,
      a.since,
    )
    .map((r) => r.id);
}

/**
 * What a receipt prints beyond the order: the customer's masked name, the billing periods the
 * payment settled, and the payer's orders of the surrounding day and a half (up to and including
 * this one), from which the receipt's day sequence is counted in hall time.
 */
export function receiptFacts(s: WorkerState, a: { paymentId: string }) {
  const order = s.tx.get<{ staff_id: string; created_at: string; name_masked: string | null }>(
    `SELECT o.staff_id, o.created_at, c.name_masked FROM payment_orders o LEFT JOIN customers c ON c.id = o.customer_id WHERE o.id = ?`,
    a.paymentId,
  );
  if (!order) return null;
  const periods = s.tx
    .all<{ target: string }>(
      `SELECT DISTINCT target FROM payment_allocations WHERE source_payment_id = ? AND target GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' ORDER BY target`,
      a.paymentId,
    )
    .map((r) => r.target);
  const since = new Date(Date.parse(order.created_at) - 36 * 3_600_000).toISOString();
  const sameDayCandidates = s.tx.all<{ id: string; created_at: string }>(
    `SELECT id, created_at FROM payment_orders WHERE staff_id = ? AND created_at >= ? AND created_at <= ? ORDER BY created_at, id`,
    order.staff_id,
    since,
    order.created_at,
  );
  return { nameMasked: order.name_masked, periods, createdAt: order.created_at, payerOrders: sameDayCandidates };
}
