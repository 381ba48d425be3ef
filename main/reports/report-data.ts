import type { AgentEvaluation } from '@common/api/schemas';
import type { KpiResponse, KpiSetWire } from '@common/api/insight-schemas';
import { isSatisfied, type RatingLevel } from '@common/domain/ratings';
import type { InsightService } from '../services/insight-service';
import type { ServiceContext } from '../services/context';
import { daysOf, type ReportPeriod } from './report-period';

/** Everything an operations report shows, gathered once and then laid out (report-html.ts). */
export interface ReportData {
  period: ReportPeriod;
  hallName: string;
  generatedAt: string;
  kpis: KpiResponse;
  /** The agents who served or were rated in the period. */
  agents: AgentEvaluation[];
  /** Weekly only: each day's headline figures, Monday first. */
  days: { day: string; overall: KpiSetWire }[];
  ratings: { total: number; satisfied: number; bad: number; none: number };
}

const BAD: RatingLevel[] = ['unsatisfied', 'very_unsatisfied'];

export async function gatherReport(
  deps: { ctx: ServiceContext; insights: InsightService; hallName: string },
  period: ReportPeriod,
): Promise<ReportData> {
  const { from, to } = period;
  const [kpis, evaluations] = await Promise.all([
    deps.insights.kpis({ from, to }),
    deps.ctx.storage.run('evaluations', { from, to }),
  ]);
  const days =
    period.kind === 'weekly'
      ? await Promise.all(
          daysOf(from, to).map(async (day) => ({
            day,
            overall: (await deps.insights.kpis({ from: day, to: day })).report.overall,
          })),
        )
      : [];
  const agents = evaluations.filter((e) => e.served > 0 || e.ratings > 0);
  const ratings = { total: 0, satisfied: 0, bad: 0, none: 0 };
  for (const e of agents)
    for (const [level, n] of Object.entries(e.byLevel)) {
      if (level === 'none') {
        ratings.none += n;
        continue;
      }
      ratings.total += n;
      if (isSatisfied(level as RatingLevel)) ratings.satisfied += n;
      if (BAD.includes(level as RatingLevel)) ratings.bad += n;
    }
  return { period, hallName: deps.hallName, generatedAt: deps.ctx.nowIso(), kpis, agents, days, ratings };
}
