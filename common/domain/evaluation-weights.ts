import { z } from 'zod';

/**
 * The parts of the composite score (综合得分), each a share from 0 to 1 of its best, and the
 * weights a manager gives them. The score is the weighted mean of the parts an agent has.
 */
export const SCORE_PARTS = ['satisfaction', 'coverage', 'volume', 'efficiency', 'noBad'] as const;
export type ScorePart = (typeof SCORE_PARTS)[number];

export const Weight = z
  .number({ message: 'evaluation.weightOutOfRange' })
  .int('evaluation.weightOutOfRange')
  .min(0, 'evaluation.weightOutOfRange')
  .max(100, 'evaluation.weightOutOfRange');

export const EvaluationWeights = z
  .object({
    satisfaction: Weight,
    coverage: Weight,
    volume: Weight,
    efficiency: Weight,
    noBad: Weight,
  })
  .strict()
  .refine((w) => SCORE_PARTS.some((p) => w[p] > 0), { message: 'evaluation.weightsAllZero' });
export type EvaluationWeights = z.infer<typeof EvaluationWeights>;

/** A hall that has set nothing: satisfaction first, as the 好差评 rules put it. */
export const DEFAULT_WEIGHTS: EvaluationWeights = {
  satisfaction: 40,
  coverage: 15,
  volume: 20,
  efficiency: 15,
  noBad: 10,
};
