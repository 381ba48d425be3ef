import type { TicketIssued, TicketIssueRequest } from '@common/sync/ticket-issue';
import type { NumberPolicy } from '../storage/ops/issue-ticket';
import type { TicketNumberSource } from '../services/ports/ticket-numbers';

/** The one call of the sync client this needs (main/sync/sync-client.ts). */
export interface TicketAuthorityLink {
  issueTicket(req: TicketIssueRequest, timeoutMs: number): Promise<TicketIssued | null>;
}

/**
 * A station of a hall: the hall's authority numbers each ticket online; when it does not answer within
 * `timeoutMs`, the kiosk takes the next number of its own lease (a block no other station holds). It
 * never numbers from its copy of the hall's data, which other stations write to at the same time.
 */
export class HallNumberSource implements TicketNumberSource {
  constructor(
    private readonly authority: TicketAuthorityLink,
    private readonly timeoutMs: number,
  ) {}

  assign(req: TicketIssueRequest): Promise<TicketIssued | null> {
    return this.authority.issueTicket(req, this.timeoutMs);
  }

  policy(): NumberPolicy {
    return 'lease';
  }
}

/** A station that runs alone is its own authority: its series is the hall's. */
export class StandaloneNumberSource implements TicketNumberSource {
  assign(): Promise<TicketIssued | null> {
    return Promise.resolve(null);
  }

  policy(): NumberPolicy {
    return 'local';
  }
}
