import { z } from 'zod';

/**
 * Online ticket issue (POST /v1/tickets/issue): a station asks the hall's authority (its relay, or the
 * central where there is no relay) to record a ticket and give it its number, in one round trip. The
 * authority assigns the number and the issue time, so the printed number is one no other station of the
 * hall can print, and the queue orders by one clock. Idempotent by the ticket's id: a retried request
 * gets the same number back.
 */
export const TicketIssueRequest = z
  .object({
    id: z.string().min(8).max(64),
    businessType: z.string().min(1).max(16),
    priority: z.enum(['normal', 'green', 'vip', 'appointment']),
    issuedBy: z.string().min(1).max(64),
    appointmentId: z.string().min(1).max(64).optional(),
  })
  .strict();
export type TicketIssueRequest = z.infer<typeof TicketIssueRequest>;

export const TicketIssued = z.object({
  id: z.string(),
  number: z.string().regex(/^[A-Z]\d{3}$/),
  issuedAt: z.string(),
  /** The hall day the authority filed the ticket under (its clock, not the station's). */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
export type TicketIssued = z.infer<typeof TicketIssued>;

/** How long a kiosk waits for the authority before it issues from its own lease (station config overrides). */
export const DEFAULT_AUTHORITY_TIMEOUT_MS = 300;
