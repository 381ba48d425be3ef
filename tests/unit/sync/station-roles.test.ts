import { describe, expect, it } from 'vitest';
import { MUTATORS, type MutationName } from '@common/mutators';
import { ROLE_MUTATIONS, STATION_ROLES, roleMayPush, type StationRole } from '@common/sync/station-roles';

/** The role → mutation table, written out in full: a change to who may write what shows up here. */
const Y = true;
const N = false;
// prettier-ignore
const EXPECTED: Record<MutationName, Record<StationRole, boolean>> = {
  'ticket.issue':   { kiosk: Y, counter: N, guide: Y, display: N, manager: N, hall: Y },
  'ticket.call':    { kiosk: N, counter: Y, guide: N, display: N, manager: N, hall: Y },
  'ticket.recall':  { kiosk: N, counter: Y, guide: N, display: N, manager: N, hall: Y },
  'ticket.start':   { kiosk: N, counter: Y, guide: N, display: N, manager: N, hall: Y },
  'ticket.finish':  { kiosk: N, counter: Y, guide: N, display: N, manager: N, hall: Y },
  'rating.record':  { kiosk: N, counter: Y, guide: N, display: N, manager: N, hall: Y },
  'audit.append':   { kiosk: Y, counter: Y, guide: Y, display: Y, manager: Y, hall: Y },
  'window.signIn':  { kiosk: N, counter: Y, guide: N, display: N, manager: N, hall: Y },
  'window.signOut': { kiosk: N, counter: Y, guide: N, display: N, manager: Y, hall: Y },
  'customer.updateContact': { kiosk: N, counter: Y, guide: Y, display: N, manager: N, hall: Y },
  'ticket.noShow':  { kiosk: N, counter: Y, guide: N, display: N, manager: N, hall: Y },
  'ticket.park':    { kiosk: N, counter: Y, guide: N, display: N, manager: N, hall: Y },
  'ticket.resume':  { kiosk: N, counter: Y, guide: N, display: N, manager: N, hall: Y },
  'ticket.transfer': { kiosk: N, counter: Y, guide: N, display: N, manager: N, hall: Y },
  'ticket.reclassify': { kiosk: N, counter: Y, guide: Y, display: N, manager: N, hall: Y },
  'queue.closeDay': { kiosk: Y, counter: Y, guide: Y, display: Y, manager: Y, hall: Y },
  'window.setStatus': { kiosk: N, counter: Y, guide: N, display: N, manager: Y, hall: Y },
  'window.configure': { kiosk: N, counter: N, guide: N, display: N, manager: Y, hall: Y },
  'queue.configure': { kiosk: N, counter: N, guide: N, display: N, manager: Y, hall: Y },
  'queue.configureType': { kiosk: N, counter: N, guide: N, display: N, manager: Y, hall: Y },
  'staff.setSkills': { kiosk: N, counter: N, guide: N, display: N, manager: Y, hall: Y },
  'application.saveDraft': { kiosk: N, counter: Y, guide: N, display: N, manager: N, hall: Y },
  'application.submit': { kiosk: N, counter: Y, guide: N, display: N, manager: N, hall: Y },
  'application.setStatus': { kiosk: N, counter: Y, guide: N, display: N, manager: Y, hall: Y },
  'payment.create': { kiosk: Y, counter: Y, guide: N, display: N, manager: N, hall: Y },
  'payment.step':   { kiosk: Y, counter: Y, guide: N, display: N, manager: N, hall: Y },
  'refund.request': { kiosk: N, counter: Y, guide: N, display: N, manager: N, hall: Y },
  'refund.decide':  { kiosk: N, counter: Y, guide: N, display: N, manager: Y, hall: Y },
  'invoice.request': { kiosk: Y, counter: Y, guide: N, display: N, manager: N, hall: Y },
  'invoice.issue':  { kiosk: Y, counter: Y, guide: N, display: N, manager: N, hall: Y },
  'cash.declare':   { kiosk: N, counter: Y, guide: N, display: N, manager: N, hall: Y },
  'consultation.log': { kiosk: N, counter: Y, guide: N, display: N, manager: N, hall: Y },
  'application.requestSignature': { kiosk: N, counter: Y, guide: N, display: N, manager: N, hall: Y },
  'application.sign': { kiosk: N, counter: Y, guide: N, display: N, manager: N, hall: Y },
  'application.amend': { kiosk: N, counter: Y, guide: N, display: N, manager: N, hall: Y },
  'application.attach': { kiosk: N, counter: Y, guide: N, display: N, manager: N, hall: Y },
  'rating.addDimensions': { kiosk: N, counter: Y, guide: N, display: N, manager: N, hall: Y },
  'appeal.file': { kiosk: N, counter: Y, guide: N, display: N, manager: N, hall: Y },
  'appeal.decide': { kiosk: N, counter: N, guide: N, display: N, manager: Y, hall: Y },
  'evaluation.setWeights': { kiosk: N, counter: N, guide: N, display: N, manager: Y, hall: Y },
  'tag.define':     { kiosk: N, counter: N, guide: N, display: N, manager: Y, hall: Y },
  'tag.assign':     { kiosk: N, counter: Y, guide: Y, display: N, manager: Y, hall: Y },
  'tag.remove':     { kiosk: N, counter: Y, guide: Y, display: N, manager: Y, hall: Y },
  'tag.recompute':  { kiosk: Y, counter: Y, guide: N, display: N, manager: Y, hall: Y },
  'followup.record': { kiosk: N, counter: N, guide: N, display: N, manager: Y, hall: Y },
};

describe('station role → mutation table', () => {
  it('covers every mutator', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(MUTATORS).sort());
  });

  for (const role of STATION_ROLES) {
    for (const name of Object.keys(MUTATORS) as MutationName[]) {
      it(`${role} ${EXPECTED[name][role] ? 'may' : 'may not'} push ${name}`, () => {
        expect(roleMayPush(role, name)).toBe(EXPECTED[name][role]);
      });
    }
  }

  it('names only real mutations and refuses unknown ones for every role', () => {
    for (const role of STATION_ROLES) {
      for (const m of ROLE_MUTATIONS[role]) expect(Object.hasOwn(MUTATORS, m)).toBe(true);
      expect(roleMayPush(role, 'ticket.delete')).toBe(false);
      expect(roleMayPush(role, '__proto__')).toBe(false);
    }
  });
});
