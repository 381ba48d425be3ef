import { describe, expect, it } from 'vitest';
import {
  applyAction,
  appErrorCodeOf,
  closeDay,
  QueueConfig,
  transition,
  type QueueState,
  type TicketAction,
  type TransitionContext,
  type TransitionResult,
  type WindowView,
} from '@common/queue';
import { expectCatalogued } from '../../support/catalogued';
import { at, queue, ticket } from './helpers';

const W3: WindowView = {
  windowNo: 3,
  status: 'open',
  agentId: 'ag3',
  businessTypes: ['PAY', 'CARD', 'INV'],
  holding: null,
};
const cfg = QueueConfig.parse({ maxRecalls: 2, recallMinGapSec: 30, noShowAfterCalls: 3 });
const ctx = (sec: number, window: WindowView | undefined = W3): TransitionContext => ({
  now: at(sec),
  window,
  config: cfg,
});

function okT(r: TransitionResult) {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r;
}
function errT(r: TransitionResult | { ok: boolean; error?: { code: string; message: string } }, code: string) {
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error!.code).toBe(code);
  expectCatalogued(r.error!);
}

/** Run a sequence of actions at window 3, a second apart unless given. */
function run(steps: Array<[TicketAction, number?]>) {
  let t = ticket('A001');
  let sec = 0;
  for (const [a, s] of steps) {
    sec = s ?? sec + 1;
    t = okT(transition(t, a, ctx(sec))).ticket;
  }
  return t;
}

describe('transition — the happy paths', () => {
  it('waiting → called → serving → finished, with effects', () => {
    const t0 = ticket('A001');
    const c = okT(transition(t0, { type: 'call' }, ctx(60)));
    expect(c.ticket).toMatchObject({
      status: 'called',
      windowNo: 3,
      agentId: 'ag3',
      roundCalls: 1,
      lastCallAt: at(60),
      version: 1,
    });
    expect(c.effects).toContainEqual({
      kind: 'announce',
      ticketId: 'A001',
      ticketNo: 'A001',
      windowNo: 3,
      recall: false,
      text: '请 A001 号到 3 号窗口办理',
    });
    expect(c.effects.some((e) => e.kind === 'audit')).toBe(false);
    const s = okT(transition(c.ticket, { type: 'start' }, ctx(90)));
    expect(s.ticket).toMatchObject({ status: 'serving', startedAt: at(90) });
    const f = okT(transition(s.ticket, { type: 'finish' }, ctx(400)));
    expect(f.ticket).toMatchObject({
      status: 'finished',
      finishedAt: at(400),
      endedAt: at(400),
      windowNo: null,
      version: 3,
    });
    expect(f.effects).toEqual([{ kind: 'window_freed', windowNo: 3, ticketId: 'A001' }]);
    expect(t0.status).toBe('waiting'); // input untouched
  });

  it('recall announces 重呼 and counts calls; no-show after the configured calls; re-call needs a reason', () => {
    const t = run([
      [{ type: 'call' }, 0],
      [{ type: 'recall' }, 30],
      [{ type: 'recall' }, 60],
    ]);
    expect(t.roundCalls).toBe(3);
    expect(t.calls.map((c) => c.recall)).toEqual([false, true, true]);
    const ns = okT(transition(t, { type: 'noShow' }, ctx(90)));
    expect(ns.ticket).toMatchObject({ status: 'no_show', windowNo: null, noShowAt: [at(90)] });
    errT(transition(ns.ticket, { type: 'call' }, ctx(200)), 'reason_required');
    const back = okT(transition(ns.ticket, { type: 'call', reason: '客户返回' }, ctx(200)));
    expect(back.ticket).toMatchObject({ status: 'called', roundCalls: 1 });
    expect(back.effects).toContainEqual(expect.objectContaining({ kind: 'audit', action: 'call', reason: '客户返回' }));
  });

  it('recall effect text says 重呼', () => {
    const t = run([[{ type: 'call' }, 0]]);
    const r = okT(transition(t, { type: 'recall' }, ctx(45)));
    expect(r.effects).toEqual([
      expect.objectContaining({ kind: 'announce', recall: true, text: '重呼，请 A001 号到 3 号窗口办理' }),
    ]);
  });

  it('transfer keeps the original arrival time and restricts to the target', () => {
    const t = run([
      [{ type: 'call' }, 100],
      [{ type: 'start' }, 110],
    ]);
    const r = okT(transition(t, { type: 'transfer', toType: 'NEW', toWindow: 5 }, ctx(500)));
    expect(r.ticket).toMatchObject({
      status: 'waiting',
      businessType: 'NEW',
      windowNo: null,
      target: { windowNo: 5, agentId: null },
      transfers: 1,
      arrivalAt: at(0),
    });
    errT(transition(r.ticket, { type: 'call' }, ctx(600, { ...W3, businessTypes: undefined })), 'target_mismatch');
    const at5 = okT(
      transition(r.ticket, { type: 'call' }, ctx(600, { windowNo: 5, status: 'open', agentId: 'ag5', holding: null })),
    );
    expect(at5.ticket.windowNo).toBe(5);
    // to an agent
    const toAgent = okT(transition(t, { type: 'transfer', toAgent: 'ag9' }, ctx(500)));
    errT(
      transition(
        toAgent.ticket,
        { type: 'call' },
        ctx(600, { ...W3, windowNo: 4, agentId: 'ag4', businessTypes: undefined }),
      ),
      'target_mismatch',
    );
    expect(
      okT(transition(toAgent.ticket, { type: 'call' }, ctx(600, { ...W3, windowNo: 4, agentId: 'ag9' }))).ticket
        .agentId,
    ).toBe('ag9');
  });

  it('park frees the window; resume needs it free again', () => {
    const t = run([[{ type: 'call' }], [{ type: 'start' }]]);
    const p = okT(transition(t, { type: 'park', reason: '回家取证件' }, ctx(10)));
    expect(p.ticket).toMatchObject({ status: 'parked', windowNo: 3 });
    expect(p.effects).toContainEqual({ kind: 'window_freed', windowNo: 3, ticketId: 'A001' });
    errT(
      transition(p.ticket, { type: 'resume' }, ctx(20, { ...W3, holding: { id: 'A002', number: 'A002' } })),
      'window_busy',
    );
    expect(okT(transition(p.ticket, { type: 'resume' }, ctx(20))).ticket).toMatchObject({
      status: 'serving',
      parkedAt: null,
    });
  });

  it('cancel and abandon close the ticket', () => {
    expect(okT(transition(ticket('A001'), { type: 'cancel', reason: '客户离开' }, { now: at(5) })).ticket.status).toBe(
      'cancelled',
    );
    expect(okT(transition(ticket('A001'), { type: 'abandon' }, { now: at(5) })).ticket.status).toBe('abandoned');
    const called = run([[{ type: 'call' }]]);
    const ab = okT(transition(called, { type: 'abandon' }, { now: at(9) }));
    expect(ab.ticket.windowNo).toBeNull();
    expect(ab.effects).toContainEqual({ kind: 'window_freed', windowNo: 3, ticketId: 'A001' });
  });
});

describe('transition — every error path', () => {
  const called = () => run([[{ type: 'call' }, 0]]);
  const serving = () =>
    run([
      [{ type: 'call' }, 0],
      [{ type: 'start' }, 10],
    ]);

  it('calling on a closed or paused window', () => {
    errT(transition(ticket('A001'), { type: 'call' }, ctx(1, { ...W3, status: 'closed' })), 'window_closed');
    errT(transition(ticket('A001'), { type: 'call' }, ctx(1, { ...W3, status: 'paused' })), 'window_paused');
  });

  it('calling while the window holds another ticket (message names it)', () => {
    const r = transition(ticket('A002'), { type: 'call' }, ctx(1, { ...W3, holding: { id: 'A001', number: 'A001' } }));
    errT(r, 'window_busy');
    expect(!r.ok && r.error.message).toBe('窗口 3 正在办理 A001，请先办结');
  });

  it('calling a ticket already called elsewhere, or of a type the window does not serve', () => {
    errT(transition(called(), { type: 'call' }, ctx(5, { ...W3, windowNo: 4 })), 'not_at_window');
    errT(transition(called(), { type: 'call' }, ctx(5)), 'wrong_state');
    errT(transition(ticket('B001', { businessType: 'NEW' }), { type: 'call' }, ctx(5)), 'type_not_served');
  });

  it('a specific call needs a reason', () => {
    errT(transition(ticket('A001'), { type: 'call', specific: true }, ctx(1)), 'reason_required');
    errT(transition(ticket('A001'), { type: 'call', specific: true, reason: '  ' }, ctx(1)), 'reason_required');
    const r = okT(transition(ticket('A001'), { type: 'call', specific: true, reason: '老人优先' }, ctx(1)));
    expect(r.effects).toContainEqual(expect.objectContaining({ kind: 'audit', reason: '老人优先' }));
  });

  it('finishing a ticket you do not hold', () => {
    errT(transition(serving(), { type: 'finish' }, ctx(50, { ...W3, windowNo: 4 })), 'not_at_window');
    errT(transition(ticket('A001'), { type: 'finish' }, ctx(50)), 'not_at_window');
    errT(transition(called(), { type: 'finish' }, ctx(50)), 'wrong_state');
    errT(transition(serving(), { type: 'finish' }, { now: at(50) }), 'no_window');
  });

  it('recall too soon, recall over the limit, recall not held', () => {
    const r = transition(called(), { type: 'recall' }, ctx(29));
    errT(r, 'recall_too_soon');
    expect(!r.ok && r.error.message).toContain('1 秒');
    const t = run([
      [{ type: 'call' }, 0],
      [{ type: 'recall' }, 30],
      [{ type: 'recall' }, 60],
    ]);
    errT(transition(t, { type: 'recall' }, ctx(1000)), 'recall_limit');
    errT(transition(called(), { type: 'recall' }, ctx(100, { ...W3, windowNo: 4 })), 'not_at_window');
    errT(transition(serving(), { type: 'recall' }, ctx(100)), 'wrong_state');
  });

  it('no-show before the configured number of calls', () => {
    errT(transition(called(), { type: 'noShow' }, ctx(100)), 'too_few_calls');
    errT(transition(serving(), { type: 'noShow' }, ctx(100)), 'wrong_state');
  });

  it('no call after no-show when the config forbids it', () => {
    const t = run([
      [{ type: 'call' }, 0],
      [{ type: 'recall' }, 30],
      [{ type: 'recall' }, 60],
      [{ type: 'noShow' }, 90],
    ]);
    errT(
      transition(
        t,
        { type: 'call', reason: 'x' },
        { ...ctx(100), config: QueueConfig.parse({ allowCallAfterNoShow: false }) },
      ),
      'wrong_state',
    );
  });

  it('start only from called at the same window', () => {
    errT(transition(ticket('A001'), { type: 'start' }, ctx(5)), 'wrong_state');
    errT(transition(called(), { type: 'start' }, ctx(5, { ...W3, windowNo: 7 })), 'not_at_window');
  });

  it('transfer errors', () => {
    errT(transition(serving(), { type: 'transfer' }, ctx(50)), 'invalid_transfer');
    errT(transition(serving(), { type: 'transfer', toWindow: 3 }, ctx(50)), 'invalid_transfer');
    errT(transition(serving(), { type: 'transfer', toAgent: 'ag3' }, ctx(50)), 'invalid_transfer');
    errT(transition(serving(), { type: 'transfer', toType: 'NOPE' }, ctx(50)), 'unknown_type');
    errT(transition(ticket('A001'), { type: 'transfer', toType: 'NEW' }, ctx(50)), 'wrong_state');
    errT(transition(serving(), { type: 'transfer', toType: 'NEW' }, ctx(50, { ...W3, windowNo: 2 })), 'not_at_window');
  });

  it('park / resume errors', () => {
    errT(transition(called(), { type: 'park' }, ctx(50)), 'wrong_state');
    errT(transition(serving(), { type: 'resume' }, ctx(50)), 'wrong_state');
    const p = okT(transition(serving(), { type: 'park' }, ctx(50)));
    errT(transition(p.ticket, { type: 'resume' }, ctx(60, { ...W3, windowNo: 4 })), 'not_at_window');
    errT(transition(p.ticket, { type: 'resume' }, ctx(60, { ...W3, status: 'closed' })), 'window_closed');
  });

  it('terminal states are final', () => {
    const done = okT(transition(serving(), { type: 'finish' }, ctx(60))).ticket;
    const cancelled = okT(transition(ticket('A001'), { type: 'cancel' }, { now: at(1) })).ticket;
    const abandoned = okT(transition(ticket('A001'), { type: 'abandon' }, { now: at(1) })).ticket;
    const all: TicketAction[] = [
      { type: 'call', reason: 'r' },
      { type: 'recall' },
      { type: 'start' },
      { type: 'finish' },
      { type: 'noShow' },
      { type: 'transfer', toType: 'NEW' },
      { type: 'park' },
      { type: 'resume' },
      { type: 'cancel' },
      { type: 'abandon' },
    ];
    for (const t of [done, cancelled, abandoned]) for (const a of all) errT(transition(t, a, ctx(1000)), 'terminal');
  });

  it('cancel/abandon errors', () => {
    errT(transition(serving(), { type: 'cancel' }, { now: at(50) }), 'wrong_state');
    errT(transition(serving(), { type: 'abandon' }, { now: at(50) }), 'still_serving');
    errT(transition(called(), { type: 'cancel' }, ctx(50, { ...W3, windowNo: 8 })), 'not_at_window');
  });

  it('stale version, invalid time, time going backwards', () => {
    const t = called();
    errT(transition(t, { type: 'start', expectVersion: 0 }, ctx(50)), 'stale');
    expect(transition(t, { type: 'start', expectVersion: 1 }, ctx(50)).ok).toBe(true);
    errT(transition(t, { type: 'start' }, { ...ctx(0), now: 'not a date' }), 'invalid_time');
    errT(transition(t, { type: 'start' }, ctx(-1)), 'time_reversed');
  });

  it('a counter whose clock is a little behind the number authority still calls a just-issued ticket', () => {
    expect(transition(ticket('A001', { issuedSec: 100 }), { type: 'call' }, ctx(99)).ok).toBe(true);
  });

  it('maps to AppError codes', () => {
    expect(appErrorCodeOf('not_found')).toBe('not_found');
    expect(appErrorCodeOf('reason_required')).toBe('validation');
    expect(appErrorCodeOf('window_busy')).toBe('conflict');
  });
});

describe('applyAction over a hall queue', () => {
  const base = (): QueueState =>
    queue(
      [ticket('A001'), ticket('A002', { issuedSec: 5 })],
      [
        { windowNo: 1, status: 'open', agentId: 'ag1' },
        { windowNo: 2, status: 'open', agentId: 'ag2' },
        { windowNo: 3, status: 'closed', agentId: null },
      ],
    );

  it('a stale or unknown ticket id, an unknown window', () => {
    const s = base();
    const r = applyAction(s, 'A999', { type: 'call' }, { now: at(10), windowNo: 1 });
    errT(r, 'not_found');
    errT(applyAction(s, 'A001', { type: 'call' }, { now: at(10), windowNo: 42 }), 'not_found');
  });

  it('derives what a window holds: one ticket per window, one window per ticket', () => {
    let s = base();
    const r1 = applyAction(s, 'A001', { type: 'call' }, { now: at(10), windowNo: 1 });
    if (!r1.ok) throw new Error(r1.error.message);
    s = r1.state;
    const busy = applyAction(s, 'A002', { type: 'call' }, { now: at(11), windowNo: 1 });
    errT(busy, 'window_busy');
    expect(!busy.ok && busy.error.message).toBe('窗口 1 正在办理 A001，请先办结');
    errT(applyAction(s, 'A001', { type: 'call' }, { now: at(11), windowNo: 2 }), 'not_at_window');
    errT(applyAction(s, 'A002', { type: 'call' }, { now: at(11), windowNo: 3 }), 'window_closed');
    const r2 = applyAction(s, 'A002', { type: 'call' }, { now: at(11), windowNo: 2 });
    expect(r2.ok).toBe(true);
    expect(s.tickets.A002!.status).toBe('waiting'); // the old state is untouched
  });

  it('closeDay abandons open tickets, keeps no-shows, lists serving ones', () => {
    let s = queue(
      [
        ticket('A001'),
        ticket('A002'),
        ticket('A003'),
        { ...ticket('A004'), status: 'no_show' },
        { ...ticket('A005'), status: 'finished' },
      ],
      [
        { windowNo: 1, status: 'open', agentId: 'ag1' },
        { windowNo: 2, status: 'open', agentId: 'ag2' },
      ],
    );
    for (const [id, a, w] of [
      ['A001', { type: 'call' }, 1],
      ['A001', { type: 'start' }, 1],
      ['A002', { type: 'call' }, 2],
    ] as const) {
      const r = applyAction(s, id, a, { now: at(60), windowNo: w });
      if (!r.ok) throw new Error(r.error.message);
      s = r.state;
    }
    const d = closeDay(s, at(36000));
    expect(d.abandoned.sort()).toEqual(['A002', 'A003']);
    expect(d.stillServing).toEqual(['A001']);
    expect(d.state.tickets.A004!.status).toBe('no_show');
    expect(d.state.tickets.A002).toMatchObject({ status: 'abandoned', windowNo: null });
  });
});
