import { z } from 'zod';
import { ConsultationView } from '../payment-schemas';
import * as S from '../schemas';
import { feature } from './feature';

/** Oral consultations (口头咨询) logged at the counter: work without a ticket's rating that still counts. */
export const consultations = feature({
  methods: {
    'consultation.log': {
      input: z
        .object({
          topic: z.string().trim().min(1, 'input.topicRequired').max(60, 'input.topicTooLong'),
          ticketId: S.TicketId.optional(),
          note: z.string().max(300).optional(),
        })
        .strict(),
      output: z.array(ConsultationView),
      roles: ['counter'],
      staff: ['agent', 'manager'],
    },
    'consultation.today': {
      input: z.object({}).strict(),
      output: z.array(ConsultationView),
      roles: ['counter'],
      staff: ['agent', 'manager'],
    },
  },
});
