import { z } from 'zod';
import * as S from '../schemas';
import { feature } from './feature';

/** The hall's TV: what it announced (or failed to speak), kept for the record. */
export const display = feature({
  methods: {
    'display.logAnnouncement': {
      input: z
        .object({
          ticketId: S.TicketId,
          text: z.string().min(1).max(200),
          spoken: z.boolean(),
          error: z.string().max(500).optional(),
        })
        .strict(),
      output: z.object({}),
      roles: ['display'],
    },
  },
});
