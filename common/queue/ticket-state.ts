import { z } from 'zod';
import { callAnnouncement } from '../domain/announcement';
import { BUSINESS_TYPE_CODES, businessTypeName } from '../domain/business-types';
import { keyedText, term, type ErrorKey, type KeyedText, type ParamsArg } from '../errors';
import { toMs, type Instant } from './time';

/**
 * The ticket state machine (Queue rules), pure and deterministic:
 *
 *   waiting ─call→ called ─start→ serving ─finish→ finished
 *              ↺ recall (limit, minimum gap)   │
 *   called ─noShow (after N calls)→ no_show     ├─park→ parked ─resume→ serving
 *   called|serving|parked ─transfer→ waiting (same arrival time, maybe for another type/window/agent)
 *   waiting|called|parked ─cancel→ cancelled, ─abandon (day end)→ abandoned
 *   no_show ─call (specific, with a reason: the customer came back)→ called
 *
 * finished, cancelled and abandoned are terminal. A ticket holds a window (windowNo ≠ null) only while
 * called, serving or parked; a window holds at most one called-or-serving ticket.
 */

export const TICKET_STATES = [
  'waiting',
  'called',
  'serving',
  'parked',
  'finished',
  'no_show',
  'cancelled',
  'abandoned',
] as const;
export type TicketState = (typeof TICKET_STATES)[number];
export const TERMINAL_STATES: readonly TicketState[] = ['finished', 'cancelled', 'abandoned'];
/** States in which the ticket is at a window. */
export const AT_WINDOW_STATES: readonly TicketState[] = ['called', 'serving', 'parked'];
/** States that occupy a window: it cannot call another ticket while it holds one of these. */
export const ACTIVE_STATES: readonly TicketState[] = ['called', 'serving'];
export const isTerminal = (s: TicketState): boolean => TERMINAL_STATES.includes(s);

export const PRIORITY_CLASSES = ['normal', 'green', 'vip', 'appointment'] as const;
export type PriorityClass = (typeof PRIORITY_CLASSES)[number];

/** Queue configuration of a hall; `QueueConfig.parse({})` gives the defaults. */
export const QueueConfig = z.object({
  /** Recalls allowed after the first call of a round (重呼次数上限). */
  maxRecalls: z.number().int().min(0).max(20).default(2),
  /** Minimum seconds between two calls of the same ticket (重呼最小间隔). */
  recallMinGapSec: z.number().int().min(0).max(3600).default(30),
  /** Calls (first call + recalls) a ticket must have had before it may be marked no-show. */
  noShowAfterCalls: z.number().int().min(1).max(21).default(3),
  /** Whether a no-show ticket may be called again (specific call with a reason) when the customer returns. */
  allowCallAfterNoShow: z.boolean().default(true),
  /** Business types a transfer may go to; defaults to docs/domain.md's table. */
  knownTypes: z.array(z.string().min(1)).default([...BUSINESS_TYPE_CODES]),
});
export type QueueConfig = z.infer<typeof QueueConfig>;
export const DEFAULT_QUEUE_CONFIG: QueueConfig = QueueConfig.parse({});

export interface CallRecord {
  at: number;
  windowNo: number;
  agentId: string | null;
  recall: boolean;
}

/** A ticket as the queue core sees it. Times are epoch milliseconds. */
export interface QueueTicket {
  id: string;
  number: string;
  businessType: string;
  priorityClass: PriorityClass;
  /** The original arrival (issue) time: kept on transfer, so FIFO order survives it. */
  arrivalAt: number;
  /** Appointment slot start (appointment class only). */
  appointmentAt: number | null;
  status: TicketState;
  /** The window the ticket is at (called, serving, parked), else null. */
  windowNo: number | null;
  agentId: string | null;
  /** Set by a transfer to a window or an agent: only that window / agent may call it. */
  target: { windowNo: number | null; agentId: string | null };
  /** Every call ever made, first calls and recalls. */
  calls: CallRecord[];
  /** Calls in the current round (since the ticket last became called from waiting or no-show). */
  roundCalls: number;
  lastCallAt: number | null;
  /** First start of service. */
  startedAt: number | null;
  finishedAt: number | null;
  parkedAt: number | null;
  /** When a terminal state was reached. */
  endedAt: number | null;
  noShowAt: number[];
  transfers: number;
  /** Incremented by every transition: an action naming an older version is stale. */
  version: number;
}

export function newTicket(a: {
  id: string;
  number: string;
  businessType: string;
  priorityClass?: PriorityClass;
  issuedAt: Instant;
  appointmentAt?: Instant | null;
}): QueueTicket {
  return {
    id: a.id,
    number: a.number,
    businessType: a.businessType,
    priorityClass: a.priorityClass ?? 'normal',
    arrivalAt: toMs(a.issuedAt),
    appointmentAt: a.appointmentAt == null ? null : toMs(a.appointmentAt),
    status: 'waiting',
    windowNo: null,
    agentId: null,
    target: { windowNo: null, agentId: null },
    calls: [],
    roundCalls: 0,
    lastCallAt: null,
    startedAt: null,
    finishedAt: null,
    parkedAt: null,
    endedAt: null,
    noShowAt: [],
    transfers: 0,
    version: 0,
  };
}

export type TicketAction = (
  | {
      type: 'call';
      /** A specific call (not the next by the rules) needs a reason and is audited. */ specific?: boolean;
      reason?: string;
    }
  | { type: 'recall' }
  | { type: 'start' }
  | { type: 'finish' }
  | { type: 'noShow' }
  | { type: 'transfer'; toType?: string; toWindow?: number; toAgent?: string; reason?: string }
  | { type: 'park'; reason?: string }
  | { type: 'resume' }
  | { type: 'cancel'; reason?: string }
  | { type: 'abandon' }
) & { /** The ticket version the caller saw; a different current version is a stale action. */ expectVersion?: number };
export type TicketActionType = TicketAction['type'];

export type WindowStatus = 'open' | 'paused' | 'closed';

/** The window doing the action, as the caller knows it. */
export interface WindowView {
  windowNo: number;
  status: WindowStatus;
  agentId: string | null;
  /** Business types served; omit to skip the check. */
  businessTypes?: readonly string[];
  /** The called-or-serving ticket the window holds, if any (not counting the acted-on ticket). */
  holding: { id: string; number: string } | null;
}

export interface TransitionContext {
  now: Instant;
  /** The acting window; not needed for cancel and abandon (guide desk, day-end job). */
  window?: WindowView;
  config?: QueueConfig;
}

export const TRANSITION_ERROR_CODES = [
  'invalid_time',
  'not_found',
  'stale',
  'terminal',
  'wrong_state',
  'no_window',
  'window_closed',
  'window_paused',
  'window_busy',
  'not_at_window',
  'type_not_served',
  'target_mismatch',
  'reason_required',
  'recall_limit',
  'recall_too_soon',
  'too_few_calls',
  'invalid_transfer',
  'unknown_type',
  'still_serving',
  'time_reversed',
] as const;
export type TransitionErrorCode = (typeof TRANSITION_ERROR_CODES)[number];
export interface TransitionError extends KeyedText {
  code: TransitionErrorCode;
}

/** The AppError code (common/result.ts) a transition error maps to, for the services layer. */
export function appErrorCodeOf(code: TransitionErrorCode): 'not_found' | 'validation' | 'conflict' {
  if (code === 'not_found') return 'not_found';
  if (code === 'invalid_time' || code === 'reason_required' || code === 'invalid_transfer' || code === 'unknown_type')
    return 'validation';
  return 'conflict';
}

/** What the caller must do besides storing the ticket: announce, audit, refresh a window. */
export type TransitionEffect =
  | { kind: 'announce'; ticketId: string; ticketNo: string; windowNo: number; recall: boolean; text: string }
  | {
      kind: 'audit';
      action: TicketActionType;
      ticketId: string;
      ticketNo: string;
      windowNo: number | null;
      reason: string | null;
    }
  | { kind: 'window_taken'; windowNo: number; ticketId: string }
  | { kind: 'window_freed'; windowNo: number; ticketId: string };

export type TransitionResult =
  { ok: true; ticket: QueueTicket; effects: TransitionEffect[] } | { ok: false; error: TransitionError };

const fail = <K extends ErrorKey>(code: TransitionErrorCode, key: K, ...params: ParamsArg<K>): TransitionResult => ({
  ok: false,
  error: { code, ...keyedText(key, ...params) },
});

const stateTerm = (s: TicketState) => term(`queue.state.${s}`);

function requireWindow(t: QueueTicket, ctx: TransitionContext, mustBeOpen: boolean): WindowView | TransitionResult {
  const w = ctx.window;
  if (!w) return fail('no_window', 'queue.windowRequired', { ticketNo: t.number });
  if (mustBeOpen && w.status === 'closed') return fail('window_closed', 'queue.windowClosed', { windowNo: w.windowNo });
  if (mustBeOpen && w.status === 'paused') return fail('window_paused', 'queue.windowPaused', { windowNo: w.windowNo });
  return w;
}

function requireHeldHere(t: QueueTicket, w: WindowView): TransitionResult | null {
  if (t.windowNo === null)
    return fail('not_at_window', 'queue.ticketNotAtWindow', { ticketNo: t.number, windowNo: w.windowNo });
  if (t.windowNo !== w.windowNo)
    return fail('not_at_window', 'queue.ticketAtOtherWindow', {
      ticketNo: t.number,
      heldBy: t.windowNo,
      windowNo: w.windowNo,
    });
  return null;
}

function requireFree(t: QueueTicket, w: WindowView): TransitionResult | null {
  if (w.holding && w.holding.id !== t.id) {
    return fail('window_busy', 'queue.windowBusy', { windowNo: w.windowNo, ticketNo: w.holding.number });
  }
  return null;
}

const isResult = (x: WindowView | TransitionResult): x is TransitionResult => 'ok' in x;

/** Apply one action to one ticket. Never mutates its input; on failure nothing changes. */
export function transition(ticket: QueueTicket, action: TicketAction, ctx: TransitionContext): TransitionResult {
  const now = toMs(ctx.now);
  if (!Number.isFinite(now)) return fail('invalid_time', 'queue.invalidTime', { time: String(ctx.now) });
  const cfg = ctx.config ?? DEFAULT_QUEUE_CONFIG;
  const t = ticket;
  if (action.expectVersion !== undefined && action.expectVersion !== t.version) {
    return fail('stale', 'queue.ticketChanged', { ticketNo: t.number });
  }
  if (isTerminal(t.status))
    return fail('terminal', 'queue.ticketClosed', { ticketNo: t.number, state: stateTerm(t.status) });
  // The arrival is stamped by the hall's number authority, another clock than the counter's: a
  // counter a few seconds behind it must still call a ticket just issued. Only the ticket's own
  // later steps, stamped where the queue is served, must not run backwards.
  const lastEvent = Math.max(
    t.lastCallAt ?? -Infinity,
    t.startedAt ?? -Infinity,
    t.parkedAt ?? -Infinity,
    ...t.noShowAt,
  );
  if (now < lastEvent) return fail('time_reversed', 'queue.timeReversed', { ticketNo: t.number });

  const next = (patch: Partial<QueueTicket>): QueueTicket => ({ ...t, ...patch, version: t.version + 1 });
  const wrong = (refused: TicketActionType) =>
    fail('wrong_state', 'queue.wrongState', {
      ticketNo: t.number,
      state: stateTerm(t.status),
      action: term(`queue.action.${refused}`),
    });

  switch (action.type) {
    case 'call': {
      const w = requireWindow(t, ctx, true);
      if (isResult(w)) return w;
      const fromNoShow = t.status === 'no_show';
      if (t.status !== 'waiting' && !fromNoShow) {
        if (t.windowNo !== null && t.windowNo !== w.windowNo) {
          return fail('not_at_window', 'queue.calledElsewhere', { ticketNo: t.number, heldBy: t.windowNo });
        }
        return wrong('call');
      }
      if (fromNoShow && !cfg.allowCallAfterNoShow) return wrong('call');
      const specific = action.specific === true || fromNoShow;
      const reason = action.reason?.trim() ?? '';
      if (specific && reason === '') return fail('reason_required', 'queue.callReasonRequired', { ticketNo: t.number });
      const busy = requireFree(t, w);
      if (busy) return busy;
      if (w.businessTypes && !w.businessTypes.includes(t.businessType)) {
        return fail('type_not_served', 'queue.typeNotServed', {
          windowNo: w.windowNo,
          businessType: businessTypeName(t.businessType),
        });
      }
      if (t.target.windowNo !== null && t.target.windowNo !== w.windowNo) {
        return fail('target_mismatch', 'queue.transferredToWindow', {
          ticketNo: t.number,
          targetWindow: t.target.windowNo,
        });
      }
      if (t.target.agentId !== null && t.target.agentId !== w.agentId) {
        return fail('target_mismatch', 'queue.transferredToAgent', { ticketNo: t.number });
      }
      const ticketOut = next({
        status: 'called',
        windowNo: w.windowNo,
        agentId: w.agentId,
        calls: [...t.calls, { at: now, windowNo: w.windowNo, agentId: w.agentId, recall: false }],
        roundCalls: 1,
        lastCallAt: now,
      });
      const effects: TransitionEffect[] = [
        { kind: 'window_taken', windowNo: w.windowNo, ticketId: t.id },
        {
          kind: 'announce',
          ticketId: t.id,
          ticketNo: t.number,
          windowNo: w.windowNo,
          recall: false,
          text: callAnnouncement(t.number, w.windowNo),
        },
      ];
      if (specific)
        effects.push({
          kind: 'audit',
          action: 'call',
          ticketId: t.id,
          ticketNo: t.number,
          windowNo: w.windowNo,
          reason,
        });
      return { ok: true, ticket: ticketOut, effects };
    }

    case 'recall': {
      const w = requireWindow(t, ctx, true);
      if (isResult(w)) return w;
      if (t.status !== 'called') return wrong('recall');
      const notHere = requireHeldHere(t, w);
      if (notHere) return notHere;
      if (t.roundCalls >= 1 + cfg.maxRecalls) {
        return fail('recall_limit', 'queue.recallLimit', { ticketNo: t.number, recalls: t.roundCalls - 1 });
      }
      const gapMs = cfg.recallMinGapSec * 1000;
      const since = now - (t.lastCallAt ?? now);
      if (since < gapMs) {
        const wait = Math.ceil((gapMs - since) / 1000);
        return fail('recall_too_soon', 'queue.recallTooSoon', { ticketNo: t.number, seconds: wait });
      }
      return {
        ok: true,
        ticket: next({
          calls: [...t.calls, { at: now, windowNo: w.windowNo, agentId: w.agentId, recall: true }],
          roundCalls: t.roundCalls + 1,
          lastCallAt: now,
        }),
        effects: [
          {
            kind: 'announce',
            ticketId: t.id,
            ticketNo: t.number,
            windowNo: w.windowNo,
            recall: true,
            text: callAnnouncement(t.number, w.windowNo, true),
          },
        ],
      };
    }

    case 'start': {
      const w = requireWindow(t, ctx, false);
      if (isResult(w)) return w;
      if (t.status !== 'called') return wrong('start');
      const notHere = requireHeldHere(t, w);
      if (notHere) return notHere;
      return { ok: true, ticket: next({ status: 'serving', startedAt: t.startedAt ?? now }), effects: [] };
    }

    case 'finish': {
      const w = requireWindow(t, ctx, false);
      if (isResult(w)) return w;
      const notHere = requireHeldHere(t, w);
      if (notHere) return notHere;
      if (t.status !== 'serving') return wrong('finish');
      return {
        ok: true,
        ticket: next({ status: 'finished', finishedAt: now, endedAt: now, windowNo: null }),
        effects: [{ kind: 'window_freed', windowNo: w.windowNo, ticketId: t.id }],
      };
    }

    case 'noShow': {
      const w = requireWindow(t, ctx, false);
      if (isResult(w)) return w;
      if (t.status !== 'called') return wrong('noShow');
      const notHere = requireHeldHere(t, w);
      if (notHere) return notHere;
      if (t.roundCalls < cfg.noShowAfterCalls) {
        return fail('too_few_calls', 'queue.tooFewCalls', {
          ticketNo: t.number,
          calls: t.roundCalls,
          required: cfg.noShowAfterCalls,
        });
      }
      return {
        ok: true,
        ticket: next({
          status: 'no_show',
          windowNo: null,
          agentId: null,
          noShowAt: [...t.noShowAt, now],
          roundCalls: 0,
        }),
        effects: [{ kind: 'window_freed', windowNo: w.windowNo, ticketId: t.id }],
      };
    }

    case 'transfer': {
      const w = requireWindow(t, ctx, false);
      if (isResult(w)) return w;
      if (!AT_WINDOW_STATES.includes(t.status)) return wrong('transfer');
      const notHere = requireHeldHere(t, w);
      if (notHere) return notHere;
      const { toType, toWindow, toAgent } = action;
      if (toType === undefined && toWindow === undefined && toAgent === undefined) {
        return fail('invalid_transfer', 'queue.transferTargetMissing', { ticketNo: t.number });
      }
      if (toType !== undefined && !cfg.knownTypes.includes(toType)) {
        return fail('unknown_type', 'queue.unknownBusinessType', { businessType: toType });
      }
      if (toWindow !== undefined && toWindow === w.windowNo) {
        return fail('invalid_transfer', 'queue.transferSameWindow', { ticketNo: t.number, windowNo: w.windowNo });
      }
      if (toAgent !== undefined && toAgent === w.agentId && toWindow === undefined) {
        return fail('invalid_transfer', 'queue.transferSameAgent', { ticketNo: t.number });
      }
      return {
        ok: true,
        ticket: next({
          status: 'waiting',
          businessType: toType ?? t.businessType,
          windowNo: null,
          agentId: null,
          target: { windowNo: toWindow ?? null, agentId: toAgent ?? null },
          roundCalls: 0,
          parkedAt: null,
          transfers: t.transfers + 1,
          // arrivalAt is deliberately unchanged: the ticket keeps its place in arrival order.
        }),
        effects: [
          { kind: 'window_freed', windowNo: w.windowNo, ticketId: t.id },
          {
            kind: 'audit',
            action: 'transfer',
            ticketId: t.id,
            ticketNo: t.number,
            windowNo: w.windowNo,
            reason: action.reason?.trim() || null,
          },
        ],
      };
    }

    case 'park': {
      const w = requireWindow(t, ctx, false);
      if (isResult(w)) return w;
      if (t.status !== 'serving') return wrong('park');
      const notHere = requireHeldHere(t, w);
      if (notHere) return notHere;
      return {
        ok: true,
        ticket: next({ status: 'parked', parkedAt: now }),
        effects: [
          { kind: 'window_freed', windowNo: w.windowNo, ticketId: t.id },
          {
            kind: 'audit',
            action: 'park',
            ticketId: t.id,
            ticketNo: t.number,
            windowNo: w.windowNo,
            reason: action.reason?.trim() || null,
          },
        ],
      };
    }

    case 'resume': {
      const w = requireWindow(t, ctx, true);
      if (isResult(w)) return w;
      if (t.status !== 'parked') return wrong('resume');
      const notHere = requireHeldHere(t, w);
      if (notHere) return notHere;
      const busy = requireFree(t, w);
      if (busy) return busy;
      return {
        ok: true,
        ticket: next({ status: 'serving', parkedAt: null }),
        effects: [{ kind: 'window_taken', windowNo: w.windowNo, ticketId: t.id }],
      };
    }

    case 'cancel': {
      if (t.status !== 'waiting' && t.status !== 'called' && t.status !== 'parked') return wrong('cancel');
      if (t.windowNo !== null && ctx.window && ctx.window.windowNo !== t.windowNo) {
        return fail('not_at_window', 'queue.cancelAtOtherWindow', { ticketNo: t.number, heldBy: t.windowNo });
      }
      const effects: TransitionEffect[] = [];
      if (t.windowNo !== null && t.status !== 'parked')
        effects.push({ kind: 'window_freed', windowNo: t.windowNo, ticketId: t.id });
      effects.push({
        kind: 'audit',
        action: 'cancel',
        ticketId: t.id,
        ticketNo: t.number,
        windowNo: t.windowNo,
        reason: action.reason?.trim() || null,
      });
      return { ok: true, ticket: next({ status: 'cancelled', windowNo: null, endedAt: now }), effects };
    }

    case 'abandon': {
      if (t.status === 'serving') return fail('still_serving', 'queue.stillServing', { ticketNo: t.number });
      if (t.status === 'no_show') return wrong('abandon');
      const effects: TransitionEffect[] = [];
      if (t.windowNo !== null && t.status === 'called')
        effects.push({ kind: 'window_freed', windowNo: t.windowNo, ticketId: t.id });
      return { ok: true, ticket: next({ status: 'abandoned', windowNo: null, endedAt: now }), effects };
    }
  }
}

// ─── A hall's queue: many tickets, many windows ────────────────────────────────────────────────

export interface WindowInfo {
  windowNo: number;
  status: WindowStatus;
  agentId: string | null;
  businessTypes?: readonly string[];
}

/** All of a hall's tickets of the day and its windows: the state `applyAction` works on. */
export interface QueueState {
  tickets: Readonly<Record<string, QueueTicket>>;
  windows: Readonly<Record<number, WindowInfo>>;
}

/** The called-or-serving ticket a window holds, derived from the tickets. */
export function holdingOf(state: QueueState, windowNo: number, exceptId?: string): QueueTicket | null {
  for (const t of Object.values(state.tickets)) {
    if (t.windowNo === windowNo && ACTIVE_STATES.includes(t.status) && t.id !== exceptId) return t;
  }
  return null;
}

export function windowView(state: QueueState, windowNo: number, exceptId?: string): WindowView | null {
  const w = state.windows[windowNo];
  if (!w) return null;
  const h = holdingOf(state, windowNo, exceptId);
  return { ...w, holding: h ? { id: h.id, number: h.number } : null };
}

export type QueueResult =
  | { ok: true; state: QueueState; ticket: QueueTicket; effects: TransitionEffect[] }
  | { ok: false; error: TransitionError };

/**
 * Apply an action to a ticket of the queue by id, at a window (or none, for cancel/abandon): looks the
 * ticket and window up, derives what the window holds, runs `transition`. Unknown ids are 'not_found'.
 */
export function applyAction(
  state: QueueState,
  ticketId: string,
  action: TicketAction,
  at: { now: Instant; windowNo?: number; config?: QueueConfig },
): QueueResult {
  const t = state.tickets[ticketId];
  if (!t) return { ok: false, error: { code: 'not_found', ...keyedText('queue.ticketNotFound') } };
  let window: WindowView | undefined;
  if (at.windowNo !== undefined) {
    const v = windowView(state, at.windowNo, ticketId);
    if (!v)
      return {
        ok: false,
        error: { code: 'not_found', ...keyedText('queue.windowNotFound', { windowNo: at.windowNo }) },
      };
    window = v;
  }
  const r = transition(t, action, { now: at.now, window, config: at.config });
  if (!r.ok) return r;
  return {
    ok: true,
    state: { ...state, tickets: { ...state.tickets, [ticketId]: r.ticket } },
    ticket: r.ticket,
    effects: r.effects,
  };
}

/** Day end: abandon every waiting, called or parked ticket; no-shows stay no-shows; serving tickets are listed for the manager. */
export function closeDay(
  state: QueueState,
  now: Instant,
): { state: QueueState; abandoned: string[]; stillServing: string[] } {
  const tickets: Record<string, QueueTicket> = { ...state.tickets };
  const abandoned: string[] = [];
  const stillServing: string[] = [];
  for (const t of Object.values(state.tickets)) {
    if (isTerminal(t.status) || t.status === 'no_show') continue;
    const r = transition(t, { type: 'abandon' }, { now });
    if (r.ok) {
      tickets[t.id] = r.ticket;
      abandoned.push(t.id);
    } else if (r.error.code === 'still_serving') stillServing.push(t.id);
  }
  return { state: { ...state, tickets }, abandoned, stillServing };
}
