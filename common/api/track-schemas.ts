import { z } from 'zod';

/**
 * The public application-progress page (`/#/track/:token`, the QR on the acceptance slip): what a
 * customer's phone receives from `GET /api/track/<token>`. Masked data only; no login.
 */
export const TRACK_STEP_KEYS = ['submitted', 'accepted', 'in_progress', 'completed', 'rejected'] as const;

export const TrackStep = z.object({
  key: z.enum(TRACK_STEP_KEYS),
  /** done: passed; current: where the application is now; waiting: still ahead; rejected: ended here. */
  state: z.enum(['done', 'current', 'waiting', 'rejected']),
  at: z.string().nullable(),
});
export type TrackStep = z.infer<typeof TrackStep>;

/** What the customer still has to do, as codes the page words in its language. */
export const TrackTodo = z.object({
  kind: z.enum(['missingDocument', 'resign', 'wait', 'contactHall', 'none']),
  /** For missingDocument: the document's name on the form (Chinese). */
  document: z.string().optional(),
});
export type TrackTodo = z.infer<typeof TrackTodo>;

export const TrackView = z.object({
  applicationNo: z.string(),
  businessType: z.string(),
  businessName: z.string(),
  businessNameEn: z.string(),
  hallName: z.string(),
  /** 张*三: never the full name, ID or phone. */
  applicant: z.string().nullable(),
  status: z.enum(['submitted', 'accepted', 'in_progress', 'completed', 'rejected']),
  steps: z.array(TrackStep),
  todo: z.array(TrackTodo),
  submittedAt: z.string(),
  updatedAt: z.string(),
  /** The link stops working after this day (yyyy-mm-dd). */
  expires: z.string(),
});
export type TrackView = z.infer<typeof TrackView>;

/** Unknown, malformed and forged tokens all answer not_found, the same way: nothing to enumerate. */
export const TRACK_ERROR_CODES = ['not_found', 'expired', 'rate_limited', 'unavailable'] as const;
export const TrackError = z.object({ code: z.enum(TRACK_ERROR_CODES), message: z.string() });
export type TrackError = z.infer<typeof TrackError>;

export const TrackResponse = z.union([
  z.object({ ok: z.literal(true), value: TrackView }),
  z.object({ ok: z.literal(false), error: TrackError }),
]);
export type TrackResponse = z.infer<typeof TrackResponse>;

/** The page's path for a token; the base is the station host (demo) or the central's public address. */
export const trackUrl = (base: string, token: string): string =>
  `${base.replace(/\/+$/, '')}/#/track/${encodeURIComponent(token)}`;
