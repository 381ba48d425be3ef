import type { AgentService, EvaluationReport, ServiceEvidence, WeightsView } from '@common/api/evaluation-schemas';
import type { ApplicationDetail } from '@common/api/journey-schemas';
import { DEFAULT_WEIGHTS, EvaluationWeights } from '@common/domain/evaluation-weights';
import { buildEvaluation, previousPeriod } from '@common/evaluation/report';
import { AppFailure } from '@common/result';
import type { z } from 'zod';
import type { AppealRow } from '../storage/ops/evaluation-queries';
import { signedIn, type CallerContext } from './caller';
import type { ServiceContext } from './context';
import { toAppealView } from './appeal-service';

/** The longest period one evaluation covers: a year, leap day included. */
export const MAX_EVALUATION_DAYS = 366;
const DAY_MS = 86_400_000;

export interface EvaluationServiceDeps {
  ctx: ServiceContext;
  /** An application with its signature and whether the signature still holds (the counter flow's view). */
  applicationDetail(id: string): Promise<ApplicationDetail>;
}

/** The manager's staff evaluation: a period beside the previous one, the composite score, the drill-down to one service's evidence. */
export class EvaluationService {
  private readonly ctx: ServiceContext;
  private readonly applicationDetail: EvaluationServiceDeps['applicationDetail'];

  constructor(deps: EvaluationServiceDeps) {
    this.ctx = deps.ctx;
    this.applicationDetail = deps.applicationDetail;
  }

  /** A period of hall days: both default to today; from ≤ to; at most a year. */
  period(input: { from?: string; to?: string }): { from: string; to: string } {
    const to = input.to ?? (input.from && input.from > this.ctx.today() ? input.from : this.ctx.today());
    const from = input.from ?? to;
    if (from > to) throw new AppFailure('validation', 'form.endBeforeStart', {}, 'from');
    if ((Date.parse(to) - Date.parse(from)) / DAY_MS >= MAX_EVALUATION_DAYS)
      throw new AppFailure('validation', 'evaluation.periodTooLong', { max: MAX_EVALUATION_DAYS }, 'from');
    return { from, to };
  }

  async evaluation(input: { from?: string; to?: string }): Promise<EvaluationReport> {
    const { from, to } = this.period(input);
    const prev = previousPeriod(from, to);
    const [weights, current, previous] = await Promise.all([
      this.weights(),
      this.ctx.storage.run('evaluationFacts', { from, to }),
      this.ctx.storage.run('evaluationFacts', prev),
    ]);
    return buildEvaluation({ from, to, weights: weights.weights, current, previous });
  }

  async weights(): Promise<z.infer<typeof WeightsView>> {
    const row = await this.ctx.storage.run('evaluationWeights');
    if (!row) return { weights: DEFAULT_WEIGHTS, updatedAt: null, updatedBy: null };
    const parsed = EvaluationWeights.safeParse(JSON.parse(row.weights));
    const by = await this.ctx.storage.run('staffById', { id: row.updated_by });
    return {
      weights: parsed.success ? parsed.data : DEFAULT_WEIGHTS,
      updatedAt: row.updated_at,
      updatedBy: by?.name ?? null,
    };
  }

  /** The manager sets the hall's weights (synced to every station); audited. */
  async setWeights(caller: CallerContext, input: { weights: EvaluationWeights }): Promise<z.infer<typeof WeightsView>> {
    const manager = signedIn(caller);
    const before = await this.weights();
    await this.ctx.mutate('evaluation.setWeights', {
      hallId: this.ctx.hallId,
      weights: input.weights,
      managerId: manager.staffId,
      at: this.ctx.nowIso(),
    });
    await this.ctx.audit(manager.staff.staffNo, 'evaluation.setWeights', {
      before: before.weights,
      after: input.weights,
    });
    this.ctx.events.emit('evaluation.changed', { reason: 'weights' });
    return this.weights();
  }

  async agentServices(input: { staffId: string; from?: string; to?: string }): Promise<z.infer<typeof AgentService>[]> {
    const { from, to } = this.period(input);
    const staff = await this.ctx.storage.run('staffById', { id: input.staffId });
    if (!staff) throw new AppFailure('not_found', 'evaluation.agentNotFound', {}, 'staffId');
    const rows = await this.ctx.storage.run('agentServices', { staffId: input.staffId, from, to, limit: 500 });
    return rows.map((r) => ({
      ticketId: r.ticket_id,
      ticketNo: r.ticket_no,
      day: r.day,
      businessType: r.business_type,
      status: r.status,
      windowNo: r.window_no,
      issuedAt: r.issued_at,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      handlingSec:
        r.started_at && r.finished_at
          ? Math.round((Date.parse(r.finished_at) - Date.parse(r.started_at)) / 1000)
          : null,
      rating: r.rating_id
        ? {
            id: r.rating_id,
            level: r.rating_level!,
            reason: r.rating_reason,
            dimensions: JSON.parse(r.rating_dimensions ?? '{}') as Record<string, number>,
          }
        : null,
      appeal: r.appeal_id ? ((r.appeal_decision as 'accepted' | 'rejected' | null) ?? 'pending') : null,
      applications: r.applications,
      payments: r.payments,
    }));
  }

  /** One service, all its evidence: the calls, the forms with their signatures and validity, payments, the rating and any appeal. */
  async evidence(input: { ticketId: string }): Promise<ServiceEvidence> {
    const e = await this.ctx.storage.run('serviceEvidence', { ticketId: input.ticketId });
    if (!e) throw new AppFailure('not_found', 'evaluation.serviceNotFound', {}, 'ticketId');
    const agent = e.ticket.staff_id ? await this.ctx.storage.run('staffById', { id: e.ticket.staff_id }) : null;
    const applications = await Promise.all(e.applicationIds.map((id) => this.applicationDetail(id)));
    return {
      ticket: {
        id: e.ticket.id,
        number: e.ticket.number,
        day: e.ticket.day,
        businessType: e.ticket.business_type,
        status: e.ticket.status,
        windowNo: e.ticket.window_no,
        agent,
        issuedAt: e.ticket.issued_at,
        startedAt: e.ticket.started_at,
        finishedAt: e.ticket.finished_at,
      },
      calls: e.calls.map((c) => ({ at: c.at, windowNo: c.window_no, recall: c.recall === 1 })),
      rating: e.rating,
      appeal: e.appeal ? await this.appealView(e.appeal) : null,
      applications,
      payments: e.payments.map((p) => ({
        id: p.id,
        kind: p.kind,
        channel: p.channel,
        amountFen: p.amount_fen,
        createdAt: p.created_at,
        status: p.status,
      })),
    };
  }

  private async appealView(row: AppealRow) {
    const [staff, manager] = await Promise.all([
      this.ctx.storage.run('staffById', { id: row.staff_id }),
      row.manager_id ? this.ctx.storage.run('staffById', { id: row.manager_id }) : null,
    ]);
    return toAppealView(row, staff, manager?.name ?? null);
  }
}
