import { BUSINESS_TYPES } from '@common/domain/business-types';
import { DEFAULT_TARGET_WAIT_MIN } from '@common/queue/kpi';
import type { HallComparison, HallFigures } from '@common/sync/hall-comparison';
import type { SqlDialect } from './sql-dialect';

interface TicketRow {
  hall_id: string;
  tickets: number | string;
  called: number | string | null;
  finished: number | string | null;
  wait_sum: number | string | null;
  within: number | string | null;
}
interface RatingRow {
  hall_id: string;
  rated: number | string | null;
  satisfied: number | string | null;
}

const n = (x: number | string | null | undefined): number => Number(x ?? 0);
const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

/**
 * Per-hall aggregates of the central's tickets and ratings for a period, computed in the database
 * (one grouped scan each) on SQLite and PostgreSQL alike: only counts and rates come out.
 */
export class HallComparisons {
  constructor(private readonly db: SqlDialect) {}

  compare(from: string, to: string): HallComparison {
    const waitSec =
      this.db.name === 'postgres'
        ? 'EXTRACT(EPOCH FROM (t.called_at::timestamptz - t.issued_at::timestamptz))'
        : '((julianday(t.called_at) - julianday(t.issued_at)) * 86400.0)';
    // Each type's target wait in seconds, as a CASE over the business type (the domain's defaults). The
    // seconds are integers written into the SQL: a bound parameter there has no type PostgreSQL can infer.
    const seconds = (min: number) => String(Math.round(min * 60));
    const targetCase = `CASE t.business_type ${BUSINESS_TYPES.map(
      (b) => `WHEN ? THEN ${seconds(b.targetWaitMin || DEFAULT_TARGET_WAIT_MIN)}`,
    ).join(' ')} ELSE ${seconds(DEFAULT_TARGET_WAIT_MIN)} END`;
    const targetParams = BUSINESS_TYPES.map((b) => b.code);
    const tickets = this.db.tx.all<TicketRow>(
      `SELECT t.hall_id AS hall_id, count(*) AS tickets,
         sum(CASE WHEN t.called_at IS NOT NULL THEN 1 ELSE 0 END) AS called,
         sum(CASE WHEN t.status = 'finished' THEN 1 ELSE 0 END) AS finished,
         sum(CASE WHEN t.called_at IS NOT NULL THEN ${waitSec} ELSE 0 END) AS wait_sum,
         sum(CASE WHEN t.called_at IS NOT NULL AND ${waitSec} <= ${targetCase} THEN 1 ELSE 0 END) AS within
       FROM tickets t WHERE t.day BETWEEN ? AND ? GROUP BY t.hall_id`,
      ...targetParams,
      from,
      to,
    );
    const ratings = this.db.tx.all<RatingRow>(
      `SELECT t.hall_id AS hall_id,
         sum(CASE WHEN r.level <> 'none' THEN 1 ELSE 0 END) AS rated,
         sum(CASE WHEN r.level IN ('very_satisfied', 'satisfied') THEN 1 ELSE 0 END) AS satisfied
       FROM ratings r JOIN tickets t ON t.id = r.ticket_id
       WHERE t.day BETWEEN ? AND ? GROUP BY t.hall_id`,
      from,
      to,
    );
    const halls = this.db.tx.all<{ id: string; name: string }>('SELECT id, name FROM halls ORDER BY id');
    const byHall = new Map(tickets.map((r) => [r.hall_id, r]));
    const ratedBy = new Map(ratings.map((r) => [r.hall_id, r]));
    const figures = halls.map((h): HallFigures => {
      const t = byHall.get(h.id);
      const r = ratedBy.get(h.id);
      const called = n(t?.called);
      const finished = n(t?.finished);
      const rated = n(r?.rated);
      return {
        hallId: h.id,
        hallName: h.name,
        tickets: n(t?.tickets),
        called,
        finished,
        avgWaitSec: called ? n(t?.wait_sum) / called : null,
        serviceLevel: ratio(n(t?.within), called),
        ratings: rated,
        satisfaction: ratio(n(r?.satisfied), rated),
        coverage: ratio(rated, finished),
      };
    });
    return { from, to, halls: figures };
  }
}
