import type { Reconciliation } from '@common/api/payment-schemas';
import { reconcile, type ReconOrder } from '@common/payments/reconcile';
import { AppFailure } from '@common/result';
import type { PaymentOrderRow } from '../storage/ops/payment-queries';
import { signedIn, type CallerContext } from './caller';
import type { ServiceContext } from './context';
import { dayBounds, kioskOperator } from './money-helpers';
import type { PaymentGateway } from './ports/payment-gateway';

export interface ReconciliationServiceDeps {
  ctx: ServiceContext;
  /** The statement card and QR payments are checked against; none: cash only. */
  gateway: PaymentGateway | null;
}

/**
 * Day end: the agent's cash declaration and the reconciliation of a day's payments against the
 * drawer and the gateway's statement — per agent, for the whole hall, or per kiosk — by the rules
 * of common/payments/reconcile.
 */
export class ReconciliationService {
  private readonly ctx: ServiceContext;
  private readonly gateway: PaymentGateway | null;

  constructor(deps: ReconciliationServiceDeps) {
    this.ctx = deps.ctx;
    this.gateway = deps.gateway;
  }

  async declareCash(caller: CallerContext, input: { declaredFen: number; note?: string }): Promise<Reconciliation> {
    const staff = signedIn(caller);
    const day = this.ctx.today();
    await this.ctx.mutate('cash.declare', {
      id: this.ctx.newId('cd'),
      hallId: this.ctx.hallId,
      staffId: staff.staffId,
      day,
      declaredFen: input.declaredFen,
      note: input.note?.trim() || null,
      at: this.ctx.nowIso(),
    });
    await this.ctx.audit(staff.staff.staffNo, 'cash.declare', { day, declaredFen: input.declaredFen });
    return this.reconciliation(caller, { day });
  }

  /** An agent reconciles their own day; a manager any agent's, or the whole hall (no staffNo). */
  async reconciliation(caller: CallerContext, input: { day?: string; staffNo?: string }): Promise<Reconciliation> {
    const me = signedIn(caller);
    const day = input.day ?? this.ctx.today();
    let staff: { id: string; staffNo: string; name: string } | null = {
      id: me.staffId,
      staffNo: me.staff.staffNo,
      name: me.staff.name,
    };
    if (me.role === 'manager') {
      if (input.staffNo) {
        const row = await this.ctx.storage.run('staffByNo', { staffNo: input.staffNo });
        if (!row) throw new AppFailure('not_found', 'access.staffNoUnknown', { staffNo: input.staffNo }, 'staffNo');
        staff = { id: row.id, staffNo: row.staff_no, name: row.name };
      } else if (caller.role === 'manager') staff = null;
    } else if (input.staffNo && input.staffNo !== me.staff.staffNo)
      throw new AppFailure('forbidden', 'payment.ownReconciliationOnly', {}, 'staffNo');
    const rows = await this.ctx.storage.run('paymentsBetween', { ...dayBounds(day), staffId: staff?.id ?? null });
    const declared = staff ? await this.ctx.storage.run('declaredCash', { staffId: staff.id, day }) : null;
    const { statement, statementError } = await this.#statement(
      day,
      rows.some((r) => r.channel === 'bank_card' || r.channel === 'qr'),
    );
    // The whole hall checks each agent's drawer against their own declaration.
    const declarations = staff
      ? undefined
      : (await this.ctx.storage.run('dayDeclarations', { day })).map((d) => ({
          staffNo: d.staff_no,
          name: d.name,
          declaredCashFen: d.declared_fen,
        }));
    const result = reconcile({
      day,
      orders: rows.map(toReconOrder),
      declaredCashFen: staff ? (declared?.declared_fen ?? null) : null,
      statement,
      wholeHall: staff === null,
      declarations,
    });
    return { ...result, staff, statementError };
  }

  /**
   * Per-kiosk reconciliation (Money): each kiosk's payments of the day against the
   * gateway's statement lines for those payments. Kiosks take no cash, so there is no drawer;
   * one statement is fetched for all kiosks. The same rules as the agents' (common/payments/reconcile).
   */
  async kioskReconciliation(input: {
    day?: string;
  }): Promise<{ day: string; kiosks: Reconciliation[]; statementError: string | null }> {
    const day = input.day ?? this.ctx.today();
    const rows = (await this.ctx.storage.run('paymentsBetween', { ...dayBounds(day), staffId: null })).filter((r) =>
      r.staff_id.startsWith('kiosk:'),
    );
    const { statement, statementError } = await this.#statement(day, rows.length > 0);
    const byKiosk = new Map<string, PaymentOrderRow[]>();
    for (const r of rows) byKiosk.set(r.staff_id, [...(byKiosk.get(r.staff_id) ?? []), r]);
    const kiosks = [...byKiosk.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, orders]) => ({
        ...reconcile({ day, orders: orders.map(toReconOrder), declaredCashFen: null, statement, wholeHall: false }),
        staff: { id, staffNo: id.slice(6, 14), name: kioskOperator(id) },
        statementError,
      }));
    return { day, kiosks, statementError };
  }

  /** The gateway's statement of the day when some payment needs it; its failure is reported, not thrown. */
  async #statement(
    day: string,
    needed: boolean,
  ): Promise<{ statement: { merchantOrderId: string; amountFen: number }[] | null; statementError: string | null }> {
    if (!this.gateway) return { statement: null, statementError: null };
    if (!needed) return { statement: [], statementError: null };
    try {
      return { statement: (await this.gateway.statement(day)).entries, statementError: null };
    } catch (e) {
      return { statement: null, statementError: e instanceof Error ? e.message : String(e) };
    }
  }
}

const toReconOrder = (r: PaymentOrderRow): ReconOrder => ({
  id: r.id,
  kind: r.kind,
  channel: r.channel,
  accountNo: r.account_no,
  amountFen: r.amount_fen,
  status: r.status,
  refundOf: r.refund_of,
  createdAt: r.created_at,
  // A kiosk is no staff member: its payments are labelled with the kiosk in the agents' tables too.
  staffNo: r.staff_no || kioskOperator(r.staff_id),
});
