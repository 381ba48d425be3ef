import { z } from 'zod';
import type { PriorityClass, QueueTicket } from './ticket-state';
import { toMs, type Instant } from './time';

/**
 * Choosing the next ticket for a window (Queue rules: "fairness is a rule, not an accident").
 *
 * 1. Eligible: waiting, of a business type the window serves, and — after a transfer to a window or an
 *    agent — only at that window / for that agent.
 * 2. Bucket: each eligible ticket is `priority` (green, vip, or an appointment checked in near its slot)
 *    or `normal` (normal, or an appointment too early/late). The window's interleave rule "after `normal`
 *    normal, `priority` priority" picks the bucket; when the wanted bucket is empty the other one is
 *    served (a window never idles while someone eligible waits).
 * 3. Within the bucket: higher type priority of the window first (主办 before 兼办 types), then — for the
 *    priority bucket — the class order (default green, vip, appointment), then arrival (FIFO; a
 *    transferred ticket keeps its original arrival), then number and id for a total order.
 */

export const InterleaveRule = z.object({
  /** Normal tickets served before priority tickets get their turn; 0 = priority tickets always first. */
  normal: z.number().int().min(0).max(50),
  /** Priority tickets served in a row when it is their turn; 0 = only when no normal ticket waits. */
  priority: z.number().int().min(0).max(50),
});
export type InterleaveRule = z.infer<typeof InterleaveRule>;

export const PriorityOnlyClass = z.enum(['green', 'vip', 'appointment']);

export const WindowRules = z.object({
  windowNo: z.number().int().min(1).max(99),
  /** The agent signed in, for tickets transferred to an agent. */
  agentId: z.string().nullable().default(null),
  /** Business types served, each with a priority (higher first). */
  types: z.array(z.object({ code: z.string().min(1), priority: z.number().int().min(0).max(100).default(1) })).min(1),
  interleave: InterleaveRule.default({ normal: 2, priority: 1 }),
  priorityClassOrder: z.array(PriorityOnlyClass).default(['green', 'vip', 'appointment']),
  /** An appointment counts as priority when checked in no later than slot + N and now ≥ slot − N. */
  appointmentWindowMin: z.number().int().min(0).max(240).default(15),
});
export type WindowRules = z.infer<typeof WindowRules>;
export type WindowRulesInput = z.input<typeof WindowRules>;

export type Bucket = 'normal' | 'priority';

/** The window's recent pattern, kept by the caller between picks (e.g. in the window's row). */
export interface FairnessState {
  /** Normal tickets served since the last priority block closed. */
  normalsSincePriority: number;
  /** Priority tickets served in the current block. */
  prioritiesInBlock: number;
  /** The last buckets served, newest last (at most RECENT_MAX), for display and audit. */
  recent: Bucket[];
}
export const RECENT_MAX = 20;

/** For reading a stored FairnessState back (e.g. a JSON column of the window). */
export const FairnessStateSchema = z.object({
  normalsSincePriority: z.number().int().min(0),
  prioritiesInBlock: z.number().int().min(0),
  recent: z.array(z.enum(['normal', 'priority'])).max(RECENT_MAX),
});

/** A fresh window: a waiting priority ticket is served first. */
export function initialFairnessState(rules: Pick<WindowRules, 'interleave'>): FairnessState {
  return { normalsSincePriority: rules.interleave.normal, prioritiesInBlock: 0, recent: [] };
}

/** Whether the interleave rule wants a priority ticket next. */
export function wantsPriority(rule: InterleaveRule, s: FairnessState): boolean {
  if (rule.priority === 0) return false;
  if (rule.normal === 0) return true;
  return s.normalsSincePriority >= rule.normal && s.prioritiesInBlock < rule.priority;
}

/** The state after serving a ticket of a bucket. */
export function advanceFairness(rule: InterleaveRule, s: FairnessState, served: Bucket): FairnessState {
  const recent = [...s.recent, served].slice(-RECENT_MAX);
  if (served === 'normal') return { normalsSincePriority: s.normalsSincePriority + 1, prioritiesInBlock: 0, recent };
  const prioritiesInBlock = s.prioritiesInBlock + 1;
  return {
    normalsSincePriority: prioritiesInBlock >= rule.priority ? 0 : s.normalsSincePriority,
    prioritiesInBlock,
    recent,
  };
}

/** The class a ticket is served as now: an appointment is priority only near its slot. */
export function effectiveClass(
  t: Pick<QueueTicket, 'priorityClass' | 'appointmentAt' | 'arrivalAt'>,
  appointmentWindowMin: number,
  now: number,
): PriorityClass {
  if (t.priorityClass !== 'appointment') return t.priorityClass;
  if (t.appointmentAt === null) return 'normal';
  const w = appointmentWindowMin * 60_000;
  const onTime = t.arrivalAt <= t.appointmentAt + w;
  const slotNear = now >= t.appointmentAt - w;
  return onTime && slotNear ? 'appointment' : 'normal';
}

export const bucketOf = (c: PriorityClass): Bucket => (c === 'normal' ? 'normal' : 'priority');

/** Whether a window may take this ticket at all. */
export function isEligible(t: QueueTicket, rules: Pick<WindowRules, 'windowNo' | 'agentId' | 'types'>): boolean {
  if (t.status !== 'waiting') return false;
  if (!rules.types.some((x) => x.code === t.businessType)) return false;
  if (t.target.windowNo !== null && t.target.windowNo !== rules.windowNo) return false;
  if (t.target.agentId !== null && t.target.agentId !== rules.agentId) return false;
  return true;
}

export interface Candidate {
  ticket: QueueTicket;
  cls: PriorityClass;
  bucket: Bucket;
  typePriority: number;
}

function compareWithin(order: readonly PriorityClass[]) {
  const rank = (c: PriorityClass) => {
    const i = order.indexOf(c);
    return i < 0 ? order.length : i;
  };
  return (a: Candidate, b: Candidate): number =>
    b.typePriority - a.typePriority ||
    rank(a.cls) - rank(b.cls) ||
    a.ticket.arrivalAt - b.ticket.arrivalAt ||
    (a.ticket.number < b.ticket.number ? -1 : a.ticket.number > b.ticket.number ? 1 : 0) ||
    (a.ticket.id < b.ticket.id ? -1 : a.ticket.id > b.ticket.id ? 1 : 0);
}

/** Eligible tickets with their class and bucket, each bucket in serving order. */
export function candidates(
  waiting: readonly QueueTicket[],
  rules: WindowRules,
  now: Instant,
): { normal: Candidate[]; priority: Candidate[] } {
  const ms = toMs(now);
  const normal: Candidate[] = [];
  const priority: Candidate[] = [];
  for (const t of waiting) {
    if (!isEligible(t, rules)) continue;
    const cls = effectiveClass(t, rules.appointmentWindowMin, ms);
    const typePriority = rules.types.find((x) => x.code === t.businessType)!.priority;
    const c: Candidate = { ticket: t, cls, bucket: bucketOf(cls), typePriority };
    (c.bucket === 'normal' ? normal : priority).push(c);
  }
  const cmp = compareWithin(rules.priorityClassOrder);
  normal.sort(cmp);
  priority.sort(cmp);
  return { normal, priority };
}

export interface PickResult {
  ticketId: string | null;
  /** The bucket served (null when nothing was eligible). */
  bucket: Bucket | null;
  /** The state to keep for the next pick (unchanged when nothing was picked). */
  state: FairnessState;
}

/**
 * The next ticket for a window. Pure: the caller stores the returned state once the call succeeds
 * (if the call fails, keep the old state and pick again).
 */
export function pickNext(
  waiting: readonly QueueTicket[],
  window: WindowRules,
  state: FairnessState,
  now: Instant,
): PickResult {
  const { normal, priority } = candidates(waiting, window, now);
  const want: Bucket = wantsPriority(window.interleave, state) ? 'priority' : 'normal';
  const wanted = want === 'priority' ? priority : normal;
  const other = want === 'priority' ? normal : priority;
  const pool = wanted.length > 0 ? wanted : other;
  if (pool.length === 0) return { ticketId: null, bucket: null, state };
  const chosen = pool[0]!;
  return {
    ticketId: chosen.ticket.id,
    bucket: chosen.bucket,
    state: advanceFairness(window.interleave, state, chosen.bucket),
  };
}
