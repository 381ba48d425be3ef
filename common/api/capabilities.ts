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
    methods: [
      ...COMMON,
      ...STAFF,
      'counter.state',
      'counter.callNext',
      'counter.recall',
      'counter.start',
      'counter.finish',
      'customer.search',
      'customer.view',
      'customer.reveal',
      'application.saveDraft',
      'application.submit',
      'application.get',
      'application.forCustomer',
    ],
    events: ['queue.changed', 'ticket.called', 'rating.recorded', 'sync.status', 'idcard.read', 'idcard.removed'],
  },
  rate: {
    methods: [...COMMON, 'rate.prompt', 'rate.submit', 'rate.timeout'],
    events: ['queue.changed', 'rating.requested', 'sync.status'],
  },
  display: {
    methods: [...COMMON, 'display.logAnnouncement'],
    events: ['queue.changed', 'ticket.called', 'sync.status'],
  },
  devices: {
    methods: [
      'station.info',
      ...STAFF,
      'devices.status',
      'devices.printTest',
      'devices.overview',
      'devices.readIdCard',
      'devices.printSample',
      'devices.reprint',
      'devices.config',
      'devices.saveConfig',
      'devices.captureSignature',
    ],
    events: [
      'devices.changed',
      'sync.status',
      'idcard.read',
      'idcard.removed',
      'devices.log',
      'devices.signatureStroke',
    ],
  },
  guide: {
    methods: [...COMMON, ...STAFF, 'queue.issueTicket', 'queue.waitEstimates', 'guide.printChannelSlip'],
    events: ['queue.changed', 'ticket.called', 'sync.status'],
  },
  manager: {
    methods: [
      ...COMMON,
      ...STAFF,
      'manager.evaluations',
      'sync.enrollmentCode',
      'sync.stations',
      'sync.revokeStation',
      'manager.kpis',
      'queue.waitEstimates',
    ],
    events: ['queue.changed', 'rating.recorded', 'sync.status'],
  },
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
  'devices.captureSignature': ['technician', 'manager'],
  'devices.overview': ['technician', 'manager'],
  'devices.readIdCard': ['technician', 'manager'],
  'devices.printSample': ['technician', 'manager'],
  'devices.reprint': ['technician', 'manager'],
  'devices.config': ['technician', 'manager'],
  'devices.saveConfig': ['technician', 'manager'],
  'sync.enrollmentCode': ['manager'],
  'sync.stations': ['manager'],
  'sync.revokeStation': ['manager'],
  'manager.kpis': ['manager'],
  'queue.waitEstimates': ['guide', 'manager'],
  'guide.printChannelSlip': ['guide', 'manager'],
  'customer.search': ['agent', 'manager'],
  'customer.view': ['agent', 'manager'],
  'customer.reveal': ['agent', 'manager'],
  'application.saveDraft': ['agent', 'manager'],
  'application.submit': ['agent', 'manager'],
  'application.get': ['agent', 'manager'],
  'application.forCustomer': ['agent', 'manager'],
};

// Queue: appended to the roles above without touching their lines.
const QUEUE_METHODS: Partial<Record<Role, readonly MethodName[]>> = {
  kiosk: ['queue.issueChecked', 'queue.checkIn', 'queue.position'],
  counter: [
    'counter.panel',
    'counter.callTicket',
    'counter.noShow',
    'counter.park',
    'counter.resume',
    'counter.transfer',
    'counter.setStatus',
    'queue.position',
  ],
  guide: ['queue.issueFor', 'queue.checkIn', 'guide.reclassify', 'queue.position'],
  display: ['queue.position'],
  manager: [
    'queue.config',
    'manager.configureQueue',
    'manager.configureType',
    'manager.configureWindow',
    'queue.position',
    'manager.configureSkills',
  ],
};
for (const [role, methods] of Object.entries(QUEUE_METHODS) as [Role, readonly MethodName[]][]) {
  CAPABILITIES[role] = { ...CAPABILITIES[role], methods: [...CAPABILITIES[role].methods, ...methods] };
}
Object.assign(STAFF_ONLY, {
  'counter.panel': ['agent', 'manager'],
  'counter.callTicket': ['agent', 'manager'],
  'counter.noShow': ['agent', 'manager'],
  'counter.park': ['agent', 'manager'],
  'counter.resume': ['agent', 'manager'],
  'counter.transfer': ['agent', 'manager'],
  'counter.setStatus': ['agent', 'manager'],
  'queue.issueFor': ['guide', 'manager'],
  'guide.reclassify': ['guide', 'manager'],
  'queue.config': ['manager'],
  'manager.configureQueue': ['manager'],
  'manager.configureType': ['manager'],
  'manager.configureWindow': ['manager'],
  'manager.configureSkills': ['manager'],
} satisfies Partial<Record<MethodName, readonly ('agent' | 'manager' | 'guide' | 'technician')[]>>);

// Payments: appended likewise.
const PAYMENT_METHODS: Partial<Record<Role, readonly MethodName[]>> = {
  counter: [
    'payment.pay',
    'payment.resolve',
    'payment.get',
    'payment.today',
    'payment.reprint',
    'payment.requestRefund',
    'payment.refunds',
    'payment.decideRefundOnSpot',
    'payment.requestInvoice',
    'payment.declareCash',
    'payment.reconciliation',
    'payment.exportReconciliation',
    'consultation.log',
    'consultation.today',
    'payment.reverse',
  ],
  manager: [
    'payment.refunds',
    'payment.decideRefund',
    'payment.reconciliation',
    'payment.exportReconciliation',
    'payment.get',
  ],
};
const PAYMENT_EVENTS: Partial<Record<Role, readonly EventName[]>> = {
  counter: ['payment.changed', 'refund.changed'],
  rate: ['payment.changed'],
  manager: ['refund.changed'],
};
for (const [role, methods] of Object.entries(PAYMENT_METHODS) as [Role, readonly MethodName[]][]) {
  CAPABILITIES[role] = { ...CAPABILITIES[role], methods: [...CAPABILITIES[role].methods, ...methods] };
}
for (const [role, events] of Object.entries(PAYMENT_EVENTS) as [Role, readonly EventName[]][]) {
  CAPABILITIES[role] = { ...CAPABILITIES[role], events: [...CAPABILITIES[role].events, ...events] };
}
const COUNTER_STAFF = ['agent', 'manager'] as const;
Object.assign(STAFF_ONLY, {
  'payment.pay': COUNTER_STAFF,
  'payment.resolve': COUNTER_STAFF,
  'payment.get': COUNTER_STAFF,
  'payment.today': COUNTER_STAFF,
  'payment.reprint': COUNTER_STAFF,
  'payment.requestRefund': COUNTER_STAFF,
  'payment.refunds': COUNTER_STAFF,
  'payment.decideRefundOnSpot': COUNTER_STAFF,
  'payment.decideRefund': ['manager'],
  'payment.requestInvoice': COUNTER_STAFF,
  'payment.declareCash': COUNTER_STAFF,
  'payment.reconciliation': COUNTER_STAFF,
  'payment.exportReconciliation': COUNTER_STAFF,
  'consultation.log': COUNTER_STAFF,
  'consultation.today': COUNTER_STAFF,
  'payment.reverse': COUNTER_STAFF,
} satisfies Partial<Record<MethodName, readonly ('agent' | 'manager' | 'guide' | 'technician')[]>>);

// Counter flow: appended like the queue's additions above.
const JOURNEY_STAFF: MethodName[] = [
  'application.detail',
  'application.requestSignature',
  'application.amend',
  'application.attach',
  'application.attachIdPhoto',
  'application.drafts',
  'application.printSlip',
  'application.setStatus',
  'auth.lock',
  'auth.unlock',
];
CAPABILITIES.counter = {
  methods: [...CAPABILITIES.counter.methods, ...JOURNEY_STAFF],
  events: [...CAPABILITIES.counter.events, 'application.changed'],
};
CAPABILITIES.rate = {
  methods: [...CAPABILITIES.rate.methods, 'rate.review', 'rate.sign'],
  events: [...CAPABILITIES.rate.events, 'application.changed'],
};
for (const m of JOURNEY_STAFF) if (m !== 'auth.unlock' && m !== 'auth.lock') STAFF_ONLY[m] = ['agent', 'manager'];

// Customer screen: the pad signature for the rate role; past visits for the counter.
CAPABILITIES.rate = {
  methods: [...CAPABILITIES.rate.methods, 'rate.padStatus', 'rate.padSign', 'rate.addDimensions'],
  events: [...CAPABILITIES.rate.events, 'rate.padStroke', 'rate.padEnded'],
};
CAPABILITIES.counter = {
  methods: [...CAPABILITIES.counter.methods, 'customer.visits'],
  events: CAPABILITIES.counter.events,
};
STAFF_ONLY['customer.visits'] = ['agent', 'manager'];
// Kiosk self-service: appended likewise. The kiosk's calls need no login; the service scopes them
// to the customers this kiosk connection identified.
CAPABILITIES.kiosk = {
  methods: [
    ...CAPABILITIES.kiosk.methods,
    'kiosk.identify',
    'kiosk.account',
    'kiosk.pay',
    'kiosk.payment',
    'kiosk.cancelPayment',
    'kiosk.endSession',
  ],
  events: [...CAPABILITIES.kiosk.events, 'kiosk.cardRead'],
};
CAPABILITIES.manager = {
  ...CAPABILITIES.manager,
  methods: [
    ...CAPABILITIES.manager.methods,
    'payment.kioskReconciliation',
    'payment.exportKioskReconciliation',
    'payment.reprint',
  ],
};
Object.assign(STAFF_ONLY, {
  'payment.kioskReconciliation': ['manager'],
  'payment.exportKioskReconciliation': ['manager'],
} satisfies Partial<Record<MethodName, readonly ('agent' | 'manager' | 'guide' | 'technician')[]>>);
// Attachments opened at the counter: counter and manager windows, agents and managers; never rate/kiosk/display.
for (const role of ['counter', 'manager'] as const)
  CAPABILITIES[role] = {
    ...CAPABILITIES[role],
    methods: [...CAPABILITIES[role].methods, 'application.attachmentContent'],
  };
STAFF_ONLY['application.attachmentContent'] = ['agent', 'manager'];

export const canCall = (role: Role, method: MethodName): boolean => CAPABILITIES[role].methods.includes(method);
export const canReceive = (role: Role, event: EventName): boolean => CAPABILITIES[role].events.includes(event);
