import type { AppealView, AppealableRating } from '@common/api/evaluation-schemas';
import type { StaffPublic } from '@common/api/schemas';
import { APPEAL_WITHIN_DAYS } from '@common/mutators/appeals';
import { AppFailure } from '@common/result';
import type { z } from 'zod';
import { toRating } from '../storage/rows';
import type { AppealRow } from '../storage/ops/evaluation-queries';
import { signedIn, sourceOf, type CallerContext } from './caller';
import type { ServiceContext } from './context';

export function toAppealView(r: AppealRow, staff: StaffPublic | null, decidedBy: string | null): AppealView {
  return {
    id: r.id,
    ratingId: r.rating_id,
    staff,
    reason: r.reason,
    filedAt: r.filed_at,
    status: r.decision ?? 'pending',
    decidedBy,
    note: r.note,
    decidedAt: r.decided_at,
    ticketId: r.ticket_id,
    ticketNo: r.ticket_no,
    day: r.day,
    businessType: r.business_type,
    level: r.level,
    ratingReason: r.rating_reason,
    ratedAt: r.rated_at,
  };
}

/**
 * Appeals against bad ratings (申诉): the agent files one from the counter, a manager decides it.
 * The rules live in the mutators (common/mutators/appeals.ts), which the central runs again; this
 * service names the caller, audits every attempt — refused ones too — and tells the screens.
 */
export class AppealService {
  private readonly ctx: ServiceContext;

  constructor(deps: { ctx: ServiceContext }) {
    this.ctx = deps.ctx;
  }

  /** The signed-in agent's bad ratings of the last 30 days, with the appeal of each if filed. */
  async appealable(caller: CallerContext): Promise<z.infer<typeof AppealableRating>[]> {
    const agent = signedIn(caller);
    const since = new Date(this.ctx.clock.now().getTime() - APPEAL_WITHIN_DAYS * 86_400_000).toISOString().slice(0, 10);
    const rows = await this.ctx.storage.run('badRatingsOf', { staffId: agent.staffId, since });
    const limit = this.ctx.clock.now().getTime() - APPEAL_WITHIN_DAYS * 86_400_000;
    return Promise.all(
      rows.map(async (r) => ({
        rating: toRating(r),
        day: r.day,
        businessType: r.business_type,
        appeal: r.appeal_id ? await this.view(r.appeal_id) : null,
        canAppeal: !r.appeal_id && Date.parse(r.created_at) >= limit,
      })),
    );
  }

  async file(caller: CallerContext, input: { ratingId: string; reason: string }): Promise<AppealView> {
    const agent = signedIn(caller);
    const id = this.ctx.newId('ap');
    await this.attempt(agent.staff.staffNo, 'appeal.file', caller, { ratingId: input.ratingId, appealId: id }, () =>
      this.ctx.mutate('appeal.file', {
        id,
        hallId: this.ctx.hallId,
        ratingId: input.ratingId,
        staffId: agent.staffId,
        reason: input.reason,
        at: this.ctx.nowIso(),
      }),
    );
    this.ctx.events.emit('appeal.changed', { appealId: id });
    this.ctx.events.emit('evaluation.changed', { reason: 'appeal' });
    return this.view(id);
  }

  async decide(caller: CallerContext, input: { appealId: string; accept: boolean; note: string }): Promise<AppealView> {
    const manager = signedIn(caller);
    const decision = input.accept ? 'accepted' : 'rejected';
    await this.attempt(
      manager.staff.staffNo,
      `appeal.${input.accept ? 'accept' : 'reject'}`,
      caller,
      { appealId: input.appealId },
      () =>
        this.ctx.mutate('appeal.decide', {
          appealId: input.appealId,
          hallId: this.ctx.hallId,
          decision,
          managerId: manager.staffId,
          note: input.note,
          at: this.ctx.nowIso(),
        }),
    );
    this.ctx.events.emit('appeal.changed', { appealId: input.appealId });
    this.ctx.events.emit('evaluation.changed', { reason: 'appeal' });
    return this.view(input.appealId);
  }

  async list(input: { openOnly: boolean }): Promise<AppealView[]> {
    const rows = await this.ctx.storage.run('appeals', { openOnly: input.openOnly, limit: 500 });
    return Promise.all(rows.map((r) => this.toView(r)));
  }

  async view(id: string): Promise<AppealView> {
    const row = await this.ctx.storage.run('appealById', { id });
    if (!row) throw new AppFailure('not_found', 'appeal.notFound', {}, 'appealId');
    return this.toView(row);
  }

  private async toView(row: AppealRow): Promise<AppealView> {
    const [staff, manager] = await Promise.all([
      this.ctx.storage.run('staffById', { id: row.staff_id }),
      row.manager_id ? this.ctx.storage.run('staffById', { id: row.manager_id }) : null,
    ]);
    return toAppealView(row, staff, manager?.name ?? null);
  }

  /** Runs the mutation and audits it: done, or refused with the reason's key (then rethrown). */
  private async attempt(
    actor: string,
    action: string,
    caller: CallerContext,
    detail: Record<string, unknown>,
    run: () => Promise<unknown>,
  ): Promise<void> {
    try {
      await run();
    } catch (e) {
      if (e instanceof AppFailure)
        await this.ctx.audit(actor, `${action}.refused`, {
          ...detail,
          code: e.code,
          key: e.key,
          source: sourceOf(caller),
        });
      throw e;
    }
    await this.ctx.audit(actor, action, { ...detail, source: sourceOf(caller) });
  }
}
