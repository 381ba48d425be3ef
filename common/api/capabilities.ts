import type { EventName, MethodName } from './contract';
import type { Role } from './roles';

/**
 * Role capabilities as data, in one place: which calls each window may make and which events it
 * receives. Anything not listed is `forbidden`. Staff-only calls additionally need a login.
 */
const COMMON: MethodName[] = ['station.info', 'queue.snapshot'];
const STAFF: MethodName[] = ['auth.login', 'auth.logout', 'auth.session'];

export const CAPABILITIES: Record<Role, { methods: readonly MethodName[]; events: readonly EventName[] }> = {
  kiosk: { methods: [...COMMON, 'queue.issueTicket'], events: ['queue.changed', 'sync.status'] },
  counter: {
    methods: [...COMMON, ...STAFF, 'counter.state', 'counter.callNext', 'counter.recall', 'counter.start', 'counter.finish', 'customer.search', 'customer.view', 'customer.reveal', 'application.saveDraft', 'application.submit', 'application.get', 'application.forCustomer'],
    events: ['queue.changed', 'ticket.called', 'rating.recorded', 'sync.status'],
  },
  rate: { methods: [...COMMON, 'rate.prompt', 'rate.submit', 'rate.timeout'], events: ['queue.changed', 'rating.requested', 'sync.status'] },
  display: { methods: [...COMMON, 'display.logAnnouncement'], events: ['queue.changed', 'ticket.called', 'sync.status'] },
  guide: { methods: [...COMMON, ...STAFF, 'queue.issueTicket'], events: ['queue.changed', 'ticket.called', 'sync.status'] },
  manager: { methods: [...COMMON, ...STAFF, 'manager.evaluations'], events: ['queue.changed', 'rating.recorded', 'sync.status'] },
  devices: { methods: ['station.info', ...STAFF, 'devices.status', 'devices.printTest'], events: ['devices.changed', 'sync.status'] },
};

/** Calls that need a logged-in staff member, and the staff roles allowed to make them. */
export const STAFF_ONLY: Partial<Record<MethodName, readonly ('agent' | 'manager' | 'guide' | 'technician')[]>> = {
  'counter.state': ['agent', 'manager'],
  'counter.callNext': ['agent', 'manager'],
  'counter.recall': ['agent', 'manager'],
  'counter.start': ['agent', 'manager'],
  'counter.finish': ['agent', 'manager'],
  'manager.evaluations': ['manager'],
  'devices.status': ['technician', 'manager'],
  'devices.printTest': ['technician', 'manager'],
  'customer.search': ['agent', 'manager'],
  'customer.view': ['agent', 'manager'],
  'customer.reveal': ['agent', 'manager'],
  'application.saveDraft': ['agent', 'manager'],
  'application.submit': ['agent', 'manager'],
  'application.get': ['agent', 'manager'],
  'application.forCustomer': ['agent', 'manager'],
};

export const canCall = (role: Role, method: MethodName): boolean => CAPABILITIES[role].methods.includes(method);
export const canReceive = (role: Role, event: EventName): boolean => CAPABILITIES[role].events.includes(event);
