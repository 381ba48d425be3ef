import { z } from 'zod';
import { MUTATORS, type MutationName } from '../mutators';

/**
 * What kind of PC a station is, as enrolled with the central. A window role (kiosk, counter…)
 * is per screen; a station role bounds what the whole PC may write to the hall's data. A
 * one-PC hall (and the demo) runs every window on one station: `hall`.
 */
export const STATION_ROLES = ['kiosk', 'counter', 'guide', 'display', 'manager', 'hall'] as const;
export const StationRole = z.enum(STATION_ROLES);
export type StationRole = z.infer<typeof StationRole>;

const ALL = Object.keys(MUTATORS) as MutationName[];
const COUNTER: readonly MutationName[] = [
  'ticket.call',
  'ticket.recall',
  'ticket.start',
  'ticket.finish',
  'rating.record',
  'window.signIn',
  'window.signOut',
  'customer.updateContact',
  'audit.append',
  'ticket.noShow',
  'ticket.park',
  'ticket.resume',
  'ticket.transfer',
  'ticket.reclassify',
  'window.setStatus',
  'queue.closeDay',
  'application.saveDraft',
  'application.submit',
  'application.setStatus',
  'application.requestSignature',
  'application.sign',
  'application.amend',
  'application.attach',
];

/** Role → the mutations its pushes may carry; any other is rejected as `forbidden`. Data, one place. */
export const ROLE_MUTATIONS: Record<StationRole, readonly MutationName[]> = {
  // Every station runs the automatic day reset (queue.closeDay); it is idempotent.
  kiosk: ['ticket.issue', 'audit.append', 'queue.closeDay'],
  // The counter PC also drives the customer-facing rating screen on its second monitor.
  counter: COUNTER,
  guide: ['ticket.issue', 'ticket.reclassify', 'customer.updateContact', 'audit.append', 'queue.closeDay'],
  display: ['audit.append', 'queue.closeDay'],
  manager: [
    'window.signOut',
    'audit.append',
    'application.setStatus',
    'queue.closeDay',
    'window.setStatus',
    'window.configure',
    'queue.configure',
    'queue.configureType',
    'staff.setSkills',
  ],
  hall: ALL,
};

// Payments, appended without touching the lines above: the kiosk takes QR/card payments
// and top-ups; the counter everything at the counter; the manager decides refunds.
const PAYMENT_ROLE_MUTATIONS: Partial<Record<StationRole, readonly MutationName[]>> = {
  kiosk: ['payment.create', 'payment.step', 'invoice.request', 'invoice.issue'],
  counter: [
    'payment.create',
    'payment.step',
    'refund.request',
    'refund.decide',
    'invoice.request',
    'invoice.issue',
    'cash.declare',
    'consultation.log',
  ],
  manager: ['refund.decide'],
};
for (const [role, names] of Object.entries(PAYMENT_ROLE_MUTATIONS) as [StationRole, readonly MutationName[]][])
  ROLE_MUTATIONS[role] = [...ROLE_MUTATIONS[role], ...names];

export const roleMayPush = (role: StationRole, mutation: string): boolean =>
  (ROLE_MUTATIONS[role] as readonly string[]).includes(mutation);

/** Roles that may administer the hall's stations (enrollment codes, revocation, the station list). */
export const ADMIN_ROLES: readonly StationRole[] = ['manager', 'hall'];

// Customer screen: the rating's optional dimensions, added after the level, from the counter PC.
ROLE_MUTATIONS.counter = [...ROLE_MUTATIONS.counter, 'rating.addDimensions'];
