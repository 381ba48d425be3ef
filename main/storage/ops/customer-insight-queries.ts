/**
 * Customer tags, fee-recovery risk and value on the station, from its own replica: the customer's
 * bills and payments, the hall's tag catalogue and the risk model pulled from the central. Read
 * live, so a payment recorded here (or pulled from another station) shows at once.
 */
import type {
  CustomerInsights,
  HighRiskQuery,
  HighRiskRow,
  TagCatalogueEntry,
} from '@common/api/customer-insights-schemas';
import { HighRiskQuery as HighRiskQuerySchema } from '@common/api/customer-insights-schemas';
import { DEFAULT_TAGS, ruleTags } from '@common/analytics/catalogue';
import { computeFeatures } from '@common/analytics/features';
import { loadCustomerFacts } from '@common/analytics/facts-sql';
import { loadHistories } from '@common/analytics/histories-sql';
import { customerInsights, riskView, type OpenTagRow, type SyncedModel } from '@common/analytics/insights';
import { parseModelBody, RISK_LEVELS } from '@common/analytics/risk-tree';
import { customerValue } from '@common/analytics/value';
import { hallCatalogue } from '@common/mutators/customer-tags';
import type { SqlTx } from '@common/mutators/sql';
import type { WorkerState } from '../worker-state';

/** The newest active model this station has pulled; a failed version never replaces it. */
export function latestModel(tx: SqlTx, hallId: string): SyncedModel | null {
  const rows = tx.all<{ version: number; tree: string | null }>(
    "SELECT version, tree FROM risk_models WHERE hall_id = ? AND status = 'active' ORDER BY version DESC LIMIT 3",
    hallId,
  );
  for (const r of rows) {
    const body = parseModelBody(r.tree);
    if (body) return { version: r.version, body };
  }
  return null;
}

const openTags = (tx: SqlTx, customerId: number) =>
  tx.all<OpenTagRow>(
    'SELECT code, source, reason, started_at, valid_until FROM customer_tags WHERE customer_id = ? AND ended_at IS NULL',
    customerId,
  );

export function customerInsightsOf(s: WorkerState, a: { customerId: number; at: string }): CustomerInsights | null {
  const facts = loadCustomerFacts(s.tx, a.customerId, a.at);
  if (!facts) return null;
  return customerInsights(
    facts,
    hallCatalogue(s.tx, s.hallId),
    openTags(s.tx, a.customerId),
    latestModel(s.tx, s.hallId),
    a.at,
  );
}

/** Whether the tag history lags what the customer's facts say now (so a recompute is worth syncing). */
export function tagsOutOfDate(s: WorkerState, a: { customerId: number; at: string }): boolean {
  const facts = loadCustomerFacts(s.tx, a.customerId, a.at);
  if (!facts) return false;
  const live = ruleTags(hallCatalogue(s.tx, s.hallId), computeFeatures(facts, a.at))
    .map((h) => h.code)
    .sort();
  const held = openTags(s.tx, a.customerId)
    .filter((t) => t.source === 'rule')
    .map((t) => t.code)
    .sort();
  return live.join() !== held.join();
}

export const paymentCustomerId = (s: WorkerState, a: { paymentId: string }): number | null =>
  s.tx.get<{ customer_id: number }>('SELECT customer_id FROM payment_orders WHERE id = ?', a.paymentId)?.customer_id ??
  null;

/**
 * The hall's customers at or above a risk level, scored now with the synced model: the manager's
 * high-risk list. Scores every customer of the hall in one pass of three ordered scans.
 */
export function highRiskList(
  s: WorkerState,
  a: { at: string; query: HighRiskQuery },
): { rows: HighRiskRow[]; scored: number; modelVersion: number | null } {
  const q = HighRiskQuerySchema.parse(a.query);
  const model = latestModel(s.tx, s.hallId);
  const catalogue = hallCatalogue(s.tx, s.hallId);
  const min = RISK_LEVELS.indexOf(q.minLevel);
  const rows: HighRiskRow[] = [];
  const histories = loadHistories(s.tx);
  const manual = new Map<number, string[]>();
  for (const t of s.tx.all<{ customer_id: number; code: string }>(
    "SELECT customer_id, code FROM customer_tags WHERE ended_at IS NULL AND source = 'manual'",
  ))
    manual.set(t.customer_id, [...(manual.get(t.customer_id) ?? []), t.code]);
  for (const h of histories) {
    const f = computeFeatures(h, a.at);
    const risk = riskView(f, model);
    if (RISK_LEVELS.indexOf(risk.level) < min) continue;
    const value = customerValue(f, risk.level);
    if (q.segment && value.segment !== q.segment) continue;
    const tags = [...ruleTags(catalogue, f).map((t) => t.code), ...(manual.get(h.customerId) ?? [])];
    if (q.tag && !tags.includes(q.tag)) continue;
    rows.push({
      customerId: h.customerId,
      accountNo: '',
      nameMasked: '',
      risk,
      arrearsFen: f.arrearsFen,
      segment: value.segment,
      valueScore: value.score,
      tags,
      lastFollowup: null,
    });
  }
  const who = s.db.prepare('SELECT account_no, name_masked FROM customers WHERE id = ?');
  const followup = s.db.prepare(
    'SELECT kind, at, note FROM customer_followups WHERE customer_id = ? ORDER BY at DESC LIMIT 1',
  );
  for (const r of rows) {
    const c = who.get(r.customerId) as { account_no: string; name_masked: string };
    r.accountNo = c.account_no;
    r.nameMasked = c.name_masked;
    r.lastFollowup = (followup.get(r.customerId) as HighRiskRow['lastFollowup'] | undefined) ?? null;
  }
  const p = (r: HighRiskRow) => r.risk.probability ?? RISK_LEVELS.indexOf(r.risk.level) / 3;
  rows.sort((x, y) =>
    q.sort === 'arrears'
      ? y.arrearsFen - x.arrearsFen || p(y) - p(x)
      : q.sort === 'lastFollowup'
        ? (x.lastFollowup?.at ?? '').localeCompare(y.lastFollowup?.at ?? '') || p(y) - p(x)
        : p(y) - p(x) || y.arrearsFen - x.arrearsFen,
  );
  return { rows: rows.slice(0, q.limit), scored: histories.length, modelVersion: model?.version ?? null };
}

/** The catalogue with each tag's coverage: customers holding it now, by the history. */
export function tagCatalogue(s: WorkerState): TagCatalogueEntry[] {
  const coverage = new Map(
    s.tx
      .all<{ code: string; n: number }>(
        'SELECT code, count(*) AS n FROM customer_tags WHERE ended_at IS NULL GROUP BY code',
      )
      .map((r) => [r.code, Number(r.n)]),
  );
  return hallCatalogue(s.tx, s.hallId).map((d) => ({
    ...d,
    coverage: coverage.get(d.code) ?? 0,
    builtIn: DEFAULT_TAGS.some((x) => x.code === d.code),
  }));
}
