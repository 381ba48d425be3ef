import { describe, expect, it } from 'vitest';
import { billMonths } from '../../../hall/seed/customers';
import { syntheticFacts } from '../../../hall/seed/payment-behaviour';
import { trainRiskModel } from '../../../central/risk/train';
import { auc, atTop } from '@common/analytics/metrics';
import { computeFeatures, FEATURE_NAMES, type Features } from '@common/analytics/features';
import { arrearsRisk, pathText, scoreTree, type RiskModelBody } from '@common/analytics/risk-tree';
import { AppFailure } from '@common/result';

const { months, asOfMs } = billMonths('2026-11-01');
const lastPeriod = months.at(-1)!.period;

describe('holdout metrics', () => {
  it('AUC is the chance a defaulter outranks a payer; ties count half', () => {
    expect(auc([0.9, 0.8, 0.1, 0.2], [1, 1, 0, 0])).toBe(1);
    expect(auc([0.1, 0.2, 0.9, 0.8], [1, 1, 0, 0])).toBe(0);
    expect(auc([0.5, 0.5, 0.5, 0.5], [1, 0, 1, 0])).toBe(0.5);
    expect(auc([1, 1], [1, 1])).toBeNaN();
  });
  it('precision and recall at the top share count only the customers above the cut', () => {
    const scores = Array.from({ length: 100 }, (_, i) => 100 - i);
    const labels = Array.from({ length: 100 }, (_, i) => (i < 3 || i === 50 ? 1 : 0));
    expect(atTop(scores, labels, 0.05)).toEqual({ precision: 0.6, recall: 0.75, k: 5 });
  });
});

describe('the fee-recovery risk model on generated histories', () => {
  const facts = syntheticFacts(2000, 7, months, asOfMs);
  const trained = trainRiskModel(facts, lastPeriod);

  it('is the same tree from the same data, and beats "in arrears now" on the later months it never saw', () => {
    const again = trainRiskModel(facts, lastPeriod);
    expect(JSON.stringify(again.body)).toBe(JSON.stringify(trained.body));
    const m = trained.metrics;
    expect(m.testRows).toBe(2000);
    expect(m.testPositives).toBeGreaterThan(50);
    expect(m.auc).toBeGreaterThan(0.7);
    expect(m.auc).toBeGreaterThan(m.baselines.inArrearsNow!.auc);
    expect(m.precisionAt5).toBeGreaterThan(m.testPositives / m.testRows);
  });

  it('scores a customer with the path through the tree in words', () => {
    const { body } = trained;
    const f = computeFeatures(
      facts.find((x) => x.bills.some((b) => b.paidFen === 0))!,
      asOfMs,
    );
    const s = scoreTree(body, f);
    expect(s.path.length).toBeGreaterThan(0);
    const words = pathText(s, 'zh-CN');
    expect(words).toMatch(/ → (无|低|中|高)$/);
    expect(pathText(s, 'en')).toMatch(/ → (none|low|medium|high)$/);
  });

  it('says why when it cannot train, so the previous version stays', () => {
    const failure = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as AppFailure).key;
      }
      return null;
    };
    expect(failure(() => trainRiskModel(facts.slice(0, 50), lastPeriod))).toBe('analytics.trainTooFewRows');
    const allPaid = facts.map((f) => ({
      ...f,
      bills: f.bills.map((b) => ({ ...b, paidFen: b.amountFen, paidAt: null })),
    }));
    expect(failure(() => trainRiskModel(allPaid, lastPeriod))).toBe('analytics.trainOneClass');
  });
});

describe('words of a path', () => {
  it('reads integer splits as whole numbers and a repeated feature once', () => {
    const body: RiskModelBody = {
      tree: {
        feature: 'arrearsPeriods',
        threshold: 1.5,
        lt: { p: 0.01, n: 10 },
        ge: {
          feature: 'late6m',
          threshold: 2.5,
          lt: { p: 0.3, n: 5 },
          ge: { feature: 'late6m', threshold: 4.5, lt: { p: 0.7, n: 3 }, ge: { p: 0.9, n: 2 } },
        },
      },
      cuts: { high: 0.6, medium: 0.2, low: 0.05 },
    };
    const f = Object.fromEntries(FEATURE_NAMES.map((n) => [n, 0])) as Features;
    f.arrearsPeriods = 2;
    f.late6m = 3;
    expect(pathText(scoreTree(body, f), 'zh-CN')).toBe(
      '欠费期数 ≥ 2 期 且 近 6 个月逾期次数 ≥ 3 次 且 近 6 个月逾期次数 ≤ 4 次 → 高',
    );
    f.arrearsPeriods = 0;
    expect(pathText(scoreTree(body, f), 'zh-CN')).toBe('欠费期数 ≤ 1 期 → 无');
    expect(arrearsRisk({ ...f, arrearsPeriods: 2 }).level).toBe('medium');
    expect(pathText(arrearsRisk({ ...f, arrearsPeriods: 4 }), 'zh-CN')).toBe('欠费期数 ≥ 3 期 → 高');
    expect(pathText(arrearsRisk({ ...f, arrearsPeriods: 0 }), 'en')).toBe('bills in arrears < 1 → none');
  });
});
