import { z } from 'zod';
import * as Q from '../queue-schemas';
import * as S from '../schemas';
import { feature } from './feature';

const IssueInput = z.object({ businessType: S.BusinessCode, priority: S.Priority.default('normal') }).strict();
const Issued = z.object({
  ticket: S.Ticket,
  waitingAhead: z.number().int(),
  printed: z.boolean(),
  estimatedWaitMin: z.number().int(),
  warning: Q.IssueWarning,
  /** Numbered from this kiosk's lease because the hall's numbering did not answer in time (the slip says so too). */
  offlineNumber: z.boolean(),
});

/** The hall's queue as everyone sees it, and taking a ticket: at the kiosk, the guide's desk, by appointment. */
export const queue = feature({
  methods: {
    'queue.snapshot': {
      input: z.object({}).strict(),
      output: S.QueueSnapshot,
      roles: ['kiosk', 'counter', 'rate', 'display', 'guide', 'manager'],
    },
    /** A ticket for a walk-in customer, with the estimated wait and a warning when many are waiting. */
    'queue.issueTicket': { input: IssueInput, output: Issued, roles: ['kiosk', 'guide'] },
    /** The same, issued in the logged-in guide's name. */
    'queue.issueFor': { input: IssueInput, output: Issued, roles: ['guide'], staff: ['guide', 'manager'] },
    'queue.checkIn': {
      input: z
        .object({
          code: z
            .string()
            .regex(/^[A-Z0-9]{6}$/, 'queue.appointmentCodeFormat')
            .optional(),
          phone: z
            .string()
            .regex(/^(1\d{10}|\d{4})$/, 'queue.appointmentPhoneFormat')
            .optional(),
        })
        .strict()
        .refine((v) => (v.code === undefined) !== (v.phone === undefined), {
          message: 'queue.appointmentCodeOrPhone',
          path: ['code'],
        }),
      output: Issued.extend({ appointment: z.object({ code: z.string(), slotAt: z.string() }) }),
      roles: ['kiosk', 'guide'],
    },
    'queue.position': {
      input: z.object({ ticketId: S.TicketId }).strict(),
      output: Q.TicketPosition,
      roles: ['kiosk', 'counter', 'display', 'guide', 'manager'],
    },
  },
  events: {
    /** The queue changed somewhere in the hall (locally or pulled from the central). */
    'queue.changed': {
      payload: z.object({ day: z.string() }),
      roles: ['kiosk', 'counter', 'rate', 'display', 'guide', 'manager'],
    },
    /** A ticket was called (or recalled) to a window: the display shows and speaks it. */
    'ticket.called': { payload: S.CallEvent, roles: ['counter', 'display', 'guide'] },
  },
});
