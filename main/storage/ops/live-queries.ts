import { loadTypeSettings, windowStateId } from '@common/mutators/queue-state';
import type { LiveBadRating } from '@common/api/features/live';
import type { WorkerState } from '../worker-state';
import { snapshot } from './queue-queries';

/** The most recent bad ratings the live view lists; older ones are in the evaluation tab. */
export const LIVE_BAD_RATINGS = 20;

/**
 * The hall now, in one read: the queue snapshot, since when each paused window has been paused, each
 * type's configured target wait, and the day's bad ratings with the agent's name.
 */
export function liveHall(s: WorkerState, a: { day: string }) {
  const snap = snapshot(s, a);
  const pausedSince = new Map<number, string>();
  for (const w of snap.windows) {
    if (w.status !== 'paused') continue;
    const row = s.tx.get<{ updated_at: string }>(
      'SELECT updated_at FROM window_state WHERE id = ?',
      windowStateId(s.hallId, w.windowNo),
    );
    if (row) pausedSince.set(w.windowNo, row.updated_at);
  }
  const targets: Record<string, number> = {};
  for (const t of snap.types) {
    const cfg = loadTypeSettings(s.tx, s.hallId, t.code);
    if (cfg) targets[t.code] = cfg.targetWaitMin;
  }
  const badRatings = s.tx
    .all<{
      id: string;
      ticket_no: string;
      window_no: number;
      staff_id: string;
      staff_name: string | null;
      level: LiveBadRating['level'];
      reason: string | null;
      created_at: string;
    }>(
      `SELECT r.id, r.ticket_no, r.window_no, r.staff_id, st.name AS staff_name, r.level, r.reason, r.created_at
         FROM tickets t JOIN ratings r ON r.ticket_id = t.id LEFT JOIN staff st ON st.id = r.staff_id
        WHERE t.hall_id = ? AND t.day = ? AND r.level IN ('unsatisfied', 'very_unsatisfied')
        ORDER BY r.created_at DESC LIMIT ${LIVE_BAD_RATINGS}`,
      s.hallId,
      a.day,
    )
    .map((r): LiveBadRating => ({
      id: r.id,
      ticketNo: r.ticket_no,
      windowNo: r.window_no,
      staffId: r.staff_id,
      staffName: r.staff_name,
      level: r.level,
      reason: r.reason,
      createdAt: r.created_at,
    }));
  return { snapshot: snap, pausedSince: Object.fromEntries(pausedSince), targets, badRatings };
}
