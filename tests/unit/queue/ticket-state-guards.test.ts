import { describe, expect, it } from 'vitest';
import {
  appErrorCodeOf,
  applyAction,
  closeDay,
  holdingOf,
  newTicket,
  QueueConfig,
  TRANSITION_ERROR_CODES,
  transition,
  type QueueTicket,
  type TicketAction,
  type TransitionContext,
  type TransitionResult,
  type WindowView,
  windowView,
} from '@common/queue';
import { term } from '@common/errors';
import { expectCatalogued } from '../../support/catalogued';
import { at, queue, ticket } from './helpers';

/**
 * What each action does to the window and who may do it: the effects a station relies on to free or
 * take a window, the "you hold this ticket" and "window open" guards, and clock order.
 */

const W3: WindowView = { windowNo: 3, status: 'open', agentId: 'ag3', businessTypes: ['PAY'], holding: null };
const cfg = QueueConfig.parse({ maxRecalls: 2, recallMinGapSec: 30, noShowAfterCalls: 1 });
const ctx = (sec: number, window: Partial<WindowView> | null = {}): TransitionContext => ({
  now: at(sec),
  window: window === null ? undefined : { ...W3, ...window },
  config: cfg,
});

function okT(r: TransitionResult) {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r;
}
function errT(r: TransitionResult, code: string) {
  expect(r.ok ? 'ok' : r.error.code).toBe(code);
  if (!r.ok) expectCatalogued(r.error);
}

/** A ticket at window 3 in the given state, every event at or before second 10. */
function atWindow3(state: 'called' | 'serving' | 'parked'): QueueTicket {
  let t = okT(transition(ticket('A001'), { type: 'call' }, ctx(1))).ticket;
  if (state === 'called') return t;
  t = okT(transition(t, { type: 'start' }, ctx(2))).ticket;
  if (state === 'serving') return t;
  return okT(transition(t, { type: 'park', reason: '取证件' }, ctx(3))).ticket;
}

describe('effects: what the station must do besides storing the ticket', () => {
  it('a no-show frees the window it was called to', () => {
    const r = okT(transition(atWindow3('called'), { type: 'noShow' }, ctx(10)));
    expect(r.effects).toEqual([{ kind: 'window_freed', windowNo: 3, ticketId: 'A001' }]);
    expect(r.ticket).toMatchObject({ status: 'no_show', windowNo: null, agentId: null, roundCalls: 0 });
  });

  it('a transfer frees the window and is audited with its reason', () => {
    const r = okT(transition(atWindow3('serving'), { type: 'transfer', toWindow: 5, reason: ' 需要核实 ' }, ctx(10)));
    expect(r.effects).toEqual([
      { kind: 'window_freed', windowNo: 3, ticketId: 'A001' },
      { kind: 'audit', action: 'transfer', ticketId: 'A001', ticketNo: 'A001', windowNo: 3, reason: '需要核实' },
    ]);
    const noReason = okT(transition(atWindow3('serving'), { type: 'transfer', toWindow: 5 }, ctx(10)));
    expect(noReason.effects[1]).toMatchObject({ kind: 'audit', reason: null });
  });

  it('a transferred ticket waits afresh: calls of the round, parking and the old window are gone', () => {
    const r = okT(transition(atWindow3('parked'), { type: 'transfer', toAgent: 'ag7' }, ctx(10)));
    expect(r.ticket).toMatchObject({
      status: 'waiting',
      businessType: 'PAY',
      windowNo: null,
      agentId: null,
      target: { windowNo: null, agentId: 'ag7' },
      roundCalls: 0,
      parkedAt: null,
      transfers: 1,
    });
  });

  it('parking frees the window but keeps the ticket there; it is audited', () => {
    const r = okT(transition(atWindow3('serving'), { type: 'park' }, ctx(10)));
    expect(r.ticket).toMatchObject({ status: 'parked', windowNo: 3, parkedAt: at(10) });
    expect(r.effects).toEqual([
      { kind: 'window_freed', windowNo: 3, ticketId: 'A001' },
      { kind: 'audit', action: 'park', ticketId: 'A001', ticketNo: 'A001', windowNo: 3, reason: null },
    ]);
  });

  it('resuming a parked ticket takes the window again', () => {
    const r = okT(transition(atWindow3('parked'), { type: 'resume' }, ctx(10)));
    expect(r.effects).toEqual([{ kind: 'window_taken', windowNo: 3, ticketId: 'A001' }]);
  });

  it('cancelling a called ticket frees its window; a waiting one has no window to free', () => {
    const called = okT(transition(atWindow3('called'), { type: 'cancel', reason: ' 客户离开 ' }, ctx(10)));
    expect(called.effects).toEqual([
      { kind: 'window_freed', windowNo: 3, ticketId: 'A001' },
      { kind: 'audit', action: 'cancel', ticketId: 'A001', ticketNo: 'A001', windowNo: 3, reason: '客户离开' },
    ]);
    expect(called.ticket).toMatchObject({ status: 'cancelled', windowNo: null, endedAt: at(10) });
    const waiting = okT(transition(ticket('A001'), { type: 'cancel' }, { now: at(10) }));
    expect(waiting.effects).toEqual([
      { kind: 'audit', action: 'cancel', ticketId: 'A001', ticketNo: 'A001', windowNo: null, reason: null },
    ]);
  });

  it('a parked ticket can be cancelled; its window was already freed when it was parked', () => {
    const r = okT(transition(atWindow3('parked'), { type: 'cancel' }, ctx(10)));
    expect(r.ticket).toMatchObject({ status: 'cancelled', windowNo: null, endedAt: at(10) });
    expect(r.effects).toEqual([
      { kind: 'audit', action: 'cancel', ticketId: 'A001', ticketNo: 'A001', windowNo: 3, reason: null },
    ]);
  });

  it('a no-show cannot be cancelled, and day end leaves it alone', () => {
    const ns = okT(transition(atWindow3('called'), { type: 'noShow' }, ctx(10))).ticket;
    errT(transition(ns, { type: 'cancel' }, { now: at(20) }), 'wrong_state');
    errT(transition(ns, { type: 'abandon' }, { now: at(20) }), 'wrong_state');
  });

  it('day end frees the window of a called ticket, not of a parked or waiting one', () => {
    expect(okT(transition(atWindow3('parked'), { type: 'abandon' }, { now: at(10) })).effects).toEqual([]);
    expect(okT(transition(ticket('A001'), { type: 'abandon' }, { now: at(10) })).effects).toEqual([]);
    const called = okT(transition(atWindow3('called'), { type: 'abandon' }, { now: at(10) }));
    expect(called.effects).toEqual([{ kind: 'window_freed', windowNo: 3, ticketId: 'A001' }]);
    expect(called.ticket).toMatchObject({ status: 'abandoned', windowNo: null, endedAt: at(10) });
  });

  it('starting keeps the first start time when service resumes after a re-call', () => {
    const s = okT(transition(atWindow3('called'), { type: 'start' }, ctx(5)));
    expect(s.effects).toEqual([]);
    expect(s.ticket.startedAt).toBe(at(5));
    const again = okT(transition({ ...s.ticket, status: 'called' }, { type: 'start' }, ctx(50)));
    expect(again.ticket.startedAt).toBe(at(5));
  });

  it('a recall records who called and when, and is not audited', () => {
    const r = okT(transition(atWindow3('called'), { type: 'recall' }, ctx(31)));
    expect(r.ticket.calls.at(-1)).toEqual({ at: at(31), windowNo: 3, agentId: 'ag3', recall: true });
    expect(r.ticket).toMatchObject({ roundCalls: 2, lastCallAt: at(31), version: 2 });
    expect(r.effects.map((e) => e.kind)).toEqual(['announce']);
  });
});

describe('only the window that holds a ticket may act on it', () => {
  const otherWindow = { windowNo: 4, agentId: 'ag4' };

  it.each([
    ['recall', 'called', { type: 'recall' }],
    ['start', 'called', { type: 'start' }],
    ['no-show', 'called', { type: 'noShow' }],
    ['finish', 'serving', { type: 'finish' }],
    ['park', 'serving', { type: 'park' }],
    ['transfer', 'serving', { type: 'transfer', toType: 'CARD' }],
    ['resume', 'parked', { type: 'resume' }],
    ['cancel', 'called', { type: 'cancel' }],
  ] as const)('%s of a %s ticket held by window 3 is refused at window 4', (_, state, action) => {
    errT(transition(atWindow3(state), action as TicketAction, ctx(40, otherWindow)), 'not_at_window');
  });

  it('a ticket at no window cannot be no-showed or parked', () => {
    const free = { ...atWindow3('called'), windowNo: null };
    errT(transition(free, { type: 'noShow' }, ctx(40)), 'not_at_window');
    errT(transition({ ...free, status: 'serving' }, { type: 'park' }, ctx(40)), 'not_at_window');
  });

  it('every window action needs a window', () => {
    for (const [state, action] of [
      ['called', { type: 'recall' }],
      ['called', { type: 'start' }],
      ['called', { type: 'noShow' }],
      ['serving', { type: 'park' }],
      ['serving', { type: 'transfer', toType: 'CARD' }],
      ['parked', { type: 'resume' }],
    ] as const)
      errT(transition(atWindow3(state), action as TicketAction, ctx(40, null)), 'no_window');
    errT(transition(ticket('A002'), { type: 'call' }, ctx(40, null)), 'no_window');
  });

  it('cancel and day end need no window (guide desk, day-end job)', () => {
    expect(transition(atWindow3('called'), { type: 'cancel' }, ctx(40, null)).ok).toBe(true);
    expect(transition(atWindow3('called'), { type: 'cancel' }, ctx(40)).ok).toBe(true);
  });
});

describe('a paused or closed window finishes its work but starts nothing new', () => {
  const paused = { status: 'paused' as const };
  const closed = { status: 'closed' as const };

  it.each([
    ['start', 'called', { type: 'start' }],
    ['no-show', 'called', { type: 'noShow' }],
    ['finish', 'serving', { type: 'finish' }],
    ['park', 'serving', { type: 'park' }],
    ['transfer', 'serving', { type: 'transfer', toType: 'CARD' }],
  ] as const)('%s of a %s ticket is allowed at a paused or closed window', (_, state, action) => {
    expect(transition(atWindow3(state), action as TicketAction, ctx(40, paused)).ok).toBe(true);
    expect(transition(atWindow3(state), action as TicketAction, ctx(40, closed)).ok).toBe(true);
  });

  it.each([
    ['recall', 'called', { type: 'recall' }],
    ['resume', 'parked', { type: 'resume' }],
  ] as const)('%s of a %s ticket is refused at a paused or closed window', (_, state, action) => {
    errT(transition(atWindow3(state), action as TicketAction, ctx(40, paused)), 'window_paused');
    errT(transition(atWindow3(state), action as TicketAction, ctx(40, closed)), 'window_closed');
  });
});

describe('time never runs backwards for a ticket', () => {
  const transferAway: TicketAction = { type: 'transfer', toType: 'CARD' };

  it.each([
    ['its last call', 'called', 100],
    ['its start', 'serving', 200],
    ['its parking', 'parked', 300],
  ] as const)('an action dated before %s is refused', (_, state, lastSec) => {
    const t = atWindow3(state);
    const moved = { ...t, lastCallAt: at(100), startedAt: state === 'called' ? null : at(200) };
    const last = state === 'parked' ? { ...moved, parkedAt: at(300) } : moved;
    errT(transition(last, transferAway, ctx(lastSec - 1)), 'time_reversed');
    expect(transition(last, transferAway, ctx(lastSec)).ok).toBe(true);
  });

  it('an action dated before a no-show is refused when the customer is called back', () => {
    const ns = okT(transition(atWindow3('called'), { type: 'noShow' }, ctx(500))).ticket;
    errT(transition(ns, { type: 'call', reason: '客户返回' }, ctx(499)), 'time_reversed');
    expect(transition(ns, { type: 'call', reason: '客户返回' }, ctx(500)).ok).toBe(true);
  });

  it('an expected version that matches lets the action through; a missing one is not checked', () => {
    const t = atWindow3('called');
    expect(transition(t, { type: 'start', expectVersion: t.version }, ctx(40)).ok).toBe(true);
    errT(transition(t, { type: 'start', expectVersion: t.version + 1 }, ctx(40)), 'stale');
  });
});

describe('recall timing', () => {
  it('the minimum gap counts from the last call, and the wait is rounded up to whole seconds', () => {
    const t = atWindow3('called'); // called at second 1
    const early = transition(t, { type: 'recall' }, { ...ctx(0), now: at(1) + 29_500 });
    errT(early, 'recall_too_soon');
    expect(!early.ok && early.error.params).toMatchObject({ seconds: 1 });
    expect(transition(t, { type: 'recall' }, ctx(31)).ok).toBe(true);
  });

  it('a ticket with no recorded call time may be recalled at once when the gap is zero', () => {
    const t = { ...atWindow3('called'), lastCallAt: null };
    const r = transition(t, { type: 'recall' }, { ...ctx(40), config: QueueConfig.parse({ recallMinGapSec: 0 }) });
    expect(r.ok).toBe(true);
  });

  it('the recall limit counts recalls of the current round only', () => {
    const t = { ...atWindow3('called'), roundCalls: 3 };
    const r = transition(t, { type: 'recall' }, ctx(100));
    errT(r, 'recall_limit');
    expect(!r.ok && r.error.params).toMatchObject({ recalls: 2 });
    expect(transition({ ...t, roundCalls: 2 }, { type: 'recall' }, ctx(100)).ok).toBe(true);
  });

  it('no-show needs exactly the configured number of calls in the round', () => {
    const three = QueueConfig.parse({ noShowAfterCalls: 3 });
    const t = atWindow3('called');
    const r = transition({ ...t, roundCalls: 2 }, { type: 'noShow' }, { ...ctx(100), config: three });
    errT(r, 'too_few_calls');
    expect(!r.ok && r.error.params).toMatchObject({ calls: 2, required: 3 });
    expect(transition({ ...t, roundCalls: 3 }, { type: 'noShow' }, { ...ctx(100), config: three }).ok).toBe(true);
  });
});

describe('what kind of failure each refusal is, for the services layer', () => {
  it('unknown tickets are not_found; bad input is validation; everything else is a conflict', () => {
    const validation = ['invalid_time', 'reason_required', 'invalid_transfer', 'unknown_type'];
    for (const code of TRANSITION_ERROR_CODES) {
      const expected = code === 'not_found' ? 'not_found' : validation.includes(code) ? 'validation' : 'conflict';
      expect([code, appErrorCodeOf(code)]).toEqual([code, expected]);
    }
  });
});

describe('a new ticket, the queue configuration and calling', () => {
  it('a new ticket waits at no window, normal unless told, its appointment kept when it has one', () => {
    const t = newTicket({ id: 'i', number: 'A009', businessType: 'CARD', issuedAt: '2026-11-23T01:00:00Z' });
    expect(t).toMatchObject({
      status: 'waiting',
      priorityClass: 'normal',
      arrivalAt: Date.parse('2026-11-23T01:00:00Z'),
      appointmentAt: null,
      windowNo: null,
      target: { windowNo: null, agentId: null },
      calls: [],
      roundCalls: 0,
      version: 0,
    });
    const appt = newTicket({ ...t, issuedAt: at(0), priorityClass: 'appointment', appointmentAt: at(600) });
    expect(appt).toMatchObject({ priorityClass: 'appointment', appointmentAt: at(600) });
  });

  it('the configuration has the documented defaults and refuses values out of range', () => {
    expect(QueueConfig.parse({})).toMatchObject({
      maxRecalls: 2,
      recallMinGapSec: 30,
      noShowAfterCalls: 3,
      allowCallAfterNoShow: true,
    });
    expect(QueueConfig.parse({}).knownTypes.length).toBeGreaterThan(3);
    for (const bad of [
      { maxRecalls: -1 },
      { maxRecalls: 21 },
      { maxRecalls: 1.5 },
      { recallMinGapSec: -1 },
      { recallMinGapSec: 3601 },
      { noShowAfterCalls: 0 },
      { noShowAfterCalls: 22 },
      { knownTypes: [''] },
    ])
      expect([bad, QueueConfig.safeParse(bad).success]).toEqual([bad, false]);
    for (const edge of [{ maxRecalls: 0 }, { maxRecalls: 20 }, { recallMinGapSec: 3600 }, { noShowAfterCalls: 21 }])
      expect([edge, QueueConfig.safeParse(edge).success]).toEqual([edge, true]);
  });

  it('a call takes the window, announces, records the call; a specific call is audited with its trimmed reason', () => {
    const r = okT(transition(ticket('A001'), { type: 'call', specific: true, reason: ' 老人优先 ' }, ctx(7)));
    expect(r.ticket).toMatchObject({ status: 'called', windowNo: 3, agentId: 'ag3', roundCalls: 1, version: 1 });
    expect(r.ticket.calls).toEqual([{ at: at(7), windowNo: 3, agentId: 'ag3', recall: false }]);
    expect(r.effects).toEqual([
      { kind: 'window_taken', windowNo: 3, ticketId: 'A001' },
      expect.objectContaining({ kind: 'announce', ticketId: 'A001', ticketNo: 'A001', windowNo: 3, recall: false }),
      { kind: 'audit', action: 'call', ticketId: 'A001', ticketNo: 'A001', windowNo: 3, reason: '老人优先' },
    ]);
  });

  it('calling again at the same window is the wrong action; at another window it names the holder', () => {
    const called = atWindow3('called');
    errT(transition(called, { type: 'call' }, ctx(40)), 'wrong_state');
    errT(transition({ ...called, status: 'parked' }, { type: 'call' }, ctx(40, { windowNo: 4 })), 'not_at_window');
    errT(transition({ ...called, status: 'serving', windowNo: null }, { type: 'call' }, ctx(40)), 'wrong_state');
  });

  it('a window serving every type (none listed) may call any type', () => {
    const t = ticket('B001', { businessType: 'NEW' });
    expect(transition(t, { type: 'call' }, ctx(5, { businessTypes: undefined })).ok).toBe(true);
  });

  it('a ticket transferred to an agent is called by that agent at any window', () => {
    const toAgent = { ...ticket('A001'), target: { windowNo: null, agentId: 'ag9' } };
    errT(transition(toAgent, { type: 'call' }, ctx(5)), 'target_mismatch');
    expect(transition(toAgent, { type: 'call' }, ctx(5, { windowNo: 8, agentId: 'ag9' })).ok).toBe(true);
  });
});

describe('the hall view: what a window holds, day end', () => {
  const windows = [
    { windowNo: 1, status: 'open' as const, agentId: 'ag1' },
    { windowNo: 2, status: 'open' as const, agentId: 'ag2' },
  ];

  it('a window holds its called or serving ticket; a parked one leaves it free', () => {
    const s = queue(
      [
        { ...ticket('P1'), status: 'parked', windowNo: 1 },
        { ...ticket('S2'), status: 'serving', windowNo: 2 },
      ],
      windows,
    );
    expect(holdingOf(s, 1)).toBeNull();
    expect(holdingOf(s, 2)?.id).toBe('S2');
    expect(holdingOf(s, 2, 'S2')).toBeNull();
    expect(windowView(s, 2)).toEqual({ ...windows[1], holding: { id: 'S2', number: 'S2' } });
    expect(windowView(s, 9)).toBeNull();
  });

  it('applyAction uses the configuration it is given', () => {
    const s = queue([{ ...ticket('C1'), status: 'called', windowNo: 1, roundCalls: 1, lastCallAt: at(0) }], windows);
    const once = QueueConfig.parse({ noShowAfterCalls: 1 });
    errT(applyAction(s, 'C1', { type: 'noShow' }, { now: at(60), windowNo: 1 }) as TransitionResult, 'too_few_calls');
    const r = applyAction(s, 'C1', { type: 'noShow' }, { now: at(60), windowNo: 1, config: once });
    expect(r.ok && r.state.tickets.C1!.status).toBe('no_show');
    expect(r.ok && r.effects).toEqual([{ kind: 'window_freed', windowNo: 1, ticketId: 'C1' }]);
  });

  it('cancel through the hall view needs no window', () => {
    const s = queue([ticket('W1')], windows);
    const r = applyAction(s, 'W1', { type: 'cancel' }, { now: at(5) });
    expect(r.ok && r.ticket.status).toBe('cancelled');
  });

  it('day end leaves closed tickets as they are and lists no one when nobody is served', () => {
    const s = queue(
      [
        { ...ticket('F1'), status: 'finished' },
        { ...ticket('N1'), status: 'no_show' },
      ],
      windows,
    );
    const d = closeDay(s, at(100));
    expect(d).toMatchObject({ abandoned: [], stillServing: [] });
    expect(d.state.tickets).toEqual(s.tickets);
  });
});

describe('refusals name what was refused; edge cases of transfer, park and day end', () => {
  it('a wrong-state refusal names the refused action and the state the ticket is in, in both languages', () => {
    const waiting = ticket('A001');
    const called = atWindow3('called');
    const serving = atWindow3('serving');
    const noShow = { ...called, status: 'no_show' as const, windowNo: null };
    const cases: Array<[QueueTicket, TicketAction, TransitionContext]> = [
      [called, { type: 'call' }, ctx(40)],
      [
        noShow,
        { type: 'call', reason: 'r' },
        { ...ctx(40), config: QueueConfig.parse({ allowCallAfterNoShow: false }) },
      ],
      [serving, { type: 'recall' }, ctx(40)],
      [serving, { type: 'start' }, ctx(40)],
      [called, { type: 'finish' }, ctx(40)],
      [serving, { type: 'noShow' }, ctx(40)],
      [waiting, { type: 'transfer', toType: 'CARD' }, ctx(40)],
      [called, { type: 'park' }, ctx(40)],
      [serving, { type: 'resume' }, ctx(40)],
      [serving, { type: 'cancel' }, ctx(40)],
      [noShow, { type: 'abandon' }, ctx(40)],
    ];
    for (const [t, action, c] of cases) {
      const r = transition(t, action, c);
      errT(r, 'wrong_state');
      expect(!r.ok && r.error.params).toMatchObject({
        action: term(`queue.action.${action.type}`),
        state: term(`queue.state.${t.status}`),
      });
    }
  });

  it('the window may hold the very ticket it acts on: that is not "busy"', () => {
    const parked = atWindow3('parked');
    const r = transition(parked, { type: 'resume' }, ctx(40, { holding: { id: 'A001', number: 'A001' } }));
    expect(r.ok).toBe(true);
  });

  it('a transfer to the same agent at another window is allowed', () => {
    const r = transition(atWindow3('serving'), { type: 'transfer', toAgent: 'ag3', toWindow: 5 }, ctx(40));
    expect(r.ok && r.ticket.target).toEqual({ windowNo: 5, agentId: 'ag3' });
  });

  it('a parking reason is stored without its surrounding blanks', () => {
    const r = okT(transition(atWindow3('serving'), { type: 'park', reason: ' 回家取证件 ' }, ctx(40)));
    expect(r.effects[1]).toMatchObject({ kind: 'audit', reason: '回家取证件' });
  });

  it("day end abandons a waiting ticket even when the authority's issue time is ahead of this station's clock", () => {
    const s = queue([ticket('W1', { issuedSec: 100 })], [{ windowNo: 1, status: 'open', agentId: 'ag1' }]);
    const d = closeDay(s, at(50));
    expect(d).toMatchObject({ abandoned: ['W1'], stillServing: [] });
    expect(d.state.tickets.W1!.status).not.toBe('waiting');
  });
});
