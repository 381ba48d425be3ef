/**
 * What happens around each simulated service in the demo history: the customer's rating (level,
 * optional dimensions, the reason a bad rating needs), the agents' oral consultations, and their
 * pauses. Each draws from the seed's PRNG only, so the same seed gives the same rows.
 */
import type { RatingLevel } from '@common/domain/ratings';
import type { Rng } from './prng';

/** Finished services the customer rated (the rest time out unrated, or the screen was skipped). */
export const RATED_SHARE = 0.78;

/** Why customers gave 不满意 / 非常不满意, with how often; long waits add to the first. */
export const BAD_REASONS: readonly (readonly [string, number])[] = [
  ['等候时间太长', 30],
  ['办理速度慢', 18],
  ['工作人员解释不清楚，需要多跑一次', 16],
  ['所需材料没有一次性告知', 12],
  ['工作人员态度不好', 9],
  ['系统故障耽误时间', 8],
  ['收费标准有疑问，未得到满意答复', 7],
];

export const CONSULTATION_TOPICS = ['电价政策', '电费账单', '停电信息', '新装流程', '电表问题', '网上国网'] as const;

/** Reasons agents pause a window, besides the lunch break. */
export const SHORT_PAUSES = ['临时离开', '整理资料', '设备故障处理', '业务培训', '协助其他窗口'] as const;
export const LUNCH_PAUSE = '午间用餐';

const LEVELS: readonly RatingLevel[] = ['very_satisfied', 'satisfied', 'basic', 'unsatisfied', 'very_unsatisfied'];
/** Base shares of the five levels (好差评 data from halls run mostly 非常满意). */
const BASE = [0.64, 0.24, 0.07, 0.035, 0.015];

/**
 * One customer's level: a long wait and a slow agent tilt it down; `tilt` is the agent's own
 * (−1 … +1, positive for the better-liked).
 */
export function ratingLevel(rng: Rng, waitMin: number, tilt: number): RatingLevel {
  const worse = Math.max(0, Math.min(0.5, (waitMin - 20) / 60)) - tilt * 0.08;
  const shares = BASE.map((p, i) => (i === 0 ? Math.max(0.05, p - worse) : i >= 3 ? p + worse / 3 : p + worse / 6));
  const total = shares.reduce((a, b) => a + b, 0);
  let r = rng.next() * total;
  for (let i = 0; i < LEVELS.length; i++) if ((r -= shares[i]!) < 0) return LEVELS[i]!;
  return LEVELS[0]!;
}

export function badReason(rng: Rng, waitMin: number): string {
  const weights = BAD_REASONS.map(([reason, w], i) => [reason, i === 0 && waitMin > 25 ? w * 4 : w] as const);
  const total = weights.reduce((n, [, w]) => n + w, 0);
  let r = rng.next() * total;
  for (const [reason, w] of weights) if ((r -= w) < 0) return reason;
  return BAD_REASONS[0]![0];
}

const SCORE: Record<RatingLevel, number> = {
  very_satisfied: 5,
  satisfied: 4,
  basic: 3,
  unsatisfied: 2,
  very_unsatisfied: 1,
};

/** The optional dimensions, given by about a third of raters, around the level's score. */
export function ratingDimensions(rng: Rng, level: RatingLevel): Record<string, number> {
  if (!rng.chance(0.35)) return {};
  const around = () => Math.max(1, Math.min(5, SCORE[level] + (rng.chance(0.25) ? (rng.chance(0.5) ? 1 : -1) : 0)));
  return { attitude: around(), efficiency: around(), quality: around(), integrity: Math.max(around(), 4) };
}

export interface Pause {
  from: number;
  to: number;
  reason: string;
}

/**
 * A window's pauses in one day (epoch ms, sorted): most take a lunch break between 11:45 and 12:30
 * for 30–45 minutes; about a third also step away briefly once.
 */
export function dayPauses(rng: Rng, dayStartMs: number): Pause[] {
  const out: Pause[] = [];
  if (rng.chance(0.7)) {
    const from = dayStartMs + (11.75 + rng.next() * 0.75) * 3600_000;
    out.push({ from, to: from + rng.int(30, 45) * 60_000, reason: LUNCH_PAUSE });
  }
  if (rng.chance(0.35)) {
    const from = dayStartMs + (9 + rng.next() * 7.5) * 3600_000;
    const to = from + rng.int(5, 20) * 60_000;
    if (!out.some((p) => from < p.to && to > p.from)) out.push({ from, to, reason: rng.pick(SHORT_PAUSES) });
  }
  return out.sort((a, b) => a.from - b.from);
}

/** The first instant ≥ t at which none of `pauses` holds the window. */
export function afterPauses(t: number, pauses: readonly Pause[]): number {
  for (const p of pauses) if (t >= p.from && t < p.to) t = p.to;
  return t;
}
