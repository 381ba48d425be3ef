import type { NumberPolicy } from '../../storage/ops/issue-ticket';

/**
 * Where a new ticket's number comes from — the one seam between issuing (queue-service) and
 * sync (main/sync/ticket-number-source.ts). Online: the next number of the online series from this
 * station's replica (the central renumbers on a collision, in server order). Offline: the next
 * number of this kiosk's lease, so offline kiosks never print the same number.
 */
export interface TicketNumberSource {
  next(day: string, prefix: string): Promise<string>;
  /** The same choice as `next`, for issuing in one storage round trip (ops/issue-ticket.ts). */
  policy(): NumberPolicy;
}
