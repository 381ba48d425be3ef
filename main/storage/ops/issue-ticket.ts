import type { QueueTicketView, TicketPosition } from '@common/api/queue-schemas';
import type { Ticket } from '@common/api/schemas';
import { issueDecision, nextTicketNumber } from '@common/mutators/tickets';
import { AppFailure } from '@common/result';
import type { WorkerState } from '../worker-state';
import { takeLeased } from './leases';
import { mutate } from './mutations';
import { queueTicketById, ticketPosition } from './queue-core';

/**
 * How a ticket the hall's authority did not number is numbered here (main/sync/ticket-number-source.ts
 * decides): `lease`, from this kiosk's lease (a station of a hall); `local`, from the station's own
 * series (a station that runs alone is its own authority).
 */
export type NumberPolicy = 'local' | 'lease';

export interface IssueTicketArgs {
  id: string;
  day: string;
  businessType: string;
  priority: Ticket['priority'];
  issuedAt: string;
  issuedBy: string;
  appointmentId?: string;
  numbers: NumberPolicy;
  /** The number the hall's authority gave (with `issuedAt` its time): the station applies it as given. */
  assigned?: string;
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
    const { cfg, decision } = issueDecision(s, s.hallId, a.day, a.businessType, a.issuedAt);
    // The authority decided caps and hours on the hall's full data; this copy may lag behind it.
    if (!decision.ok && !a.assigned)
      throw AppFailure.fromError({
        ...decision.error,
        code: decision.error.code === 'invalid_time' ? 'validation' : 'conflict',
        field: 'businessType',
      });
    const number = a.assigned ?? localNumber(s, a, cfg.prefix);
    const { id, day, businessType, priority, issuedAt, issuedBy, appointmentId } = a;
    mutate(s, {
      name: 'ticket.issue',
      args: { id, hallId: s.hallId, day, businessType, priority, number, issuedAt, issuedBy, appointmentId },
      now: issuedAt,
    });
    return decision.ok ? decision.warning : null;
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

/** A number from this kiosk's lease, or (a station running alone) the next of its own series. */
function localNumber(s: WorkerState, a: IssueTicketArgs, prefix: string): string {
  if (a.numbers === 'local') return nextTicketNumber(s, s.hallId, a.day, prefix);
  const leased = takeLeased(s.tx, s.hallId, a.day, prefix);
  if (!leased) throw new AppFailure('unavailable', 'queue.offlineNumbersUsedUp');
  return leased;
}
