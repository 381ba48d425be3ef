import { EVENTS, METHODS, type EventName, type MethodName } from './contract';
import type { EventSpec, MethodSpec } from './features/feature';
import { ROLES, type Role, type StaffRole } from './roles';

export interface RoleCapabilities {
  readonly methods: readonly MethodName[];
  readonly events: readonly EventName[];
}

/**
 * Per window role, the calls it may make and the events it receives; per staff-only call, the staff
 * roles whose login it needs. Derived from the features' declarations (features/*.ts), never edited.
 */
function derive(): {
  capabilities: Record<Role, RoleCapabilities>;
  staffOnly: Partial<Record<MethodName, readonly StaffRole[]>>;
} {
  const capabilities = {} as Record<Role, { methods: MethodName[]; events: EventName[] }>;
  for (const role of ROLES) capabilities[role] = { methods: [], events: [] };
  const staffOnly: Partial<Record<MethodName, readonly StaffRole[]>> = {};
  for (const [name, spec] of Object.entries(METHODS) as [MethodName, MethodSpec][]) {
    for (const role of spec.roles) capabilities[role].methods.push(name);
    if (spec.staff) staffOnly[name] = spec.staff;
  }
  for (const [name, spec] of Object.entries(EVENTS) as [EventName, EventSpec][])
    for (const role of spec.roles) capabilities[role].events.push(name);
  return { capabilities, staffOnly };
}

const derived = derive();
export const CAPABILITIES: Readonly<Record<Role, RoleCapabilities>> = derived.capabilities;
/** Calls that need a logged-in staff member, and the staff roles allowed to make them. */
export const STAFF_ONLY: Readonly<Partial<Record<MethodName, readonly StaffRole[]>>> = derived.staffOnly;

export const canCall = (role: Role, method: MethodName): boolean =>
  (METHODS[method] as MethodSpec).roles.includes(role);
export const canReceive = (role: Role, event: EventName): boolean => (EVENTS[event] as EventSpec).roles.includes(role);
