import { z } from 'zod';
import { dayKey } from '../queue/time';
import { AppFailure } from '../result';
import type { MutationContext } from './sql';

export const SignInArgs = z.object({
  id: z.string().min(8).max(64),
  hallId: z.string().min(1).max(32),
  windowNo: z.number().int().min(1).max(99),
  staffId: z.string().min(1).max(64),
  at: z.string().min(10).max(40),
});
export const SignOutArgs = z.object({ id: z.string().min(8).max(64), at: z.string().min(10).max(40) });

/**
 * One agent per window: a window held today by someone else cannot be taken. "Today" is the hall's
 * business day (Asia/Shanghai), not the UTC date: a session opened at 07:30 local is still today's at 10:00.
 */
export function signIn(ctx: MutationContext, a: z.infer<typeof SignInArgs>): void {
  if (ctx.tx.get('SELECT 1 FROM window_sessions WHERE id = ?', a.id)) return;
  const held = ctx.tx.get<{ id: string; staff_id: string; signed_in_at: string }>(
    `SELECT id, staff_id, signed_in_at FROM window_sessions
      WHERE hall_id = ? AND window_no = ? AND signed_out_at IS NULL ORDER BY signed_in_at DESC LIMIT 1`,
    a.hallId,
    a.windowNo,
  );
  if (held && held.staff_id !== a.staffId && dayKey(held.signed_in_at) === dayKey(a.at)) {
    const who = ctx.tx.get<{ name: string; staff_no: string }>(
      'SELECT name, staff_no FROM staff WHERE id = ?',
      held.staff_id,
    );
    throw who
      ? new AppFailure('conflict', 'queue.windowSignedInBy', {
          windowNo: a.windowNo,
          staffName: who.name,
          staffNo: who.staff_no,
        })
      : new AppFailure('conflict', 'queue.windowSignedIn', { windowNo: a.windowNo });
  }
  // The same agent signing in again (or yesterday's forgotten session) closes the old session.
  const open = ctx.tx.all<{ id: string }>(
    `SELECT id FROM window_sessions WHERE hall_id = ? AND (window_no = ? OR staff_id = ?) AND signed_out_at IS NULL`,
    a.hallId,
    a.windowNo,
    a.staffId,
  );
  for (const s of open) {
    ctx.tx.run('UPDATE window_sessions SET signed_out_at = ? WHERE id = ?', a.at, s.id);
    ctx.changed('windowSession', s.id);
  }
  ctx.tx.run(
    'INSERT INTO window_sessions (id, hall_id, window_no, staff_id, signed_in_at) VALUES (?, ?, ?, ?, ?)',
    a.id,
    a.hallId,
    a.windowNo,
    a.staffId,
    a.at,
  );
  ctx.changed('windowSession', a.id);
}

export function signOut(ctx: MutationContext, a: z.infer<typeof SignOutArgs>): void {
  const changes = ctx.tx.run(
    'UPDATE window_sessions SET signed_out_at = ? WHERE id = ? AND signed_out_at IS NULL',
    a.at,
    a.id,
  ).changes;
  if (changes) ctx.changed('windowSession', a.id);
}
