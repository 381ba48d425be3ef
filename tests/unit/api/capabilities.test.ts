import { describe, expect, it } from 'vitest';
import { CAPABILITIES, STAFF_ONLY } from '@common/api/capabilities';
import { EVENTS, METHOD_NAMES, type EventName } from '@common/api/contract';
import { ROLES, type Role } from '@common/api/roles';
import { deliverable } from '../../../main/security/access-policy';
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
const ctx = (role: Role): CallerContext => ({
  connectionId: 'c',
  source: 'local:test',
  role,
  windowNo: 3,
  session: manager,
});

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
      const r = await router.call(
        { connectionId: 'c', source: 'local:test', role, windowNo: 3, session: null },
        method,
        {},
      );
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

  it('delivers each event as the access policy decides for the session (no login: public events only)', () => {
    for (const role of ROLES) {
      const got: string[] = [];
      const ctx = { connectionId: 'c', role, windowNo: 3, source: '127.0.0.1', session: null };
      const off = router.subscribe(ctx, (e) => got.push(e));
      const payloadOf = (e: EventName) =>
        (e === 'rating.requested' || e === 'application.changed' || e === 'payment.changed' || e.startsWith('rate.pad')
          ? { windowNo: 3, applicationId: 'ap', ticketId: 't' }
          : {}) as never;
      // Window 4's events reach no screen of window 3.
      bus.emit('rating.requested', { windowNo: 4, ticketId: 't' });
      bus.emit('payment.changed', { paymentId: 'p', status: 'pending', windowNo: 4, qrPayload: null, amountFen: 1 });
      for (const e of Object.keys(EVENTS) as EventName[]) bus.emit(e, payloadOf(e));
      off();
      const expected = (Object.keys(EVENTS) as EventName[]).filter(
        (e) => CAPABILITIES[role].events.includes(e) && deliverable(ctx, e, payloadOf(e)) !== undefined,
      );
      expect({ role, got }).toEqual({ role, got: expected });
    }
    // Without a login, nothing but the public and the customer screen's own events.
    const anonymous = (role: (typeof ROLES)[number]) =>
      (Object.keys(EVENTS) as EventName[]).filter((e) =>
        deliverable({ connectionId: 'c', role, windowNo: 3, source: '127.0.0.1', session: null }, e, {
          windowNo: 3,
        } as never),
      );
    expect(anonymous('counter').sort()).toEqual(['queue.changed', 'sync.status', 'ticket.called']);
    expect(anonymous('devices')).toEqual(['sync.status']);
  });
});
