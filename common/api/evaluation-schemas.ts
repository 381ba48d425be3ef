import { z } from 'zod';
import { EvaluationWeights, SCORE_PARTS } from '../domain/evaluation-weights';
import { ApplicationDetail } from './journey-schemas';
import { Rating, StaffPublic } from './schemas';

const Share = z.number().min(0).max(1).nullable();
const Day = z.string().date();

/** Input of the evaluation and its drill-down: a period of hall days, inclusive (default: today). */
export const EvaluationPeriod = z.object({ from: Day.optional(), to: Day.optional() }).strict();

export const ScoreParts = z.object(
  Object.fromEntries(SCORE_PARTS.map((p) => [p, Share])) as Record<(typeof SCORE_PARTS)[number], typeof Share>,
);

/** One business type of an agent's work: how much of it, and how long it took against the hall's median for the type. */
export const MixEntry = z.object({
  type: z.string(),
  served: z.number().int(),
  share: z.number(),
  handlingMeanSec: z.number().nullable(),
  medianSec: z.number().nullable(),
});

export const AgentScore = z.object({
  staff: StaffPublic,
  /** 1 = best composite score; null: nothing served in the period. */
  rank: z.number().int().nullable(),
  score: z.number().nullable(),
  parts: ScoreParts,
  served: z.number().int(),
  consultations: z.number().int(),
  noShows: z.number().int(),
  handlingMeanSec: z.number().nullable(),
  /** The agent's handling time ÷ what the hall's median per type predicts for the same mix (1 = as the median). */
  handlingIndex: z.number().nullable(),
  /** Ratings that count (未评价 and ratings taken out by an accepted appeal excluded). */
  ratings: z.number().int(),
  byLevel: z.record(z.string(), z.number().int()),
  notRated: z.number().int(),
  satisfaction: Share,
  coverage: Share,
  bad: z.number().int(),
  /** Bad ratings taken out of the score by an accepted appeal (the ratings themselves are unchanged). */
  badExcluded: z.number().int(),
  pendingAppeals: z.number().int(),
  mix: z.array(MixEntry),
  previous: z
    .object({
      rank: z.number().int().nullable(),
      score: z.number().nullable(),
      served: z.number().int(),
      satisfaction: Share,
    })
    .nullable(),
});
export type AgentScore = z.infer<typeof AgentScore>;

export const HallEvaluationTotals = z.object({
  served: z.number().int(),
  ratings: z.number().int(),
  satisfaction: Share,
  coverage: Share,
  bad: z.number().int(),
  badExcluded: z.number().int(),
  noShows: z.number().int(),
  consultations: z.number().int(),
});

export const EvaluationReport = z.object({
  from: Day,
  to: Day,
  previousFrom: Day,
  previousTo: Day,
  weights: EvaluationWeights,
  agents: z.array(AgentScore),
  totals: HallEvaluationTotals,
  previousTotals: HallEvaluationTotals,
  medians: z.array(z.object({ type: z.string(), medianSec: z.number(), n: z.number().int() })),
});
export type EvaluationReport = z.infer<typeof EvaluationReport>;

export const WeightsView = z.object({
  weights: EvaluationWeights,
  /** Null: the hall's defaults, never set. */
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});

export const AgentService = z.object({
  ticketId: z.string(),
  ticketNo: z.string(),
  day: Day,
  businessType: z.string(),
  status: z.string(),
  windowNo: z.number().int().nullable(),
  issuedAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  handlingSec: z.number().nullable(),
  rating: z.object({ id: z.string(), level: z.string(), reason: z.string().nullable() }).nullable(),
  appeal: z.enum(['pending', 'accepted', 'rejected']).nullable(),
  applications: z.number().int(),
  payments: z.number().int(),
});

export const AppealView = z.object({
  id: z.string(),
  ratingId: z.string(),
  staff: StaffPublic.nullable(),
  reason: z.string(),
  filedAt: z.string(),
  status: z.enum(['pending', 'accepted', 'rejected']),
  decidedBy: z.string().nullable(),
  note: z.string().nullable(),
  decidedAt: z.string().nullable(),
  ticketId: z.string(),
  ticketNo: z.string(),
  day: Day,
  businessType: z.string(),
  level: z.string(),
  ratingReason: z.string().nullable(),
  ratedAt: z.string(),
});
export type AppealView = z.infer<typeof AppealView>;

/** A bad rating the agent at the counter may appeal, or has. */
export const AppealableRating = z.object({
  rating: Rating,
  day: Day,
  businessType: z.string(),
  appeal: AppealView.nullable(),
  /** Filing is still open: no appeal yet and within the days allowed. */
  canAppeal: z.boolean(),
});

export const ServiceEvidence = z.object({
  ticket: z.object({
    id: z.string(),
    number: z.string(),
    day: Day,
    businessType: z.string(),
    status: z.string(),
    windowNo: z.number().int().nullable(),
    agent: StaffPublic.nullable(),
    issuedAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  }),
  calls: z.array(z.object({ at: z.string(), windowNo: z.number().int(), recall: z.boolean() })),
  rating: Rating.nullable(),
  appeal: AppealView.nullable(),
  applications: z.array(ApplicationDetail),
  payments: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      channel: z.string(),
      amountFen: z.number().int(),
      createdAt: z.string(),
      status: z.string().nullable(),
    }),
  ),
});
export type ServiceEvidence = z.infer<typeof ServiceEvidence>;
