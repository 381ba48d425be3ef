/**
 * The tag catalogue: each tag is data — a rule over the customer's features, or manual (set by
 * staff with a reason) — with a validity period, an owner and where the hall uses it. The built-in
 * tags below are the catalogue a hall starts with; the manager's edits (table tag_definitions)
 * override them code by code.
 */
import { z } from 'zod';
import { parseRule, evaluateRule, type Evidence, type Rule } from './rules';
import type { Features } from './features';

/** Where the hall acts on a tag: the guide and kiosk offer the green channel; the counter shows it first. */
export const TAG_HINTS = ['greenChannel', 'counter'] as const;
export type TagHint = (typeof TAG_HINTS)[number];

export interface TagDefinition {
  code: string;
  nameZh: string;
  nameEn: string;
  kind: 'rule' | 'manual';
  rule: Rule | null;
  /** Days a manual tag holds once set (null: until removed). Rule tags hold while their rule does. */
  validDays: number | null;
  /** Who answers for the tag's definition. */
  owner: string;
  hint: TagHint | null;
  active: boolean;
}

export const TagCode = z
  .string()
  .min(2, 'analytics.tagCodeInvalid')
  .max(32, 'analytics.tagCodeInvalid')
  .regex(/^[a-z][a-z0-9_]*$/, 'analytics.tagCodeInvalid');

export const DEFAULT_TAGS: readonly TagDefinition[] = [
  {
    code: 'arrears',
    nameZh: '欠费',
    nameEn: 'In arrears',
    kind: 'rule',
    rule: { field: 'arrearsPeriods', op: '>=', value: 1 },
    validDays: null,
    owner: '电费回收班',
    hint: null,
    active: true,
  },
  {
    code: 'late_payer',
    nameZh: '多次逾期',
    nameEn: 'Often pays late',
    kind: 'rule',
    rule: { field: 'late12m', op: '>=', value: 3 },
    validDays: null,
    owner: '电费回收班',
    hint: null,
    active: true,
  },
  {
    code: 'drifting',
    nameZh: '缴费转差',
    nameEn: 'Paying later lately',
    kind: 'rule',
    rule: {
      all: [
        { field: 'late6m', op: '>=', value: 2 },
        { field: 'lateStreak', op: '>=', value: 2 },
      ],
    },
    validDays: null,
    owner: '电费回收班',
    hint: null,
    active: true,
  },
  {
    code: 'vip',
    nameZh: '重要客户',
    nameEn: 'Key account',
    kind: 'rule',
    rule: {
      any: [
        { field: 'avgBillFen12m', op: '>=', value: 500_000 },
        {
          all: [
            { field: 'nonResidential', op: '=', value: 1 },
            { field: 'avgBillFen12m', op: '>=', value: 200_000 },
          ],
        },
      ],
    },
    validDays: null,
    owner: '大客户经理',
    hint: 'counter',
    active: true,
  },
  {
    code: 'online_payer',
    nameZh: '线上缴费',
    nameEn: 'Pays online',
    kind: 'rule',
    rule: { field: 'onlineShare', op: '>=', value: 80 },
    validDays: null,
    owner: '营销班',
    hint: null,
    active: true,
  },
  {
    code: 'usage_drop',
    nameZh: '用电骤降',
    nameEn: 'Usage dropped sharply',
    kind: 'rule',
    rule: {
      all: [
        { field: 'usageChangePct', op: '<=', value: -50 },
        { field: 'tenureMonths', op: '>=', value: 15 },
      ],
    },
    validDays: null,
    owner: '用电检查班',
    hint: null,
    active: true,
  },
  {
    code: 'low_balance',
    nameZh: '余额不足',
    nameEn: 'Balance too low',
    kind: 'rule',
    rule: {
      all: [
        { field: 'prepaid', op: '=', value: 1 },
        { field: 'balanceFen', op: '<', value: 0 },
      ],
    },
    validDays: null,
    owner: '电费回收班',
    hint: null,
    active: true,
  },
  manual('elderly_alone', '独居老人', 'Elderly, living alone', 'greenChannel'),
  manual('mobility', '行动不便', 'Limited mobility', 'greenChannel'),
  manual('low_income', '低保户', 'Minimum-income household', null),
  manual('sensitive', '敏感客户', 'Handle with care', 'counter'),
];

function manual(code: string, nameZh: string, nameEn: string, hint: TagHint | null): TagDefinition {
  return { code, nameZh, nameEn, kind: 'manual', rule: null, validDays: 365, owner: '营业厅', hint, active: true };
}

/** A stored definition row (tag_definitions). */
export interface TagDefinitionRow {
  code: string;
  name_zh: string;
  name_en: string;
  kind: 'rule' | 'manual';
  rule: string | null;
  valid_days: number | null;
  owner: string;
  hint: string | null;
  active: number;
}

export function definitionFromRow(r: TagDefinitionRow): TagDefinition {
  return {
    code: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    kind: r.kind,
    // A stored rule was validated when written; one that no longer parses is treated as matching nobody.
    rule: r.rule ? safeRule(r.rule) : null,
    validDays: r.valid_days,
    owner: r.owner,
    hint: (TAG_HINTS as readonly string[]).includes(r.hint ?? '') ? (r.hint as TagHint) : null,
    active: r.active === 1,
  };
}

function safeRule(text: string): Rule | null {
  try {
    return parseRule(JSON.parse(text));
  } catch {
    return null;
  }
}

/** The hall's catalogue: the built-in tags, each replaced by the hall's own definition where it has one. */
export function mergeCatalogue(rows: readonly TagDefinition[]): TagDefinition[] {
  const own = new Map(rows.map((d) => [d.code, d]));
  const merged = DEFAULT_TAGS.map((d) => own.get(d.code) ?? d);
  for (const d of rows) if (!DEFAULT_TAGS.some((x) => x.code === d.code)) merged.push(d);
  return merged;
}

export interface TagHit {
  code: string;
  evidence: Evidence[];
}

/** The rule tags a customer's features earn under a catalogue, with the evidence of each. */
export function ruleTags(catalogue: readonly TagDefinition[], f: Features): TagHit[] {
  const hits: TagHit[] = [];
  for (const d of catalogue) {
    if (!d.active || d.kind !== 'rule' || !d.rule) continue;
    const e = evaluateRule(d.rule, f);
    if (e.holds) hits.push({ code: d.code, evidence: e.evidence });
  }
  return hits;
}

/** An open (not yet ended) tag of a customer, as the history holds it. */
export interface OpenTag {
  id: string;
  code: string;
  source: 'rule' | 'manual';
  evidence: string;
  validUntil: string | null;
}

export type TagChange =
  | { kind: 'start'; code: string; evidence: Evidence[] }
  | { kind: 'refresh'; id: string; evidence: Evidence[] }
  | { kind: 'end'; id: string; why: 'ruleNoLongerHolds' | 'expired' | 'tagRetired' };

/**
 * What the history must record for the customer's rule tags to match `hits` at `at`: a tag that
 * newly holds starts, one that no longer holds ends, one that holds with new numbers gets its
 * evidence refreshed; a manual tag past its validity ends. The same inputs give the same changes.
 */
export function reconcileTags(
  catalogue: readonly TagDefinition[],
  open: readonly OpenTag[],
  hits: readonly TagHit[],
  at: string,
): TagChange[] {
  const changes: TagChange[] = [];
  const byCode = new Map(catalogue.map((d) => [d.code, d]));
  const hitBy = new Map(hits.map((h) => [h.code, h]));
  const openRule = new Set<string>();
  for (const t of open) {
    const def = byCode.get(t.code);
    if (t.source === 'manual') {
      if (t.validUntil !== null && t.validUntil <= at) changes.push({ kind: 'end', id: t.id, why: 'expired' });
      continue;
    }
    openRule.add(t.code);
    const hit = hitBy.get(t.code);
    if (!def || !def.active || def.kind !== 'rule') changes.push({ kind: 'end', id: t.id, why: 'tagRetired' });
    else if (!hit) changes.push({ kind: 'end', id: t.id, why: 'ruleNoLongerHolds' });
    else if (JSON.stringify(hit.evidence) !== t.evidence)
      changes.push({ kind: 'refresh', id: t.id, evidence: hit.evidence });
  }
  for (const h of hits) if (!openRule.has(h.code)) changes.push({ kind: 'start', code: h.code, evidence: h.evidence });
  return changes;
}
