import { SHANGHAI_OFFSET_MIN } from '@common/queue/time';
import type { WorkerState } from '../worker-state';

export interface StaffingHistory {
  /** Mean tickets issued per local weekday (0 = Sunday) and hour, over the days the hall had tickets. */
  arrivals: { weekday: number; hour: number; perDay: number }[];
  /** Mean handling time of finished tickets per local hour of start, seconds. */
  ahtByHour: Record<number, number>;
  /** Mean number of windows that called at least one ticket, per weekday and hour. */
  rostered: { weekday: number; hour: number; windows: number }[];
  /** Tickets issued per business type: the mix that weights the target wait. */
  typeMix: Record<string, number>;
  windows: number;
}

/**
 * What the staffing forecast needs from the days from…to, in four grouped queries over the indexed
 * day range (tickets) and instant range (calls).
 */
export function staffingHistory(s: WorkerState, a: { from: string; to: string }): StaffingHistory {
  const local = `'+${SHANGHAI_OFFSET_MIN} minutes'`;
  // Averages over the days the hall was open (had tickets): a history shorter than the range asked
  // for, or a closed holiday, must not dilute the expected load.
  const days = [0, 0, 0, 0, 0, 0, 0];
  for (const r of s.tx.all<{ weekday: number; n: number }>(
    `SELECT CAST(strftime('%w', day) AS INTEGER) AS weekday, count(DISTINCT day) AS n
       FROM tickets WHERE hall_id = ? AND day BETWEEN ? AND ? GROUP BY weekday`,
    s.hallId,
    a.from,
    a.to,
  ))
    days[r.weekday] = r.n;
  const perDay = (weekday: number, n: number) => (days[weekday] ? n / days[weekday]! : 0);
  const arrivals = s.tx
    .all<{ weekday: number; hour: number; n: number }>(
      `SELECT CAST(strftime('%w', issued_at, ${local}) AS INTEGER) AS weekday,
              CAST(strftime('%H', issued_at, ${local}) AS INTEGER) AS hour, count(*) AS n
         FROM tickets WHERE hall_id = ? AND day BETWEEN ? AND ? GROUP BY weekday, hour`,
      s.hallId,
      a.from,
      a.to,
    )
    .map((r) => ({ weekday: r.weekday, hour: r.hour, perDay: perDay(r.weekday, r.n) }));
  const ahtByHour = Object.fromEntries(
    s.tx
      .all<{ hour: number; aht: number }>(
        `SELECT CAST(strftime('%H', started_at, ${local}) AS INTEGER) AS hour,
                avg((julianday(finished_at) - julianday(started_at)) * 86400.0) AS aht
           FROM tickets WHERE hall_id = ? AND day BETWEEN ? AND ? AND status = 'finished'
            AND started_at IS NOT NULL AND finished_at IS NOT NULL GROUP BY hour`,
        s.hallId,
        a.from,
        a.to,
      )
      .map((r) => [r.hour, r.aht]),
  );
  const start = new Date(Date.parse(`${a.from}T00:00:00Z`) - SHANGHAI_OFFSET_MIN * 60_000).toISOString();
  const end = new Date(Date.parse(`${a.to}T00:00:00Z`) + 86_400_000 - SHANGHAI_OFFSET_MIN * 60_000).toISOString();
  const rostered = s.tx
    .all<{ weekday: number; hour: number; n: number }>(
      `SELECT weekday, hour, count(*) AS n FROM (
         SELECT DISTINCT date(at, ${local}) AS d, CAST(strftime('%w', at, ${local}) AS INTEGER) AS weekday,
                CAST(strftime('%H', at, ${local}) AS INTEGER) AS hour, window_no
           FROM calls WHERE at >= ? AND at < ?)
       GROUP BY weekday, hour`,
      start,
      end,
    )
    .map((r) => ({ weekday: r.weekday, hour: r.hour, windows: perDay(r.weekday, r.n) }));
  const typeMix = Object.fromEntries(
    s.tx
      .all<{ code: string; n: number }>(
        'SELECT business_type AS code, count(*) AS n FROM tickets WHERE hall_id = ? AND day BETWEEN ? AND ? GROUP BY code',
        s.hallId,
        a.from,
        a.to,
      )
      .map((r) => [r.code, r.n]),
  );
  const windows = s.tx.get<{ n: number }>('SELECT count(*) AS n FROM windows WHERE hall_id = ?', s.hallId)!.n;
  return { arrivals, ahtByHour, rostered, typeMix, windows };
}
