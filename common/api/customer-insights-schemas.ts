import { z } from 'zod';
import { FEATURE_NAMES } from '../analytics/features';
import { RULE_OPS } from '../analytics/rules';
import { RISK_LEVELS } from '../analytics/risk-tree';
import { SEGMENTS } from '../analytics/value';
import { TAG_HINTS } from '../analytics/catalogue';

/** A customer's tags, fee-recovery risk and value as the counter and the manager see them: ids and numbers, worded on screen. */
export const EvidenceView = z.object({
  field: z.enum(FEATURE_NAMES),
  op: z.enum(RULE_OPS),
  threshold: z.number(),
  value: z.number(),
});
export const CustomerTagView = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  source: z.enum(['rule', 'manual']),
  hint: z.enum(TAG_HINTS).nullable(),
  evidence: z.array(EvidenceView),
  reason: z.string().nullable(),
  since: z.string().nullable(),
  validUntil: z.string().nullable(),
});
export type CustomerTagView = z.infer<typeof CustomerTagView>;

export const RiskLevelView = z.enum(RISK_LEVELS);
export const RECOMMENDED_ACTIONS = ['visit', 'call', 'sms', 'watch', 'none'] as const;
export const RiskView = z.object({
  level: RiskLevelView,
  /** Share of similar customers who fell into arrears; null when judged by arrears alone (no model yet). */
  probability: z.number().nullable(),
  path: z.array(
    z.object({ feature: z.enum(FEATURE_NAMES), op: z.enum(['<', '>=']), threshold: z.number(), value: z.number() }),
  ),
  modelVersion: z.number().int().nullable(),
  action: z.enum(RECOMMENDED_ACTIONS),
});
export type RiskView = z.infer<typeof RiskView>;

export const ValueView = z.object({
  score: z.number(),
  recency: z.number(),
  frequency: z.number(),
  amount: z.number(),
  tenure: z.number(),
  segment: z.enum(SEGMENTS),
});

export const CustomerInsights = z.object({
  customerId: z.number().int(),
  tags: z.array(CustomerTagView),
  risk: RiskView,
  value: ValueView,
  /** The hall's green channel suits this customer (a tag says so): the guide and the kiosk offer it. */
  greenChannel: z.boolean(),
});
export type CustomerInsights = z.infer<typeof CustomerInsights>;

export const HighRiskQuery = z
  .object({
    minLevel: RiskLevelView.default('medium'),
    segment: z.enum(SEGMENTS).nullable().default(null),
    tag: z.string().max(32).nullable().default(null),
    sort: z.enum(['probability', 'arrears', 'lastFollowup']).default('probability'),
    limit: z.number().int().min(1).max(2000).default(200),
  })
  .strict();
export type HighRiskQuery = z.input<typeof HighRiskQuery>;

export const HighRiskRow = z.object({
  customerId: z.number().int(),
  accountNo: z.string(),
  nameMasked: z.string(),
  risk: RiskView,
  arrearsFen: z.number().int(),
  segment: z.enum(SEGMENTS),
  valueScore: z.number(),
  tags: z.array(z.string()),
  lastFollowup: z.object({ kind: z.string(), at: z.string(), note: z.string().nullable() }).nullable(),
});
export type HighRiskRow = z.infer<typeof HighRiskRow>;

export const FollowupInput = z
  .object({
    customerId: z.number().int().positive(),
    kind: z.enum(['reminder', 'visit', 'paid', 'note']),
    note: z.string().max(500).nullable(),
  })
  .strict();

export const TagCatalogueEntry = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  kind: z.enum(['rule', 'manual']),
  rule: z.unknown().nullable(),
  validDays: z.number().int().nullable(),
  owner: z.string(),
  hint: z.enum(TAG_HINTS).nullable(),
  active: z.boolean(),
  /** Customers holding the tag now. */
  coverage: z.number().int(),
  builtIn: z.boolean(),
});
export type TagCatalogueEntry = z.infer<typeof TagCatalogueEntry>;
