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

/** A rating is given at the counter when the service ends; its time is held to that, so it cannot be moved to another day. */
export const RATING_AFTER_FINISH_MS = 12 * 3_600_000;

/**
 * Ratings are append-only facts bound to ticket, window and agent: never overwritten. The time is
 * the station's (the hall day a KPI counts it on), bounded by the ticket's finish: a rating dated
 * before the service ended, or long after it, is refused.
 */
export function recordRating(ctx: MutationContext, a: z.infer<typeof RatingArgs>): void {
  if (a.level !== 'none' && needsReason(a.level) && !a.reason?.trim()) {
    throw new AppFailure('validation', 'rating.reasonRequired', {}, 'reason');
  }
  const t = ctx.tx.get<{
    number: string;
    status: string;
    window_no: number | null;
    staff_id: string | null;
    finished_at: string | null;
  }>('SELECT number, status, window_no, staff_id, finished_at FROM tickets WHERE id = ?', a.ticketId);
  if (!t) throw new AppFailure('not_found', 'queue.ticketNotFound', {}, 'ticketId');
  if (t.status !== 'finished' || t.window_no === null || t.staff_id === null) {
    throw new AppFailure('conflict', 'rating.notFinished', { ticketNo: t.number });
  }
  const sinceFinish = t.finished_at ? Date.parse(a.at) - Date.parse(t.finished_at) : 0;
  if (!(sinceFinish >= 0)) throw new AppFailure('validation', 'sync.ratingBeforeService', {}, 'at');
  if (sinceFinish > RATING_AFTER_FINISH_MS)
    throw new AppFailure('validation', 'sync.ratingTooLate', { hours: RATING_AFTER_FINISH_MS / 3_600_000 }, 'at');
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
