import { z } from 'zod';
import { RATING_LEVELS, needsReason } from '../domain/ratings';
import { AppFailure } from '../result';
import { alreadyAppended } from './append-only';
import type { MutationContext } from './sql';

export const RatingArgs = z.object({
  id: z.string().min(8).max(64),
  ticketId: z.string().min(1).max(64),
  level: z.enum([...RATING_LEVELS, 'none']),
  dimensions: z.record(z.string(), z.number().int().min(1).max(5)),
  reason: z.string().max(500).nullable(),
  at: z.string().min(10).max(40),
});

/** Ratings are append-only facts bound to ticket, window and agent: never overwritten. */
export function recordRating(ctx: MutationContext, a: z.infer<typeof RatingArgs>): void {
  if (a.level !== 'none' && needsReason(a.level) && !a.reason?.trim()) {
    throw new AppFailure('validation', 'rating.reasonRequired', {}, 'reason');
  }
  const t = ctx.tx.get<{ number: string; status: string; window_no: number | null; staff_id: string | null }>(
    'SELECT number, status, window_no, staff_id FROM tickets WHERE id = ?',
    a.ticketId,
  );
  if (!t) throw new AppFailure('not_found', 'queue.ticketNotFound', {}, 'ticketId');
  if (t.status !== 'finished' || t.window_no === null || t.staff_id === null) {
    throw new AppFailure('conflict', 'rating.notFinished', { ticketNo: t.number });
  }
  if (
    alreadyAppended(ctx, 'ratings', a.id, {
      ticket_id: a.ticketId,
      level: a.level,
      dimensions: JSON.stringify(a.dimensions),
      reason: a.reason ?? null,
    })
  )
    return; // replay
  if (ctx.tx.get('SELECT 1 FROM ratings WHERE ticket_id = ?', a.ticketId)) {
    throw new AppFailure('conflict', 'rating.alreadyRated', { ticketNo: t.number });
  }
  ctx.tx.run(
    `INSERT INTO ratings (id, ticket_id, ticket_no, window_no, staff_id, level, dimensions, reason, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    a.id,
    a.ticketId,
    t.number,
    t.window_no,
    t.staff_id,
    a.level,
    JSON.stringify(a.dimensions),
    a.reason,
    a.at,
  );
  ctx.changed('rating', a.id);
}
