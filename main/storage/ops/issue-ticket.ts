import type { QueueTicketView, TicketPosition } from '@common/api/queue-schemas';
import type { Ticket } from '@common/api/schemas';
import { issueDecision, nextTicketNumber } from '@common/mutators/tickets';
import { AppFailure } from '@common/result';
import type { WorkerState } from '../worker-state';
import { takeLeased } from './leases';
import { mutate } from './mutations';
import { queueTicketById, ticketPosition } from './queue-core';

/** Where the new ticket's number comes from (main/sync/ticket-number-source.ts decides which). */
export type NumberPolicy = 'online' | 'lease-first' | 'lease-only';

export interface IssueTicketArgs {
  id: string;
  day: string;
  businessType: string;
  priority: Ticket['priority'];
  issuedAt: string;
  issuedBy: string;
  appointmentId?: string;
  numbers: NumberPolicy;
}

/**
 * Issue a ticket in one storage round trip and one transaction: the cap/hours decision, the number,
 * the `ticket.issue` mutation with its outbox row, then (after the commit) the slip's position. One trip
 * (not five) is most of the issue-to-display latency (BENCHMARKS.md, queue); one transaction also
 * means two kiosks of one station can never be given the same number between check and write.
 * The decision is made here only: the mutator applies it on the station, and the central, replaying
 * the push, decides again (common/mutators/tickets.ts).
 */
export function issueTicket(s: WorkerState, a: IssueTicketArgs) {
  const warning = s.db.transaction(() => {
    const { decision } = issueDecision(s, s.hallId, a.day, a.businessType, a.issuedAt);
    if (!decision.ok)
      throw AppFailure.fromError({
        ...decision.error,
        code: decision.error.code === 'invalid_time' ? 'validation' : 'conflict',
        field: 'businessType',
      });
    const prefix = decision.number.replace(/\d+$/, '');
    const leased = a.numbers === 'online' ? null : takeLeased(s.tx, s.hallId, a.day, prefix);
    if (a.numbers === 'lease-only' && !leased) throw new AppFailure('unavailable', 'queue.offlineNumbersUsedUp');
    const number = leased ?? nextTicketNumber(s, s.hallId, a.day, prefix);
    const { id, day, businessType, priority, issuedAt, issuedBy, appointmentId } = a;
    mutate(s, {
      name: 'ticket.issue',
      args: { id, hallId: s.hallId, day, businessType, priority, number, issuedAt, issuedBy, appointmentId },
      now: issuedAt,
    });
    return decision.warning;
  })();
  // Committed: the displays can be told now. The slip's reads come after (this thread is the only
  // writer, so nothing changes between the commit and them).
  s.committed?.();
  const issued: { ticket: QueueTicketView; position: TicketPosition } = {
    ticket: queueTicketById(s, { id: a.id })!,
    position: ticketPosition(s, { id: a.id })!,
  };
  return { ...issued, warning };
}
