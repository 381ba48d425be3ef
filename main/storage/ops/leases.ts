import type { SqlTx } from '@common/mutators/sql';
import { NUMBER_PREFIXES, ticketNumber, type Lease } from '@common/sync/number-leases';
import type { WorkerState } from '../worker-state';

/** This kiosk's blocks of offline ticket numbers (granted by the central), consumed in order. */
export function storeLease(tx: SqlTx, hallId: string, clientId: string, lease: Lease, now: string): void {
  tx.run(
    `INSERT INTO number_leases (hall_id, day, prefix, first, last, client_id, leased_at, next) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (hall_id, day, prefix, first) DO NOTHING`,
    hallId,
    lease.day,
    lease.prefix,
    lease.first,
    lease.last,
    clientId,
    now,
    lease.first,
  );
}

/** The next unused number of this kiosk's leases for (day, prefix), taken for good; null when none is left. */
export function takeLeased(tx: SqlTx, hallId: string, day: string, prefix: string): string | null {
  const lease = tx.get<{ first: number; next: number }>(
    'SELECT first, next FROM number_leases WHERE hall_id = ? AND day = ? AND prefix = ? AND next <= last ORDER BY first LIMIT 1',
    hallId,
    day,
    prefix,
  );
  if (!lease) return null;
  tx.run(
    'UPDATE number_leases SET next = next + 1 WHERE hall_id = ? AND day = ? AND prefix = ? AND first = ?',
    hallId,
    day,
    prefix,
    lease.first,
  );
  return ticketNumber(prefix, lease.next);
}

/** Leased numbers still unused per prefix for the day. */
export function leaseStock(tx: SqlTx, hallId: string, day: string): Record<string, number> {
  const rows = tx.all<{ prefix: string; left: number }>(
    'SELECT prefix, sum(last - next + 1) AS left FROM number_leases WHERE hall_id = ? AND day = ? AND next <= last GROUP BY prefix',
    hallId,
    day,
  );
  const stock = Object.fromEntries(NUMBER_PREFIXES.map((p) => [p, 0]));
  for (const r of rows) stock[r.prefix] = r.left;
  return stock;
}

/** This kiosk's leases of days before `today` with numbers it never printed: they go back to the hall's ledger. */
export function spentLeases(
  s: WorkerState,
  a: { today: string },
): { day: string; prefix: string; first: number; next: number }[] {
  return s.tx.all(
    'SELECT day, prefix, first, next FROM number_leases WHERE hall_id = ? AND day < ? AND next <= last ORDER BY day, prefix, first',
    s.hallId,
    a.today,
  );
}

/** A lease given back: none of its numbers can be taken any more (they are the ledger's now). */
export function leaseReturned(s: WorkerState, a: { day: string; prefix: string; first: number }): void {
  s.tx.run(
    'UPDATE number_leases SET next = last + 1 WHERE hall_id = ? AND day = ? AND prefix = ? AND first = ?',
    s.hallId,
    a.day,
    a.prefix,
    a.first,
  );
}

export const saveLease = (s: WorkerState, a: { lease: Lease; now: string }): void =>
  storeLease(s.tx, s.hallId, s.stationId, a.lease, a.now);
export const takeLeasedNumber = (s: WorkerState, a: { day: string; prefix: string }): string | null =>
  s.db.transaction(() => takeLeased(s.tx, s.hallId, a.day, a.prefix))();
export const leasedStock = (s: WorkerState, a: { day: string }): Record<string, number> =>
  leaseStock(s.tx, s.hallId, a.day);

/** Tickets this station issued since `since`, per number prefix (its own rate sizes its leases, common/sync/number-leases.ts). */
export function issuedSince(s: WorkerState, a: { since: string }): Record<string, number> {
  const rows = s.tx.all<{ prefix: string; n: number }>(
    'SELECT substr(number, 1, 1) AS prefix, count(*) AS n FROM tickets WHERE hall_id = ? AND issued_by = ? AND issued_at >= ? GROUP BY prefix',
    s.hallId,
    s.stationId,
    a.since,
  );
  return Object.fromEntries(rows.map((r) => [r.prefix, r.n]));
}
