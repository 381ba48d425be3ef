import type { CustomerInsights, HighRiskQuery } from '@common/api/customer-insights-schemas';
import { AppFailure } from '@common/result';
import type { CallerContext } from './caller';
import { signedIn } from './caller';
import type { ServiceContext } from './context';
import { highRiskWorkbook } from './high-risk-workbook';

export interface CustomerInsightDeps {
  ctx: ServiceContext;
  hallName: () => string;
}

/**
 * Customer tags and fee-recovery risk on the station (docs/analytics.md): what the counter, the
 * guide and the manager read, the manual tags and the catalogue they edit, the follow-up log. A
 * payment taken here recomputes the customer's tags, so the history moves with the money.
 */
export class CustomerInsightService {
  constructor(private readonly deps: CustomerInsightDeps) {}

  private get ctx(): ServiceContext {
    return this.deps.ctx;
  }

  /** Recompute tags whenever a payment here settles or is undone. Returns the unsubscribe. */
  watchPayments(): () => void {
    return this.ctx.events.subscribe((event, payload) => {
      if (event !== 'payment.changed') return;
      const p = payload as { paymentId: string; status: string };
      if (p.status !== 'succeeded' && p.status !== 'reversed') return;
      void this.recomputeForPayment(p.paymentId).catch(() => {
        // The nightly recompute at the central catches up what a failed one missed.
      });
    });
  }

  async recomputeForPayment(paymentId: string): Promise<boolean> {
    const customerId = await this.ctx.storage.run('paymentCustomerId', { paymentId });
    return customerId === null ? false : this.recompute(customerId);
  }

  /** Record the customer's tag changes when the history lags the facts; a recompute that would change nothing is not synced. */
  async recompute(customerId: number): Promise<boolean> {
    const at = this.ctx.nowIso();
    if (!(await this.ctx.storage.run('tagsOutOfDate', { customerId, at }))) return false;
    await this.ctx.mutate('tag.recompute', { hallId: this.ctx.hallId, customerId, at });
    this.ctx.events.emit('customer.changed', { customerId });
    return true;
  }

  async insights(customerId: number): Promise<CustomerInsights> {
    const found = await this.ctx.storage.run('customerInsights', { customerId, at: this.ctx.nowIso() });
    if (!found) throw new AppFailure('not_found', 'customer.notFound', {}, 'customerId');
    return found;
  }

  async greenChannel(customerId: number) {
    const i = await this.insights(customerId);
    return {
      greenChannel: i.greenChannel,
      tags: i.tags.filter((t) => t.hint === 'greenChannel').map((t) => ({ nameZh: t.nameZh, nameEn: t.nameEn })),
    };
  }

  async setTag(caller: CallerContext, input: { customerId: number; code: string; on: boolean; reason: string }) {
    const staff = signedIn(caller);
    await this.insights(input.customerId);
    await this.ctx.mutate(input.on ? 'tag.assign' : 'tag.remove', {
      hallId: this.ctx.hallId,
      staffId: staff.staffId,
      at: this.ctx.nowIso(),
      customerId: input.customerId,
      code: input.code,
      reason: input.reason,
    });
    await this.ctx.audit(staff.staff.staffNo, input.on ? 'customer.tagSet' : 'customer.tagRemoved', {
      customerId: input.customerId,
      code: input.code,
    });
    this.ctx.events.emit('customer.changed', { customerId: input.customerId });
    return this.insights(input.customerId);
  }

  highRisk(query: HighRiskQuery) {
    return this.ctx.storage.run('highRiskList', { at: this.ctx.nowIso(), query });
  }

  async highRiskExport(caller: CallerContext, query: HighRiskQuery) {
    const staff = signedIn(caller);
    const at = this.ctx.nowIso();
    const { rows } = await this.highRisk(query);
    const buffer = await highRiskWorkbook(rows, this.deps.hallName(), at, this.ctx.timeZone);
    await this.ctx.audit(staff.staff.staffNo, 'customer.highRiskExport', {
      rows: rows.length,
      minLevel: query.minLevel ?? 'medium',
    });
    return { fileName: `高风险客户-${this.ctx.today()}.xlsx`, base64: buffer.toString('base64') };
  }

  async recordFollowup(
    caller: CallerContext,
    input: { customerId: number; kind: 'reminder' | 'visit' | 'paid' | 'note'; note: string | null },
  ) {
    const staff = signedIn(caller);
    await this.insights(input.customerId);
    const id = this.ctx.newId('fu');
    await this.ctx.mutate('followup.record', {
      id,
      hallId: this.ctx.hallId,
      customerId: input.customerId,
      kind: input.kind,
      note: input.note,
      staffId: staff.staffId,
      at: this.ctx.nowIso(),
    });
    await this.ctx.audit(staff.staff.staffNo, 'customer.followup', {
      customerId: input.customerId,
      kind: input.kind,
      followupId: id,
    });
    return { id };
  }

  tagCatalogue() {
    return this.ctx.storage.run('tagCatalogue');
  }

  async defineTag(
    caller: CallerContext,
    input: {
      code: string;
      nameZh: string;
      nameEn: string;
      kind: 'rule' | 'manual';
      rule: unknown;
      validDays: number | null;
      owner: string;
      hint: 'greenChannel' | 'counter' | null;
      active: boolean;
    },
  ) {
    const staff = signedIn(caller);
    await this.ctx.mutate('tag.define', {
      ...input,
      rule: input.rule ?? null,
      hallId: this.ctx.hallId,
      staffId: staff.staffId,
      at: this.ctx.nowIso(),
    });
    await this.ctx.audit(staff.staff.staffNo, 'tag.define', {
      code: input.code,
      kind: input.kind,
      active: input.active,
    });
    return this.tagCatalogue();
  }
}
