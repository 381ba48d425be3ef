import { z } from 'zod';
import { businessType, businessTypeName } from '../domain/business-types';
import { keyedText, type KeyedText } from '../errors';
import { dayKey, localMinuteOfDay, parseHhMm, SHANGHAI_OFFSET_MIN, toMs, type Instant } from './time';

/**
 * Ticket numbers (Queue rules): prefix + three digits, one series per prefix per hall per
 * day (A001, A002 …), reset by the day key; daily caps and issuing hours per type; a warning when the
 * waiting count passes a threshold.
 */

export const MAX_SEQ = 999;

const HhMm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/);

export const IssueHours = z
  .object({ from: HhMm, to: HhMm })
  .refine(
    (h) => HhMm.safeParse(h.from).success && HhMm.safeParse(h.to).success && parseHhMm(h.from) < parseHhMm(h.to),
    {
      message: 'queue.hoursReversed',
    },
  );

export const TypeIssueConfig = z.object({
  code: z.string().min(1),
  prefix: z.string().regex(/^[A-Z]$/),
  /** Tickets of this type per day. */
  dailyCap: z.number().int().min(0).max(MAX_SEQ),
  /** Local issuing hours, [from, to); several ranges allow a lunch break. Empty = not issued today. */
  hours: z.array(IssueHours).default([{ from: '08:30', to: '17:00' }]),
  /** Warn when more than this many tickets of the type wait. */
  waitingWarnAt: z.number().int().min(1).default(30),
});
export type TypeIssueConfig = z.infer<typeof TypeIssueConfig>;
export type TypeIssueConfigInput = z.input<typeof TypeIssueConfig>;

/** The issue config of a docs/domain.md business type with the default hours and threshold. */
export function defaultIssueConfig(code: string): TypeIssueConfig | null {
  const t = businessType(code);
  return t ? TypeIssueConfig.parse({ code: t.code, prefix: t.prefix, dailyCap: t.dailyCap }) : null;
}

/** Today's counts for the hall, as the caller's store knows them. */
export interface IssueCounts {
  /** Tickets of this type issued today (the cap counts these). */
  issuedOfType: number;
  /** The highest sequence number issued today in this type's prefix series (0 if none). */
  lastSeqOfPrefix: number;
  /** Tickets of this type waiting now. */
  waitingOfType: number;
}

export type IssueErrorCode = 'outside_hours' | 'cap_reached' | 'series_exhausted' | 'invalid_time';
export interface IssueWarning extends KeyedText {
  code: 'waiting_high';
  waiting: number;
  threshold: number;
}
export type IssueDecision =
  | { ok: true; day: string; seq: number; number: string; warning: IssueWarning | null }
  | { ok: false; error: { code: IssueErrorCode } & KeyedText };

export const formatTicketNumber = (prefix: string, seq: number): string => `${prefix}${String(seq).padStart(3, '0')}`;

export function parseTicketNumber(n: string): { prefix: string; seq: number } | null {
  const m = /^([A-Z])(\d{3})$/.exec(n);
  return m ? { prefix: m[1]!, seq: Number(m[2]) } : null;
}

/** The highest sequence of a prefix among issued numbers (for building IssueCounts). */
export function lastSeq(numbers: Iterable<string>, prefix: string): number {
  let max = 0;
  for (const n of numbers) {
    const p = parseTicketNumber(n);
    if (p && p.prefix === prefix && p.seq > max) max = p.seq;
  }
  return max;
}

/** The key of a number series: one per hall, day and prefix. */
export const seriesKey = (hallId: string, day: string, prefix: string): string => `${hallId}/${day}/${prefix}`;

const hoursText = (c: TypeIssueConfig) => {
  const ranges = c.hours.map((h) => `${h.from}–${h.to}`);
  return { 'zh-CN': ranges.join('、'), en: ranges.join(', ') };
};

export function withinHours(c: Pick<TypeIssueConfig, 'hours'>, now: Instant, offsetMin = SHANGHAI_OFFSET_MIN): boolean {
  const m = localMinuteOfDay(now, offsetMin);
  return c.hours.some((h) => m >= parseHhMm(h.from) && m < parseHhMm(h.to));
}

/**
 * May a ticket of this type be issued now, and with which number? Order of checks: hours, cap, series.
 * The warning does not stop issuing: the kiosk shows it and the guide is told.
 */
export function canIssue(
  cfg: TypeIssueConfig,
  counts: IssueCounts,
  now: Instant,
  opts: { offsetMin?: number } = {},
): IssueDecision {
  const offsetMin = opts.offsetMin ?? SHANGHAI_OFFSET_MIN;
  const type = businessTypeName(cfg.code);
  if (!Number.isFinite(toMs(now)))
    return { ok: false, error: { code: 'invalid_time', ...keyedText('queue.invalidTime', { time: String(now) }) } };
  if (!withinHours(cfg, now, offsetMin)) {
    const text =
      cfg.hours.length === 0
        ? keyedText('queue.notIssuedToday', { businessType: type })
        : keyedText('queue.outsideHours', { businessType: type, hours: hoursText(cfg) });
    return { ok: false, error: { code: 'outside_hours', ...text } };
  }
  if (counts.issuedOfType >= cfg.dailyCap) {
    return {
      ok: false,
      error: { code: 'cap_reached', ...keyedText('queue.dailyCapReached', { businessType: type, cap: cfg.dailyCap }) },
    };
  }
  const seq = counts.lastSeqOfPrefix + 1;
  if (seq > MAX_SEQ) {
    return {
      ok: false,
      error: { code: 'series_exhausted', ...keyedText('queue.seriesExhausted', { prefix: cfg.prefix }) },
    };
  }
  const waiting = counts.waitingOfType + 1;
  const warning: IssueWarning | null =
    waiting > cfg.waitingWarnAt
      ? {
          code: 'waiting_high',
          waiting,
          threshold: cfg.waitingWarnAt,
          ...keyedText('queue.waitingHigh', { businessType: type, waiting, threshold: cfg.waitingWarnAt }),
        }
      : null;
  return { ok: true, day: dayKey(now, offsetMin), seq, number: formatTicketNumber(cfg.prefix, seq), warning };
}
