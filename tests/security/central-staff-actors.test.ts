import { expect, it } from 'vitest';
import { RawClient, describeEachBackend, useCentralBackends } from '../support/central-backends';

/**
 * A sign-in station speaks only for the staff who signed in there, as its own pushes show (a window
 * sign-in, an accepted PIN in the audit log). A display or kiosk speaks for no staff member at all.
 * Both backends, over real HTTP.
 */
const { centralOn } = useCentralBackends();

const AT = '2026-11-23T02:00:00.000Z';

class Station {
  next = 1;
  constructor(readonly client: RawClient) {}
  push(...mutations: { name: string; args: unknown }[]) {
    return this.client.push(mutations.map((m) => ({ id: this.next++, createdAt: AT, ...m })));
  }
  get id() {
    return this.client.clientId;
  }
}

let seq = 0;
const audit = (stationId: string, actor: string | null, action: string) => ({
  name: 'audit.append',
  args: { id: `audit-actor-${++seq}`, at: AT, stationId, actor, action, detail: {} },
});
const signIn = (staffId: string) => ({
  name: 'window.signIn',
  args: { id: `ws-${staffId}-${++seq}`, hallId: 'H001', windowNo: 3, staffId, at: AT },
});
const contactEdit = (staffId: string, tail: string) => ({
  name: 'customer.updateContact',
  args: {
    id: `edit-actor-${++seq}`,
    hallId: 'H001',
    customerId: 9,
    at: AT,
    staffId,
    phone: {
      enc: Buffer.from(`phone ${tail}`.padEnd(16, '.')).toString('base64'),
      hash: `hash-phone-${tail}-actor-000`,
      masked: `139****${tail}`,
      tail,
    },
  },
});

describeEachBackend('on %s', (backend) => {
  it('a counter speaks only for staff who signed in there: a forged or borrowed actor is refused, the signed-in one is kept', async () => {
    const c = await centralOn(backend);
    const counterA = new Station(await RawClient.enroll(c, `counter-a-actor-${backend}`, 'counter'));
    const counterB = new Station(await RawClient.enroll(c, `counter-b-actor-${backend}`, 'counter'));

    // Agent 1003 signs in at counter A (window sign-in, then the login's audit entry by staff number).
    const a = await counterA.push(
      signIn('S1003'),
      audit(counterA.id, '1003', 'auth.login'),
      contactEdit('S1003', '3333'),
      audit(counterA.id, '1003', 'customer.reveal'),
    );
    expect(a.json).toEqual({ lastMutationId: 4, rejected: [] });

    // Counter B has nobody signed in: acting as 1003 (by id or staff number), or as the manager, is refused.
    const b = await counterB.push(
      contactEdit('S1003', '4444'),
      audit(counterB.id, '1003', 'customer.reveal'),
      audit(counterB.id, 'S1001', 'application.setStatus'),
      // A failed PIN attempt names whoever was typed: recorded, not refused.
      audit(counterB.id, '1003', 'auth.failed'),
      // A name that is no staff member speaks for nobody.
      audit(counterB.id, null, 'application.sign'),
    );
    expect(b.json.rejected).toMatchObject([
      {
        id: 1,
        code: 'forbidden',
        key: 'sync.staffNotSignedIn',
        params: { staff: 'S1003', name: 'customer.updateContact' },
      },
      { id: 2, key: 'sync.staffNotSignedIn', params: { staff: '1003' } },
      { id: 3, key: 'sync.staffNotSignedIn', params: { staff: 'S1001' } },
    ]);
    expect(String((b.json.rejected as { message: string }[])[0]!.message)).toMatch(/未在本终端登录/);

    // Once 1003 signs in at B too, B may act for them.
    const later = await counterB.push(audit(counterB.id, '1003', 'auth.login'), contactEdit('S1003', '5555'));
    expect(later.json.rejected).toEqual([]);

    const edits = (await counterA.client.pull()).changes.filter((ch) => ch.entity === 'customerContact');
    expect(edits.at(-1)?.row).toMatchObject({ phone_tail: '5555' });
  });

  it('a manager PIN entered at the counter makes that manager present for the decision it approved', async () => {
    const c = await centralOn(backend);
    const counter = new Station(await RawClient.enroll(c, `counter-spot-${backend}`, 'counter'));
    const r = await counter.push(
      audit(counter.id, '1001', 'refund.approve'),
      audit(counter.id, '1001', 'customer.view'),
    );
    expect(r.json.rejected).toEqual([]);
  });

  it('staff of another hall cannot be named, not even by a sign-in', async () => {
    const c = await centralOn(backend);
    const other = new Station(await RawClient.enroll(c, `counter-h2-actor-${backend}`, 'counter', 'H002'));
    const r = await other.client.push([{ id: 1, createdAt: AT, ...audit(other.id, '1003', 'auth.login') }], 'H002');
    expect(r.json.rejected).toMatchObject([{ id: 1, key: 'sync.staffNotSignedIn' }]);
  });

  it('a display or kiosk speaks for no staff member: a forged audit entry from a display is refused', async () => {
    const c = await centralOn(backend);
    const display = new Station(await RawClient.enroll(c, `display-actor-${backend}`, 'display'));
    const r = await display.push(audit(display.id, '1003', 'auth.login'), audit(display.id, null, 'display.start'));
    expect(r.json.rejected).toMatchObject([{ id: 1, key: 'sync.identityForged', params: { field: 'actor' } }]);
  });
});
