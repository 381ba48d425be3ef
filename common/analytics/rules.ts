/**
 * Tag rules as a JSON structure, validated by zod and evaluated by a small interpreter — never
 * eval. A rule is a comparison of one feature with a number, or all/any/not of rules:
 *   { "all": [ { "field": "late12m", "op": ">=", "value": 4 }, { "not": { "field": "bankDebit", "op": "=", "value": 1 } } ] }
 * A rule naming a field that is not a feature is refused, with the field named.
 */
import { z } from 'zod';
import { AppFailure } from '../result';
import { issueError } from '../errors/zod-issue';
import { FEATURE_WORDS, featureValueText, isFeatureName, type FeatureName, type Features } from './features';

export const RULE_OPS = ['>=', '>', '<=', '<', '=', '!='] as const;
export type RuleOp = (typeof RULE_OPS)[number];

export type Rule =
  { field: FeatureName; op: RuleOp; value: number } | { all: Rule[] } | { any: Rule[] } | { not: Rule };

/** Deep enough for any sensible tag, shallow enough that a hostile rule cannot exhaust the stack. */
export const MAX_RULE_DEPTH = 6;
export const MAX_RULE_NODES = 40;

const Comparison = z
  .object({
    field: z.string().max(64),
    op: z.enum(RULE_OPS, { message: 'analytics.ruleBadOp' }),
    value: z.number({ message: 'analytics.ruleBadValue' }).finite('analytics.ruleBadValue'),
  })
  .strict();
const AllOf = z.object({ all: z.array(z.unknown()).min(1).max(12) }).strict();
const AnyOf = z.object({ any: z.array(z.unknown()).min(1).max(12) }).strict();
const NotOf = z.object({ not: z.unknown() }).strict();

function refuse(issues: readonly z.core.$ZodIssue[]): never {
  const e = issueError(issues[0]);
  if (e.key === 'analytics.ruleBadOp' || e.key === 'analytics.ruleBadValue')
    throw new AppFailure('validation', e.key, {}, 'rule');
  throw new AppFailure('validation', 'analytics.ruleMalformed', {}, 'rule');
}

function parseNode(value: unknown, depth: number, count: { n: number }): Rule {
  if (++count.n > MAX_RULE_NODES)
    throw new AppFailure('validation', 'analytics.ruleTooLarge', { max: MAX_RULE_NODES }, 'rule');
  if (depth > MAX_RULE_DEPTH)
    throw new AppFailure('validation', 'analytics.ruleTooDeep', { max: MAX_RULE_DEPTH }, 'rule');
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new AppFailure('validation', 'analytics.ruleMalformed', {}, 'rule');
  if ('field' in value) {
    const field = (value as { field: unknown }).field;
    if (typeof field === 'string' && !isFeatureName(field))
      throw new AppFailure('validation', 'analytics.ruleUnknownField', { field: field.slice(0, 64) }, 'rule');
    const r = Comparison.safeParse(value);
    if (!r.success) refuse(r.error.issues);
    return { field: r.data.field as FeatureName, op: r.data.op, value: r.data.value };
  }
  if ('all' in value) {
    const r = AllOf.safeParse(value);
    if (!r.success) refuse(r.error.issues);
    return { all: r.data.all.map((x) => parseNode(x, depth + 1, count)) };
  }
  if ('any' in value) {
    const r = AnyOf.safeParse(value);
    if (!r.success) refuse(r.error.issues);
    return { any: r.data.any.map((x) => parseNode(x, depth + 1, count)) };
  }
  const r = NotOf.safeParse(value);
  if (!r.success || r.data.not === undefined) throw new AppFailure('validation', 'analytics.ruleMalformed', {}, 'rule');
  return { not: parseNode(r.data.not, depth + 1, count) };
}

/**
 * Parse a rule (already JSON-decoded) or throw a validation failure naming what is wrong: an
 * unknown field by its name, a bad comparison, a shape that is not a rule, one too deep or too long.
 */
export function parseRule(value: unknown): Rule {
  return parseNode(value, 1, { n: 0 });
}

/** Parse a rule from its stored text; a text that is not JSON is refused like a bad shape. */
export function parseRuleText(text: string): Rule {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppFailure('validation', 'analytics.ruleMalformed', {}, 'rule');
  }
  return parseRule(value);
}

/** One comparison that held, with the customer's own number: the evidence a tag is shown with. */
export interface Evidence {
  field: FeatureName;
  op: RuleOp;
  threshold: number;
  value: number;
}

const compare = (v: number, op: RuleOp, t: number): boolean =>
  op === '>='
    ? v >= t
    : op === '>'
      ? v > t
      : op === '<='
        ? v <= t
        : op === '<'
          ? v < t
          : op === '='
            ? v === t
            : v !== t;

/**
 * Why a rule came out as it did: when it holds, comparisons that are true of the customer and make
 * it hold; when it fails, comparisons that are false of the customer and make it fail (so under a
 * `not`, their negations are the evidence).
 */
function explain(rule: Rule, f: Features): { holds: boolean; why: Evidence[] } {
  if ('field' in rule) {
    const value = f[rule.field];
    return {
      holds: compare(value, rule.op, rule.value),
      why: [{ field: rule.field, op: rule.op, threshold: rule.value, value }],
    };
  }
  if ('not' in rule) {
    const inner = explain(rule.not, f);
    return { holds: !inner.holds, why: inner.why.map(negate) };
  }
  const all = 'all' in rule;
  const why: Evidence[] = [];
  for (const r of all ? rule.all : rule.any) {
    const e = explain(r, f);
    // all: the first failing part decides; any: the first holding part does.
    if (e.holds !== all) return e;
    why.push(...e.why);
  }
  return { holds: all, why };
}

/** Evaluate a rule: whether it holds, and the comparisons that made it hold (the tag's evidence). */
export function evaluateRule(rule: Rule, f: Features): { holds: boolean; evidence: Evidence[] } {
  const e = explain(rule, f);
  return { holds: e.holds, evidence: e.holds ? e.why : [] };
}

const NEGATED: Record<RuleOp, RuleOp> = { '>=': '<', '>': '<=', '<=': '>', '<': '>=', '=': '!=', '!=': '=' };
const negate = (e: Evidence): Evidence => ({ ...e, op: NEGATED[e.op] });

const OP_WORDS: Record<RuleOp, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '=', '!=': '≠' };

/** Evidence in words: "近 12 个月逾期次数 4 次（≥ 3）". */
export function evidenceText(e: Evidence, locale: 'zh-CN' | 'en'): string {
  const words = FEATURE_WORDS[e.field][locale];
  const value = featureValueText(e.field, e.value, locale);
  const threshold = featureValueText(e.field, e.threshold, locale);
  return locale === 'en'
    ? `${words}: ${value} (${OP_WORDS[e.op]} ${threshold})`
    : `${words} ${value}（${OP_WORDS[e.op]} ${threshold}）`;
}
