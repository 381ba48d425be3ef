import { z } from 'zod';
import { AppFailure } from '../result';
import type { MutationContext } from './sql';

/** The customer may add the optional dimensions this long after tapping the level, never later. */
export const DIMENSIONS_WINDOW_MS = 10 * 60_000;

const Score = z.number().int().min(1).max(5);
export const RatingDimensionsArgs = z.object({
  ratingId: z.string().min(8).max(64),
  dimensions: z
    .object({ attitude: Score, efficiency: Score, quality: Score, integrity: Score })
    .partial()
    .strict()
    .refine((d) => Object.keys(d).length > 0, { message: 'rating.noDimension' }),
  at: z.string().min(10).max(40),
});

/**
 * The optional dimensions (态度/效率/质量/廉洁) come after the level: the level is recorded at the tap,
 * the dimensions may follow once, on a rating that has none yet. A second, different set is refused —
 * the rating, once complete, never changes; the same set again is a replay.
 */
export function addRatingDimensions(ctx: MutationContext, a: z.infer<typeof RatingDimensionsArgs>): void {
  const r = ctx.tx.get<{ ticket_no: string; level: string; dimensions: string; created_at: string }>(
    'SELECT ticket_no, level, dimensions, created_at FROM ratings WHERE id = ?',
    a.ratingId,
  );
  if (!r) throw new AppFailure('not_found', 'rating.notFound', {}, 'ratingId');
  const given = JSON.stringify(a.dimensions);
  if (r.dimensions === given) return; // replay
  if (r.level === 'none') throw new AppFailure('conflict', 'rating.notRated', { ticketNo: r.ticket_no }, 'ratingId');
  if (r.dimensions !== '{}')
    throw new AppFailure('conflict', 'rating.dimensionsGiven', { ticketNo: r.ticket_no }, 'dimensions');
  if (Date.parse(a.at) - Date.parse(r.created_at) > DIMENSIONS_WINDOW_MS) {
    throw new AppFailure(
      'conflict',
      'rating.dimensionsTooLate',
      { ticketNo: r.ticket_no, minutes: DIMENSIONS_WINDOW_MS / 60_000 },
      'at',
    );
  }
  ctx.tx.run('UPDATE ratings SET dimensions = ? WHERE id = ?', given, a.ratingId);
  ctx.changed('rating', a.ratingId);
}
