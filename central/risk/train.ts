/**
 * Training the fee-recovery risk model: a CART tree (ml-cart, gini) on features as of month 12
 * with the outcome of months 13–18, tested on features as of month 18 against the outcome of
 * months 19–24 — AUC, precision and recall among the top 5 %, beside two baselines scored on the
 * same rows: "in arrears now" and "late at least once in 6 months".
 */
import { DecisionTreeClassifier } from 'ml-cart';
import { FEATURE_NAMES, type CustomerFacts } from '@common/analytics/features';
import { featureVector, holdoutRow, holdoutWindows, trainingRow, type Row } from '@common/analytics/dataset';
import { auc, atTop } from '@common/analytics/metrics';
import type { HoldoutMetrics, RiskCuts, RiskModelBody, TreeNode } from '@common/analytics/risk-tree';
import { scoreTree } from '@common/analytics/risk-tree';
import { AppFailure } from '@common/result';

export const MIN_TRAINING_ROWS = 200;
/** ml-cart tries every split at every node: a few thousand rows keep training within seconds. */
export const MAX_TRAINING_ROWS = 4000;
const TOP = 0.05;

export interface TrainOptions {
  maxDepth?: number;
  minNumSamples?: number;
  maxRows?: number;
}

export interface TrainedModel {
  body: RiskModelBody;
  metrics: HoldoutMetrics;
}

interface CartNode {
  splitColumn?: number;
  splitValue?: number;
  left?: CartNode;
  right?: CartNode;
  distribution?: { get(r: number, c: number): number; columns: number };
}

/** ml-cart's node (left: value < split) into the plain tree the stations score, with each leaf's share of arrears. */
function toTree(node: CartNode, rows: readonly Row[]): TreeNode {
  if (node.left && node.right && node.splitColumn !== undefined && node.splitValue !== undefined) {
    const feature = FEATURE_NAMES[node.splitColumn]!;
    const t = node.splitValue;
    return {
      feature,
      threshold: t,
      lt: toTree(
        node.left,
        rows.filter((r) => r.features[feature] < t),
      ),
      ge: toTree(
        node.right,
        rows.filter((r) => r.features[feature] >= t),
      ),
    };
  }
  const positives = rows.reduce((s, r) => s + r.label, 0);
  return { p: rows.length ? Math.round((1000 * positives) / rows.length) / 1000 : 0, n: rows.length };
}

/** Every n-th row, so the sample spreads over the whole id range and the same data gives the same sample. */
function sample<T>(rows: readonly T[], max: number): T[] {
  if (rows.length <= max) return [...rows];
  const step = rows.length / max;
  return Array.from({ length: max }, (_, i) => rows[Math.floor(i * step)]!);
}

function figures(scores: number[], labels: number[]) {
  const top = atTop(scores, labels, TOP);
  const r = (x: number) => (Number.isFinite(x) ? Math.round(x * 1000) / 1000 : 0);
  return { auc: r(auc(scores, labels)), precisionAt5: r(top.precision), recallAt5: r(top.recall) };
}

/**
 * Levels by where a customer falls among the scored: high for the top 5 % of the holdout's risk,
 * medium for the next 10 %, low for the next 15 % — cut at the leaf probabilities there.
 */
function cutsFrom(probabilities: number[]): RiskCuts {
  const sorted = [...probabilities].sort((a, b) => b - a);
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? 1;
  const high = Math.max(at(0.05), 0.2);
  const medium = Math.min(high, Math.max(at(0.15), 0.08));
  const low = Math.min(medium, Math.max(at(0.3), 0.03));
  return { high, medium, low };
}

/** Train and evaluate on the customers' histories (all ending at `lastPeriod`), or throw an AppFailure saying why not. */
export function trainRiskModel(
  histories: readonly CustomerFacts[],
  lastPeriod: string,
  opts: TrainOptions = {},
): TrainedModel {
  const w = holdoutWindows(lastPeriod);
  const usable = histories.filter((h) => h.bills.length >= 18);
  if (usable.length < MIN_TRAINING_ROWS)
    throw new AppFailure('validation', 'analytics.trainTooFewRows', { min: MIN_TRAINING_ROWS, rows: usable.length });
  const train = sample(
    usable.map((h) => trainingRow(h, w)),
    opts.maxRows ?? MAX_TRAINING_ROWS,
  );
  const positives = train.reduce((s, r) => s + r.label, 0);
  if (positives === 0 || positives === train.length) throw new AppFailure('validation', 'analytics.trainOneClass');
  const cart = new DecisionTreeClassifier({
    gainFunction: 'gini',
    maxDepth: opts.maxDepth ?? 4,
    minNumSamples: opts.minNumSamples ?? Math.max(20, Math.round(train.length / 100)),
  });
  try {
    cart.train(
      train.map((r) => featureVector(r.features)),
      train.map((r) => r.label),
    );
  } catch (e) {
    throw new AppFailure('internal', 'analytics.trainFailed', {
      problem: e instanceof Error ? e.message.slice(0, 120) : 'error',
    });
  }
  const tree = toTree((cart as unknown as { root: CartNode }).root, train);
  const test = usable.map((h) => holdoutRow(h, w));
  const labels = test.map((r) => r.label);
  const probe: RiskModelBody = { tree, cuts: { high: 1, medium: 1, low: 1 } };
  const scores = test.map((r) => scoreTree(probe, r.features).probability);
  const metrics: HoldoutMetrics = {
    ...figures(scores, labels),
    trainRows: train.length,
    testRows: test.length,
    testPositives: labels.reduce<number>((s, l) => s + l, 0),
    baselines: {
      inArrearsNow: figures(
        test.map((r) => r.features.arrearsPeriods),
        labels,
      ),
      lateIn6Months: figures(
        test.map((r) => (r.features.late6m > 0 ? 1 : 0)),
        labels,
      ),
    },
  };
  return { body: { tree, cuts: cutsFrom(scores) }, metrics };
}
