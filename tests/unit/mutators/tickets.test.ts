import { beforeEach, describe, expect, it } from 'vitest';
import type { MutationArgs, MutationContext } from '@common/mutators';
import { issueDecision, nextTicketNumber } from '@common/mutators/tickets';
import { loadSettings } from '@common/mutators/queue-state';
import { sqliteTx } from '../../../node/sqlite/sqlite-tx';
import { failureOf, openMutatorDb, type MutatorDb } from '../../support/mutator-db';

/**
 * The ticket mutators around the queue core: what they load, what they write back (ticket row, call
 * rows, audit rows, window fairness), and the configuration mutations of windows, types and skills.
 * The transitions themselves are the queue core's (tests/unit/queue).
 */
let m: MutatorDb;
const DAY = '2026-11-23';
const T = (min: number) => new Date(Date.parse('2026-11-23T02:00:00.000Z') + min * 60_000).toISOString();
const AGENT = 'S1004'; // PAY, CARD, INV, ASK
const tx = () => ({ tx: sqliteTx(m.db) }) as Pick<MutationContext, 'tx'>;
const issue = (id: string, number: string, over: Partial<MutationArgs<'ticket.issue'>> = {}) =>
  m.run('ticket.issue', {
    id,
    hallId: 'H001',
    day: DAY,
    businessType: 'PAY',
    priority: 'normal',
    number,
    issuedAt: T(0),
    issuedBy: 'kiosk-1',
    ...over,
  });
const ticket = (id: string) => m.row<Record<string, unknown>>('SELECT * FROM tickets WHERE id = ?', id);
const call = (ticketId: string, over: Partial<MutationArgs<'ticket.call'>> = {}) =>
  m.run('ticket.call', { callId: `call-${ticketId}-1`, ticketId, windowNo: 1, staffId: AGENT, at: T(1), ...over });
const step = (name: string, ticketId: string, at: string, over: object = {}) =>
  m.run(name, { ticketId, windowNo: 1, at, staffId: AGENT, ...over });

beforeEach(() => {
  m = openMutatorDb();
  for (const t of [
    'tickets',
    'calls',
    'window_sessions',
    'window_state',
    'queue_settings',
    'queue_type_config',
    'audit_log',
  ])
    m.db.prepare(`DELETE FROM ${t}`).run();
  m.run('window.signIn', { id: 'sess-w1-0001', hallId: 'H001', windowNo: 1, staffId: AGENT, at: T(-60) });
  m.changed.length = 0;
});

describe('ticket.issue', () => {
  it('records a waiting ticket under the printed number, and reports it changed', () => {
    issue('tk-00001', 'A001', { priority: 'vip' });
    expect(ticket('tk-00001')).toMatchObject({
      hall_id: 'H001',
      day: DAY,
      number: 'A001',
      business_type: 'PAY',
      priority: 'vip',
      status: 'waiting',
      issued_at: T(0),
      issued_by: 'kiosk-1',
      call_count: 0,
      appointment_id: null,
      appointment_at: null,
    });
    expect(m.changed).toEqual(['ticket:tk-00001']);
  });

  it('refuses a number another ticket of the day holds, at the station and at the central', () => {
    issue('tk-00001', 'A001');
    const f = failureOf(() => issue('tk-00002', 'A001'));
    expect(f.code).toBe('conflict');
    expect(f.params).toEqual({ ticketNo: 'A001' });
    expect(failureOf(() => m.run('ticket.issue', { ...issueArgs('tk-00003', 'A001') }, 'central')).code).toBe(
      'conflict',
    );
    issue('tk-00004', 'A001', { day: '2026-11-24' });
    expect(ticket('tk-00004')?.number).toBe('A001');
  });

  it('refuses at the central a type the hall does not know', () => {
    const f = failureOf(() => m.run('ticket.issue', issueArgs('tk-00001', 'A001', { businessType: 'XYZ' }), 'central'));
    expect(f.code).toBe('validation');
    expect(f.params).toEqual({ businessType: 'XYZ' });
  });

  it('takes a replay as a no-op, and adopts the leased number a kiosk printed instead of the online one', () => {
    issue('tk-00001', 'A001');
    issue('tk-00001', 'A001');
    issue('tk-00001', 'A002'); // not a leased number: the recorded one stands
    expect(ticket('tk-00001')?.number).toBe('A001');
    expect(m.changed).toEqual(['ticket:tk-00001']);
    issue('tk-00001', 'A600');
    expect(ticket('tk-00001')?.number).toBe('A600');
    expect(m.changed).toEqual(['ticket:tk-00001', 'ticket:tk-00001']);
    issue('tk-00002', 'A601');
    issue('tk-00003', 'A003');
    expect(failureOf(() => issue('tk-00003', 'A601')).params).toEqual({ ticketNo: 'A601' });
    expect(ticket('tk-00003')?.number).toBe('A003');
  });

  it('checks an appointment in with its ticket, which carries the booked slot', () => {
    const ap = m.row<{ id: string; business_type: string; slot_at: string }>(
      `SELECT id, business_type, slot_at FROM appointments WHERE status = 'booked' LIMIT 1`,
    )!;
    issue('tk-00001', 'B001', { businessType: ap.business_type, priority: 'appointment', appointmentId: ap.id });
    expect(m.row('SELECT status, ticket_id FROM appointments WHERE id = ?', ap.id)).toEqual({
      status: 'checked_in',
      ticket_id: 'tk-00001',
    });
    expect(ticket('tk-00001')).toMatchObject({ appointment_id: ap.id, appointment_at: ap.slot_at });
    expect(m.changed).toEqual([`appointment:${ap.id}`, 'ticket:tk-00001']);
    const used = failureOf(() => issue('tk-00002', 'B002', { businessType: ap.business_type, appointmentId: ap.id }));
    expect(used.code).toBe('conflict');
    expect(used.field).toBe('appointmentId');
  });

  it('refuses an appointment that does not exist or is for another type, writing nothing', () => {
    expect(failureOf(() => issue('tk-00001', 'A001', { appointmentId: 'ap-none' })).code).toBe('not_found');
    const ap = m.row<{ id: string }>(
      `SELECT id FROM appointments WHERE status = 'booked' AND business_type <> 'PAY' LIMIT 1`,
    )!;
    const f = failureOf(() => issue('tk-00001', 'A001', { appointmentId: ap.id }));
    expect(f.code).toBe('validation');
    expect(f.field).toBe('businessType');
    expect(ticket('tk-00001')).toBeUndefined();
    expect(m.row('SELECT status FROM appointments WHERE id = ?', ap.id)).toEqual({ status: 'booked' });
  });

  it.each([
    ['an id shorter than 8', { id: 't'.repeat(7) }],
    ['an id over 64', { id: 't'.repeat(65) }],
    ['no hall', { hallId: '' }],
    ['a hall over 32', { hallId: 'H'.repeat(33) }],
    ['a day that is not a date', { day: '2026-1-23' }],
    ['a day with more', { day: `${DAY}x` }],
    ['no type', { businessType: '' }],
    ['a type over 16', { businessType: 'T'.repeat(17) }],
    ['an unknown priority', { priority: 'gold' as never }],
    ['a number of two digits', { number: 'A01' }],
    ['a number with a small letter', { number: 'a001' }],
    ['a number with a tail', { number: 'A0012' }],
    ['no issuer', { issuedBy: '' }],
    ['an issuer over 64', { issuedBy: 'k'.repeat(65) }],
    ['an empty appointment id', { appointmentId: '' }],
  ])('refuses %s', (_what, over) => {
    expect(failureOf(() => issue('tk-00001', 'A001', over)).code).toBe('validation');
    expect(m.rows('SELECT id FROM tickets')).toHaveLength(0);
  });

  it.each(['normal', 'green', 'vip', 'appointment'] as const)('takes the priority class %s', (priority) => {
    issue('tk-00001', 'A001', { priority });
    expect(ticket('tk-00001')?.priority).toBe(priority);
  });
});

const issueArgs = (id: string, number: string, over: object = {}) => ({
  id,
  hallId: 'H001',
  day: DAY,
  businessType: 'PAY',
  priority: 'normal',
  number,
  issuedAt: T(0),
  issuedBy: 'kiosk-1',
  ...over,
});

describe('ticket numbers', () => {
  it('continue the online series of the prefix for the hall and day, never into the kiosks’ leases', () => {
    expect(nextTicketNumber(tx(), 'H001', DAY, 'A')).toBe('A001');
    issue('tk-00001', 'A041');
    issue('tk-00002', 'A600');
    issue('tk-00003', 'B077', { businessType: 'NEW' });
    issue('tk-00004', 'A090', { day: '2026-11-22' });
    expect(nextTicketNumber(tx(), 'H001', DAY, 'A')).toBe('A042');
    expect(nextTicketNumber(tx(), 'H001', DAY, 'B')).toBe('B078');
    expect(nextTicketNumber(tx(), 'H002', DAY, 'A')).toBe('A001');
    issue('tk-00005', 'A599');
    const f = failureOf(() => nextTicketNumber(tx(), 'H001', DAY, 'A'));
    expect(f.code).toBe('conflict');
    expect(f.params).toEqual({ prefix: 'A' });
  });

  it("decide issuing from the type's cap, counting the day's tickets of the type and the prefix's last number", () => {
    m.run('queue.configureType', {
      hallId: 'H001',
      type: {
        code: 'PAY',
        prefix: 'A',
        dailyCap: 2,
        hours: [{ from: '00:00', to: '24:00' }],
        waitingWarnAt: 30,
        targetWaitMin: 20,
      },
      at: T(0),
    });
    issue('tk-00001', 'A007');
    expect(issueDecision(tx(), 'H001', DAY, 'PAY', T(1))).toMatchObject({
      cfg: { prefix: 'A', dailyCap: 2 },
      decision: { ok: true },
    });
    issue('tk-00002', 'A008', { businessType: 'CARD' });
    expect(issueDecision(tx(), 'H001', DAY, 'PAY', T(1)).decision.ok).toBe(true);
    issue('tk-00003', 'A009');
    expect(issueDecision(tx(), 'H001', DAY, 'PAY', T(1)).decision.ok).toBe(false);
    expect(issueDecision(tx(), 'H001', '2026-11-24', 'PAY', T(1)).decision.ok).toBe(true);
    expect(failureOf(() => issueDecision(tx(), 'H001', DAY, 'XYZ', T(1))).field).toBe('businessType');
  });
});

describe('calling and serving', () => {
  beforeEach(() => {
    issue('tk-00001', 'A001');
    m.changed.length = 0;
  });

  it('calls a ticket to the window: the ticket, a call row and the window it takes', () => {
    call('tk-00001');
    expect(ticket('tk-00001')).toMatchObject({
      status: 'called',
      window_no: 1,
      staff_id: AGENT,
      called_at: T(1),
      call_count: 1,
    });
    expect(m.row('SELECT * FROM calls')).toEqual({
      id: 'call-tk-00001-1',
      ticket_id: 'tk-00001',
      ticket_no: 'A001',
      window_no: 1,
      staff_id: AGENT,
      recall: 0,
      at: T(1),
    });
    expect(m.changed).toEqual(['ticket:tk-00001', 'call:call-tk-00001-1']);
    expect(m.rows('SELECT id FROM audit_log')).toHaveLength(0);
  });

  it('audits a specific call with its reason, kept as the ticket’s note', () => {
    call('tk-00001', { specific: true, reason: ' 老人优先 ' });
    expect(ticket('tk-00001')?.note).toBe('老人优先');
    const audit = m.row<{ id: string; at: string; station_id: string; actor: string; action: string; detail: string }>(
      'SELECT * FROM audit_log',
    )!;
    expect(audit).toMatchObject({ at: T(1), station_id: 'window-1', actor: AGENT, action: 'ticket.call' });
    expect(audit.id.startsWith('au-tk-00001-call-')).toBe(true);
    expect(JSON.parse(audit.detail)).toEqual({
      ticketId: 'tk-00001',
      ticketNo: 'A001',
      windowNo: 1,
      reason: '老人优先',
    });
    expect(m.changed).toContain(`audit:${audit.id}`);
  });

  it('keeps no note for a call by the rules, even with a reason given', () => {
    call('tk-00001', { reason: '无关' });
    expect(ticket('tk-00001')?.note).toBeNull();
  });

  it('advances the window’s fairness by the bucket a call-next served', () => {
    const before = m.row('SELECT fairness FROM window_state');
    expect(before).toBeUndefined();
    call('tk-00001', { bucket: 'normal' });
    const f = JSON.parse(m.row<{ fairness: string }>('SELECT fairness FROM window_state')!.fairness) as {
      recent: string[];
    };
    expect(f.recent).toEqual(['normal']);
    expect(m.changed).toContain('windowState:H001/1');
  });

  it('recalls, starts and finishes; the finished ticket keeps its window and agent', () => {
    call('tk-00001');
    m.run('ticket.recall', { callId: 'call-tk-00001-2', ticketId: 'tk-00001', windowNo: 1, staffId: AGENT, at: T(2) });
    expect(m.row('SELECT recall FROM calls WHERE id = ?', 'call-tk-00001-2')).toEqual({ recall: 1 });
    expect(ticket('tk-00001')?.call_count).toBe(2);
    step('ticket.start', 'tk-00001', T(3));
    step('ticket.finish', 'tk-00001', T(9));
    expect(ticket('tk-00001')).toMatchObject({
      status: 'finished',
      window_no: 1,
      staff_id: AGENT,
      started_at: T(3),
      finished_at: T(9),
    });
  });

  it('refuses a step the state machine refuses, changing nothing', () => {
    const f = failureOf(() => step('ticket.start', 'tk-00001', T(1)));
    expect(f.code).toBe('conflict');
    expect(ticket('tk-00001')?.status).toBe('waiting');
    expect(failureOf(() => step('ticket.start', 'tk-missing', T(1))).code).toBe('not_found');
    expect(failureOf(() => call('tk-00001', { windowNo: 98 })).code).toBe('not_found');
  });

  it('refuses a step made on an outdated view of the ticket', () => {
    const version = ticket('tk-00001')!.version as number;
    expect(failureOf(() => call('tk-00001', { expectVersion: version + 1 })).code).toBe('conflict');
    call('tk-00001', { expectVersion: version });
    expect(ticket('tk-00001')?.status).toBe('called');
  });

  it('parks with its reason as the note and resumes; no-show ends a ticket not met', () => {
    call('tk-00001');
    step('ticket.start', 'tk-00001', T(1.5));
    m.run('ticket.park', { ticketId: 'tk-00001', windowNo: 1, at: T(2), staffId: AGENT, reason: '补材料' });
    expect(ticket('tk-00001')).toMatchObject({ status: 'parked', note: '补材料', parked_at: T(2) });
    step('ticket.resume', 'tk-00001', T(3));
    expect(ticket('tk-00001')?.status).not.toBe('parked');
    issue('tk-00002', 'A002');
    step('ticket.finish', 'tk-00001', T(4));
    m.run('queue.configure', { hallId: 'H001', settings: { noShowAfterCalls: 1 }, at: T(4) });
    call('tk-00002', { at: T(5) });
    step('ticket.noShow', 'tk-00002', T(9));
    expect(ticket('tk-00002')).toMatchObject({ status: 'no_show', no_show_at: T(9) });
  });

  it('transfers to another type, recording where it came from and why', () => {
    call('tk-00001');
    step('ticket.start', 'tk-00001', T(2));
    m.run('ticket.transfer', {
      ticketId: 'tk-00001',
      windowNo: 1,
      at: T(3),
      staffId: AGENT,
      toType: 'NEW',
      reason: '需办新装',
    });
    const t = ticket('tk-00001')!;
    expect(t).toMatchObject({ status: 'waiting', business_type: 'NEW', note: '需办新装', transfers: 1 });
    expect(JSON.parse(t.transferred_from as string)).toEqual({ type: 'PAY', windowNo: 1, agentId: AGENT, at: T(3) });
  });
});

describe('ticket.reclassify', () => {
  beforeEach(() => issue('tk-00001', 'A001'));
  const reclassify = (over: object = {}) =>
    m.run('ticket.reclassify', { ticketId: 'tk-00001', toType: 'INV', staffId: 'guide-1', at: T(1), ...over });

  it('moves a waiting ticket to another type, keeping its arrival and recording the change', () => {
    const before = ticket('tk-00001')!;
    reclassify({ reason: '选错业务' });
    const t = ticket('tk-00001')!;
    expect(t).toMatchObject({
      business_type: 'INV',
      issued_at: T(0),
      note: '选错业务',
      version: (before.version as number) + 1,
    });
    expect(JSON.parse(t.transferred_from as string)).toEqual({ type: 'PAY', by: 'guide-1', at: T(1) });
    expect(m.changed.at(-1)).toBe('ticket:tk-00001');
    reclassify({ toType: 'CARD' });
    expect(ticket('tk-00001')?.note).toBeNull();
  });

  it('refuses a ticket no longer waiting, an unknown type, or the type it already has', () => {
    expect(failureOf(() => reclassify({ toType: 'XYZ' })).params).toEqual({ businessType: 'XYZ' });
    expect(failureOf(() => reclassify({ toType: 'PAY' })).params).toEqual({ ticketNo: 'A001' });
    call('tk-00001');
    const f = failureOf(() => reclassify());
    expect(f.code).toBe('conflict');
    expect(f.params).toEqual({ ticketNo: 'A001' });
    expect(ticket('tk-00001')?.business_type).toBe('PAY');
  });
});

describe('queue.closeDay', () => {
  it('abandons the unfinished tickets of earlier days in the hall, leaving today, no-shows and other halls', () => {
    issue('tk-waiting', 'A001', { day: '2026-11-22' });
    issue('tk-called', 'A002', { day: '2026-11-22' });
    issue('tk-serving', 'A003', { day: '2026-11-22' });
    issue('tk-today', 'A001');
    issue('tk-other', 'A001', { day: '2026-11-22', hallId: 'H002' });
    issue('tk-parked', 'A004', { day: '2026-11-22' });
    issue('tk-noshow', 'A005', { day: '2026-11-22' });
    issue('tk-finished', 'A006', { day: '2026-11-22' });
    const set = m.db.prepare(`UPDATE tickets SET status = ?, window_no = 1, staff_id = ?, called_at = ? WHERE id = ?`);
    set.run('called', AGENT, T(1), 'tk-called');
    set.run('serving', AGENT, T(1), 'tk-serving');
    set.run('parked', AGENT, T(1), 'tk-parked');
    set.run('no_show', AGENT, T(1), 'tk-noshow');
    set.run('finished', AGENT, T(1), 'tk-finished');
    m.changed.length = 0;
    m.run('queue.closeDay', { hallId: 'H001', beforeDay: DAY, at: T(600) });
    const status = (id: string) => ticket(id)?.status;
    expect(status('tk-waiting')).toBe('abandoned');
    expect(status('tk-serving')).toBe('abandoned');
    expect(status('tk-called')).toBe('abandoned');
    expect(status('tk-parked')).toBe('abandoned');
    expect(status('tk-noshow')).toBe('no_show');
    expect(status('tk-finished')).toBe('finished');
    expect(ticket('tk-waiting')?.ended_at).toBe(T(600));
    expect(status('tk-today')).toBe('waiting');
    expect(status('tk-other')).toBe('waiting');
    expect(m.changed.sort()).toEqual([
      'ticket:tk-called',
      'ticket:tk-parked',
      'ticket:tk-serving',
      'ticket:tk-waiting',
    ]);
  });

  it('refuses a malformed day', () => {
    expect(failureOf(() => m.run('queue.closeDay', { hallId: 'H001', beforeDay: '23.11.2026', at: T(0) })).code).toBe(
      'validation',
    );
  });
});

describe('window status and configuration', () => {
  const setStatus = (status: string, reason?: string, windowNo = 1) =>
    m.run('window.setStatus', { hallId: 'H001', windowNo, status, reason, staffId: AGENT, at: T(5) });
  const state = () =>
    m.row<{ status: string; reason: string | null }>('SELECT status, reason FROM window_state WHERE id = ?', 'H001/1');

  it('pauses with a reason, reopens clearing it, and closes', () => {
    expect(failureOf(() => setStatus('paused')).field).toBe('reason');
    setStatus('paused', '午休');
    expect(state()).toEqual({ status: 'paused', reason: '午休' });
    setStatus('open', '无关');
    expect(state()).toEqual({ status: 'open', reason: null });
    setStatus('closed');
    expect(state()).toEqual({ status: 'closed', reason: null });
  });

  it('changes nothing when the window already is so, and records a new pause reason', () => {
    setStatus('open');
    expect(m.changed).toEqual([]);
    setStatus('paused', '午休');
    setStatus('paused', '午休');
    expect(m.changed).toEqual(['windowState:H001/1']);
    setStatus('paused', '开会');
    expect(state()?.reason).toBe('开会');
  });

  it('does not close a window holding a called, serving or parked ticket', () => {
    issue('tk-00001', 'A001');
    call('tk-00001');
    const f = failureOf(() => setStatus('closed'));
    expect(f.code).toBe('conflict');
    expect(f.params).toEqual({ windowNo: 1, ticketNo: 'A001' });
    m.db.prepare(`UPDATE tickets SET status = 'parked'`).run();
    expect(failureOf(() => setStatus('closed')).code).toBe('conflict');
    m.db.prepare(`UPDATE tickets SET status = 'finished'`).run();
    setStatus('closed');
    expect(state()?.status).toBe('closed');
    expect(failureOf(() => setStatus('closed', undefined, 98)).code).toBe('not_found');
  });

  it('configures the types a window serves, in its state and in the window list that travels', () => {
    m.run('window.configure', {
      hallId: 'H001',
      windowNo: 1,
      types: [
        { code: 'PAY', priority: 2 },
        { code: 'NEW', priority: 0 },
      ],
      at: T(0),
    });
    expect(m.row('SELECT business_types FROM windows WHERE hall_id = ? AND window_no = 1', 'H001')).toEqual({
      business_types: '["PAY","NEW"]',
    });
    expect(JSON.parse(m.row<{ types: string }>('SELECT types FROM window_state')!.types)).toEqual([
      { code: 'PAY', priority: 2 },
      { code: 'NEW', priority: 0 },
    ]);
    expect(m.changed).toEqual(['windowState:H001/1', 'window:H001/1']);
    const f = failureOf(() =>
      m.run('window.configure', { hallId: 'H001', windowNo: 1, types: [{ code: 'XYZ', priority: 1 }], at: T(0) }),
    );
    expect(f.params).toEqual({ businessType: 'XYZ' });
    expect(failureOf(() => m.run('window.configure', { hallId: 'H001', windowNo: 1, types: [], at: T(0) })).code).toBe(
      'validation',
    );
  });
});

describe('queue settings, skills and type configuration', () => {
  it('saves the settings without touching the skills the manager set', () => {
    m.run('staff.setSkills', { hallId: 'H001', staffId: AGENT, skills: ['PAY', 'PAY', 'INV'], at: T(0) });
    expect(loadSettings(sqliteTx(m.db), 'H001').staffSkills).toEqual({ [AGENT]: ['PAY', 'INV'] });
    m.run('queue.configure', { hallId: 'H001', settings: { maxRecalls: 5, staffSkills: {} }, at: T(1) });
    const s = loadSettings(sqliteTx(m.db), 'H001');
    expect(s.maxRecalls).toBe(5);
    expect(s.staffSkills).toEqual({ [AGENT]: ['PAY', 'INV'] });
    expect(m.changed).toEqual(['queueSettings:H001', 'queueSettings:H001']);
    expect(m.row('SELECT updated_at FROM queue_settings')).toEqual({ updated_at: T(1) });
  });

  it('sets skills only for staff of the hall and known types, keeping the other agents’ skills', () => {
    m.run('staff.setSkills', { hallId: 'H001', staffId: 'S1005', skills: ['ASK'], at: T(0) });
    m.run('staff.setSkills', { hallId: 'H001', staffId: AGENT, skills: ['PAY'], at: T(0) });
    expect(loadSettings(sqliteTx(m.db), 'H001').staffSkills).toEqual({ S1005: ['ASK'], [AGENT]: ['PAY'] });
    expect(
      failureOf(() => m.run('staff.setSkills', { hallId: 'H002', staffId: AGENT, skills: ['PAY'], at: T(0) })).code,
    ).toBe('not_found');
    const f = failureOf(() =>
      m.run('staff.setSkills', { hallId: 'H001', staffId: AGENT, skills: ['PAY', 'XYZ'], at: T(0) }),
    );
    expect(f.params).toEqual({ businessType: 'XYZ' });
    expect(
      failureOf(() => m.run('staff.setSkills', { hallId: 'H001', staffId: AGENT, skills: [], at: T(0) })).code,
    ).toBe('validation');
  });

  it('configures a known type per hall, and overwrites it', () => {
    const type = {
      code: 'PAY',
      prefix: 'P',
      dailyCap: 10,
      hours: [{ from: '08:30', to: '17:00' }],
      waitingWarnAt: 15,
      targetWaitMin: 10,
    };
    m.run('queue.configureType', { hallId: 'H001', type, at: T(0) });
    m.run('queue.configureType', {
      hallId: 'H001',
      type: {
        ...type,
        dailyCap: 20,
        prefix: 'Q',
        waitingWarnAt: 16,
        targetWaitMin: 11,
        hours: [{ from: '09:00', to: '12:00' }],
      },
      at: T(1),
    });
    expect(m.rows('SELECT * FROM queue_type_config')).toEqual([
      {
        id: 'H001/PAY',
        hall_id: 'H001',
        code: 'PAY',
        prefix: 'Q',
        daily_cap: 20,
        hours: '[{"from":"09:00","to":"12:00"}]',
        waiting_warn_at: 16,
        target_wait_min: 11,
        updated_at: T(1),
      },
    ]);
    expect(m.changed).toEqual(['queueTypeConfig:H001/PAY', 'queueTypeConfig:H001/PAY']);
    const f = failureOf(() =>
      m.run('queue.configureType', { hallId: 'H001', type: { ...type, code: 'XYZ' }, at: T(0) }),
    );
    expect(f.field).toBe('type.code');
  });
});
