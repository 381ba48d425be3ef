import { RATING_LEVELS } from '@common/domain/ratings';
import type { WorkerState } from '../worker-state';
import { toRating, toStaffPublic, type RatingRow, type StaffRow } from '../rows';
import { consultationCounts } from './payment-queries';
import type { EvaluationCell, EvaluationFacts } from '@common/evaluation/report';

const LEVELS = [...RATING_LEVELS, 'none'] as const;
const BAD = "('unsatisfied','very_unsatisfied')";

/** The UTC instants a range of hall days spans (the hall keeps China time). */
export function hallDayBounds(from: string, to: string): { fromIso: string; toIso: string } {
  return {
    fromIso: new Date(`${from}T00:00:00+08:00`).toISOString(),
    toIso: new Date(Date.parse(`${to}T00:00:00+08:00`) + 86_400_000).toISOString(),
  };
}

/**
 * A period split for the aggregates: the whole months inside it (read from the monthly rows) and
 * the days before and after them (from the daily rows). A year is 12 monthly reads per agent and
 * type, not 365 daily ones.
 */
export function periodParts(from: string, to: string): { months: [string, string] | null; days: [string, string][] } {
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const DAY = 86_400_000;
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  const f = new Date(start);
  const firstFull = f.getUTCDate() === 1 ? start : Date.UTC(f.getUTCFullYear(), f.getUTCMonth() + 1, 1);
  const e = new Date(end);
  const nextMonth = Date.UTC(e.getUTCFullYear(), e.getUTCMonth() + 1, 1);
  const lastFullEnd = end + DAY === nextMonth ? end : Date.UTC(e.getUTCFullYear(), e.getUTCMonth(), 1) - DAY;
  if (firstFull > lastFullEnd) return { months: null, days: [[from, to]] };
  const days: [string, string][] = [];
  if (start < firstFull) days.push([from, iso(firstFull - DAY)]);
  if (lastFullEnd < end) days.push([iso(lastFullEnd + DAY), to]);
  return { months: [iso(firstFull).slice(0, 7), iso(lastFullEnd).slice(0, 7)], days };
}

/** The union of monthly and daily rows of one aggregate over a period, as `SELECT … FROM (…)` input with its parameters. */
function periodRows(s: WorkerState, kind: 'evaluation' | 'handling', columns: string, from: string, to: string) {
  const parts = periodParts(from, to);
  const selects: string[] = [];
  const params: unknown[] = [];
  if (parts.months) {
    selects.push(`SELECT ${columns} FROM ${kind}_monthly WHERE hall_id = ? AND month BETWEEN ? AND ?`);
    params.push(s.hallId, ...parts.months);
  }
  for (const [a, b] of parts.days) {
    selects.push(`SELECT ${columns} FROM ${kind}_daily WHERE hall_id = ? AND day BETWEEN ? AND ?`);
    params.push(s.hallId, a, b);
  }
  return { sql: selects.join(' UNION ALL '), params };
}

const CELL_COLUMNS = `staff_id, business_type, served, handled, handled_sec, no_shows, ${LEVELS.map((l) => `r_${l}`).join(', ')}`;

/**
 * What the evaluation of hall days from…to is computed from: the aggregates the triggers of
 * migration 21 keep (per month and per day, agent and business type, read by their primary key's
 * range), the handling-time histogram per type, and the few rows appeals add. Nothing here scans
 * tickets or ratings.
 */
export function evaluationFacts(s: WorkerState, a: { from: string; to: string }): EvaluationFacts {
  const cellRows = periodRows(s, 'evaluation', CELL_COLUMNS, a.from, a.to);
  const cells = s.tx
    .all<Record<string, number | string>>(
      `SELECT staff_id, business_type, sum(served) AS served, sum(handled) AS handled, sum(handled_sec) AS handled_sec,
              sum(no_shows) AS no_shows, ${LEVELS.map((l) => `sum(r_${l}) AS r_${l}`).join(', ')}
         FROM (${cellRows.sql}) GROUP BY staff_id, business_type`,
      ...cellRows.params,
    )
    .map((r): EvaluationCell => ({
      staffId: String(r.staff_id),
      type: String(r.business_type),
      served: Number(r.served),
      handled: Number(r.handled),
      handledSec: Number(r.handled_sec),
      noShows: Number(r.no_shows),
      levels: Object.fromEntries(LEVELS.map((l) => [l, Number(r[`r_${l}`])])),
    }))
    .filter((c) => c.served || c.handled || c.noShows || LEVELS.some((l) => c.levels[l]));
  const histRows = periodRows(s, 'handling', 'business_type, bucket, n', a.from, a.to);
  const histogram = s.tx.all<{ type: string; bucket: number; n: number }>(
    `SELECT business_type AS type, bucket, sum(n) AS n FROM (${histRows.sql})
      GROUP BY business_type, bucket HAVING sum(n) > 0 ORDER BY 1, 2`,
    ...histRows.params,
  );
  const appeals = s.tx.all<{ staff_id: string; level: string; decision: string | null; n: number }>(
    `SELECT r.staff_id, r.level, d.decision, count(*) AS n
       FROM rating_appeals ap JOIN ratings r ON r.id = ap.rating_id JOIN tickets t ON t.id = r.ticket_id
       LEFT JOIN appeal_decisions d ON d.id = ap.id
      WHERE t.hall_id = ? AND t.day BETWEEN ? AND ? GROUP BY 1, 2, 3`,
    s.hallId,
    a.from,
    a.to,
  );
  const { fromIso, toIso } = hallDayBounds(a.from, a.to);
  const staff = s.tx.all<StaffRow>(
    `SELECT * FROM staff WHERE hall_id = ? AND role IN ('agent','manager') ORDER BY staff_no`,
    s.hallId,
  );
  return {
    cells,
    histogram,
    excluded: appeals
      .filter((r) => r.decision === 'accepted')
      .map((r) => ({ staffId: r.staff_id, level: r.level, n: r.n })),
    pendingAppeals: appeals.filter((r) => r.decision === null).map((r) => ({ staffId: r.staff_id, n: r.n })),
    consultations: consultationCounts(s, { from: fromIso, to: toIso }),
    staff: staff.map(toStaffPublic),
  };
}

export interface AgentServiceRow {
  ticket_id: string;
  ticket_no: string;
  day: string;
  business_type: string;
  status: string;
  window_no: number | null;
  issued_at: string;
  started_at: string | null;
  finished_at: string | null;
  rating_id: string | null;
  rating_level: string | null;
  rating_reason: string | null;
  rating_dimensions: string | null;
  appeal_id: string | null;
  appeal_decision: string | null;
  applications: number;
  payments: number;
}

/** One agent's finished and no-show tickets of the period, newest first, with what each left behind. */
export function agentServices(
  s: WorkerState,
  a: { staffId: string; from: string; to: string; limit: number },
): AgentServiceRow[] {
  return s.tx.all<AgentServiceRow>(
    `SELECT t.id AS ticket_id, t.number AS ticket_no, t.day, t.business_type, t.status, t.window_no, t.issued_at,
            t.started_at, t.finished_at, r.id AS rating_id, r.level AS rating_level, r.reason AS rating_reason,
            r.dimensions AS rating_dimensions, ap.id AS appeal_id, d.decision AS appeal_decision,
            (SELECT count(*) FROM signature_requests q WHERE q.ticket_id = t.id) AS applications,
            (SELECT count(*) FROM payment_orders p WHERE p.ticket_id = t.id) AS payments
       FROM tickets t LEFT JOIN ratings r ON r.ticket_id = t.id
       LEFT JOIN rating_appeals ap ON ap.rating_id = r.id LEFT JOIN appeal_decisions d ON d.id = ap.id
      WHERE t.staff_id = ? AND t.day BETWEEN ? AND ? AND t.status IN ('finished','no_show')
      ORDER BY t.day DESC, coalesce(t.finished_at, t.issued_at) DESC LIMIT ?`,
    a.staffId,
    a.from,
    a.to,
    a.limit,
  );
}

/** The rows behind one service: the ticket, its calls, the rating and appeal, the applications and payments made on it. */
export function serviceEvidence(s: WorkerState, a: { ticketId: string }) {
  const ticket = s.tx.get<{
    id: string;
    number: string;
    day: string;
    business_type: string;
    status: string;
    window_no: number | null;
    staff_id: string | null;
    issued_at: string;
    started_at: string | null;
    finished_at: string | null;
  }>(
    `SELECT id, number, day, business_type, status, window_no, staff_id, issued_at, started_at, finished_at
       FROM tickets WHERE id = ? AND hall_id = ?`,
    a.ticketId,
    s.hallId,
  );
  if (!ticket) return null;
  const calls = s.tx.all<{ at: string; window_no: number; recall: number; staff_id: string }>(
    'SELECT at, window_no, recall, staff_id FROM calls WHERE ticket_id = ? ORDER BY at',
    a.ticketId,
  );
  const rating = s.tx.get<RatingRow>('SELECT * FROM ratings WHERE ticket_id = ?', a.ticketId);
  const appeal = rating ? appealOfRating(s, { ratingId: rating.id }) : null;
  const applicationIds = s.tx
    .all<{ application_id: string }>(
      'SELECT DISTINCT application_id FROM signature_requests WHERE ticket_id = ? ORDER BY application_id',
      a.ticketId,
    )
    .map((r) => r.application_id);
  const payments = s.tx.all<{
    id: string;
    kind: string;
    channel: string;
    amount_fen: number;
    created_at: string;
    status: string | null;
  }>(
    `SELECT o.id, o.kind, o.channel, o.amount_fen, o.created_at,
            (SELECT e.status FROM payment_events e WHERE e.payment_id = o.id ORDER BY e.seq DESC LIMIT 1) AS status
       FROM payment_orders o WHERE o.ticket_id = ? ORDER BY o.created_at`,
    a.ticketId,
  );
  return { ticket, calls, rating: rating ? toRating(rating) : null, appeal, applicationIds, payments };
}

export interface AppealRow {
  id: string;
  rating_id: string;
  staff_id: string;
  reason: string;
  filed_at: string;
  decision: 'accepted' | 'rejected' | null;
  manager_id: string | null;
  note: string | null;
  decided_at: string | null;
  ticket_id: string;
  ticket_no: string;
  day: string;
  business_type: string;
  level: string;
  rating_reason: string | null;
  rated_at: string;
}

const APPEAL_SELECT = `SELECT ap.id, ap.rating_id, ap.staff_id, ap.reason, ap.filed_at, d.decision, d.manager_id, d.note,
       d.decided_at, r.ticket_id, r.ticket_no, t.day, t.business_type, r.level, r.reason AS rating_reason, r.created_at AS rated_at
  FROM rating_appeals ap JOIN ratings r ON r.id = ap.rating_id JOIN tickets t ON t.id = r.ticket_id
  LEFT JOIN appeal_decisions d ON d.id = ap.id`;

export function appealById(s: WorkerState, a: { id: string }): AppealRow | null {
  return s.tx.get<AppealRow>(`${APPEAL_SELECT} WHERE ap.id = ?`, a.id) ?? null;
}

export function appealOfRating(s: WorkerState, a: { ratingId: string }): AppealRow | null {
  return s.tx.get<AppealRow>(`${APPEAL_SELECT} WHERE ap.rating_id = ?`, a.ratingId) ?? null;
}

/** The hall's appeals, undecided first, newest first; `openOnly`: the undecided ones. */
export function appeals(s: WorkerState, a: { openOnly: boolean; limit: number }): AppealRow[] {
  return s.tx.all<AppealRow>(
    `${APPEAL_SELECT} WHERE ap.hall_id = ? ${a.openOnly ? 'AND d.id IS NULL' : ''}
      ORDER BY d.id IS NOT NULL, ap.filed_at DESC LIMIT ?`,
    s.hallId,
    a.limit,
  );
}

export interface BadRatingRow extends RatingRow {
  day: string;
  business_type: string;
  appeal_id: string | null;
}

/** An agent's bad ratings since a day, newest first, each with its appeal if one was filed. */
export function badRatingsOf(s: WorkerState, a: { staffId: string; since: string }): BadRatingRow[] {
  return s.tx.all<BadRatingRow>(
    `SELECT r.*, t.day, t.business_type, ap.id AS appeal_id
       FROM tickets t JOIN ratings r ON r.ticket_id = t.id LEFT JOIN rating_appeals ap ON ap.rating_id = r.id
      WHERE t.staff_id = ? AND t.day >= ? AND r.staff_id = ? AND r.level IN ${BAD}
      ORDER BY r.created_at DESC LIMIT 100`,
    a.staffId,
    a.since,
    a.staffId,
  );
}

/** The hall's score weights as stored (JSON), or null where the manager has set none. */
export function evaluationWeights(s: WorkerState): { weights: string; updated_by: string; updated_at: string } | null {
  return (
    s.tx.get<{ weights: string; updated_by: string; updated_at: string }>(
      'SELECT weights, updated_by, updated_at FROM evaluation_weights WHERE hall_id = ?',
      s.hallId,
    ) ?? null
  );
}
