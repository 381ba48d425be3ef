import { z } from 'zod';
import { EvaluationWeights } from '../domain/evaluation-weights';
import { AppFailure } from '../result';
import type { MutationContext } from './sql';

export const WeightsArgs = z.object({
  hallId: z.string().min(1).max(16),
  weights: EvaluationWeights,
  managerId: z.string().min(1).max(64),
  at: z.string().min(10).max(40),
});

/** The hall's score weights: hall configuration, set by a manager, last writer wins in server order. */
export function setEvaluationWeights(ctx: MutationContext, a: z.infer<typeof WeightsArgs>): void {
  const manager = ctx.tx.get<{ role: string }>('SELECT role FROM staff WHERE id = ?', a.managerId);
  if (manager?.role !== 'manager') throw new AppFailure('forbidden', 'evaluation.weightsNeedManager', {}, 'managerId');
  ctx.tx.run(
    `INSERT INTO evaluation_weights (hall_id, weights, updated_by, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (hall_id) DO UPDATE SET weights = excluded.weights, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    a.hallId,
    JSON.stringify(a.weights),
    a.managerId,
    a.at,
  );
  ctx.changed('evaluationWeights', a.hallId);
}
