/**
 * Many customers' facts at once (the central's training, a station's high-risk list), read in three ordered scans (bills, the collection
 * history, counter payments) merged per customer — not a query per customer.
 */
import type { SqlTx } from '../mutators/sql';
import { billFact } from './facts-sql';
import type { CustomerFacts } from './features';

interface Cursor<T> {
  rows: T[];
  i: number;
}
function take<T extends { customer_id: number }>(c: Cursor<T>, customerId: number): T[] {
  const out: T[] = [];
  while (c.i < c.rows.length && c.rows[c.i]!.customer_id < customerId) c.i++;
  while (c.i < c.rows.length && c.rows[c.i]!.customer_id === customerId) out.push(c.rows[c.i++]!);
  return out;
}

/** Customers whose id satisfies `id % every === 0` (every = 1: all), oldest bill first. */
export function loadHistories(
  tx: SqlTx,
  opts: { every?: number; customerIds?: readonly number[] } = {},
): CustomerFacts[] {
  const every = Math.max(1, Math.floor(opts.every ?? 1));
  const only = opts.customerIds ? `AND customer_id IN (${opts.customerIds.map(Number).join(',') || 'NULL'})` : '';
  const pick = `(customer_id % ${every}) = 0 ${only}`;
  const customers = tx.all<{ id: number; usage_type: string; prepaid: number; balance_fen: number }>(
    `SELECT id, usage_type, prepaid, balance_fen FROM customers WHERE (id % ${every}) = 0 ${only.replace('customer_id', 'id')} ORDER BY id`,
  );
  const bills: Cursor<{
    customer_id: number;
    period: string;
    kwh: number;
    amount_fen: number;
    paid_fen: number;
    due_date: string;
  }> = {
    rows: tx.all(
      `SELECT customer_id, period, kwh, amount_fen, paid_fen, due_date FROM bills WHERE ${pick} ORDER BY customer_id, period`,
    ),
    i: 0,
  };
  const paid: Cursor<{ customer_id: number; period: string | null; channel: string; paid_at: string }> = {
    rows: tx.all(
      `SELECT customer_id, period, channel, paid_at FROM payments WHERE ${pick} AND status = 'succeeded' ORDER BY customer_id`,
    ),
    i: 0,
  };
  const counter: Cursor<{ customer_id: number; target: string; created_at: string; channel: string }> = {
    rows: tx.all(
      `SELECT a.customer_id, a.target, o.created_at, o.channel FROM payment_allocations a JOIN payment_orders o ON o.id = a.source_payment_id
       WHERE ${pick.replaceAll('customer_id', 'a.customer_id')} AND a.amount_fen > 0 ORDER BY a.customer_id`,
    ),
    i: 0,
  };
  return customers.map((c) => {
    const history = new Map<string, string>();
    const channels: string[] = [];
    for (const p of take(paid, c.id)) {
      channels.push(p.channel);
      if (p.period && (history.get(p.period) ?? '') < p.paid_at) history.set(p.period, p.paid_at);
    }
    const atCounter = new Map<string, string>();
    for (const a of take(counter, c.id)) {
      channels.push(a.channel);
      if ((atCounter.get(a.target) ?? '') < a.created_at) atCounter.set(a.target, a.created_at);
    }
    return {
      customerId: c.id,
      usageType: c.usage_type,
      prepaid: c.prepaid === 1,
      balanceFen: c.balance_fen,
      bills: take(bills, c.id).map((b) =>
        billFact({
          ...b,
          history_paid_at: history.get(b.period) ?? null,
          counter_paid_at: atCounter.get(b.period) ?? null,
        }),
      ),
      channels,
      // Follow-ups began with this model: training sees none, so the tree never splits on them.
      reminders12m: 0,
    };
  });
}
