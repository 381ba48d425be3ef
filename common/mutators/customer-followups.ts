import { z } from 'zod';
import { AppFailure } from '../result';
import { appendRow } from './append-only';
import type { MutationContext } from './sql';

/** What was done about a high-risk customer: append-only, so the log is the audit. */
export const FollowupArgs = z
  .object({
    id: z.string().min(8).max(64),
    hallId: z.string().min(1).max(32),
    customerId: z.number().int().positive(),
    kind: z.enum(['reminder', 'visit', 'paid', 'note']),
    note: z.string().max(500).nullable(),
    staffId: z.string().min(1).max(64),
    at: z.string().min(10).max(40),
  })
  .strict();

export function recordFollowup(ctx: MutationContext, a: z.infer<typeof FollowupArgs>): void {
  if (a.kind === 'note' && !a.note?.trim())
    throw new AppFailure('validation', 'analytics.followupNoteRequired', {}, 'note');
  const fields = {
    hall_id: a.hallId,
    customer_id: a.customerId,
    kind: a.kind,
    note: a.note?.trim() || null,
    staff_id: a.staffId,
    at: a.at,
  };
  if (appendRow(ctx, 'customer_followups', { id: a.id, ...fields }, fields)) return;
  ctx.changed('customerFollowup', a.id);
}
