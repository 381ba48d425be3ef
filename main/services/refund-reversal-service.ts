import type { PaymentView, RefundView } from '@common/api/payment-schemas';
import { term } from '@common/errors';
import { AppFailure } from '@common/result';
import { lockedNow, type StaffPinGate } from '../security/staff-pin-gate';
import { signedIn, sourceOf, type CallerContext } from './caller';
import type { ServiceContext } from './context';
import { dayBounds, requireGateway, toRefundView } from './money-helpers';
import type { PaymentLedger } from './payment-ledger';
import type { PaymentGateway } from './ports/payment-gateway';

export interface RefundReversalServiceDeps {
  ctx: ServiceContext;
  ledger: PaymentLedger;
  /** Card and QR money goes back through the gateway; none: cash only. */
  gateway: PaymentGateway | null;
  /** A manager's PIN at the counter counts towards the same lockout as their login. */
  pins: StaffPinGate;
}

/**
 * Money going back. Refunds: the agent asks with a reason, a manager decides (on the manager page,
 * or with their PIN at the counter), and the approved amount returns the way it came. Reversals
 * (冲正): a succeeded payment of today cancelled as a whole, with a manager's PIN.
 */
export class RefundReversalService {
  private readonly ctx: ServiceContext;
  private readonly ledger: PaymentLedger;
  private readonly gateway: PaymentGateway | null;
  private readonly pins: StaffPinGate;

  constructor(deps: RefundReversalServiceDeps) {
    this.ctx = deps.ctx;
    this.pins = deps.pins;
    this.ledger = deps.ledger;
    this.gateway = deps.gateway;
  }

  #gateway(): PaymentGateway {
    return requireGateway(this.gateway);
  }

  async requestRefund(
    caller: CallerContext,
    input: { paymentId: string; amountFen: number; reason: string },
  ): Promise<RefundView> {
    const staff = signedIn(caller);
    const id = this.ctx.newId('rf');
    await this.ctx.mutate('refund.request', {
      id,
      hallId: this.ctx.hallId,
      paymentId: input.paymentId,
      amountFen: input.amountFen,
      reason: input.reason,
      staffId: staff.staffId,
      at: this.ctx.nowIso(),
    });
    await this.ctx.audit(staff.staff.staffNo, 'refund.request', {
      requestId: id,
      paymentId: input.paymentId,
      amountFen: input.amountFen,
      reason: input.reason,
    });
    this.ctx.events.emit('refund.changed', { requestId: id });
    return this.#refund(id);
  }

  async #refund(id: string): Promise<RefundView> {
    const r = await this.ctx.storage.run('refundRequestById', { id });
    if (!r) throw new AppFailure('not_found', 'payment.refundRequestNotFound', {}, 'requestId');
    return toRefundView(r);
  }

  async refunds(openOnly: boolean): Promise<RefundView[]> {
    return (await this.ctx.storage.run('refundRequests', { openOnly })).map(toRefundView);
  }

  /** The manager decides from the manager page (logged in as manager). */
  decideRefund(
    caller: CallerContext,
    input: { requestId: string; approve: boolean; note?: string },
  ): Promise<RefundView> {
    const staff = signedIn(caller);
    return this.#decide(staff.staffId, staff.staff.staffNo, input, 'manager_page');
  }

  /** The manager decides at the counter: their staff number and PIN, checked here and audited either way. */
  async decideRefundOnSpot(
    caller: CallerContext,
    input: { requestId: string; approve: boolean; note?: string; managerStaffNo: string; managerPin: string },
  ): Promise<RefundView> {
    const agent = signedIn(caller);
    const manager = await this.#managerOnSpot(
      caller,
      input.managerStaffNo,
      input.managerPin,
      'refund.approval_failed',
      {
        requestId: input.requestId,
        agent: agent.staff.staffNo,
      },
    );
    return this.#decide(manager.id, manager.staff_no, input, `counter:${agent.staff.staffNo}`);
  }

  /** A manager's staff number and PIN entered at the counter; a failure is audited either way. */
  async #managerOnSpot(
    caller: CallerContext,
    staffNo: string,
    pin: string,
    failAction: string,
    detail: Record<string, unknown>,
  ) {
    const outcome = await this.pins.check(caller, { staffNo, pin, failAction, detail });
    if ('wrong' in outcome)
      throw outcome.lockedNow
        ? lockedNow()
        : new AppFailure('unauthenticated', 'access.wrongManagerCredentials', {}, 'managerPin');
    const manager = outcome.staff;
    if (manager.role !== 'manager') {
      await this.ctx.audit(staffNo, failAction, { ...detail, source: sourceOf(caller), notManager: true });
      throw new AppFailure('forbidden', 'access.notManager', {}, 'managerStaffNo');
    }
    return manager;
  }

  /**
   * 冲正: cancel a succeeded payment of today as a whole (wrong account, wrong amount), with a
   * manager's PIN. Card/QR are reversed at the gateway first; the bills get their arrears back.
   */
  async reverse(
    caller: CallerContext,
    input: { paymentId: string; reason: string; managerStaffNo: string; managerPin: string },
  ): Promise<PaymentView> {
    // One reversal of a payment at a time on this station: a racing second click waits for the first and then sees it done.
    const before = this.#reversing.get(input.paymentId) ?? Promise.resolve(null);
    const run = before.catch(() => null).then(() => this.#reverseOnce(caller, input));
    this.#reversing.set(input.paymentId, run);
    try {
      return await run;
    } finally {
      if (this.#reversing.get(input.paymentId) === run) this.#reversing.delete(input.paymentId);
    }
  }

  readonly #reversing = new Map<string, Promise<PaymentView>>();

  async #reverseOnce(
    caller: CallerContext,
    input: { paymentId: string; reason: string; managerStaffNo: string; managerPin: string },
  ): Promise<PaymentView> {
    const agent = signedIn(caller);
    const p = await this.ledger.get(input.paymentId);
    // The same request again (a second click, a retry after a lost answer) gets the same answer and does nothing twice;
    // another reversal of an already reversed payment is a conflict, as below.
    if (p.status === 'reversed' && p.events.find((e) => e.status === 'reversed')?.note === input.reason.trim())
      return p;
    if (p.status !== 'succeeded' || p.kind === 'refund')
      throw new AppFailure('conflict', 'payment.reverseNeedsSuccess', {}, 'paymentId');
    if (p.createdAt < dayBounds(this.ctx.today()).from)
      throw new AppFailure('conflict', 'payment.reverseSameDayOnly', {}, 'paymentId');
    if (p.refunds.some((r) => r.decision !== 'rejected'))
      throw new AppFailure('conflict', 'payment.reverseHasRefunds', {}, 'paymentId');
    const manager = await this.#managerOnSpot(
      caller,
      input.managerStaffNo,
      input.managerPin,
      'payment.reverse_failed',
      {
        paymentId: input.paymentId,
        agent: agent.staff.staffNo,
      },
    );
    let ref: string | null = null;
    if (p.channel !== 'cash') ref = (await this.#gateway().reverse(p.id)).gatewayOrderId;
    await this.ledger.step(p.id, 'reversed', manager.id, ref, input.reason);
    await this.ctx.audit(manager.staff_no, 'payment.reverse', {
      paymentId: p.id,
      amountFen: p.amountFen,
      reason: input.reason,
      agent: agent.staff.staffNo,
    });
    // The void slip (冲正凭证) for the customer and the till; with paper out it waits in the print queue.
    await this.ledger.printReceipt(p.id);
    return this.ledger.changed(p.id);
  }

  async #decide(
    managerId: string,
    managerNo: string,
    input: { requestId: string; approve: boolean; note?: string },
    where: string,
  ): Promise<RefundView> {
    const req = await this.#refund(input.requestId);
    if (req.decision)
      throw new AppFailure(
        'conflict',
        'payment.refundDecided',
        { decision: term(req.decision === 'approved' ? 'payment.decision.approved' : 'payment.decision.rejected') },
        'requestId',
      );
    const refundPaymentId = input.approve ? `pay-refund-${input.requestId.replace(/^rf-/, '')}` : null;
    await this.ctx.mutate('refund.decide', {
      requestId: input.requestId,
      hallId: this.ctx.hallId,
      decision: input.approve ? 'approved' : 'rejected',
      managerId,
      note: input.note?.trim() || null,
      refundPaymentId,
      at: this.ctx.nowIso(),
    });
    await this.ctx.audit(managerNo, input.approve ? 'refund.approve' : 'refund.reject', {
      requestId: input.requestId,
      paymentId: req.paymentId,
      amountFen: req.amountFen,
      where,
    });
    if (refundPaymentId) await this.#executeRefund(req, refundPaymentId, managerId);
    this.ctx.events.emit('refund.changed', { requestId: input.requestId });
    return this.#refund(input.requestId);
  }

  /** The approved refund goes back the way the money came: cash over the counter, card/QR through the gateway. */
  async #executeRefund(req: RefundView, refundPaymentId: string, managerId: string): Promise<void> {
    const original = await this.ledger.get(req.paymentId);
    await this.ctx.mutate('payment.create', {
      id: refundPaymentId,
      key: refundPaymentId,
      hallId: this.ctx.hallId,
      kind: 'refund',
      channel: original.channel,
      customerId: original.customerId,
      accountNo: original.accountNo,
      amountFen: req.amountFen,
      tenderedFen: null,
      refundOf: original.id,
      staffId: req.requestedBy,
      windowNo: original.windowNo,
      ticketId: null,
      at: this.ctx.nowIso(),
    });
    if (original.channel === 'cash') {
      await this.ledger.step(refundPaymentId, 'succeeded', managerId, null, '现金退还 (cash handed back)');
      await this.ledger.printReceipt(refundPaymentId);
      return;
    }
    await this.ledger.step(refundPaymentId, 'pending', managerId);
    try {
      const order = await this.#gateway().refund(original.id, { refundId: refundPaymentId, amountFen: req.amountFen });
      await this.ledger.step(refundPaymentId, 'succeeded', managerId, order.gatewayOrderId);
      await this.ledger.printReceipt(refundPaymentId);
    } catch (e) {
      if (!(e instanceof AppFailure)) throw e;
      await this.ledger.step(
        refundPaymentId,
        e.code === 'unavailable' ? 'timed_out' : 'failed',
        managerId,
        null,
        e.message,
      );
    }
  }
}
