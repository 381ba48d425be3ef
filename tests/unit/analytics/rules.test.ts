import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FEATURE_NAMES, type FeatureName, type Features } from '@common/analytics/features';
import {
  evaluateRule,
  evidenceText,
  parseRule,
  parseRuleText,
  RULE_OPS,
  type Rule,
  type RuleOp,
} from '@common/analytics/rules';
import { AppFailure } from '@common/result';

const failure = (f: () => unknown): AppFailure => {
  try {
    f();
  } catch (e) {
    if (e instanceof AppFailure) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};

const features = fc.record(
  Object.fromEntries(FEATURE_NAMES.map((n) => [n, fc.integer({ min: -5, max: 20 })])) as Record<
    FeatureName,
    fc.Arbitrary<number>
  >,
) as fc.Arbitrary<Features>;

const comparison: fc.Arbitrary<Rule> = fc.record({
  field: fc.constantFrom(...FEATURE_NAMES),
  op: fc.constantFrom(...RULE_OPS),
  value: fc.integer({ min: -5, max: 20 }),
});
const rule: fc.Arbitrary<Rule> = fc.letrec<{ rule: Rule }>((tie) => ({
  rule: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparison,
    fc.record({ all: fc.array(tie('rule'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('rule'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie('rule') }),
  ),
})).rule;

/** The meaning of a rule written the obvious way, to check the interpreter against. */
function meaning(r: Rule, f: Features): boolean {
  if ('field' in r) {
    const v = f[r.field];
    const ops: Record<RuleOp, boolean> = {
      '>=': v >= r.value,
      '>': v > r.value,
      '<=': v <= r.value,
      '<': v < r.value,
      '=': v === r.value,
      '!=': v !== r.value,
    };
    return ops[r.op];
  }
  if ('all' in r) return r.all.every((x) => meaning(x, f));
  if ('any' in r) return r.any.some((x) => meaning(x, f));
  return !meaning(r.not, f);
}

const depth = (r: Rule): number =>
  'field' in r ? 1 : 'not' in r ? 1 + depth(r.not) : 1 + Math.max(...('all' in r ? r.all : r.any).map(depth));
const size = (r: Rule): number =>
  'field' in r ? 1 : 'not' in r ? 1 + size(r.not) : 1 + ('all' in r ? r.all : r.any).reduce((a, x) => a + size(x), 0);

describe('tag rules', () => {
  it('hold exactly when their meaning does, and every piece of evidence is true of the customer', () => {
    fc.assert(
      fc.property(
        rule.filter((r) => depth(r) <= 6 && size(r) <= 40),
        features,
        (r, f) => {
          const parsed = parseRule(JSON.parse(JSON.stringify(r)));
          const e = evaluateRule(parsed, f);
          expect(e.holds).toBe(meaning(r, f));
          if (!e.holds) expect(e.evidence).toEqual([]);
          for (const ev of e.evidence) {
            expect(ev.value).toBe(f[ev.field]);
            expect(meaning({ field: ev.field, op: ev.op, value: ev.threshold }, f)).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuse an unknown field by name, however deep it sits', () => {
    const e = failure(() =>
      parseRule({ all: [{ field: 'late12m', op: '>=', value: 3 }, { not: { field: 'idNumber', op: '=', value: 1 } }] }),
    );
    expect(e.key).toBe('analytics.ruleUnknownField');
    expect(e.params).toEqual({ field: 'idNumber' });
    expect(e.message).toContain('idNumber');
    expect(e.field).toBe('rule');
  });

  it('refuse what is not a rule, never running it', () => {
    expect(failure(() => parseRuleText('process.exit(1)')).key).toBe('analytics.ruleMalformed');
    expect(failure(() => parseRule({ field: 'late12m', op: '=>', value: 3 })).key).toBe('analytics.ruleBadOp');
    expect(failure(() => parseRule({ field: 'late12m', op: '>=', value: '3' })).key).toBe('analytics.ruleBadValue');
    expect(failure(() => parseRule({ all: [] })).key).toBe('analytics.ruleMalformed');
    expect(failure(() => parseRule({ field: 'late12m', op: '>=', value: 3, extra: 1 })).key).toBe(
      'analytics.ruleMalformed',
    );
    let deep: unknown = { field: 'late12m', op: '>=', value: 1 };
    for (let i = 0; i < 50; i++) deep = { not: deep };
    expect(failure(() => parseRule(deep)).key).toBe('analytics.ruleTooDeep');
    const wide = {
      any: Array.from({ length: 12 }, () => ({
        all: Array.from({ length: 4 }, () => ({ field: 'late6m', op: '>', value: 0 })),
      })),
    };
    expect(failure(() => parseRule(wide)).key).toBe('analytics.ruleTooLarge');
  });

  it('word their evidence for the person at the screen', () => {
    const f = Object.fromEntries(FEATURE_NAMES.map((n) => [n, 0])) as Features;
    f.late12m = 4;
    const { evidence } = evaluateRule(parseRule({ field: 'late12m', op: '>=', value: 3 }), f);
    expect(evidenceText(evidence[0]!, 'zh-CN')).toBe('近 12 个月逾期次数 4 次（≥ 3 次）');
    expect(evidenceText(evidence[0]!, 'en')).toBe('late payments in 12 months: 4 (≥ 3)');
  });
});
