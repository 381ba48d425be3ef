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
];

/** Role → the mutations its pushes may carry; any other is rejected as `forbidden`. Data, one place. */
export const ROLE_MUTATIONS: Record<StationRole, readonly MutationName[]> = {
  kiosk: ['ticket.issue', 'audit.append'],
  // The counter PC also drives the customer-facing rating screen on its second monitor.
  counter: COUNTER,
  guide: ['ticket.issue', 'customer.updateContact', 'audit.append'],
  display: ['audit.append'],
  manager: ['window.signOut', 'audit.append'],
  hall: ALL,
};

export const roleMayPush = (role: StationRole, mutation: string): boolean => (ROLE_MUTATIONS[role] as readonly string[]).includes(mutation);

/** Roles that may administer the hall's stations (enrollment codes, revocation, the station list). */
export const ADMIN_ROLES: readonly StationRole[] = ['manager', 'hall'];
