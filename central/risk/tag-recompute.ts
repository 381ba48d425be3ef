/**
 * The scheduled tag recompute at the central: each hall's customers' rule tags re-evaluated on the
 * central's own facts, their starts and ends logged for the stations — all of a hall's customers
 * (the nightly run), or only those whose facts changed since a moment (a day's payments).
 */
import { recomputeTags } from '@common/mutators/customer-tags';
import type { MutationContext, SyncedEntity } from '@common/mutators/sql';
import type { SqlDialect } from '../store/sql-dialect';
import type { ChangeLogWriter } from '../store/change-log-writer';

/** Customers per transaction: a hall of a million is recomputed without one huge transaction. */
const BATCH = 2000;

export interface RecomputeOutcome {
  customers: number;
  changedRows: number;
  ms: number;
}

export class CentralTagRecompute {
  constructor(
    private readonly db: SqlDialect,
    private readonly changes: ChangeLogWriter,
  ) {}

  /** Every customer of every hall (or of `hallId`). */
  all(at: string, hallId?: string): RecomputeOutcome {
    const rows = this.db.tx.all<{ id: number; hall_id: string }>(
      `SELECT id, hall_id FROM customers ${hallId ? 'WHERE hall_id = ?' : ''} ORDER BY id`,
      ...(hallId ? [hallId] : []),
    );
    return this.run(rows, at);
  }

  /** Only customers paid for (at a counter or in the collection history) since `since`. */
  paidSince(since: string, at: string): RecomputeOutcome {
    const rows = this.db.tx.all<{ id: number; hall_id: string }>(
      `SELECT c.id, c.hall_id FROM customers c WHERE c.id IN (
         SELECT customer_id FROM payments WHERE paid_at > ? UNION SELECT customer_id FROM payment_orders WHERE created_at > ?)
       ORDER BY c.id`,
      since,
      since,
    );
    return this.run(rows, at);
  }

  private run(customers: readonly { id: number; hall_id: string }[], at: string): RecomputeOutcome {
    const started = performance.now();
    let changedRows = 0;
    for (let i = 0; i < customers.length; i += BATCH) {
      this.db.transaction(() => {
        for (const c of customers.slice(i, i + BATCH)) {
          this.db.bindHall(c.hall_id);
          const touched: { entity: SyncedEntity; id: string }[] = [];
          const ctx: MutationContext = {
            tx: this.db.tx,
            side: 'central',
            changed: (entity, id) => void touched.push({ entity, id }),
          };
          recomputeTags(ctx, { hallId: c.hall_id, customerId: c.id, at });
          for (const t of touched) this.changes.logCurrent(c.hall_id, t.entity, t.id, true);
          changedRows += touched.length;
        }
      });
    }
    return { customers: customers.length, changedRows, ms: Math.round(performance.now() - started) };
  }
}
