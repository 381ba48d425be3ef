import type { TicketIssued, TicketIssueRequest } from '@common/sync/ticket-issue';
import type { NumberPolicy } from '../../storage/ops/issue-ticket';

/**
 * Where a new ticket's number comes from — the one seam between issuing (queue-service) and sync
 * (main/sync/ticket-number-source.ts). Online, the hall's authority numbers and records the ticket
 * (`assign`); when it cannot answer in time, the station numbers it by `policy()`: from this kiosk's
 * lease when the station belongs to a hall, from its own series when it runs alone.
 */
export interface TicketNumberSource {
  /** The authority's number and issue time, or null: number the ticket here by `policy()`. */
  assign(req: TicketIssueRequest): Promise<TicketIssued | null>;
  policy(): NumberPolicy;
}
