import { z } from 'zod';
import * as Q from '../queue-schemas';
import * as S from '../schemas';
import { feature } from './feature';

/** The guidance desk: moving a waiting ticket to the right business type, and online-channel slips. */
export const guide = feature({
  methods: {
    'guide.reclassify': {
      input: z
        .object({ ticketId: S.TicketId, toType: S.BusinessCode, reason: z.string().trim().max(200).optional() })
        .strict(),
      output: Q.QueueTicketView,
      roles: ['guide'],
      staff: ['guide', 'manager'],
    },
    /** Print the online-channel slip (QR code and how-to) for a guidance function. */
    'guide.printChannelSlip': {
      input: z.object({ functionCode: z.string().regex(/^[A-Z]{2,12}$/, 'station.guidanceNotFound') }).strict(),
      output: z.object({ printed: z.boolean() }),
      roles: ['guide'],
      staff: ['guide', 'manager'],
    },
  },
});
