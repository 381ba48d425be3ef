/**
 * Clock skew of ±1 hour on stations (the injected clock, main/services/clock.ts): the central
 * orders by arrival, not by station time. Contact edits are last-writer-wins in server order, so
 * the edit that reached the central last stands even when its station clock says it is two hours
 * older; tickets stamped an hour in the future or past are accepted, nothing is rejected for skew.
 */
import { describe, expect, it } from 'vitest';
import type { MutationArgs } from '@common/mutators';
import type { Clock } from '../../main/services/clock';
import { useCentralBackends } from '../support/central-backends';
import {
  compareTables,
  converge,
  startFleet,
  stationState,
  stopFleet,
  syncOnce,
  type FleetStation,
} from '../support/sync-fleet';

const { centralOn, dbFileOf, cleanups } = useCentralBackends();
const HOUR = 3_600_000;
/** 10:00 in the hall (Asia/Shanghai), so ±1 h stays on one business day; the clock then runs in real time. */
const BASE = Date.parse('2030-01-07T02:00:00.000Z');
const skewed = (offsetMs: number): Clock => {
  const started = Date.now();
  return { now: () => new Date(BASE + (Date.now() - started) + offsetMs) };
};
const kiosk = { connectionId: 'kiosk', source: 'local:test', role: 'kiosk' as const, windowNo: null, session: null };

const b64 = (s: string) => Buffer.from(s.padEnd(16, '.')).toString('base64');
function phoneEdit(id: string, at: string, tail: string): MutationArgs<'customer.updateContact'> {
  return {
    id,
    hallId: 'H001',
    customerId: 5,
    at,
    staffId: 'S1002',
    phone: { enc: b64(`phone ${tail}`), hash: `hash-phone-${tail}-skew-0000`, masked: `139****${tail}`, tail },
  };
}
function addressEdit(id: string, at: string, text: string): MutationArgs<'customer.updateContact'> {
  return { id, hallId: 'H001', customerId: 5, at, staffId: 'S1002', address: { enc: b64(text), masked: text } };
}
async function edit(
  s: FleetStation,
  clock: Clock,
  args: (at: string) => MutationArgs<'customer.updateContact'>,
): Promise<void> {
  const at = clock.now().toISOString();
  await s.host.storage.run('mutate', { name: 'customer.updateContact', args: args(at), now: at });
  expect(await syncOnce(s)).toMatchObject({ online: true, pending: 0 });
}

describe('clock skew of ±1 hour', () => {
  it('server order, not station time, decides contact edits; skewed tickets are accepted; nothing rejected', async () => {
    // The central keeps the hall's true time; the kiosks are an hour off either way.
    const hall = skewed(0);
    const central = await centralOn('sqlite', { clock: () => hall.now() });
    const ahead = skewed(HOUR);
    const behind = skewed(-HOUR);
    // A generous wait for the authority: under load an online issue must not become a leased one here.
    const fleet = await startFleet(central, 2, { clocks: [ahead, behind], authorityTimeoutMs: 10_000 });
    cleanups.push(() => stopFleet(fleet));
    const [fast, slow] = fleet as [FleetStation, FleetStation];

    // Phone: the fast station edits first, the slow one (stamped two hours earlier) last → the slow edit stands.
    await edit(fast, ahead, (at) => phoneEdit('edit-skew-phone-fast', at, '1111'));
    await edit(slow, behind, (at) => phoneEdit('edit-skew-phone-slow', at, '2222'));
    // Address: the other way round → the fast station's edit stands.
    await edit(slow, behind, (at) => addressEdit('edit-skew-addr-slow', at, '慢站地址'));
    await edit(fast, ahead, (at) => addressEdit('edit-skew-addr-fast', at, '快站地址'));

    const issuedFast = await fast.host.router.call(kiosk, 'queue.issueTicket', { businessType: 'PAY' });
    const issuedSlow = await slow.host.router.call(kiosk, 'queue.issueTicket', { businessType: 'PAY' });
    expect(issuedFast.ok && issuedSlow.ok).toBe(true);
    await converge(fleet, central);

    const { stations, central: c, differing } = await compareTables(fleet, dbFileOf(central));
    expect(differing).toEqual([]);
    for (const snap of [...stations, c]) {
      expect(snap.customerContact.get('contact-5')).toMatchObject({
        phone_tail: '2222',
        phone_edit: 'edit-skew-phone-slow',
        address_masked: '快站地址',
        address_edit: 'edit-skew-addr-fast',
      });
    }
    // Tickets issued online carry the hall authority's time, not the kiosks' skewed clocks: a kiosk an
    // hour behind cannot put its customers ahead of everyone else's.
    const tickets = [...c.ticket.values()].filter((t) => t.day === '2030-01-07');
    expect(tickets).toHaveLength(2);
    const hallNow = hall.now().getTime();
    for (const t of tickets) expect(Math.abs(Date.parse(t.issued_at!) - hallNow)).toBeLessThan(10 * 60_000);
    for (const s of fleet) expect(stationState(s.dbFile).rejected).toEqual([]);
  });
});
