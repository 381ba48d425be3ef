/**
 * The fee-recovery risk model as the stations hold it: a plain decision tree over the features
 * (trained at the central with ml-cart, converted to this shape), scored here with the path it
 * took, in words: "欠费期数 ≥ 2 且 近 6 个月逾期次数 ≥ 3 → 高".
 */
import { z } from 'zod';
import { FEATURE_NAMES, FEATURE_WORDS, featureValueText, type FeatureName, type Features } from './features';

export type TreeNode =
  | { feature: FeatureName; threshold: number; lt: TreeNode; ge: TreeNode }
  /** A leaf: the share of its training customers who fell into arrears, and how many there were. */
  | { p: number; n: number };

const MAX_TREE_DEPTH = 12;
const Leaf = z.object({ p: z.number().min(0).max(1), n: z.number().int().min(0) }).strict();
const TreeSchema: z.ZodType<TreeNode> = z.lazy(() =>
  z.union([
    Leaf,
    z
      .object({ feature: z.enum(FEATURE_NAMES), threshold: z.number().finite(), lt: TreeSchema, ge: TreeSchema })
      .strict(),
  ]),
) as z.ZodType<TreeNode>;

export const RISK_LEVELS = ['none', 'low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const HoldoutMetrics = z.object({
  auc: z.number(),
  precisionAt5: z.number(),
  recallAt5: z.number(),
  trainRows: z.number().int(),
  testRows: z.number().int(),
  testPositives: z.number().int(),
  baselines: z.record(z.string(), z.object({ auc: z.number(), precisionAt5: z.number(), recallAt5: z.number() })),
});
export type HoldoutMetrics = z.infer<typeof HoldoutMetrics>;

/** Probability cut points: at or above `high` the level is high, and so on down. */
export const RiskCuts = z.object({ high: z.number(), medium: z.number(), low: z.number() }).strict();
export type RiskCuts = z.infer<typeof RiskCuts>;

export const RiskModelBody = z.object({ tree: TreeSchema, cuts: RiskCuts }).strict();
export type RiskModelBody = z.infer<typeof RiskModelBody>;

function depthOf(t: TreeNode): number {
  return 'p' in t ? 0 : 1 + Math.max(depthOf(t.lt), depthOf(t.ge));
}

/** A model body from its synced text; null when it is not one (a station then judges by arrears alone). */
export function parseModelBody(text: string | null): RiskModelBody | null {
  if (!text) return null;
  try {
    const r = RiskModelBody.safeParse(JSON.parse(text));
    return r.success && depthOf(r.data.tree) <= MAX_TREE_DEPTH ? r.data : null;
  } catch {
    return null;
  }
}

export interface PathStep {
  feature: FeatureName;
  op: '<' | '>=';
  threshold: number;
  value: number;
}

export interface RiskScore {
  level: RiskLevel;
  /** Share of similar customers who fell into arrears, 0…1. */
  probability: number;
  path: PathStep[];
}

export function scoreTree(body: RiskModelBody, f: Features): RiskScore {
  const path: PathStep[] = [];
  let node = body.tree;
  while (!('p' in node)) {
    const value = f[node.feature];
    const lt = value < node.threshold;
    path.push({ feature: node.feature, op: lt ? '<' : '>=', threshold: node.threshold, value });
    node = lt ? node.lt : node.ge;
  }
  return { level: levelOf(node.p, body.cuts), probability: node.p, path };
}

export const levelOf = (p: number, cuts: RiskCuts): RiskLevel =>
  p >= cuts.high ? 'high' : p >= cuts.medium ? 'medium' : p >= cuts.low ? 'low' : 'none';

/** Without a model: the arrears alone, as the collection system has always judged. */
export function arrearsRisk(f: Features): RiskScore {
  const n = f.arrearsPeriods;
  const level: RiskLevel = n >= 3 ? 'high' : n === 2 ? 'medium' : n === 1 ? 'low' : 'none';
  // The bound of the level, not the count: 4 bills in arrears read "≥ 3 → 高".
  const threshold = n >= 3 ? 3 : Math.max(n, 1);
  return {
    level,
    probability: NaN,
    path: [{ feature: 'arrearsPeriods', op: n >= 1 ? '>=' : '<', threshold, value: n }],
  };
}

const LEVEL_WORDS: Record<RiskLevel, { 'zh-CN': string; en: string }> = {
  none: { 'zh-CN': '无', en: 'none' },
  low: { 'zh-CN': '低', en: 'low' },
  medium: { 'zh-CN': '中', en: 'medium' },
  high: { 'zh-CN': '高', en: 'high' },
};

/** One step in words; the features are whole numbers, so a split at 1.5 reads "≤ 1" or "≥ 2". */
export function stepText(s: PathStep, locale: 'zh-CN' | 'en'): string {
  const bound =
    s.op === '<'
      ? Number.isInteger(s.threshold)
        ? `< ${featureValueText(s.feature, s.threshold, locale)}`
        : `≤ ${featureValueText(s.feature, Math.floor(s.threshold), locale)}`
      : `≥ ${featureValueText(s.feature, Math.ceil(s.threshold), locale)}`;
  return `${FEATURE_WORDS[s.feature][locale]} ${bound}`;
}

/** The whole path: "欠费期数 ≥ 2 期 且 近 6 个月逾期次数 ≥ 3 次 → 高". */
export function pathText(score: RiskScore, locale: 'zh-CN' | 'en'): string {
  const steps = simplifyPath(score.path).map((s) => stepText(s, locale));
  const joined = steps.join(locale === 'en' ? ' and ' : ' 且 ');
  return `${joined} → ${LEVEL_WORDS[score.level][locale]}`;
}

/** The tightest bound per feature and direction: a path that tests a feature twice reads once. */
export function simplifyPath(path: readonly PathStep[]): PathStep[] {
  const kept = new Map<string, PathStep>();
  for (const s of path) {
    const key = `${s.feature}${s.op}`;
    const prev = kept.get(key);
    if (!prev || (s.op === '<' ? s.threshold < prev.threshold : s.threshold > prev.threshold)) kept.set(key, s);
  }
  return path.filter((s) => kept.get(`${s.feature}${s.op}`) === s);
}
