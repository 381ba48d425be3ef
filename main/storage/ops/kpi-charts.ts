import { WAIT_BUCKETS_MIN, type KpiCharts, type KpiChartsInput } from '@common/api/features/queue-charts';
import { SHANGHAI_OFFSET_MIN } from '@common/queue/time';
import type { WorkerState } from '../worker-state';

const DAY_MS = 86_400_000;
/** Ranges longer than this are trended per month: a year of daily points is unreadable. */
export const DAILY_TREND_MAX_DAYS = 62;

/** The UTC instant (ISO) at which the hall's local day `day` begins. */
function dayStartUtc(day: string, offsetMin = SHANGHAI_OFFSET_MIN): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - offsetMin * 60_000).toISOString();
}
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/** Each weekday (0 = Sunday) counted over the days from…to: the heatmap's per-day divisor. */
export function weekdaysIn(from: string, to: string): number[] {
  const counts = [0, 0, 0, 0, 0, 0, 0];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS)
    counts[new Date(t).getUTCDay()]! += 1;
  return counts;
}

/**
 * The KPI charts of the hall days from…to. Every figure is one aggregate query: the tickets come
 * through the (hall_id, day, …) indexes, the calls through calls_at over the same span of instants,
 * and only grouped rows leave SQLite. The serving call is the first call that is not a recall
 * (docs/domain.md, KPIs); window and agent are the ticket's own.
 */
export function kpiCharts(
  s: WorkerState,
  a: KpiChartsInput & { targets: Record<string, number>; offsetMin?: number },
): KpiCharts {
  const offset = a.offsetMin ?? SHANGHAI_OFFSET_MIN;
  const local = `'${offset >= 0 ? '+' : '-'}${Math.abs(offset)} minutes'`;
  const filters: string[] = [];
  const filterArgs: unknown[] = [];
  if (a.windowNo !== undefined) {
    filters.push('window_no = ?');
    filterArgs.push(a.windowNo);
  }
  if (a.staffId !== undefined) {
    filters.push('staff_id = ?');
    filterArgs.push(a.staffId);
  }
  const where = filters.length ? ` AND ${filters.join(' AND ')}` : '';
  // The tickets of the range and their serving call, as a CTE every aggregate below starts from.
  const served = `WITH t AS (
      SELECT id, day, business_type, status, issued_at, no_show_at FROM tickets
       WHERE hall_id = ? AND day BETWEEN ? AND ?${where}),
    fc AS (
      SELECT ticket_id, min(at) AS at FROM calls WHERE at >= ? AND at < ? AND recall = 0 GROUP BY ticket_id),
    w AS (
      SELECT t.*, CASE WHEN fc.at IS NULL THEN NULL
                  ELSE max(0, (julianday(fc.at) - julianday(t.issued_at)) * 86400.0) END AS wait
        FROM t LEFT JOIN fc ON fc.ticket_id = t.id)`;
  const args = [
    s.hallId,
    a.from,
    a.to,
    ...filterArgs,
    dayStartUtc(a.from, offset),
    dayStartUtc(nextDay(nextDay(a.to)), offset),
  ];

  // One grouped pass for the histogram, the per-type service level and the trend: at most
  // buckets × types × days rows leave SQLite, folded below.
  const bucketCase = `CASE WHEN wait IS NULL THEN NULL ${WAIT_BUCKETS_MIN.map((m, i) => `WHEN wait <= ${m * 60} THEN ${i}`).join(' ')} ELSE ${WAIT_BUCKETS_MIN.length} END`;
  const spanDays = (Date.parse(a.to) - Date.parse(a.from)) / DAY_MS + 1;
  const unit = spanDays > DAILY_TREND_MAX_DAYS ? 'month' : 'day';
  const groups = s.tx.all<{
    b: number | null;
    code: string;
    key: string;
    target: number;
    issued: number;
    called: number;
    within: number;
    noShows: number;
    walkAways: number;
  }>(
    `${served} SELECT ${bucketCase} AS b, w.business_type AS code, ${unit === 'month' ? 'substr(w.day, 1, 7)' : 'w.day'} AS key,
            coalesce(tg.value, 20) AS target, count(*) AS issued, count(w.wait) AS called,
            sum(CASE WHEN w.wait <= coalesce(tg.value, 20) * 60 THEN 1 ELSE 0 END) AS within,
            sum(CASE WHEN w.wait IS NOT NULL AND (w.no_show_at IS NOT NULL OR w.status = 'no_show') THEN 1 ELSE 0 END) AS noShows,
            sum(CASE WHEN w.status IN ('abandoned', 'cancelled') THEN 1 ELSE 0 END) AS walkAways
       FROM w LEFT JOIN json_each(?) tg ON tg.key = w.business_type
      GROUP BY b, code, key`,
    ...args,
    JSON.stringify(a.targets),
  );
  const waitBuckets = new Array<number>(WAIT_BUCKETS_MIN.length + 1).fill(0);
  const types = new Map<string, { code: string; called: number; within: number; target: number }>();
  const trend = new Map<string, KpiCharts['trend']['points'][number]>();
  for (const g of groups) {
    if (g.b !== null) waitBuckets[g.b]! += g.called;
    const ty = types.get(g.code) ?? { code: g.code, called: 0, within: 0, target: g.target };
    ty.called += g.called;
    ty.within += g.within;
    types.set(g.code, ty);
    const p = trend.get(g.key) ?? { key: g.key, issued: 0, called: 0, noShows: 0, walkAways: 0 };
    p.issued += g.issued;
    p.called += g.called;
    p.noShows += g.noShows;
    p.walkAways += g.walkAways;
    trend.set(g.key, p);
  }
  const byType = [...types.values()].filter((t) => t.called > 0).sort((x, y) => (x.code < y.code ? -1 : 1));
  const points = [...trend.values()].sort((x, y) => (x.key < y.key ? -1 : 1));

  const days = weekdaysIn(a.from, a.to);
  const heatmap = s.tx
    .all<{ weekday: number; hour: number; n: number }>(
      `SELECT CAST(strftime('%w', issued_at, ${local}) AS INTEGER) AS weekday,
              CAST(strftime('%H', issued_at, ${local}) AS INTEGER) AS hour, count(*) AS n
         FROM tickets WHERE hall_id = ? AND day BETWEEN ? AND ?${where} GROUP BY weekday, hour`,
      s.hallId,
      a.from,
      a.to,
      ...filterArgs,
    )
    .map((r) => ({ weekday: r.weekday, hour: r.hour, perDay: days[r.weekday] ? r.n / days[r.weekday]! : 0 }));

  const windows = s.tx
    .all<{ window_no: number }>(
      `SELECT DISTINCT window_no FROM tickets WHERE hall_id = ? AND day BETWEEN ? AND ? AND window_no IS NOT NULL ORDER BY window_no`,
      s.hallId,
      a.from,
      a.to,
    )
    .map((r) => r.window_no);
  const agents = s.tx
    .all<{ id: string; staff_no: string; name: string }>(
      `SELECT id, staff_no, name FROM staff WHERE hall_id = ? AND id IN
         (SELECT DISTINCT staff_id FROM tickets WHERE hall_id = ? AND day BETWEEN ? AND ? AND staff_id IS NOT NULL)
       ORDER BY staff_no`,
      s.hallId,
      s.hallId,
      a.from,
      a.to,
    )
    .map((r) => ({ id: r.id, staffNo: r.staff_no, name: r.name }));

  return { from: a.from, to: a.to, waitBuckets, heatmap, byType, trend: { unit, points }, windows, agents };
}
