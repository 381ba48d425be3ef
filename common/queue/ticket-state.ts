import { z } from 'zod';
import { callAnnouncement } from '../domain/announcement';
import { BUSINESS_TYPE_CODES } from '../domain/business-types';
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

export const STATE_LABELS: Record<TicketState, { zh: string; en: string }> = {
  waiting: { zh: '等候中', en: 'waiting' },
  called: { zh: '已叫号', en: 'called' },
  serving: { zh: '办理中', en: 'serving' },
  parked: { zh: '已挂起', en: 'parked' },
  finished: { zh: '已办结', en: 'finished' },
  no_show: { zh: '过号', en: 'no-show' },
  cancelled: { zh: '已取消', en: 'cancelled' },
  abandoned: { zh: '日终作废', en: 'abandoned at day end' },
};

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
export interface TransitionError {
  code: TransitionErrorCode;
  message: string;
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

const fail = (code: TransitionErrorCode, message: string): TransitionResult => ({
  ok: false,
  error: { code, message },
});

const label = (s: TicketState) => `${STATE_LABELS[s].zh} (${STATE_LABELS[s].en})`;

function requireWindow(t: QueueTicket, ctx: TransitionContext, mustBeOpen: boolean): WindowView | TransitionResult {
  const w = ctx.window;
  if (!w) return fail('no_window', `${t.number} 需要在窗口操作 (a window is required for this action)`);
  if (mustBeOpen && w.status === 'closed')
    return fail('window_closed', `窗口 ${w.windowNo} 未开放 (open the window first)`);
  if (mustBeOpen && w.status === 'paused')
    return fail('window_paused', `窗口 ${w.windowNo} 暂停服务中 (resume the window first)`);
  return w;
}

function requireHeldHere(t: QueueTicket, w: WindowView): TransitionResult | null {
  if (t.windowNo !== w.windowNo) {
    const where = t.windowNo === null ? '不在任何窗口' : `在 ${t.windowNo} 号窗口`;
    return fail('not_at_window', `${t.number} ${where}，不在窗口 ${w.windowNo} (you do not hold this ticket)`);
  }
  return null;
}

function requireFree(t: QueueTicket, w: WindowView): TransitionResult | null {
  if (w.holding && w.holding.id !== t.id) {
    return fail('window_busy', `窗口 ${w.windowNo} 正在办理 ${w.holding.number} (finish the current ticket first)`);
  }
  return null;
}

const isResult = (x: WindowView | TransitionResult): x is TransitionResult => 'ok' in x;

/** Apply one action to one ticket. Never mutates its input; on failure nothing changes. */
export function transition(ticket: QueueTicket, action: TicketAction, ctx: TransitionContext): TransitionResult {
  const now = toMs(ctx.now);
  if (!Number.isFinite(now)) return fail('invalid_time', `时间无效 (invalid time ${String(ctx.now)})`);
  const cfg = ctx.config ?? DEFAULT_QUEUE_CONFIG;
  const t = ticket;
  if (action.expectVersion !== undefined && action.expectVersion !== t.version) {
    return fail(
      'stale',
      `${t.number} 状态已变化，请刷新 (stale ticket: version ${action.expectVersion}, now ${t.version})`,
    );
  }
  if (isTerminal(t.status)) return fail('terminal', `${t.number} ${label(t.status)}，不能再操作 (ticket is closed)`);
  const lastEvent = Math.max(
    t.arrivalAt,
    t.lastCallAt ?? -Infinity,
    t.startedAt ?? -Infinity,
    t.parkedAt ?? -Infinity,
    ...t.noShowAt,
  );
  if (now < lastEvent) return fail('time_reversed', `${t.number} 操作时间早于上一事件 (time goes backwards)`);

  const next = (patch: Partial<QueueTicket>): QueueTicket => ({ ...t, ...patch, version: t.version + 1 });
  const wrong = (what: string) =>
    fail('wrong_state', `${t.number} ${label(t.status)}，不能${what} (not allowed in state ${t.status})`);

  switch (action.type) {
    case 'call': {
      const w = requireWindow(t, ctx, true);
      if (isResult(w)) return w;
      const fromNoShow = t.status === 'no_show';
      if (t.status !== 'waiting' && !fromNoShow) {
        if (t.windowNo !== null && t.windowNo !== w.windowNo) {
          return fail(
            'not_at_window',
            `${t.number} 已被 ${t.windowNo} 号窗口叫号 (already called by window ${t.windowNo})`,
          );
        }
        return wrong('叫号');
      }
      if (fromNoShow && !cfg.allowCallAfterNoShow) return wrong('叫号');
      const specific = action.specific === true || fromNoShow;
      const reason = action.reason?.trim() ?? '';
      if (specific && reason === '')
        return fail('reason_required', `指定叫号 ${t.number} 需填写原因 (a specific call needs a reason)`);
      const busy = requireFree(t, w);
      if (busy) return busy;
      if (w.businessTypes && !w.businessTypes.includes(t.businessType)) {
        return fail(
          'type_not_served',
          `窗口 ${w.windowNo} 或当前营业员不办理 ${t.businessType} 业务 (the window or its agent does not serve this type)`,
        );
      }
      if (t.target.windowNo !== null && t.target.windowNo !== w.windowNo) {
        return fail(
          'target_mismatch',
          `${t.number} 已转至 ${t.target.windowNo} 号窗口 (transferred to another window)`,
        );
      }
      if (t.target.agentId !== null && t.target.agentId !== w.agentId) {
        return fail('target_mismatch', `${t.number} 已转给指定营业员 (transferred to another agent)`);
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
      if (t.status !== 'called') return wrong('重呼');
      const notHere = requireHeldHere(t, w);
      if (notHere) return notHere;
      if (t.roundCalls >= 1 + cfg.maxRecalls) {
        return fail(
          'recall_limit',
          `${t.number} 已重呼 ${t.roundCalls - 1} 次，达到上限 (recall limit ${cfg.maxRecalls} reached; mark no-show)`,
        );
      }
      const gapMs = cfg.recallMinGapSec * 1000;
      const since = now - (t.lastCallAt ?? now);
      if (since < gapMs) {
        const wait = Math.ceil((gapMs - since) / 1000);
        return fail('recall_too_soon', `${t.number} 刚刚叫过，请 ${wait} 秒后再重呼 (recall too soon: wait ${wait}s)`);
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
      if (t.status !== 'called') return wrong('开始办理');
      const notHere = requireHeldHere(t, w);
      if (notHere) return notHere;
      return { ok: true, ticket: next({ status: 'serving', startedAt: t.startedAt ?? now }), effects: [] };
    }

    case 'finish': {
      const w = requireWindow(t, ctx, false);
      if (isResult(w)) return w;
      const notHere = requireHeldHere(t, w);
      if (notHere) return notHere;
      if (t.status !== 'serving') return wrong('办结（请先开始办理）');
      return {
        ok: true,
        ticket: next({ status: 'finished', finishedAt: now, endedAt: now, windowNo: null }),
        effects: [{ kind: 'window_freed', windowNo: w.windowNo, ticketId: t.id }],
      };
    }

    case 'noShow': {
      const w = requireWindow(t, ctx, false);
      if (isResult(w)) return w;
      if (t.status !== 'called') return wrong('标记过号');
      const notHere = requireHeldHere(t, w);
      if (notHere) return notHere;
      if (t.roundCalls < cfg.noShowAfterCalls) {
        return fail(
          'too_few_calls',
          `${t.number} 仅叫号 ${t.roundCalls} 次，需叫满 ${cfg.noShowAfterCalls} 次才能过号 (recall before marking no-show)`,
        );
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
      if (!AT_WINDOW_STATES.includes(t.status)) return wrong('转移');
      const notHere = requireHeldHere(t, w);
      if (notHere) return notHere;
      const { toType, toWindow, toAgent } = action;
      if (toType === undefined && toWindow === undefined && toAgent === undefined) {
        return fail(
          'invalid_transfer',
          `转移 ${t.number} 需指定业务、窗口或营业员 (name a type, a window or an agent)`,
        );
      }
      if (toType !== undefined && !cfg.knownTypes.includes(toType)) {
        return fail('unknown_type', `未知业务类型 ${toType} (unknown business type)`);
      }
      if (toWindow !== undefined && toWindow === w.windowNo) {
        return fail('invalid_transfer', `${t.number} 已在 ${w.windowNo} 号窗口 (cannot transfer to the same window)`);
      }
      if (toAgent !== undefined && toAgent === w.agentId && toWindow === undefined) {
        return fail('invalid_transfer', `${t.number} 已由该营业员办理 (cannot transfer to the same agent)`);
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
      if (t.status !== 'serving') return wrong('挂起');
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
      if (t.status !== 'parked') return wrong('恢复办理');
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
      if (t.status !== 'waiting' && t.status !== 'called' && t.status !== 'parked') return wrong('取消');
      if (t.windowNo !== null && ctx.window && ctx.window.windowNo !== t.windowNo) {
        return fail('not_at_window', `${t.number} 在 ${t.windowNo} 号窗口 (only that window may cancel it)`);
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
      if (t.status === 'serving')
        return fail('still_serving', `${t.number} 正在办理，请先办结 (finish the service before closing the day)`);
      if (t.status === 'no_show') return wrong('作废（过号票保持过号）');
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
  if (!t)
    return { ok: false, error: { code: 'not_found', message: `票号 ${ticketId} 不存在或已过期 (ticket not found)` } };
  let window: WindowView | undefined;
  if (at.windowNo !== undefined) {
    const v = windowView(state, at.windowNo, ticketId);
    if (!v)
      return { ok: false, error: { code: 'not_found', message: `窗口 ${at.windowNo} 不存在 (window not found)` } };
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
