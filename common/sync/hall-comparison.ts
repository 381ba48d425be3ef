import { z } from 'zod';

/** The longest period a hall comparison may cover, in days (as the KPIs). */
export const MAX_COMPARISON_DAYS = 366;

/** What a station asks the central: the hall days from…to, inclusive. */
export const HallComparisonQuery = z
  .object({ from: z.string().date(), to: z.string().date() })
  .strict()
  .refine((q) => q.from <= q.to, { message: 'form.endBeforeStart', path: ['from'] })
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < MAX_COMPARISON_DAYS, {
    message: 'input.dateRangeTooLong',
    path: ['from'],
  });

/**
 * One hall's figures for the period: counts and rates only. No ticket, customer or staff leaves the
 * central in this answer; a regional manager compares halls on the same measures.
 */
export const HallFigures = z.object({
  hallId: z.string(),
  hallName: z.string(),
  tickets: z.number().int(),
  called: z.number().int(),
  finished: z.number().int(),
  /** Issue to call, seconds, over the called tickets; null when none was called. */
  avgWaitSec: z.number().nullable(),
  /** Called within the business type's target wait, over the called tickets. */
  serviceLevel: z.number().nullable(),
  /** Ratings given (a level, not 'none'). */
  ratings: z.number().int(),
  /** 满意 or better, over the ratings given. */
  satisfaction: z.number().nullable(),
  /** Ratings given over finished tickets. */
  coverage: z.number().nullable(),
});
export type HallFigures = z.infer<typeof HallFigures>;

export const HallComparison = z.object({ from: z.string(), to: z.string(), halls: z.array(HallFigures) });
export type HallComparison = z.infer<typeof HallComparison>;
