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
    .refine((d) => Object.keys(d).length > 0, { message: '至少选择一项分项评价 (no dimension given)' }),
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
  if (!r) throw new AppFailure('not_found', `评价 ${a.ratingId} 不存在 (no such rating)`, 'ratingId');
  const given = JSON.stringify(a.dimensions);
  if (r.dimensions === given) return; // replay
  if (r.level === 'none')
    throw new AppFailure('conflict', `${r.ticket_no} 未评价，不能补充分项 (no rating to complete)`, 'ratingId');
  if (r.dimensions !== '{}')
    throw new AppFailure(
      'conflict',
      `${r.ticket_no} 分项评价已提交，评价不可更改 (dimensions already given)`,
      'dimensions',
    );
  if (Date.parse(a.at) - Date.parse(r.created_at) > DIMENSIONS_WINDOW_MS) {
    throw new AppFailure(
      'conflict',
      `${r.ticket_no} 评价已超过 ${DIMENSIONS_WINDOW_MS / 60_000} 分钟，不能补充分项 (too late)`,
      'at',
    );
  }
  ctx.tx.run('UPDATE ratings SET dimensions = ? WHERE id = ?', given, a.ratingId);
  ctx.changed('rating', a.ratingId);
}
