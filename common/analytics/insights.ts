/**
 * One customer's insights from what a side holds: the rule tags the features earn now (with their
 * evidence and since when the history has them), the manual tags still valid, the risk scored by
 * the synced model (or the arrears alone before one exists), and the value score.
 */
import type { CustomerInsights, CustomerTagView, RiskView } from '../api/customer-insights-schemas';
import { ruleTags, type TagDefinition } from './catalogue';
import { computeFeatures, type CustomerFacts, type Features } from './features';
import { arrearsRisk, scoreTree, type RiskModelBody, type RiskScore } from './risk-tree';
import { customerValue } from './value';

export interface OpenTagRow {
  code: string;
  source: 'rule' | 'manual';
  reason: string | null;
  started_at: string;
  valid_until: string | null;
}

export interface SyncedModel {
  version: number;
  body: RiskModelBody;
}

export function recommendedAction(score: RiskScore, f: Features): RiskView['action'] {
  if (score.level === 'high') return f.arrearsPeriods >= 2 ? 'visit' : 'call';
  if (score.level === 'medium') return 'sms';
  if (score.level === 'low') return 'watch';
  return 'none';
}

export function riskView(f: Features, model: SyncedModel | null): RiskView {
  const s = model ? scoreTree(model.body, f) : arrearsRisk(f);
  return {
    level: s.level,
    probability: Number.isFinite(s.probability) ? s.probability : null,
    path: s.path,
    modelVersion: model?.version ?? null,
    action: recommendedAction(s, f),
  };
}

export function customerInsights(
  facts: CustomerFacts,
  catalogue: readonly TagDefinition[],
  open: readonly OpenTagRow[],
  model: SyncedModel | null,
  at: string,
): CustomerInsights {
  const f = computeFeatures(facts, at);
  const byCode = new Map(catalogue.map((d) => [d.code, d]));
  const tags: CustomerTagView[] = [];
  for (const hit of ruleTags(catalogue, f)) {
    const d = byCode.get(hit.code)!;
    const since = open.find((t) => t.code === hit.code && t.source === 'rule')?.started_at ?? null;
    tags.push({
      code: d.code,
      nameZh: d.nameZh,
      nameEn: d.nameEn,
      source: 'rule',
      hint: d.hint,
      evidence: hit.evidence,
      reason: null,
      since,
      validUntil: null,
    });
  }
  for (const t of open) {
    const d = byCode.get(t.code);
    if (t.source !== 'manual' || !d || !d.active || (t.valid_until !== null && t.valid_until <= at)) continue;
    tags.push({
      code: d.code,
      nameZh: d.nameZh,
      nameEn: d.nameEn,
      source: 'manual',
      hint: d.hint,
      evidence: [],
      reason: t.reason,
      since: t.started_at,
      validUntil: t.valid_until,
    });
  }
  // The counter's tags first: they are what the agent acts on.
  tags.sort((a, b) => Number(b.hint === 'counter') - Number(a.hint === 'counter'));
  const risk = riskView(f, model);
  return {
    customerId: facts.customerId,
    tags,
    risk,
    value: customerValue(f, risk.level),
    greenChannel: tags.some((t) => t.hint === 'greenChannel'),
  };
}
