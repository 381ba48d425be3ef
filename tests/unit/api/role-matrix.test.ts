import { describe, expect, it } from 'vitest';
import { STAFF_ONLY, canCall, canReceive } from '@common/api/capabilities';
import { EVENT_NAMES, METHOD_NAMES, type EventName, type MethodName } from '@common/api/contract';
import { ROLES, type Role } from '@common/api/roles';

/**
 * Who may call what, written out in full: every window role × every method and event, and the
 * staff login each method needs. A change to the station's permissions shows up here as a diff.
 */
type StaffRole = 'agent' | 'manager' | 'guide' | 'technician';
const Y = true;
const N = false;
const NO_LOGIN = null;

// prettier-ignore
const METHOD_ROLES: Record<MethodName, Record<Role, boolean>> = {
  'station.info':                      { kiosk: Y, counter: Y, rate: Y, display: Y, guide: Y, manager: Y, devices: Y },
  'queue.snapshot':                    { kiosk: Y, counter: Y, rate: Y, display: Y, guide: Y, manager: Y, devices: N },
  'queue.issueTicket':                 { kiosk: Y, counter: N, rate: N, display: N, guide: Y, manager: N, devices: N },
  'auth.login':                        { kiosk: N, counter: Y, rate: N, display: N, guide: Y, manager: Y, devices: Y },
  'auth.logout':                       { kiosk: N, counter: Y, rate: N, display: N, guide: Y, manager: Y, devices: Y },
  'auth.session':                      { kiosk: N, counter: Y, rate: N, display: N, guide: Y, manager: Y, devices: Y },
  'counter.state':                     { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'counter.callNext':                  { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'counter.recall':                    { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'counter.start':                     { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'counter.finish':                    { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'rate.prompt':                       { kiosk: N, counter: N, rate: Y, display: N, guide: N, manager: N, devices: N },
  'rate.submit':                       { kiosk: N, counter: N, rate: Y, display: N, guide: N, manager: N, devices: N },
  'rate.timeout':                      { kiosk: N, counter: N, rate: Y, display: N, guide: N, manager: N, devices: N },
  'display.logAnnouncement':           { kiosk: N, counter: N, rate: N, display: Y, guide: N, manager: N, devices: N },
  'manager.evaluations':               { kiosk: N, counter: N, rate: N, display: N, guide: N, manager: Y, devices: N },
  'devices.status':                    { kiosk: N, counter: N, rate: N, display: N, guide: N, manager: N, devices: Y },
  'devices.printTest':                 { kiosk: N, counter: N, rate: N, display: N, guide: N, manager: N, devices: Y },
  'devices.captureSignature':          { kiosk: N, counter: N, rate: N, display: N, guide: N, manager: N, devices: Y },
  'devices.overview':                  { kiosk: N, counter: N, rate: N, display: N, guide: N, manager: N, devices: Y },
  'devices.readIdCard':                { kiosk: N, counter: N, rate: N, display: N, guide: N, manager: N, devices: Y },
  'devices.printSample':               { kiosk: N, counter: N, rate: N, display: N, guide: N, manager: N, devices: Y },
  'devices.reprint':                   { kiosk: N, counter: N, rate: N, display: N, guide: N, manager: N, devices: Y },
  'devices.config':                    { kiosk: N, counter: N, rate: N, display: N, guide: N, manager: N, devices: Y },
  'devices.saveConfig':                { kiosk: N, counter: N, rate: N, display: N, guide: N, manager: N, devices: Y },
  'sync.enrollmentCode':               { kiosk: N, counter: N, rate: N, display: N, guide: N, manager: Y, devices: N },
  'sync.stations':                     { kiosk: N, counter: N, rate: N, display: N, guide: N, manager: Y, devices: N },
  'station.recentErrors':              { kiosk: N, counter: N, rate: N, display: N, guide: N, manager: Y, devices: Y },
  'sync.revokeStation':                { kiosk: N, counter: N, rate: N, display: N, guide: N, manager: Y, devices: N },
  'counter.panel':                     { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'counter.callTicket':                { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'counter.noShow':                    { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'counter.park':                      { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'counter.resume':                    { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'counter.transfer':                  { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'counter.setStatus':                 { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'queue.issueFor':                    { kiosk: N, counter: N, rate: N, display: N, guide: Y, manager: N, devices: N },
  'queue.checkIn':                     { kiosk: Y, counter: N, rate: N, display: N, guide: Y, manager: N, devices: N },
  'queue.position':                    { kiosk: Y, counter: Y, rate: N, display: Y, guide: Y, manager: Y, devices: N },
  'guide.reclassify':                  { kiosk: N, counter: N, rate: N, display: N, guide: Y, manager: N, devices: N },
  'queue.config':                      { kiosk: N, counter: N, rate: N, display: N, guide: N, manager: Y, devices: N },
  'manager.configureQueue':            { kiosk: N, counter: N, rate: N, display: N, guide: N, manager: Y, devices: N },
  'manager.configureType':             { kiosk: N, counter: N, rate: N, display: N, guide: N, manager: Y, devices: N },
  'manager.configureWindow':           { kiosk: N, counter: N, rate: N, display: N, guide: N, manager: Y, devices: N },
  'manager.kpis':                      { kiosk: N, counter: N, rate: N, display: N, guide: N, manager: Y, devices: N },
  'queue.waitEstimates':               { kiosk: N, counter: N, rate: N, display: N, guide: Y, manager: Y, devices: N },
  'guide.printChannelSlip':            { kiosk: N, counter: N, rate: N, display: N, guide: Y, manager: N, devices: N },
  'customer.search':                   { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'customer.view':                     { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'customer.reveal':                   { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'application.saveDraft':             { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'application.submit':                { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'application.get':                   { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'application.forCustomer':           { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'manager.configureSkills':           { kiosk: N, counter: N, rate: N, display: N, guide: N, manager: Y, devices: N },
  'payment.pay':                       { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'payment.resolve':                   { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'payment.get':                       { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: Y, devices: N },
  'payment.today':                     { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'payment.reprint':                   { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: Y, devices: N },
  'payment.requestRefund':             { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'payment.refunds':                   { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: Y, devices: N },
  'payment.decideRefund':              { kiosk: N, counter: N, rate: N, display: N, guide: N, manager: Y, devices: N },
  'payment.decideRefundOnSpot':        { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'payment.requestInvoice':            { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'payment.declareCash':               { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'payment.reconciliation':            { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: Y, devices: N },
  'payment.exportReconciliation':      { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: Y, devices: N },
  'consultation.log':                  { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'consultation.today':                { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'payment.reverse':                   { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'application.detail':                { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'application.requestSignature':      { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'application.amend':                 { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'application.attach':                { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'application.attachIdPhoto':         { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'application.setStatus':             { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'application.drafts':                { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'application.printSlip':             { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'auth.lock':                         { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'auth.unlock':                       { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'rate.review':                       { kiosk: N, counter: N, rate: Y, display: N, guide: N, manager: N, devices: N },
  'rate.sign':                         { kiosk: N, counter: N, rate: Y, display: N, guide: N, manager: N, devices: N },
  'rate.padStatus':                    { kiosk: N, counter: N, rate: Y, display: N, guide: N, manager: N, devices: N },
  'rate.padSign':                      { kiosk: N, counter: N, rate: Y, display: N, guide: N, manager: N, devices: N },
  'rate.addDimensions':                { kiosk: N, counter: N, rate: Y, display: N, guide: N, manager: N, devices: N },
  'customer.visits':                   { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: N },
  'kiosk.identify':                    { kiosk: Y, counter: N, rate: N, display: N, guide: N, manager: N, devices: N },
  'kiosk.account':                     { kiosk: Y, counter: N, rate: N, display: N, guide: N, manager: N, devices: N },
  'kiosk.pay':                         { kiosk: Y, counter: N, rate: N, display: N, guide: N, manager: N, devices: N },
  'kiosk.payment':                     { kiosk: Y, counter: N, rate: N, display: N, guide: N, manager: N, devices: N },
  'kiosk.cancelPayment':               { kiosk: Y, counter: N, rate: N, display: N, guide: N, manager: N, devices: N },
  'kiosk.endSession':                  { kiosk: Y, counter: N, rate: N, display: N, guide: N, manager: N, devices: N },
  'payment.kioskReconciliation':       { kiosk: N, counter: N, rate: N, display: N, guide: N, manager: Y, devices: N },
  'payment.exportKioskReconciliation': { kiosk: N, counter: N, rate: N, display: N, guide: N, manager: Y, devices: N },
  'application.attachmentContent':     { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: Y, devices: N },
};

/** The staff roles whose login a method needs; NO_LOGIN: the window's role alone decides. */
// prettier-ignore
const METHOD_STAFF: Record<MethodName, readonly StaffRole[] | null> = {
  'station.info':                      NO_LOGIN,
  'queue.snapshot':                    NO_LOGIN,
  'queue.issueTicket':                 NO_LOGIN,
  'auth.login':                        NO_LOGIN,
  'auth.logout':                       NO_LOGIN,
  'auth.session':                      NO_LOGIN,
  'counter.state':                     ['agent', 'manager'],
  'counter.callNext':                  ['agent', 'manager'],
  'counter.recall':                    ['agent', 'manager'],
  'counter.start':                     ['agent', 'manager'],
  'counter.finish':                    ['agent', 'manager'],
  'rate.prompt':                       NO_LOGIN,
  'rate.submit':                       NO_LOGIN,
  'rate.timeout':                      NO_LOGIN,
  'display.logAnnouncement':           NO_LOGIN,
  'manager.evaluations':               ['manager'],
  'devices.status':                    ['manager', 'technician'],
  'devices.printTest':                 ['manager', 'technician'],
  'devices.captureSignature':          ['manager', 'technician'],
  'devices.overview':                  ['manager', 'technician'],
  'devices.readIdCard':                ['manager', 'technician'],
  'devices.printSample':               ['manager', 'technician'],
  'devices.reprint':                   ['manager', 'technician'],
  'devices.config':                    ['manager', 'technician'],
  'devices.saveConfig':                ['manager', 'technician'],
  'sync.enrollmentCode':               ['manager'],
  'sync.stations':                     ['manager'],
  'station.recentErrors':              ['manager', 'technician'],
  'sync.revokeStation':                ['manager'],
  'counter.panel':                     ['agent', 'manager'],
  'counter.callTicket':                ['agent', 'manager'],
  'counter.noShow':                    ['agent', 'manager'],
  'counter.park':                      ['agent', 'manager'],
  'counter.resume':                    ['agent', 'manager'],
  'counter.transfer':                  ['agent', 'manager'],
  'counter.setStatus':                 ['agent', 'manager'],
  'queue.issueFor':                    ['guide', 'manager'],
  'queue.checkIn':                     NO_LOGIN,
  'queue.position':                    NO_LOGIN,
  'guide.reclassify':                  ['guide', 'manager'],
  'queue.config':                      ['manager'],
  'manager.configureQueue':            ['manager'],
  'manager.configureType':             ['manager'],
  'manager.configureWindow':           ['manager'],
  'manager.kpis':                      ['manager'],
  'queue.waitEstimates':               ['guide', 'manager'],
  'guide.printChannelSlip':            ['guide', 'manager'],
  'customer.search':                   ['agent', 'manager'],
  'customer.view':                     ['agent', 'manager'],
  'customer.reveal':                   ['agent', 'manager'],
  'application.saveDraft':             ['agent', 'manager'],
  'application.submit':                ['agent', 'manager'],
  'application.get':                   ['agent', 'manager'],
  'application.forCustomer':           ['agent', 'manager'],
  'manager.configureSkills':           ['manager'],
  'payment.pay':                       ['agent', 'manager'],
  'payment.resolve':                   ['agent', 'manager'],
  'payment.get':                       ['agent', 'manager'],
  'payment.today':                     ['agent', 'manager'],
  'payment.reprint':                   ['agent', 'manager'],
  'payment.requestRefund':             ['agent', 'manager'],
  'payment.refunds':                   ['agent', 'manager'],
  'payment.decideRefund':              ['manager'],
  'payment.decideRefundOnSpot':        ['agent', 'manager'],
  'payment.requestInvoice':            ['agent', 'manager'],
  'payment.declareCash':               ['agent', 'manager'],
  'payment.reconciliation':            ['agent', 'manager'],
  'payment.exportReconciliation':      ['agent', 'manager'],
  'consultation.log':                  ['agent', 'manager'],
  'consultation.today':                ['agent', 'manager'],
  'payment.reverse':                   ['agent', 'manager'],
  'application.detail':                ['agent', 'manager'],
  'application.requestSignature':      ['agent', 'manager'],
  'application.amend':                 ['agent', 'manager'],
  'application.attach':                ['agent', 'manager'],
  'application.attachIdPhoto':         ['agent', 'manager'],
  'application.setStatus':             ['agent', 'manager'],
  'application.drafts':                ['agent', 'manager'],
  'application.printSlip':             ['agent', 'manager'],
  'auth.lock':                         NO_LOGIN,
  'auth.unlock':                       NO_LOGIN,
  'rate.review':                       NO_LOGIN,
  'rate.sign':                         NO_LOGIN,
  'rate.padStatus':                    NO_LOGIN,
  'rate.padSign':                      NO_LOGIN,
  'rate.addDimensions':                NO_LOGIN,
  'customer.visits':                   ['agent', 'manager'],
  'kiosk.identify':                    NO_LOGIN,
  'kiosk.account':                     NO_LOGIN,
  'kiosk.pay':                         NO_LOGIN,
  'kiosk.payment':                     NO_LOGIN,
  'kiosk.cancelPayment':               NO_LOGIN,
  'kiosk.endSession':                  NO_LOGIN,
  'payment.kioskReconciliation':       ['manager'],
  'payment.exportKioskReconciliation': ['manager'],
  'application.attachmentContent':     ['agent', 'manager'],
};

// prettier-ignore
const EVENT_ROLES: Record<EventName, Record<Role, boolean>> = {
  'queue.changed':           { kiosk: Y, counter: Y, rate: Y, display: Y, guide: Y, manager: Y, devices: N },
  'ticket.called':           { kiosk: N, counter: Y, rate: N, display: Y, guide: Y, manager: N, devices: N },
  'rating.requested':        { kiosk: N, counter: N, rate: Y, display: N, guide: N, manager: N, devices: N },
  'rating.recorded':         { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: Y, devices: N },
  'sync.status':             { kiosk: Y, counter: Y, rate: Y, display: Y, guide: Y, manager: Y, devices: Y },
  'devices.changed':         { kiosk: N, counter: N, rate: N, display: N, guide: N, manager: N, devices: Y },
  'devices.signatureStroke': { kiosk: N, counter: N, rate: N, display: N, guide: N, manager: N, devices: Y },
  'idcard.read':             { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: Y },
  'idcard.removed':          { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: N, devices: Y },
  'devices.log':             { kiosk: N, counter: N, rate: N, display: N, guide: N, manager: N, devices: Y },
  'payment.changed':         { kiosk: N, counter: Y, rate: Y, display: N, guide: N, manager: N, devices: N },
  'refund.changed':          { kiosk: N, counter: Y, rate: N, display: N, guide: N, manager: Y, devices: N },
  'application.changed':     { kiosk: N, counter: Y, rate: Y, display: N, guide: N, manager: N, devices: N },
  'rate.padStroke':          { kiosk: N, counter: N, rate: Y, display: N, guide: N, manager: N, devices: N },
  'rate.padEnded':           { kiosk: N, counter: N, rate: Y, display: N, guide: N, manager: N, devices: N },
  'kiosk.cardRead':          { kiosk: Y, counter: N, rate: N, display: N, guide: N, manager: N, devices: N },
};

describe('role matrix', () => {
  it('covers every method and every event', () => {
    expect(Object.keys(METHOD_ROLES).sort()).toEqual([...METHOD_NAMES].sort());
    expect(Object.keys(METHOD_STAFF).sort()).toEqual([...METHOD_NAMES].sort());
    expect(Object.keys(EVENT_ROLES).sort()).toEqual([...EVENT_NAMES].sort());
  });

  for (const role of ROLES) {
    it(`${role}: exactly its methods`, () => {
      for (const method of METHOD_NAMES)
        expect({ method, allowed: canCall(role, method) }).toEqual({ method, allowed: METHOD_ROLES[method][role] });
    });
    it(`${role}: exactly its events`, () => {
      for (const event of EVENT_NAMES)
        expect({ event, allowed: canReceive(role, event) }).toEqual({ event, allowed: EVENT_ROLES[event][role] });
    });
  }

  it('staff logins: which methods need one, and whose', () => {
    for (const method of METHOD_NAMES) {
      const staff = STAFF_ONLY[method];
      expect({ method, staff: staff ? [...staff].sort() : NO_LOGIN }).toEqual({ method, staff: METHOD_STAFF[method] });
    }
  });
});
