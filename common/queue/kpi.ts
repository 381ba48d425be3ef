import { z } from 'zod';
import { businessType } from '../domain/business-types';
import { isLeasedNumber } from '../sync/number-leases';
import { TICKET_STATES, type QueueTicket } from './ticket-state';
import { localHour, SHANGHAI_OFFSET_MIN, toMs } from './time';

/**
 * Queue KPIs exactly as docs/domain.md (KPIs) defines them, computed from ticket timelines.
 *
 * The serving call of a ticket is its first call; if it was marked no-show and called again, the
 * (first) call after its last no-show — "the last call counts". Recalls (重呼) never move it.
 *   wait          = serving call − issue              (tickets called)
 *   walk          = start − serving call              (tickets started after that call)
 *   AHT           = finish − start                    (tickets finished; includes parked time)
 *   time in hall  = finish − issue                    (tickets finished)
 *   service level = called with wait ≤ target ÷ called (target per type, default 20 min)
 *   no-show rate  = called tickets ever marked no-show ÷ called
 *   walk-away     = abandoned or cancelled ÷ issued
 * With one service, wait + walk + AHT = time in hall. All durations are in seconds.
 */

const InstantSchema = z
  .union([z.string().min(10), z.number()])
  .refine((v) => Number.isFinite(toMs(v)), { message: 'invalid instant' });

export const TicketTimeline = z.object({
  id: z.string().optional(),
  type: z.string().min(1),
  issuedAt: InstantSchema,
  calls: z.array(z.object({ at: InstantSchema, recall: z.boolean().default(false) })).default([]),
  noShowAt: z.array(InstantSchema).default([]),
  startedAt: InstantSchema.nullable().default(null),
  finishedAt: InstantSchema.nullable().default(null),
  status: z.enum(TICKET_STATES),
  windowNo: z.number().int().nullable().default(null),
  agentId: z.string().nullable().default(null),
  /** Numbered from a kiosk's offline lease (the hall's authority was out of reach). */
  leased: z.boolean().default(false),
});
export type TicketTimeline = z.infer<typeof TicketTimeline>;
export type TicketTimelineInput = z.input<typeof TicketTimeline>;

export const DEFAULT_TARGET_WAIT_MIN = 20;

export interface KpiOptions {
  /** Target wait per type in minutes; defaults to docs/domain.md's business type, else 20. */
  targetWaitMin?: Record<string, number>;
  /** UTC offset for the hour groups (default Asia/Shanghai). */
  offsetMin?: number;
}

export interface Stat {
  n: number;
  /** Seconds. */
  total: number;
  mean: number | null;
  max: number | null;
}

export interface KpiSet {
  issued: number;
  called: number;
  finished: number;
  noShows: number;
  walkAways: number;
  withinTarget: number;
  /** Tickets numbered from kiosks' offline leases. */
  fromLeases: number;
  wait: Stat;
  walk: Stat;
  aht: Stat;
  timeInHall: Stat;
  /** null when the denominator is 0. */
  serviceLevel: number | null;
  noShowRate: number | null;
  walkAwayRate: number | null;
}

export interface KpiReport {
  overall: KpiSet;
  /** By local hour of issue, 'HH'. */
  byHour: Record<string, KpiSet>;
  byType: Record<string, KpiSet>;
  /** By window number; 'none' for tickets never at a window. */
  byWindow: Record<string, KpiSet>;
  /** By agent id; 'none' for tickets never served by an agent. */
  byAgent: Record<string, KpiSet>;
}

/** The per-ticket measures (seconds), null where not defined. */
export interface TicketMeasures {
  servingCallAt: number | null;
  wait: number | null;
  walk: number | null;
  aht: number | null;
  timeInHall: number | null;
  called: boolean;
  noShow: boolean;
  walkAway: boolean;
  finished: boolean;
  withinTarget: boolean;
  leased: boolean;
}

const sec = (ms: number) => ms / 1000;

function targetMinutes(type: string, opts: KpiOptions): number {
  return opts.targetWaitMin?.[type] ?? businessType(type)?.targetWaitMin ?? DEFAULT_TARGET_WAIT_MIN;
}

/** The call that counts for wait and walk (see the module comment), epoch ms. */
export function servingCallAt(tl: Pick<TicketTimeline, 'calls' | 'noShowAt'>): number | null {
  const calls = tl.calls.map((c) => ({ at: toMs(c.at), recall: c.recall })).sort((a, b) => a.at - b.at);
  if (calls.length === 0) return null;
  const firsts = calls.filter((c) => !c.recall);
  const pool = firsts.length > 0 ? firsts : calls;
  const lastNoShow = tl.noShowAt.length ? Math.max(...tl.noShowAt.map(toMs)) : -Infinity;
  const after = pool.find((c) => c.at > lastNoShow);
  return (after ?? pool[0]!).at;
}

export function measure(tlIn: TicketTimelineInput, opts: KpiOptions = {}): TicketMeasures {
  const tl = TicketTimeline.parse(tlIn);
  const issued = toMs(tl.issuedAt);
  const call = servingCallAt(tl);
  const start = tl.startedAt === null ? null : toMs(tl.startedAt);
  const finish = tl.finishedAt === null ? null : toMs(tl.finishedAt);
  const finished = tl.status === 'finished' && finish !== null;
  // Issue times come from the hall's authority, calls from the counter's clock: a skew of a few
  // seconds must not make a wait negative.
  const wait = call === null ? null : sec(Math.max(0, call - issued));
  return {
    servingCallAt: call,
    wait,
    walk: call !== null && start !== null && start >= call ? sec(start - call) : null,
    aht: finished && start !== null ? sec(finish - start) : null,
    timeInHall: finished ? sec(Math.max(0, finish - issued)) : null,
    called: call !== null,
    noShow: call !== null && (tl.noShowAt.length > 0 || tl.status === 'no_show'),
    walkAway: tl.status === 'abandoned' || tl.status === 'cancelled',
    finished,
    withinTarget: wait !== null && wait <= targetMinutes(tl.type, opts) * 60,
    leased: tl.leased,
  };
}

const emptyStat = (): Stat => ({ n: 0, total: 0, mean: null, max: null });
const add = (s: Stat, v: number | null) => {
  if (v === null) return;
  s.n += 1;
  s.total += v;
  s.max = s.max === null ? v : Math.max(s.max, v);
};
const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

function emptySet(): KpiSet {
  return {
    issued: 0,
    called: 0,
    finished: 0,
    noShows: 0,
    walkAways: 0,
    withinTarget: 0,
    fromLeases: 0,
    wait: emptyStat(),
    walk: emptyStat(),
    aht: emptyStat(),
    timeInHall: emptyStat(),
    serviceLevel: null,
    noShowRate: null,
    walkAwayRate: null,
  };
}

function accumulate(k: KpiSet, m: TicketMeasures): void {
  k.issued += 1;
  if (m.called) k.called += 1;
  if (m.finished) k.finished += 1;
  if (m.noShow) k.noShows += 1;
  if (m.walkAway) k.walkAways += 1;
  if (m.withinTarget) k.withinTarget += 1;
  if (m.leased) k.fromLeases += 1;
  add(k.wait, m.wait);
  add(k.walk, m.walk);
  add(k.aht, m.aht);
  add(k.timeInHall, m.timeInHall);
}

function finalize(k: KpiSet): KpiSet {
  for (const s of [k.wait, k.walk, k.aht, k.timeInHall]) s.mean = s.n === 0 ? null : s.total / s.n;
  k.serviceLevel = ratio(k.withinTarget, k.called);
  k.noShowRate = ratio(k.noShows, k.called);
  k.walkAwayRate = ratio(k.walkAways, k.issued);
  return k;
}

/** KPIs overall and grouped by hour of issue, type, window and agent. */
export function computeKpis(timelines: readonly TicketTimelineInput[], opts: KpiOptions = {}): KpiReport {
  const offset = opts.offsetMin ?? SHANGHAI_OFFSET_MIN;
  const overall = emptySet();
  const groups = {
    byHour: {} as Record<string, KpiSet>,
    byType: {} as Record<string, KpiSet>,
    byWindow: {} as Record<string, KpiSet>,
    byAgent: {} as Record<string, KpiSet>,
  };
  const into = (g: Record<string, KpiSet>, key: string, m: TicketMeasures) => accumulate((g[key] ??= emptySet()), m);
  for (const raw of timelines) {
    const tl = TicketTimeline.parse(raw);
    const m = measure(tl, opts);
    accumulate(overall, m);
    into(groups.byHour, String(localHour(tl.issuedAt, offset)).padStart(2, '0'), m);
    into(groups.byType, tl.type, m);
    into(groups.byWindow, tl.windowNo === null ? 'none' : String(tl.windowNo), m);
    into(groups.byAgent, tl.agentId ?? 'none', m);
  }
  const fin = (g: Record<string, KpiSet>) => Object.fromEntries(Object.entries(g).map(([k, v]) => [k, finalize(v)]));
  return {
    overall: finalize(overall),
    byHour: fin(groups.byHour),
    byType: fin(groups.byType),
    byWindow: fin(groups.byWindow),
    byAgent: fin(groups.byAgent),
  };
}

/** The timeline of a queue-core ticket; window and agent are those of its last call. */
export function timelineOf(t: QueueTicket): TicketTimeline {
  const last = t.calls.length ? t.calls[t.calls.length - 1]! : null;
  return {
    id: t.id,
    type: t.businessType,
    issuedAt: t.arrivalAt,
    calls: t.calls.map((c) => ({ at: c.at, recall: c.recall })),
    noShowAt: [...t.noShowAt],
    startedAt: t.startedAt,
    finishedAt: t.finishedAt,
    status: t.status,
    windowNo: last?.windowNo ?? null,
    agentId: last?.agentId ?? null,
    leased: isLeasedNumber(t.number),
  };
}
