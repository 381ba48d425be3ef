import { z } from 'zod';
import { SignaturePointSchema } from '../domain/signature';
import { RatingDimensions, RatingLevel } from './schemas';

/**
 * The customer-facing screen beside the counter: signing on the station's pad,
 * and the counter's view of a customer's past visits.
 */

/** Whether this window's customer screen signs on a pad: the station has one and the window's counter runs here. */
export const PadStatus = z.object({ attached: z.boolean(), model: z.string().nullable() });
export type PadStatus = z.infer<typeof PadStatus>;

/** How a pad signature on the customer screen ended; `signed` means it was stored, bound to the content hash. */
export const PAD_SIGN_OUTCOMES = ['signed', 'cancelled', 'timeout', 'pad_disconnected', 'failed'] as const;
export type PadSignOutcome = (typeof PAD_SIGN_OUTCOMES)[number];

export const PadSignEnded = z.object({
  windowNo: z.number().int(),
  requestId: z.string(),
  outcome: z.enum(PAD_SIGN_OUTCOMES),
  message: z.string().nullable(),
  /** The strokes written on the pad (kept for the touchscreen when the pad was lost). */
  aspect: z.number(),
  strokes: z.array(z.array(SignaturePointSchema)),
});
export type PadSignEnded = z.infer<typeof PadSignEnded>;

/** One earlier ticket of a customer in this hall, with its rating if any. */
export const CustomerVisit = z.object({
  ticketId: z.string(),
  ticketNo: z.string(),
  day: z.string(),
  businessType: z.string(),
  windowNo: z.number().int().nullable(),
  agentName: z.string().nullable(),
  agentStaffNo: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** Handling time (start → finish), seconds; null when not finished. */
  handlingSec: z.number().int().nullable(),
  /** What linked the ticket to this customer: a payment, an application, or both. */
  via: z.array(z.enum(['payment', 'application'])),
  rating: z
    .object({
      level: RatingLevel.or(z.literal('none')),
      dimensions: RatingDimensions,
      reason: z.string().nullable(),
      at: z.string(),
    })
    .nullable(),
});
export type CustomerVisit = z.infer<typeof CustomerVisit>;
