/**
 * A customer's facts read through the synchronous SQL surface both sides share (the station's
 * replica, the central's store): bills with the time each was settled — by a payment of the
 * collection history (payments) or at a counter (payment_allocations of a payment order).
 */
import type { SqlTx } from '../mutators/sql';
import type { BillFact, CustomerFacts } from './features';

interface BillRow {
  period: string;
  kwh: number;
  amount_fen: number;
  paid_fen: number;
  due_date: string;
  history_paid_at: string | null;
  counter_paid_at: string | null;
}

const BILLS_SQL = `SELECT b.period, b.kwh, b.amount_fen, b.paid_fen, b.due_date,
  (SELECT max(p.paid_at) FROM payments p WHERE p.customer_id = b.customer_id AND p.period = b.period AND p.status = 'succeeded') AS history_paid_at,
  (SELECT max(o.created_at) FROM payment_allocations a JOIN payment_orders o ON o.id = a.source_payment_id
     WHERE a.customer_id = b.customer_id AND a.target = b.period AND a.amount_fen > 0) AS counter_paid_at
  FROM bills b WHERE b.customer_id = ? ORDER BY b.period`;

export function billFact(r: BillRow): BillFact {
  // Settled means paid in full; the later of the two payment times is when it became so.
  const settled = r.paid_fen >= r.amount_fen;
  const times = [r.history_paid_at, r.counter_paid_at].filter((t): t is string => t !== null).sort();
  return {
    period: r.period,
    kwh: r.kwh,
    amountFen: r.amount_fen,
    paidFen: r.paid_fen,
    dueDate: r.due_date,
    paidAt: settled ? (times.at(-1) ?? null) : null,
  };
}

/** The facts of one customer, or null when this side does not hold the customer. */
export function loadCustomerFacts(tx: SqlTx, customerId: number, asOf: string): CustomerFacts | null {
  const c = tx.get<{ usage_type: string; prepaid: number; balance_fen: number }>(
    'SELECT usage_type, prepaid, balance_fen FROM customers WHERE id = ?',
    customerId,
  );
  if (!c) return null;
  const bills = tx.all<BillRow>(BILLS_SQL, customerId).map(billFact);
  const channels = [
    ...tx.all<{ channel: string }>(
      "SELECT channel FROM payments WHERE customer_id = ? AND status = 'succeeded'",
      customerId,
    ),
    ...tx.all<{ channel: string }>(
      "SELECT channel FROM payment_orders WHERE customer_id = ? AND kind = 'bill'",
      customerId,
    ),
  ].map((r) => r.channel);
  const yearAgo = new Date(Date.parse(asOf) - 365 * 86_400_000).toISOString();
  const reminders =
    tx.get<{ n: number }>(
      'SELECT count(*) AS n FROM customer_followups WHERE customer_id = ? AND at > ? AND at <= ?',
      customerId,
      yearAgo,
      asOf,
    )?.n ?? 0;
  return {
    customerId,
    usageType: c.usage_type,
    prepaid: c.prepaid === 1,
    balanceFen: c.balance_fen,
    bills,
    channels,
    reminders12m: Number(reminders),
  };
}
