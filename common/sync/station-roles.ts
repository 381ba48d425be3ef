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

/**
 * Role → the mutations its pushes may carry; any other is rejected as `forbidden`. Every role runs
 * the automatic day reset (queue.closeDay), which is idempotent.
 */
export const ROLE_MUTATIONS: Readonly<Record<StationRole, readonly MutationName[]>> = {
  // The kiosk issues tickets and takes QR/card payments and top-ups.
  kiosk: [
    'ticket.issue',
    'audit.append',
    'queue.closeDay',
    'payment.create',
    'payment.step',
    'invoice.request',
    'invoice.issue',
    'tag.recompute',
  ],
  // The counter PC also drives the customer-facing rating screen on its second monitor.
  counter: [
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
    'payment.create',
    'payment.step',
    'refund.request',
    'refund.decide',
    'invoice.request',
    'invoice.issue',
    'cash.declare',
    'consultation.log',
    'rating.addDimensions',
    'appeal.file',
    'tag.assign',
    'tag.remove',
    'tag.recompute',
  ],
  guide: [
    'ticket.issue',
    'ticket.reclassify',
    'customer.updateContact',
    'audit.append',
    'queue.closeDay',
    'tag.assign',
    'tag.remove',
  ],
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
    'refund.decide',
    'appeal.decide',
    'evaluation.setWeights',
    'tag.define',
    'tag.assign',
    'tag.remove',
    'tag.recompute',
    'followup.record',
  ],
  hall: Object.keys(MUTATORS) as MutationName[],
};

export const roleMayPush = (role: StationRole, mutation: string): boolean =>
  (ROLE_MUTATIONS[role] as readonly string[]).includes(mutation);

/** Roles that may administer the hall's stations (enrollment codes, revocation, the station list). */
export const ADMIN_ROLES: readonly StationRole[] = ['manager', 'hall'];
