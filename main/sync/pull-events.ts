import type { EventName, EventPayload } from '@common/api/contract';
import type { AppliedChange } from '../storage/ops/sync';
import { toCallEvent } from '../storage/ops/queue-queries';
import { toRating, type RatingRow } from '../storage/rows';

/** Where the events go: the station's event bus. */
export interface EventSink {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

/** Pulled rows that change what a customer view shows (bills, balance, payments, risk), by the customer's column. */
const CUSTOMER_ROWS: Partial<Record<AppliedChange['entity'], string>> = {
  bill: 'customer_id',
  customerBalance: 'id',
  paymentAllocation: 'customer_id',
  customerFlags: 'customer_id',
  customerTag: 'customer_id',
  customerFollowup: 'customer_id',
  paymentOrder: 'customer_id',
};

/**
 * Rows pulled from the central raise the same events a local change raises, so every screen of
 * this station shows what another station did: a call, a finished ticket awaiting its rating, a
 * rating, a change to an application in the counter flow, a refund decided on the manager's
 * station, a customer's bills or risk changed by the central. The queue changes with every batch.
 */
export function eventsFromPull(events: EventSink, day: string, applied: readonly AppliedChange[]): void {
  const customers = new Set<number>();
  const refunds = new Set<string>();
  for (const c of applied) {
    const customerColumn = CUSTOMER_ROWS[c.entity];
    const customerId = customerColumn ? Number(c.row[customerColumn]) : NaN;
    if (Number.isInteger(customerId) && customerId > 0) customers.add(customerId);
    // A decision is keyed by the request it decides.
    if (c.entity === 'refundRequest' || c.entity === 'refundDecision') refunds.add(c.id);
    if (c.entity === 'call' && c.isNew)
      events.emit('ticket.called', toCallEvent(c.row as Parameters<typeof toCallEvent>[0]));
    if (c.entity === 'ticket' && c.row.status === 'finished' && typeof c.row.window_no === 'number') {
      events.emit('rating.requested', { windowNo: c.row.window_no, ticketId: c.id });
    }
    // An appeal filed or decided at another station.
    if (c.entity === 'ratingAppeal' || c.entity === 'appealDecision') events.emit('appeal.changed', { appealId: c.id });
    if (c.entity === 'evaluationWeights') events.emit('evaluation.changed', { reason: 'weights' });
    if (c.entity === 'rating' && c.isNew) events.emit('rating.recorded', toRating(c.row as unknown as RatingRow));
    // Counter flow: the customer screen and the counter are different stations; a pulled review, signature or amendment refreshes both.
    if (
      c.entity === 'application' ||
      c.entity === 'signatureRequest' ||
      c.entity === 'applicationSignature' ||
      c.entity === 'applicationAttachment'
    ) {
      const applicationId = c.entity === 'application' ? c.id : String(c.row.application_id);
      events.emit('application.changed', {
        applicationId,
        windowNo: typeof c.row.window_no === 'number' ? c.row.window_no : null,
      });
    }
  }
  for (const customerId of customers) events.emit('customer.changed', { customerId });
  for (const requestId of refunds) events.emit('refund.changed', { requestId });
  events.emit('queue.changed', { day });
}
