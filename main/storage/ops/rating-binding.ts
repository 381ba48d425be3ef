import type { WorkerState } from '../worker-state';

/** The ticket a window finished last today (rated or not): the only one its customer screen may rate. */
export function lastFinishedAtWindow(s: WorkerState, a: { day: string; windowNo: number }): { id: string } | null {
  return (
    s.tx.get<{ id: string }>(
      `SELECT id FROM tickets WHERE hall_id = ? AND day = ? AND window_no = ? AND status = 'finished'
        ORDER BY finished_at DESC LIMIT 1`,
      s.hallId,
      a.day,
      a.windowNo,
    ) ?? null
  );
}
