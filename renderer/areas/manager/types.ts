import type { AgentEvaluation } from '@common/api/schemas';
import { RATING_LEVELS, type RatingLevel, isSatisfied } from '@common/domain/ratings';

/** Columns of the evaluation table: the five levels, then 未评价. */
export const LEVEL_COLUMNS: readonly (RatingLevel | 'none')[] = [...RATING_LEVELS, 'none'];

export type SortKey = 'staffNo' | 'served' | 'ratings' | 'satisfaction' | 'coverage' | RatingLevel | 'none';
export interface SortState {
  key: SortKey;
  order: 'asc' | 'desc';
}

/** Satisfaction and coverage cross the API as fractions 0..1 (null when there is nothing to divide). */
export function percentText(fraction: number | null | undefined, digits = 1): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '—';
  return `${(fraction * 100).toFixed(digits)}%`;
}

export const countOf = (e: AgentEvaluation, level: RatingLevel | 'none'): number => e.byLevel[level] ?? 0;

function sortValue(e: AgentEvaluation, key: SortKey): number | string {
  switch (key) {
    case 'staffNo':
      return e.staff.staffNo;
    case 'served':
      return e.served;
    case 'ratings':
      return e.ratings;
    case 'satisfaction':
      return e.satisfaction ?? -1;
    case 'coverage':
      return e.coverage ?? -1;
    default:
      return countOf(e, key);
  }
}

export function sortEvaluations(rows: readonly AgentEvaluation[], sort: SortState): AgentEvaluation[] {
  const dir = sort.order === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = sortValue(a, sort.key);
    const y = sortValue(b, sort.key);
    if (x < y) return -dir;
    if (x > y) return dir;
    return a.staff.staffNo < b.staff.staffNo ? -1 : 1;
  });
}

export interface HallTotals {
  served: number;
  rated: number;
  notRated: number;
  bad: number;
  satisfaction: number | null;
  coverage: number | null;
}

/** Hall-wide figures from the per-agent counts, by the docs/domain.md KPI definitions. */
export function hallTotals(rows: readonly AgentEvaluation[]): HallTotals {
  let served = 0;
  let rated = 0;
  let satisfied = 0;
  let notRated = 0;
  let bad = 0;
  for (const e of rows) {
    served += e.served;
    notRated += countOf(e, 'none');
    for (const level of RATING_LEVELS) {
      const n = countOf(e, level);
      rated += n;
      if (isSatisfied(level)) satisfied += n;
      if (level === 'unsatisfied' || level === 'very_unsatisfied') bad += n;
    }
  }
  return {
    served,
    rated,
    notRated,
    bad,
    satisfaction: rated > 0 ? satisfied / rated : null,
    coverage: served > 0 ? rated / served : null,
  };
}
