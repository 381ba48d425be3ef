import { describe, expect, it } from 'vitest';
import { EVENT_NAMES, type EventName, type EventPayload } from '@common/api/contract';
import type { IdCardView } from '@common/api/schemas';
import { ROLES, type Role, type StaffRole } from '@common/api/roles';
import { deliverable } from '../../../main/security/access-policy';
import type { CallerContext } from '../../../main/services/caller';

/**
 * Who receives what, per session: every window role × every event, as each screen is used (its
 * staff logged in, window 3, beside this station's reader). Y: the payload as emitted; M: a masked
 * copy; N: nothing. The cases below pin what changes when the login, window or place differ.
 */
const Y = 'Y';
const M = 'M';
const N = 'N';
type Outcome = typeof Y | typeof M | typeof N;

const CARD: IdCardView = {
  cardType: 'resident',
  name: '张小三',
  gender: '男',
  nation: '汉',
  birthDate: '1990-01-01',
  address: '浙江省杭州市西湖区文三路90号',
  idNumber: '33010219900101123X',
  authority: '杭州市公安局西湖分局',
  validFrom: '2015-01-01',
  validTo: '2035-01-01',
  idNumberValid: true,
  readAt: '2026-05-01T08:00:00.000Z',
};

const SAMPLE: { [E in EventName]: EventPayload<E> } = {
  'queue.changed': { day: '2026-05-01' },
  'ticket.called': { ticketId: 't1', ticketNo: 'A001', windowNo: 3, text: '请A001号到3号窗口', recall: false, at: 'x' },
  'rating.requested': { windowNo: 3, ticketId: 't1' },
  'rating.recorded': {
    id: 'rt-1',
    ticketId: 't1',
    ticketNo: 'A001',
    windowNo: 3,
    staffId: 's1',
    level: 'satisfied',
    dimensions: {},
    reason: null,
    createdAt: 'x',
  } as EventPayload<'rating.recorded'>,
  'sync.status': {} as EventPayload<'sync.status'>,
  'appeal.changed': { appealId: 'ap-1' },
  'evaluation.changed': { reason: 'appeal' },
  'devices.changed': {},
  'devices.log': {} as EventPayload<'devices.log'>,
  'devices.signatureStroke': { stroke: [] },
  'idcard.read': CARD,
  'idcard.removed': {},
  'payment.changed': {
    paymentId: 'p1',
    status: 'paid',
    windowNo: 3,
    qrPayload: null,
    amountFen: 100,
  } as EventPayload<'payment.changed'>,
  'refund.changed': { requestId: 'r1' },
  'customer.changed': { customerId: 42 },
  'application.changed': { applicationId: 'a1', windowNo: 3 },
  'rate.padStroke': { windowNo: 3, requestId: 'sr-1', stroke: [] },
  'rate.padEnded': { windowNo: 3 } as EventPayload<'rate.padEnded'>,
  'kiosk.cardRead': { at: 'x' },
  'pairing.changed': {},
};

const STAFF_OF: Record<Role, StaffRole | null> = {
  kiosk: null,
  counter: 'agent',
  rate: null,
  display: null,
  guide: 'guide',
  manager: 'manager',
  devices: 'technician',
};

function session(role: StaffRole | null, windowNo: number | null): CallerContext['session'] {
  if (!role) return null;
  return {
    staff: { id: 's1', staffNo: '1001', name: '王', role } as never,
    role,
    windowNo,
    staffId: 's1',
    windowSessionId: null,
  };
}

function screen(role: Role, over: Partial<CallerContext> = {}): CallerContext {
  const windowNo = role === 'counter' || role === 'rate' ? 3 : null;
  return {
    connectionId: 'c',
    role,
    windowNo,
    source: '127.0.0.1',
    session: session(STAFF_OF[role], windowNo),
    ...over,
  };
}

function outcome(ctx: CallerContext, event: EventName): Outcome {
  const payload = SAMPLE[event];
  const got = deliverable(ctx, event, payload);
  return got === undefined ? N : got === payload ? Y : M;
}

// prettier-ignore
const DELIVERED: Record<EventName, Record<Role, Outcome>> = {
  'queue.changed':           { kiosk: Y, counter: Y, rate: Y, display: Y, guide: Y, manager: Y, devices: N },
  'ticket.called':           { kiosk: N, counter: Y, rate: N, display: Y, guide: Y, manager: N, devices: N },
  'rating.requested':        { kiosk: N, counter: N, rate: Y, display: N, guide: N, manager: N, devices: N },
  'rating.recorded':         { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: Y, devices: N },
  'sync.status':             { kiosk: Y, counter: Y, rate: Y, display: Y, guide: Y, manager: Y, devices: Y },
  'devices.changed':         { kiosk: N, counter: N, rate: N, display: N, guide: N, manager: N, devices: Y },
  'devices.log':             { kiosk: N, counter: N, rate: N, display: N, guide: N, manager: N, devices: Y },
  'devices.signatureStroke': { kiosk: N, counter: N, rate: N, display: N, guide: N, manager: N, devices: Y },
  'idcard.read':             { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: M },
  'idcard.removed':          { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: Y },
  'payment.changed':         { kiosk: N, counter: Y, rate: Y, display: N, guide: N, manager: N, devices: N },
  'refund.changed':          { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: Y, devices: N },
  'application.changed':     { kiosk: N, counter: Y, rate: Y, display: N, guide: N, manager: N, devices: N },
  'customer.changed':        { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'rate.padStroke':          { kiosk: N, counter: N, rate: Y, display: N, guide: N, manager: N, devices: N },
  'rate.padEnded':           { kiosk: N, counter: N, rate: Y, display: N, guide: N, manager: N, devices: N },
  'kiosk.cardRead':          { kiosk: Y, counter: N, rate: N, display: N, guide: N, manager: N, devices: N },
  'pairing.changed':         { kiosk: N, counter: N, rate: N, display: N, guide: N, manager: Y, devices: Y },
  'appeal.changed':          { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: Y, devices: N },
  'evaluation.changed':      { kiosk: N, counter: N, rate: N, display: N, guide: N, manager: Y, devices: N },
};

describe('event delivery by session', () => {
  it('covers every event', () => {
    expect(Object.keys(DELIVERED).sort()).toEqual([...EVENT_NAMES].sort());
  });

  for (const role of ROLES)
    it(`${role}, its staff logged in at window 3 beside the reader: exactly these events`, () => {
      for (const event of EVENT_NAMES)
        expect({ event, got: outcome(screen(role), event) }).toEqual({ event, got: DELIVERED[event][role] });
    });

  it('card data: never to a counter nobody is logged in at, nor to one served to another PC', () => {
    expect(outcome(screen('counter', { session: null }), 'idcard.read')).toBe(N);
    expect(outcome(screen('counter', { source: '192.168.1.23' }), 'idcard.read')).toBe(N);
    expect(outcome(screen('counter', { source: undefined }), 'idcard.read')).toBe(N);
    expect(outcome(screen('counter', { source: 'ipc:7' }), 'idcard.read')).toBe(Y);
    const locked = screen('counter');
    locked.session = { ...locked.session!, locked: true };
    expect(outcome(locked, 'idcard.read')).toBe(N);
  });

  it('card data on the devices page: only behind a login, and masked as its test read is', () => {
    expect(outcome(screen('devices', { session: null }), 'idcard.read')).toBe(N);
    const masked = deliverable(screen('devices'), 'idcard.read', CARD) as IdCardView;
    expect(masked).toMatchObject({ name: '张*三', idNumber: '3301**********123X', birthDate: '', authority: null });
    expect(masked.address).toBe('浙江省杭州市西湖区****');
    expect(JSON.stringify(masked)).not.toMatch(/33010219900101123X|张小三|文三路|1990-01-01/);
    // The same masked object for every devices page: encoded once for all of them.
    expect(deliverable(screen('devices'), 'idcard.read', CARD)).toBe(masked);
  });

  it('a window hears its own window only: payments, ratings, reviews, pad strokes', () => {
    for (const role of ['counter', 'rate'] as const) {
      const other = screen(role, { windowNo: 4 });
      for (const event of ['payment.changed', 'rating.requested', 'rate.padStroke', 'rate.padEnded'] as const)
        expect({ role, event, got: outcome(other, event) }).toEqual({ role, event, got: N });
    }
    expect(outcome(screen('rate', { windowNo: 4 }), 'application.changed')).toBe(N);
    expect(outcome(screen('counter', { windowNo: 4 }), 'rating.recorded')).toBe(N);
  });

  it('staff events wait for the login', () => {
    expect(outcome(screen('manager', { session: null }), 'rating.recorded')).toBe(N);
    expect(outcome(screen('manager', { session: null }), 'pairing.changed')).toBe(N);
    expect(outcome(screen('counter', { session: null }), 'payment.changed')).toBe(N);
    expect(outcome(screen('counter', { session: null }), 'refund.changed')).toBe(N);
    expect(outcome(screen('counter', { session: null }), 'customer.changed')).toBe(N);
    expect(outcome(screen('devices', { session: null }), 'devices.log')).toBe(N);
  });
});
