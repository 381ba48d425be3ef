import { z } from 'zod';
import * as S from '../schemas';
import { feature } from './feature';

/** The customer's rating of the service, on the customer-facing screen beside the counter. */
export const ratings = feature({
  methods: {
    'rate.prompt': { input: z.object({}).strict(), output: S.RatingPrompt, roles: ['rate'] },
    'rate.submit': {
      input: z
        .object({
          ticketId: S.TicketId,
          level: S.RatingLevel,
          dimensions: S.RatingDimensions.default({}),
          reason: z.string().max(500).optional(),
        })
        .strict(),
      output: S.Rating,
      roles: ['rate'],
    },
    'rate.timeout': { input: z.object({ ticketId: S.TicketId }).strict(), output: S.Rating, roles: ['rate'] },
    /** The optional dimensions, after the level was recorded: once, on this window's rating. */
    'rate.addDimensions': {
      input: z.object({ ratingId: z.string().min(8).max(64), dimensions: S.RatingDimensions }).strict(),
      output: S.Rating,
      roles: ['rate'],
    },
  },
  events: {
    /** A counter finished a ticket: its customer-facing screen asks for a rating. */
    'rating.requested': {
      payload: z.object({ windowNo: z.number().int(), ticketId: z.string() }),
      roles: ['rate'],
    },
    'rating.recorded': { payload: S.Rating, roles: ['counter', 'manager'] },
  },
});
