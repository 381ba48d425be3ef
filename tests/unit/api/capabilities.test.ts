import { describe, expect, it } from 'vitest';
import { CAPABILITIES, STAFF_ONLY } from '@common/api/capabilities';
import { EVENTS, METHOD_NAMES, type EventName } from '@common/api/contract';
import { ROLES, type Role } from '@common/api/roles';
import type { CallerContext } from '../../../main/services/caller';
import { StationRouter, type Handlers } from '../../../main/api/router';
import { EventBus } from '../../../main/services/event-bus';

/** Every role × every method: a call outside the role's capabilities is `forbidden`, before any handler runs. */
const called: string[] = [];
const handlers = new Proxy({} as Handlers, {
  get: (_t, name: string) => () => {
    called.push(name);
    return {};
  },
});
const bus = new EventBus();
const router = new StationRouter(handlers, bus);
const manager = {
  staff: { id: 's', staffNo: '1001', name: 'x', title: '', photo: '', starLevel: 5 },
  role: 'manager' as const,
  windowNo: 3,
  staffId: 's',
  windowSessionId: null,
};
const ctx = (role: Role): CallerContext => ({ connectionId: 'c', role, windowNo: 3, session: manager });

describe('role capabilities', () => {
  for (const role of ROLES) {
    for (const method of METHOD_NAMES) {
      const allowed = CAPABILITIES[role].methods.includes(method);
      it(`${role} ${allowed ? 'may' : 'may not'} call ${method}`, async () => {
        called.length = 0;
        const r = await router.call(ctx(role), method, {});
        if (allowed) {
          expect(r.ok ? 'ok' : r.error.code).not.toBe('forbidden');
        } else {
          expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
          expect(called).toEqual([]);
        }
      });
    }
  }

  it('staff-only calls need a login', async () => {
    for (const [method] of Object.entries(STAFF_ONLY)) {
      const role = ROLES.find((r) => CAPABILITIES[r].methods.includes(method as never))!;
      const r = await router.call({ connectionId: 'c', role, windowNo: 3, session: null }, method, {});
      expect(r).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    }
  });

  it('an agent cannot call manager methods even on a manager window', async () => {
    const r = await router.call(
      { ...ctx('manager'), session: { ...manager, role: 'agent' } },
      'manager.evaluations',
      {},
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('delivers each event only to roles that may receive it, and rating prompts only to their window', () => {
    for (const role of ROLES) {
      const got: string[] = [];
      const off = router.subscribe({ connectionId: 'c', role, windowNo: 3, session: null }, (e) => got.push(e));
      // application.changed at window 4 reaches no customer screen of window 3 (counters hear all).
      bus.emit('application.changed', { applicationId: 'ap-other', windowNo: 4 });
      if (role !== 'rate' && CAPABILITIES[role].events.includes('application.changed')) got.shift();
      // Nor does a payment or a pad stroke at window 4 (the counter hears every payment).
      bus.emit('payment.changed', { paymentId: 'p', status: 'pending', windowNo: 4, qrPayload: null, amountFen: 1 });
      bus.emit('rate.padStroke', { windowNo: 4, requestId: 'sr', stroke: [] });
      if (role !== 'rate' && CAPABILITIES[role].events.includes('payment.changed')) got.shift();
      const windowBound = (e: EventName) => e === 'payment.changed' || e === 'rate.padStroke' || e === 'rate.padEnded';
      for (const e of Object.keys(EVENTS) as EventName[])
        bus.emit(
          e,
          (e === 'rating.requested'
            ? { windowNo: 4, ticketId: 't' }
            : e === 'application.changed'
              ? { applicationId: 'ap', windowNo: 3 }
              : windowBound(e)
                ? { windowNo: 3 }
                : {}) as never,
        );
      bus.emit('rating.requested', { windowNo: 3, ticketId: 't' });
      off();
      const expectedEvents = (Object.keys(EVENTS) as EventName[]).filter(
        (e) => CAPABILITIES[role].events.includes(e) && e !== 'rating.requested',
      );
      if (CAPABILITIES[role].events.includes('rating.requested')) expectedEvents.push('rating.requested');
      expect(got).toEqual(expectedEvents);
    }
  });
});
