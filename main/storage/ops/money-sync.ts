import { parseBillId, SYNCED_ENTITIES, type SqlTx } from '@common/mutators/sql';
import type { Change } from '@common/sync/protocol';

/**
 * Bills and balances across stations (docs/sync.md "Bills and balances across stations"). The central
 * replays every payment step in server order and sends the bills, balance and allocations it made.
 * On a station one rule keeps what the screens show right while its own steps are still on the
 * way: a bill's paid_fen (a customer's balance_fen) is the central's value plus the station's
 * pending allocations to it — the allocation rows its own steps wrote that the central has not yet
 * answered with its own (`pending = 1`). The central logs a step's allocations before the bills
 * and balance they changed, so a bill row that already counts a step never meets that step's
 * pending rows here: nothing is counted twice, and nothing of a step still on its way is lost.
 */

type Tx = SqlTx;

const pendingTo = (tx: Tx, customerId: number, target: string): number =>
  tx.get<{ n: number }>(
    'SELECT coalesce(sum(amount_fen), 0) AS n FROM payment_allocations WHERE pending = 1 AND customer_id = ? AND target = ?',
    customerId,
    target,
  )?.n ?? 0;

/** Take a pending allocation's amount back out of the bill or balance it went to, and drop it. */
function dropPending(tx: Tx, row: { id: string; customer_id: number; target: string; amount_fen: number }): void {
  if (row.target === 'balance')
    tx.run('UPDATE customers SET balance_fen = balance_fen - ? WHERE id = ?', row.amount_fen, row.customer_id);
  else
    tx.run(
      'UPDATE bills SET paid_fen = paid_fen - ? WHERE customer_id = ? AND period = ?',
      row.amount_fen,
      row.customer_id,
      row.target,
    );
  tx.run('DELETE FROM payment_allocations WHERE id = ?', row.id);
}

/** Undo what a step the central rejected applied here (its pending allocations, by id). */
export function undoPendingAllocations(tx: Tx, ids: readonly string[]): number {
  let n = 0;
  for (const id of ids) {
    const row = tx.get<{ id: string; customer_id: number; target: string; amount_fen: number }>(
      'SELECT id, customer_id, target, amount_fen FROM payment_allocations WHERE id = ? AND pending = 1',
      id,
    );
    if (row) {
      dropPending(tx, row);
      n++;
    }
  }
  return n;
}

/**
 * Apply one pulled bill, balance or allocation row. Returns false for a row this station does not
 * apply: a bill or balance of a customer it does not hold (another hall's customer paid here and
 * never looked up at this station, or a station without the customer master).
 */
export function applyMoneyChange(tx: Tx, c: Change, allowed: ReadonlySet<string>): boolean {
  if (c.entity === 'customerBalance') {
    const customerId = Number(c.id);
    const balance = c.row.balance_fen;
    if (!Number.isSafeInteger(customerId) || String(c.row.id) !== c.id || typeof balance !== 'number')
      throw new Error(`pull change ${c.version}: malformed balance`);
    return (
      tx.run(
        'UPDATE customers SET balance_fen = ? WHERE id = ?',
        balance + pendingTo(tx, customerId, 'balance'),
        customerId,
      ).changes > 0
    );
  }
  if (c.entity === 'bill') {
    const key = parseBillId(c.id);
    if (
      !key ||
      c.row.id !== c.id ||
      c.row.customer_id !== key.customerId ||
      c.row.period !== key.period ||
      typeof c.row.paid_fen !== 'number'
    )
      throw new Error(`pull change ${c.version}: malformed bill`);
    if (!tx.get('SELECT 1 FROM customers WHERE id = ?', key.customerId)) return false;
    upsert(tx, 'bills', c.row, allowed);
    tx.run('UPDATE bills SET paid_fen = paid_fen + ? WHERE id = ?', pendingTo(tx, key.customerId, key.period), c.id);
    return true;
  }
  // An allocation of the central: the step it belongs to has been applied there, so this station's
  // pending rows of the same step (perhaps to other targets: the central saw other payments first)
  // give way to the central's. Their amounts leave the local rows here; the central's arrive with
  // the bill and balance rows logged after them.
  if (c.row.id !== c.id || typeof c.row.applied_by !== 'string')
    throw new Error(`pull change ${c.version}: malformed allocation`);
  for (const mine of tx.all<{ id: string; customer_id: number; target: string; amount_fen: number }>(
    'SELECT id, customer_id, target, amount_fen FROM payment_allocations WHERE applied_by = ? AND pending = 1',
    c.row.applied_by,
  )) {
    dropPending(tx, mine);
  }
  upsert(tx, SYNCED_ENTITIES.paymentAllocation.table, { ...c.row, pending: 0 }, allowed);
  return true;
}

function upsert(tx: Tx, table: string, row: Record<string, unknown>, allowed: ReadonlySet<string>): void {
  const names = Object.keys(row).filter((n) => allowed.has(n));
  tx.run(
    `INSERT OR REPLACE INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
    ...names.map((n) => row[n]),
  );
}
