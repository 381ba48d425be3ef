import { z } from 'zod';
import * as E from '../evaluation-schemas';
import { EvaluationWeights } from '../../domain/evaluation-weights';
import { feature } from './feature';

const Id = z.string().min(1).max(80);

/**
 * Staff evaluation for any period beside the previous one, with the composite score from the
 * hall's weights and the drill-down to one service's evidence; appeals against bad ratings, filed
 * at the counter by the agent who gave the service and decided by the manager.
 */
export const evaluation = feature({
  methods: {
    'manager.evaluation': {
      input: E.EvaluationPeriod,
      output: E.EvaluationReport,
      roles: ['manager'],
      staff: ['manager'],
    },
    'manager.evaluationWeights': {
      input: z.object({}).strict(),
      output: E.WeightsView,
      roles: ['manager'],
      staff: ['manager'],
    },
    'manager.setEvaluationWeights': {
      input: z.object({ weights: EvaluationWeights }).strict(),
      output: E.WeightsView,
      roles: ['manager'],
      staff: ['manager'],
    },
    /** One agent's services of the period, newest first (at most 500). */
    'manager.agentServices': {
      input: E.EvaluationPeriod.extend({ staffId: Id }).strict(),
      output: z.array(E.AgentService),
      roles: ['manager'],
      staff: ['manager'],
    },
    'manager.serviceEvidence': {
      input: z.object({ ticketId: Id }).strict(),
      output: E.ServiceEvidence,
      roles: ['manager'],
      staff: ['manager'],
    },
    'manager.appeals': {
      input: z.object({ openOnly: z.boolean().default(true) }).strict(),
      output: z.array(E.AppealView),
      roles: ['manager'],
      staff: ['manager'],
    },
    'manager.decideAppeal': {
      input: z
        .object({
          appealId: Id,
          accept: z.boolean(),
          note: z.string().trim().min(2, 'appeal.noteTooShort').max(300),
        })
        .strict(),
      output: E.AppealView,
      roles: ['manager'],
      staff: ['manager'],
    },
    /** The signed-in agent's bad ratings of the last 30 days, and their appeals. */
    'counter.appealableRatings': {
      input: z.object({}).strict(),
      output: z.array(E.AppealableRating),
      roles: ['counter'],
      staff: ['agent', 'manager'],
    },
    'counter.fileAppeal': {
      input: z.object({ ratingId: Id, reason: z.string().trim().min(4, 'appeal.reasonTooShort').max(300) }).strict(),
      output: E.AppealView,
      roles: ['counter'],
      staff: ['agent', 'manager'],
    },
  },
  events: {
    /** An appeal was filed or decided (here or, pulled, at another station). */
    'appeal.changed': { payload: z.object({ appealId: z.string() }), roles: ['counter', 'manager'] },
    /** Weights or an appeal changed what the evaluation shows. */
    'evaluation.changed': { payload: z.object({ reason: z.enum(['weights', 'appeal']) }), roles: ['manager'] },
  },
});
