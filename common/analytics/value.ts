/**
 * Customer value (客户价值): a transparent score out of 100 — recency, frequency, amount and tenure,
 * 25 points each, every part shown — and the segment the manager filters on.
 */
import type { Features } from './features';
import type { RiskLevel } from './risk-tree';

export const SEGMENTS = ['key', 'steady', 'watch', 'dormant'] as const;
export type Segment = (typeof SEGMENTS)[number];

export const SEGMENT_WORDS: Record<Segment, { 'zh-CN': string; en: string }> = {
  key: { 'zh-CN': '高价值', en: 'High value' },
  steady: { 'zh-CN': '稳定', en: 'Steady' },
  watch: { 'zh-CN': '需关注', en: 'Needs attention' },
  dormant: { 'zh-CN': '沉睡', en: 'Dormant' },
};

/** ¥3,000 paid in a year earns the whole amount part. */
const FULL_AMOUNT_FEN = 300_000;

export interface CustomerValue {
  score: number;
  recency: number;
  frequency: number;
  amount: number;
  tenure: number;
  segment: Segment;
}

export function customerValue(f: Features, risk: RiskLevel): CustomerValue {
  const recency = Math.max(0, 25 - Math.min(f.monthsSinceLastPayment, 6) * (25 / 6));
  const frequency = (Math.min(f.payments12m, 12) / 12) * 25;
  const amount = (Math.min(f.paidFen12m, FULL_AMOUNT_FEN) / FULL_AMOUNT_FEN) * 25;
  const tenure = (Math.min(f.tenureMonths, 24) / 24) * 25;
  const r = (x: number) => Math.round(x);
  const score = r(recency + frequency + amount + tenure);
  const segment: Segment =
    risk === 'high' || risk === 'medium'
      ? 'watch'
      : f.monthsSinceLastPayment >= 6
        ? 'dormant'
        : score >= 75
          ? 'key'
          : 'steady';
  return { score, recency: r(recency), frequency: r(frequency), amount: r(amount), tenure: r(tenure), segment };
}
