/**
 * Latent payment behaviour for the demo hall, so the risk model has something real to learn: most
 * customers pay on time every month, some pay late on and off (late payers), and a few start paying
 * later and later from some month on until they stop paying (drifting into arrears). The behaviour
 * is a keyed function of the seed and the customer id; the figures the model reaches on it come
 * from this synthetic data, not from any real hall.
 */
import type Database from 'better-sqlite3';
import type { BillMonth, CustomerSeed } from './customers';
import type { CustomerFacts } from '@common/analytics/features';
import { Rng } from './prng';

export type BehaviourKind = 'steady' | 'late' | 'drifting';
/** How one month's bill was settled: this many days after its due date (0: on time), or never. */
export type MonthOutcome = number | 'unpaid';

const DAY = 86_400_000;

/** The customer's kind and, month by month (oldest first), how the bill was settled by `asOfMs`. */
export function paymentBehaviour(
  seed: number,
  customerId: number,
  months: readonly Pick<BillMonth, 'dueMs'>[],
  asOfMs: number,
): { kind: BehaviourKind; outcomes: MonthOutcome[] } {
  const rng = new Rng((seed ^ Math.imul(customerId, 0x9e3779b1)) >>> 0);
  const draw = rng.next();
  const kind: BehaviourKind = draw < 0.79 ? 'steady' : draw < 0.93 ? 'late' : 'drifting';
  const lateShare = 0.2 + 0.4 * rng.next();
  const driftFrom = rng.int(4, months.length - 2);
  const stopAfter = rng.int(2, 6);
  const outcomes = months.map((m, k): MonthOutcome => {
    let days: number;
    if (kind === 'steady') days = rng.chance(0.03) ? rng.int(1, 6) : 0;
    else if (kind === 'late') days = rng.chance(lateShare) ? rng.int(3, 40) : 0;
    else if (k >= driftFrom) {
      const j = k - driftFrom;
      // Stopped paying: the collection recovers a bill after a few months, the newest stay open.
      if (j >= stopAfter) return m.dueMs + 75 * DAY < asOfMs ? rng.int(45, 70) : 'unpaid';
      days = rng.chance(Math.min(0.95, 0.45 + 0.15 * j)) ? rng.int(5, 20) + 12 * j : 0;
    } else days = rng.chance(0.05) ? rng.int(1, 8) : 0;
    // A payment that would come after the reference date has not come yet.
    return days > 0 && m.dueMs + days * DAY >= asOfMs ? 'unpaid' : days;
  });
  return { kind, outcomes };
}

/**
 * Rewrites a just-seeded customer's payments to their behaviour: a late month's payment moves past
 * its due date, an unpaid month's payment goes and its bill stays open. Customers the generator
 * already left in arrears keep their bills as they are.
 */
export class PaymentBehaviourSeeder {
  readonly #late: Database.Statement;
  readonly #drop: Database.Statement;
  readonly #open: Database.Statement;

  constructor(
    db: Database.Database,
    private readonly hallId: string,
    private readonly seed: number,
    private readonly months: readonly BillMonth[],
    private readonly asOfMs: number,
  ) {
    this.#late = db.prepare('UPDATE payments SET paid_at = ? WHERE id = ?');
    this.#drop = db.prepare('DELETE FROM payments WHERE id = ?');
    this.#open = db.prepare('UPDATE bills SET paid_fen = 0 WHERE customer_id = ? AND period = ?');
  }

  /** Returns how many of the customer's payments it took back (their bills are now open). */
  apply(c: CustomerSeed): number {
    if (c.unpaidLatest > 0) return 0;
    const { outcomes } = paymentBehaviour(this.seed, c.id, this.months, this.asOfMs);
    const prefix = `${this.hallId}-P${String(c.id).padStart(8, '0')}-`;
    let dropped = 0;
    outcomes.forEach((o, k) => {
      const m = this.months[k]!;
      const id = prefix + m.periodCompact;
      if (o === 'unpaid') {
        if (this.#drop.run(id).changes) {
          this.#open.run(c.id, m.period);
          dropped++;
        }
      } else if (o > 0) this.#late.run(new Date(m.dueMs + o * DAY - 3 * 3_600_000).toISOString(), id);
    });
    return dropped;
  }
}

/**
 * Customers' facts with this behaviour, made in memory (no database): for the model's tests and
 * the million-customer scoring bench. Usage and amounts are simple; the payments follow the
 * behaviour exactly as the seeder writes them.
 */
export function syntheticFacts(
  count: number,
  seed: number,
  months: readonly BillMonth[],
  asOfMs: number,
  firstId = 1,
): CustomerFacts[] {
  const out: CustomerFacts[] = [];
  const rng = new Rng(seed ^ 0x5bd1e995);
  for (let id = firstId; id < firstId + count; id++) {
    const base = rng.int(60, 600);
    const { outcomes } = paymentBehaviour(seed, id, months, asOfMs);
    const channel = rng.pick(['微信', '支付宝', '网上国网', '柜台现金', '银行代扣']);
    out.push({
      customerId: id,
      usageType: rng.chance(0.08) ? '非居民' : '居民',
      prepaid: false,
      balanceFen: 0,
      reminders12m: 0,
      channels: outcomes.filter((o) => o !== 'unpaid').map(() => channel),
      bills: months.map((m, k) => {
        const kwh = Math.round(base * (0.85 + 0.3 * rng.next()));
        const amount = kwh * 56;
        const o = outcomes[k]!;
        return {
          period: m.period,
          kwh,
          amountFen: amount,
          paidFen: o === 'unpaid' ? 0 : amount,
          dueDate: m.dueDate,
          paidAt:
            o === 'unpaid' ? null : new Date(m.dueMs + (o > 0 ? o * DAY - 3 * 3_600_000 : -5 * DAY)).toISOString(),
        };
      }),
    });
  }
  return out;
}
