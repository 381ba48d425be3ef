import { z } from 'zod';
import { needsReason, type RatingLevel } from '../domain/ratings';
import { AppFailure } from '../result';
import { alreadyAppended } from './append-only';
import type { MutationContext } from './sql';

/**
 * Appeals against bad ratings (申诉), both append-only facts: the agent's appeal and the manager's
 * decision. The rating itself is never touched; an accepted appeal only keeps it out of the score.
 */
const Id = z.string().min(8).max(80);
const At = z.string().min(10).max(40);
const Hall = z.string().min(1).max(16);
const Staff = z.string().min(1).max(64);

/** An appeal is filed while the service is still remembered. */
export const APPEAL_WITHIN_DAYS = 30;

export const AppealFileArgs = z.object({
  id: Id,
  hallId: Hall,
  ratingId: z.string().min(8).max(64),
  staffId: Staff,
  reason: z.string().trim().min(4, 'appeal.reasonTooShort').max(300),
  at: At,
});

export const AppealDecisionArgs = z.object({
  appealId: Id,
  hallId: Hall,
  decision: z.enum(['accepted', 'rejected']),
  managerId: Staff,
  note: z.string().trim().min(2, 'appeal.noteTooShort').max(300),
  at: At,
});

/** Only the agent who served the rated ticket, only a bad rating, once per rating, within 30 days. */
export function fileAppeal(ctx: MutationContext, a: z.infer<typeof AppealFileArgs>): void {
  const fields = { rating_id: a.ratingId, staff_id: a.staffId, reason: a.reason };
  if (alreadyAppended(ctx, 'rating_appeals', a.id, fields)) return; // replay
  const r = ctx.tx.get<{ level: string; staff_id: string; ticket_no: string; created_at: string }>(
    'SELECT level, staff_id, ticket_no, created_at FROM ratings WHERE id = ?',
    a.ratingId,
  );
  if (!r) throw new AppFailure('not_found', 'appeal.ratingNotFound', {}, 'ratingId');
  if (r.level === 'none' || !needsReason(r.level as RatingLevel))
    throw new AppFailure('validation', 'appeal.notBadRating', {}, 'ratingId');
  if (r.staff_id !== a.staffId)
    throw new AppFailure('forbidden', 'appeal.notYourService', { ticketNo: r.ticket_no }, 'ratingId');
  if (Date.parse(a.at) - Date.parse(r.created_at) > APPEAL_WITHIN_DAYS * 86_400_000)
    throw new AppFailure('validation', 'appeal.tooLate', { days: APPEAL_WITHIN_DAYS }, 'ratingId');
  if (ctx.tx.get('SELECT 1 FROM rating_appeals WHERE rating_id = ?', a.ratingId))
    throw new AppFailure('conflict', 'appeal.alreadyFiled', { ticketNo: r.ticket_no }, 'ratingId');
  ctx.tx.run(
    'INSERT INTO rating_appeals (id, hall_id, rating_id, staff_id, reason, filed_at) VALUES (?, ?, ?, ?, ?, ?)',
    a.id,
    a.hallId,
    a.ratingId,
    a.staffId,
    a.reason,
    a.at,
  );
  ctx.changed('ratingAppeal', a.id);
}

/** A manager other than the appellant decides, once: the first decision stands and is final. */
export function decideAppeal(ctx: MutationContext, a: z.infer<typeof AppealDecisionArgs>): void {
  const decided = ctx.tx.get<{ decision: string; manager_id: string; note: string }>(
    'SELECT decision, manager_id, note FROM appeal_decisions WHERE id = ?',
    a.appealId,
  );
  if (decided) {
    if (decided.decision === a.decision && decided.manager_id === a.managerId && decided.note === a.note) return; // replay
    throw new AppFailure(
      'conflict',
      decided.decision === 'accepted' ? 'appeal.alreadyAccepted' : 'appeal.alreadyRejected',
      {},
      'appealId',
    );
  }
  const appeal = ctx.tx.get<{ staff_id: string }>('SELECT staff_id FROM rating_appeals WHERE id = ?', a.appealId);
  if (!appeal) throw new AppFailure('not_found', 'appeal.notFound', {}, 'appealId');
  const manager = ctx.tx.get<{ role: string }>('SELECT role FROM staff WHERE id = ?', a.managerId);
  if (manager?.role !== 'manager') throw new AppFailure('forbidden', 'appeal.needsManager', {}, 'managerId');
  if (appeal.staff_id === a.managerId) throw new AppFailure('forbidden', 'appeal.ownAppeal', {}, 'appealId');
  ctx.tx.run(
    'INSERT INTO appeal_decisions (id, hall_id, decision, manager_id, note, decided_at) VALUES (?, ?, ?, ?, ?, ?)',
    a.appealId,
    a.hallId,
    a.decision,
    a.managerId,
    a.note,
    a.at,
  );
  ctx.changed('appealDecision', a.appealId);
}
