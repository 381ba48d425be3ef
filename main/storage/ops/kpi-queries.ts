import { computeKpis, type KpiReport, type TicketTimeline } from '@common/queue/kpi';
import { SHANGHAI_OFFSET_MIN } from '@common/queue/time';
import { isLeasedNumber } from '@common/sync/number-leases';
import type { WorkerState } from '../worker-state';

interface TimelineRow {
  id: string;
  business_type: string;
  status: TicketTimeline['status'];
  issued_at: string;
  started_at: string | null;
  finished_at: string | null;
  window_no: number | null;
  staff_id: string | null;
  number: string;
}

/** The UTC instant (ISO) at which the hall's local day `day` + `plusDays` begins. */
export function localDayStartUtc(day: string, plusDays = 0): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + plusDays * 86_400_000 - SHANGHAI_OFFSET_MIN * 60_000).toISOString();
}

/** The longest range one KPI query may cover; a year of tickets of one hall is ~100k rows. */
export const MAX_KPI_DAYS = 366;

/**
 * Ticket timelines of the hall's days `from`…`to` (inclusive, 'YYYY-MM-DD'): the tickets row plus
 * every call of the ticket, oldest first. Window and agent are the ticket's own (where it was served
 * or last called). The tickets table keeps no no-show instants, so a no-show is known from its status
 * alone: wait is then measured from the first call, which is what "the last call counts" gives for a
 * ticket never called back.
 */
export function kpiTimelines(s: WorkerState, a: { from: string; to: string }): TicketTimeline[] {
  const tickets = s.tx.all<TimelineRow>(
    `SELECT id, business_type, status, issued_at, started_at, finished_at, window_no, staff_id, number FROM tickets
      WHERE hall_id = ? AND day BETWEEN ? AND ? ORDER BY issued_at`,
    s.hallId,
    a.from,
    a.to,
  );
  // Calls has no index by ticket: bound the calls by instant (calls_at) to the range's local days,
  // with a day's margin for a ticket called after midnight, so a day's read does not scan a year.
  const calls = s.tx.all<{ ticket_id: string; at: string; recall: number }>(
    `SELECT c.ticket_id, c.at, c.recall FROM calls c JOIN tickets t ON t.id = c.ticket_id
      WHERE c.at >= ? AND c.at < ? AND t.hall_id = ? AND t.day BETWEEN ? AND ? ORDER BY c.at`,
    localDayStartUtc(a.from),
    localDayStartUtc(a.to, 2),
    s.hallId,
    a.from,
    a.to,
  );
  const byTicket = new Map<string, { at: string; recall: boolean }[]>();
  for (const c of calls) {
    let list = byTicket.get(c.ticket_id);
    if (!list) byTicket.set(c.ticket_id, (list = []));
    list.push({ at: c.at, recall: c.recall === 1 });
  }
  return tickets.map((t) => ({
    id: t.id,
    type: t.business_type,
    issuedAt: t.issued_at,
    calls: byTicket.get(t.id) ?? [],
    noShowAt: [],
    startedAt: t.started_at,
    finishedAt: t.finished_at,
    status: t.status,
    windowNo: t.window_no,
    agentId: t.staff_id,
    leased: isLeasedNumber(t.number),
  }));
}

/** Names for the agent ids a KPI report groups by. */
export function staffNames(s: WorkerState): { id: string; staffNo: string; name: string }[] {
  return s.tx
    .all<{ id: string; staff_no: string; name: string }>(
      'SELECT id, staff_no, name FROM staff WHERE hall_id = ? ORDER BY staff_no',
      s.hallId,
    )
    .map((r) => ({ id: r.id, staffNo: r.staff_no, name: r.name }));
}

/**
 * The KPI report of from…to computed where the rows are read: only the aggregates cross to the
 * station's thread, so a year's report neither copies ~100k timelines nor computes on the thread
 * that answers the kiosks.
 */
export function kpiReport(
  s: WorkerState,
  a: { from: string; to: string; targetWaitMin: Record<string, number> },
): KpiReport {
  return computeKpis(kpiTimelines(s, a), { targetWaitMin: a.targetWaitMin });
}
