/**
 * Customers of other halls at this counter (跨区域办理): what the central returned is cached in the
 * station's own tables, marked in `customer_remote` with its hall, so the counter finds it again
 * without asking and its view reads like any other. The cache is not a domain write: nothing goes to
 * the outbox, and a row of this hall's own is never overwritten.
 */
import type Database from 'better-sqlite3';
import type { CustomerFlags } from '@common/api/customer-schemas';
import { BINARY_CUSTOMER_COLUMNS, type RemoteCustomer } from '@common/sync/customer-lookup';
import { AppFailure } from '@common/result';

const CUSTOMER_COLUMNS = [
  'id',
  'hall_id',
  'account_no',
  'name_masked',
  'name_enc',
  'id_masked',
  'id_enc',
  'id_hash',
  'phone_masked',
  'phone_enc',
  'phone_hash',
  'phone_tail',
  'address_masked',
  'address_enc',
  'meter_no',
  'tariff',
  'usage_type',
  'prepaid',
  'balance_fen',
] as const;

/** Write the fetched customers, their bills, tags and risk in one transaction; returns their ids. */
export function cacheRemoteCustomers(
  db: Database.Database,
  ownHall: string,
  fetched: RemoteCustomer[],
  now: string,
): number[] {
  const insCustomer = db.prepare(
    `INSERT OR REPLACE INTO customers (${CUSTOMER_COLUMNS.join(', ')}) VALUES (${CUSTOMER_COLUMNS.map(() => '?').join(', ')})`,
  );
  const insBill = db.prepare(
    'INSERT INTO bills (customer_id, period, kwh, amount_fen, paid_fen, due_date) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insFlags = db.prepare(
    'INSERT OR REPLACE INTO customer_flags (id, hall_id, customer_id, tags, risk_level, risk_note, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insRemote = db.prepare(
    'INSERT OR REPLACE INTO customer_remote (customer_id, hall_id, hall_name, fetched_at) VALUES (?, ?, ?, ?)',
  );
  const existing = db.prepare('SELECT hall_id FROM customers WHERE id = ?').pluck();
  return db.transaction(() => {
    const ids: number[] = [];
    for (const r of fetched) {
      const c = r.customer;
      if (r.hallId === ownHall) continue; // ours would be in the database already
      const held = existing.get(c.id) as string | undefined;
      if (held !== undefined && held !== r.hallId)
        throw new AppFailure('conflict', 'customer.heldByOtherHall', { customerId: c.id });
      const row: Record<string, unknown> = { ...c, hall_id: r.hallId };
      for (const b of BINARY_CUSTOMER_COLUMNS) row[b] = Buffer.from(c[b], 'base64');
      insCustomer.run(...CUSTOMER_COLUMNS.map((k) => row[k]));
      db.prepare('DELETE FROM bills WHERE customer_id = ?').run(c.id);
      for (const b of r.bills) insBill.run(c.id, b.period, b.kwh, b.amount_fen, b.paid_fen, b.due_date);
      if (r.flags)
        insFlags.run(
          r.flags.id,
          r.flags.hall_id,
          r.flags.customer_id,
          r.flags.tags,
          r.flags.risk_level,
          r.flags.risk_note,
          r.flags.updated_at,
        );
      insRemote.run(c.id, r.hallId, r.hallName, now);
      ids.push(c.id);
    }
    return ids;
  })();
}

/** A customer's tags and risk, or null when the central has set none. */
export function flagsOf(db: Database.Database, customerId: number): CustomerFlags | null {
  const r = db
    .prepare('SELECT tags, risk_level, risk_note, updated_at FROM customer_flags WHERE customer_id = ?')
    .get(customerId) as
    { tags: string; risk_level: CustomerFlags['riskLevel']; risk_note: string | null; updated_at: string } | undefined;
  if (!r) return null;
  let tags: string[] = [];
  try {
    const parsed: unknown = JSON.parse(r.tags);
    if (Array.isArray(parsed)) tags = parsed.filter((t): t is string => typeof t === 'string');
  } catch {
    // A malformed row shows no tags rather than breaking the customer view.
  }
  return { tags, riskLevel: r.risk_level, riskNote: r.risk_note, updatedAt: r.updated_at };
}
