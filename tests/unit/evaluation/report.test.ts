import { describe, expect, it } from 'vitest';
import { DEFAULT_WEIGHTS, EvaluationWeights } from '@common/domain/evaluation-weights';
import {
  buildEvaluation,
  compositeScore,
  mediansOf,
  previousPeriod,
  type EvaluationFacts,
} from '@common/evaluation/report';

const staff = (id: string) => ({ id, staffNo: id.slice(1), name: id, title: '', photo: '', starLevel: 3 });
const none = { very_satisfied: 0, satisfied: 0, basic: 0, unsatisfied: 0, very_unsatisfied: 0, none: 0 };
const facts = (cells: EvaluationFacts['cells'], extra: Partial<EvaluationFacts> = {}): EvaluationFacts => ({
  cells,
  histogram: [],
  excluded: [],
  pendingAppeals: [],
  consultations: {},
  staff: [staff('S1'), staff('S2'), staff('S3')],
  ...extra,
});

describe('evaluation report', () => {
  it('takes the previous period of equal length, across months and leap days', () => {
    expect(previousPeriod('2027-03-01', '2027-03-07')).toEqual({ from: '2027-02-22', to: '2027-02-28' });
    expect(previousPeriod('2028-03-01', '2028-03-01')).toEqual({ from: '2028-02-29', to: '2028-02-29' });
    expect(previousPeriod('2027-01-01', '2027-12-31')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('finds the median bucket of each type (even counts take the lower middle)', () => {
    const m = mediansOf([
      { type: 'PAY', bucket: 10, n: 2 },
      { type: 'PAY', bucket: 30, n: 2 },
      { type: 'NEW', bucket: 720, n: 1 },
      { type: 'OFF', bucket: 3, n: 0 },
    ]);
    expect(m.get('PAY')).toEqual({ medianSec: 105, n: 4 });
    expect(m.get('NEW')).toEqual({ medianSec: 7205, n: 1 });
    expect(m.has('OFF')).toBe(false);
  });

  it('weights only the parts an agent has, and gives no score without weights', () => {
    const parts = { satisfaction: 1, coverage: 0.5, volume: null, efficiency: null, noBad: null };
    expect(compositeScore(parts, DEFAULT_WEIGHTS)).toBe(Math.round(((40 + 7.5) / 55) * 1000) / 10);
    expect(compositeScore({ ...parts, satisfaction: null, coverage: null }, DEFAULT_WEIGHTS)).toBeNull();
  });

  it('refuses weights out of range or all zero with their own messages', () => {
    const zero = { satisfaction: 0, coverage: 0, volume: 0, efficiency: 0, noBad: 0 };
    expect(EvaluationWeights.safeParse(zero).error?.issues[0]?.message).toBe('evaluation.weightsAllZero');
    expect(EvaluationWeights.safeParse({ ...zero, volume: -1 }).error?.issues[0]?.message).toBe(
      'evaluation.weightOutOfRange',
    );
    expect(EvaluationWeights.safeParse({ ...zero, volume: 2.5 }).error?.issues[0]?.message).toBe(
      'evaluation.weightOutOfRange',
    );
    expect(EvaluationWeights.safeParse({ ...zero, volume: 1 }).success).toBe(true);
  });

  it('ranks equal scores equally and leaves agents who served nobody unranked', () => {
    const cell = (staffId: string) => ({
      staffId,
      type: 'PAY',
      served: 2,
      handled: 2,
      handledSec: 600,
      noShows: 0,
      levels: { ...none, satisfied: 2 },
    });
    const r = buildEvaluation({
      from: '2027-03-01',
      to: '2027-03-01',
      weights: DEFAULT_WEIGHTS,
      current: facts([cell('S1'), cell('S2')], { histogram: [{ type: 'PAY', bucket: 30, n: 2 }] }),
      previous: facts([]),
    });
    expect(r.agents.map((a) => [a.staff.id, a.rank])).toEqual([
      ['S1', 1],
      ['S2', 1],
      ['S3', null],
    ]);
    expect(r.agents[2]).toMatchObject({ score: null, served: 0, satisfaction: null, coverage: null });
  });

  it('takes accepted appeals out of the ratings but not out of coverage', () => {
    const r = buildEvaluation({
      from: '2027-03-01',
      to: '2027-03-01',
      weights: DEFAULT_WEIGHTS,
      current: facts(
        [
          {
            staffId: 'S1',
            type: 'PAY',
            served: 4,
            handled: 0,
            handledSec: 0,
            noShows: 0,
            levels: { ...none, satisfied: 2, very_unsatisfied: 2 },
          },
        ],
        { excluded: [{ staffId: 'S1', level: 'very_unsatisfied', n: 1 }] },
      ),
      previous: facts([]),
    });
    expect(r.agents[0]).toMatchObject({ ratings: 3, bad: 1, badExcluded: 1, coverage: 1, notRated: 0 });
    expect(r.agents[0]!.satisfaction).toBeCloseTo(2 / 3);
    expect(r.totals).toMatchObject({ ratings: 3, bad: 1, badExcluded: 1, coverage: 1 });
  });
});
