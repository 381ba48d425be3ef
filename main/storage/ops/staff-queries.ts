import { consultationCounts } from './payment-queries';
import type { AgentEvaluation } from '@common/api/schemas';
import { RATING_LEVELS, isSatisfied, type RatingLevel } from '@common/domain/ratings';
import type { WorkerState } from '../worker-state';
import { toRating, toStaffPublic, type RatingRow, type StaffRow } from '../rows';

export function staffByNo(s: WorkerState, a: { staffNo: string }): StaffRow | null {
  return s.tx.get<StaffRow>('SELECT * FROM staff WHERE staff_no = ?', a.staffNo) ?? null;
}

export function loginAttempts(
  s: WorkerState,
  a: { staffNo: string },
): { failures: number; lockedUntil: string | null } {
  const r = s.tx.get<{ failures: number; locked_until: string | null }>(
    'SELECT failures, locked_until FROM login_attempts WHERE staff_no = ?',
    a.staffNo,
  );
  return { failures: r?.failures ?? 0, lockedUntil: r?.locked_until ?? null };
}

export function setLoginAttempts(
  s: WorkerState,
  a: { staffNo: string; failures: number; lockedUntil: string | null },
): void {
  s.tx.run(
    `INSERT INTO login_attempts (staff_no, failures, locked_until) VALUES (?, ?, ?)
     ON CONFLICT(staff_no) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until`,
    a.staffNo,
    a.failures,
    a.lockedUntil,
  );
}

export function logAnnouncement(
  s: WorkerState,
  a: { ticketId: string; text: string; spoken: boolean; error: string | null; at: string },
): void {
  s.tx.run(
    'INSERT INTO announcements (ticket_id, text, spoken, error, at) VALUES (?, ?, ?, ?, ?)',
    a.ticketId,
    a.text,
    a.spoken ? 1 : 0,
    a.error,
    a.at,
  );
}

/** Per-agent service and rating figures over [from, to] (days, inclusive), as docs/domain.md defines them. */
export function evaluations(s: WorkerState, a: { from: string; to: string }): AgentEvaluation[] {
  const agents = s.tx.all<StaffRow>(
    `SELECT * FROM staff WHERE hall_id = ? AND role IN ('agent','manager') ORDER BY staff_no`,
    s.hallId,
  );
  const consultations = consultationCounts(s, {
    from: new Date(`${a.from}T00:00:00+08:00`).toISOString(),
    to: new Date(Date.parse(`${a.to}T00:00:00+08:00`) + 86_400_000).toISOString(),
  });
  return agents.map((st) => {
    const served =
      s.tx.get<{ n: number }>(
        `SELECT count(*) AS n FROM tickets WHERE staff_id = ? AND status = 'finished' AND day BETWEEN ? AND ?`,
        st.id,
        a.from,
        a.to,
      )?.n ?? 0;
    const rows = s.tx.all<RatingRow>(
      // A rating counts on its ticket's hall day; read through the agent's tickets of those days
      // (index tickets_staff_day), so the day range bounds the read.
      `SELECT r.* FROM tickets t JOIN ratings r ON r.ticket_id = t.id
        WHERE t.staff_id = ? AND t.day BETWEEN ? AND ? AND r.staff_id = ? ORDER BY r.created_at DESC`,
      st.id,
      a.from,
      a.to,
      st.id,
    );
    const byLevel: Record<string, number> = Object.fromEntries([...RATING_LEVELS, 'none'].map((l) => [l, 0]));
    for (const r of rows) byLevel[r.level] = (byLevel[r.level] ?? 0) + 1;
    const rated = rows.filter((r) => r.level !== 'none');
    return {
      staff: toStaffPublic(st),
      served,
      ratings: rated.length,
      byLevel,
      satisfaction: rated.length
        ? rated.filter((r) => isSatisfied(r.level as RatingLevel)).length / rated.length
        : null,
      coverage: served ? rated.length / served : null,
      recent: rows.slice(0, 20).map(toRating),
      consultations: consultations[st.id] ?? 0,
    };
  });
}

export function ratingById(s: WorkerState, a: { id: string }) {
  const r = s.tx.get<RatingRow>('SELECT * FROM ratings WHERE id = ?', a.id);
  return r ? toRating(r) : null;
}

export function staffById(s: WorkerState, a: { id: string }) {
  const r = s.tx.get<StaffRow>('SELECT * FROM staff WHERE id = ?', a.id);
  return r ? toStaffPublic(r) : null;
}
