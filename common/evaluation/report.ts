import type { AgentScore, EvaluationReport } from '../api/evaluation-schemas';
import type { StaffPublic } from '../api/schemas';
import { SCORE_PARTS, type EvaluationWeights, type ScorePart } from '../domain/evaluation-weights';
import { RATING_LEVELS, isSatisfied, needsReason, type RatingLevel } from '../domain/ratings';

/** One agent's work of one business type over the period, summed from the daily aggregates. */
export interface EvaluationCell {
  staffId: string;
  type: string;
  served: number;
  handled: number;
  handledSec: number;
  noShows: number;
  /** Ratings by level (and `none`: 未评价), as recorded: appeals not applied yet. */
  levels: Record<string, number>;
}

/** Everything one period's evaluation is computed from (main/storage/ops/evaluation-queries.ts). */
export interface EvaluationFacts {
  cells: EvaluationCell[];
  /** Handling times per type in 10-second buckets (the last one: 2 hours and longer). */
  histogram: { type: string; bucket: number; n: number }[];
  /** Ratings taken out of the score by an accepted appeal, per agent and level. */
  excluded: { staffId: string; level: string; n: number }[];
  pendingAppeals: { staffId: string; n: number }[];
  consultations: Record<string, number>;
  staff: StaffPublic[];
}

const BUCKET_SEC = 10;

/** The median handling time per type, from the histogram: the middle bucket's centre (to 10 s). */
export function mediansOf(histogram: EvaluationFacts['histogram']): Map<string, { medianSec: number; n: number }> {
  const byType = new Map<string, { bucket: number; n: number }[]>();
  for (const h of histogram) {
    let list = byType.get(h.type);
    if (!list) byType.set(h.type, (list = []));
    list.push(h);
  }
  const out = new Map<string, { medianSec: number; n: number }>();
  for (const [type, list] of byType) {
    list.sort((a, b) => a.bucket - b.bucket);
    const total = list.reduce((s, h) => s + h.n, 0);
    if (total <= 0) continue;
    let seen = 0;
    for (const h of list) {
      seen += h.n;
      if (seen * 2 >= total) {
        out.set(type, { medianSec: h.bucket * BUCKET_SEC + BUCKET_SEC / 2, n: total });
        break;
      }
    }
  }
  return out;
}

const round = (v: number, digits: number): number => Math.round(v * 10 ** digits) / 10 ** digits;

/** The composite score: the weighted mean of the parts an agent has, ×100, to one decimal; null with none. */
export function compositeScore(parts: Record<ScorePart, number | null>, weights: EvaluationWeights): number | null {
  let sum = 0;
  let weight = 0;
  for (const p of SCORE_PARTS) {
    const v = parts[p];
    if (v === null || weights[p] <= 0) continue;
    sum += v * weights[p];
    weight += weights[p];
  }
  return weight > 0 ? round((sum / weight) * 100, 1) : null;
}

type Current = Omit<AgentScore, 'previous'>;

function agentRows(facts: EvaluationFacts, weights: EvaluationWeights): Current[] {
  const medians = mediansOf(facts.histogram);
  const excluded = new Map<string, Record<string, number>>();
  for (const e of facts.excluded) {
    const m = excluded.get(e.staffId) ?? {};
    m[e.level] = (m[e.level] ?? 0) + e.n;
    excluded.set(e.staffId, m);
  }
  const pending = new Map(facts.pendingAppeals.map((p) => [p.staffId, 0]));
  for (const p of facts.pendingAppeals) pending.set(p.staffId, (pending.get(p.staffId) ?? 0) + p.n);
  const cellsOf = new Map<string, EvaluationCell[]>();
  for (const c of facts.cells) {
    let list = cellsOf.get(c.staffId);
    if (!list) cellsOf.set(c.staffId, (list = []));
    list.push(c);
  }
  const served = (id: string) => (cellsOf.get(id) ?? []).reduce((s, c) => s + c.served, 0);
  const maxServed = Math.max(0, ...facts.staff.map((st) => served(st.id)));

  const rows = facts.staff.map((staff): Current => {
    const cells = cellsOf.get(staff.id) ?? [];
    const total = served(staff.id);
    const handled = cells.reduce((s, c) => s + c.handled, 0);
    const handledSec = cells.reduce((s, c) => s + c.handledSec, 0);
    const expectedSec = cells.reduce((s, c) => s + c.handled * (medians.get(c.type)?.medianSec ?? 0), 0);
    const out = excluded.get(staff.id) ?? {};
    const byLevel: Record<string, number> = Object.fromEntries(
      RATING_LEVELS.map((l) => [l, Math.max(0, cells.reduce((s, c) => s + (c.levels[l] ?? 0), 0) - (out[l] ?? 0))]),
    );
    const ratings = RATING_LEVELS.reduce((s, l) => s + byLevel[l]!, 0);
    // 未评价 as recorded (no answer within the timeout): shown beside the levels, never a rating.
    byLevel.none = cells.reduce((s, c) => s + (c.levels.none ?? 0), 0);
    const satisfied = RATING_LEVELS.filter((l) => isSatisfied(l)).reduce((s, l) => s + byLevel[l]!, 0);
    const bad = RATING_LEVELS.filter((l) => needsReason(l)).reduce((s, l) => s + byLevel[l]!, 0);
    const badExcluded = RATING_LEVELS.filter((l) => needsReason(l as RatingLevel)).reduce(
      (s, l) => s + (out[l] ?? 0),
      0,
    );
    const satisfaction = ratings ? satisfied / ratings : null;
    // A rating taken out by an appeal was still given: it counts for coverage.
    const excludedAll = Object.values(out).reduce((s, n) => s + n, 0);
    const coverage = total ? Math.min(1, (ratings + excludedAll) / total) : null;
    const handlingIndex = handledSec > 0 && expectedSec > 0 ? handledSec / expectedSec : null;
    const parts: Record<ScorePart, number | null> = {
      satisfaction,
      coverage,
      volume: total && maxServed ? total / maxServed : null,
      efficiency: handlingIndex === null ? null : Math.min(1, 1 / handlingIndex),
      noBad: ratings ? 1 - bad / ratings : null,
    };
    return {
      staff,
      rank: null,
      score: total ? compositeScore(parts, weights) : null,
      parts: Object.fromEntries(SCORE_PARTS.map((p) => [p, parts[p] === null ? null : round(parts[p]!, 4)])) as Record<
        ScorePart,
        number | null
      >,
      served: total,
      consultations: facts.consultations[staff.id] ?? 0,
      noShows: cells.reduce((s, c) => s + c.noShows, 0),
      handlingMeanSec: handled ? round(handledSec / handled, 1) : null,
      handlingIndex: handlingIndex === null ? null : round(handlingIndex, 3),
      ratings,
      byLevel,
      notRated: Math.max(0, total - ratings - excludedAll),
      satisfaction,
      coverage,
      bad,
      badExcluded,
      pendingAppeals: pending.get(staff.id) ?? 0,
      mix: cells
        .filter((c) => c.served > 0)
        .sort((a, b) => b.served - a.served || a.type.localeCompare(b.type))
        .map((c) => ({
          type: c.type,
          served: c.served,
          share: total ? round(c.served / total, 4) : 0,
          handlingMeanSec: c.handled ? round(c.handledSec / c.handled, 1) : null,
          medianSec: medians.get(c.type)?.medianSec ?? null,
        })),
    };
  });
  // Ranked by score; equal scores share a rank; nobody served → not ranked.
  const scored = rows.filter((r) => r.score !== null).sort((a, b) => b.score! - a.score!);
  scored.forEach((r, i) => (r.rank = i > 0 && scored[i - 1]!.score === r.score ? scored[i - 1]!.rank : i + 1));
  return rows;
}

function totalsOf(rows: Current[]): EvaluationReport['totals'] {
  const sum = (f: (r: Current) => number) => rows.reduce((s, r) => s + f(r), 0);
  const served = sum((r) => r.served);
  const ratings = sum((r) => r.ratings);
  const satisfied = sum((r) => (r.byLevel.very_satisfied ?? 0) + (r.byLevel.satisfied ?? 0));
  return {
    served,
    ratings,
    satisfaction: ratings ? satisfied / ratings : null,
    // Appeals are only against bad ratings: those taken out were still given, as per agent.
    coverage: served ? Math.min(1, (ratings + sum((r) => r.badExcluded)) / served) : null,
    bad: sum((r) => r.bad),
    badExcluded: sum((r) => r.badExcluded),
    noShows: sum((r) => r.noShows),
    consultations: sum((r) => r.consultations),
  };
}

/** The previous period of equal length, ending the day before `from`. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const day = 86_400_000;
  const start = Date.parse(`${from}T00:00:00Z`);
  const length = Math.round((Date.parse(`${to}T00:00:00Z`) - start) / day) + 1;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: iso(start - length * day), to: iso(start - day) };
}

/** The evaluation of a period beside the previous one, with the composite score from the hall's weights. */
export function buildEvaluation(a: {
  from: string;
  to: string;
  weights: EvaluationWeights;
  current: EvaluationFacts;
  previous: EvaluationFacts;
}): EvaluationReport {
  const prev = previousPeriod(a.from, a.to);
  const now = agentRows(a.current, a.weights);
  const before = agentRows(a.previous, a.weights);
  const beforeById = new Map(before.map((r) => [r.staff.id, r]));
  const agents: AgentScore[] = now.map((r) => {
    const p = beforeById.get(r.staff.id);
    return {
      ...r,
      previous: p ? { rank: p.rank, score: p.score, served: p.served, satisfaction: p.satisfaction } : null,
    };
  });
  agents.sort((x, y) => (x.rank ?? Infinity) - (y.rank ?? Infinity) || x.staff.staffNo.localeCompare(y.staff.staffNo));
  return {
    from: a.from,
    to: a.to,
    previousFrom: prev.from,
    previousTo: prev.to,
    weights: a.weights,
    agents,
    totals: totalsOf(now),
    previousTotals: totalsOf(before),
    medians: [...mediansOf(a.current.histogram)]
      .map(([type, m]) => ({ type, medianSec: m.medianSec, n: m.n }))
      .sort((x, y) => x.type.localeCompare(y.type)),
  };
}
