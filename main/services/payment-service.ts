import type { z } from 'zod';
import type { InvoiceInput, PayInput, PaymentView, Reconciliation, RefundView } from '@common/api/payment-schemas';
import { cashChange } from '@common/payments/money';
import { reconcile, type ReconOrder } from '@common/payments/reconcile';
import type { PaymentChannel, PaymentStatus } from '@common/payments/states';
import { AppFailure } from '@common/result';
import type { PrepaidCardWriter } from '../../devices/cardwriter/prepaid-card-writer';
import type { CallerContext } from './caller';
import { GatewayTimeout, type PaymentGateway } from '../payments/payment-gateway';
import { verifyPinAsync } from '../security/pin';
import type { PaymentOrderRow, RefundRow } from '../storage/ops/payment-queries';
import type { ServiceContext } from './context';

/** What the receipt printer must do for payments (the station printer prints through its persistent queue). */
export interface PaymentReceiptPrinter {
  /** True once printed; false when it is queued (paper out…) and will print after refill or can be reprinted. */
  printPaymentReceipt(r: {
    title: string;
    receiptNo: string;
    accountNo: string;
    amountFen: number;
    channel: PaymentChannel;
    paidAt: string;
    operator: string;
    tenderedFen?: number | null;
    changeFen?: number | null;
  }): Promise<boolean>;
}

/** The simulated e-invoice service: issues an invoice number for a request, later. */
export interface EInvoiceIssuer {
  issue(request: {
    id: string;
    buyerTitle: string;
    taxId: string | null;
    amountFen: number;
  }): Promise<{ invoiceNo: string }>;
}

export interface PaymentServiceDeps {
  gateway: PaymentGateway | null;
  printer: PaymentReceiptPrinter | null;
  cardWriter: PrepaidCardWriter | null;
  invoices: EInvoiceIssuer | null;
  hallName: () => string;
}

type Pay = z.output<typeof PayInput>;

/** Who takes a payment: an agent (staff id, staff number) or a kiosk (`kiosk:<station>`, no window). */
export interface PayActor {
  staffId: string;
  /** Written to the audit log as the actor. */
  auditActor: string;
  windowNo: number | null;
}

/** The staff id a kiosk's payments are recorded under, so reconciliation can be done per kiosk. */
export const kioskStaffId = (stationId: string): string => `kiosk:${stationId}`;
const kioskOperator = (staffId: string): string =>
  staffId.startsWith('kiosk:') ? `自助终端 ${staffId.slice(6, 14)}` : '';
/** Hall day → its UTC bounds (Asia/Shanghai has no DST). */
const dayBounds = (day: string) => ({
  from: new Date(`${day}T00:00:00+08:00`).toISOString(),
  to: new Date(Date.parse(`${day}T00:00:00+08:00`) + 86_400_000).toISOString(),
});

/**
 * Money at the counter: cash with change, bank card and QR through the gateway adapter, prepaid
 * top-up written to the card, receipts through the persistent print queue, refunds with manager
 * approval, e-invoice requests, the agent's cash declaration and the daily reconciliation.
 * Every step is a synced mutator; a payment id made by the client makes every call idempotent.
 */
/** How long the customer screen shows a QR to scan before the counter should query the gateway. */
export const QR_SCAN_SECONDS = 120;

export class PaymentService {
  readonly #receipts = new Map<string, boolean>();
  readonly #qr = new Map<string, string>();
  readonly #inflight = new Map<string, Promise<PaymentView>>();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly deps: PaymentServiceDeps,
  ) {}

  #staff(caller: CallerContext) {
    if (!caller.session) throw new AppFailure('unauthenticated', '请先登录 (login required)');
    return caller.session;
  }

  #gateway(): PaymentGateway {
    if (!this.deps.gateway)
      throw new AppFailure('unavailable', '未配置支付网关，只能收取现金 (no payment gateway configured)', 'channel');
    return this.deps.gateway;
  }

  async #step(
    paymentId: string,
    status: Exclude<PaymentStatus, 'created'>,
    staffId: string,
    gatewayRef: string | null = null,
    note: string | null = null,
  ): Promise<void> {
    await this.ctx.mutate('payment.step', { paymentId, status, staffId, gatewayRef, note, at: this.ctx.nowIso() });
  }

  async get(id: string): Promise<PaymentView> {
    const found = await this.ctx.storage.run('paymentById', { id });
    if (!found) throw new AppFailure('not_found', `支付 ${id} 不存在 (no such payment)`, 'paymentId');
    const o = found.order;
    return {
      id: o.id,
      kind: o.kind,
      channel: o.channel,
      customerId: o.customer_id,
      accountNo: o.account_no,
      amountFen: o.amount_fen,
      tenderedFen: o.tendered_fen,
      changeFen: o.tendered_fen === null ? null : cashChange(o.amount_fen, o.tendered_fen),
      refundOf: o.refund_of,
      staffId: o.staff_id,
      windowNo: o.window_no,
      createdAt: o.created_at,
      status: o.status,
      events: found.events.map((e) => ({ status: e.status, at: e.at, note: e.note, gatewayRef: e.gateway_ref })),
      qrPayload: o.status === 'pending' || o.status === 'timed_out' ? (this.#qr.get(o.id) ?? null) : null,
      receiptPrinted: this.#receipts.get(o.id) ?? null,
      invoice: found.invoice
        ? {
            id: found.invoice.id,
            buyerTitle: found.invoice.buyer_title,
            status: found.invoice.status ?? 'pending',
            invoiceNo: found.invoice.invoice_no,
          }
        : null,
      refunds: found.refunds.map(toRefundView),
    };
  }

  /** Take a payment. Calling again with the same paymentId returns that payment; it never charges twice. */
  async pay(caller: CallerContext, input: Pay): Promise<PaymentView> {
    const staff = this.#staff(caller);
    return this.payAs({ staffId: staff.staffId, auditActor: staff.staff.staffNo, windowNo: caller.windowNo }, input);
  }

  /**
   * The one payment path, for whoever takes the money: an agent at a window, or a kiosk (staffId
   * `kiosk:<station>`, no window). Idempotent on the client-made paymentId.
   */
  async payAs(actor: PayActor, input: Pay): Promise<PaymentView> {
    // A second tap while the first is still at the gateway waits for it: one charge, one receipt.
    const inflight = this.#inflight.get(input.paymentId);
    if (inflight) return inflight.then(() => this.get(input.paymentId));
    const run = this.#payOnce(actor, input);
    this.#inflight.set(input.paymentId, run);
    try {
      return await run;
    } finally {
      this.#inflight.delete(input.paymentId);
    }
  }

  async #payOnce(actor: PayActor, input: Pay): Promise<PaymentView> {
    const staff = { staffId: actor.staffId, staff: { staffNo: actor.auditActor } };
    const caller = { windowNo: actor.windowNo };
    const existing = await this.ctx.storage.run('paymentById', { id: input.paymentId });
    if (existing) return this.get(input.paymentId);
    const customer = await this.ctx.storage.run('paymentCustomer', { id: input.customerId });
    if (!customer)
      throw new AppFailure('not_found', `客户 ${input.customerId} 不存在 (no such customer)`, 'customerId');
    if (input.channel !== 'cash' && !this.deps.gateway) this.#gateway();
    if (input.kind === 'topup' && !this.deps.cardWriter)
      throw new AppFailure('device_error', '未连接购电卡读写器 (no card writer)', 'kind');
    await this.ctx.mutate('payment.create', {
      id: input.paymentId,
      key: input.paymentId,
      hallId: this.ctx.hallId,
      kind: input.kind,
      channel: input.channel,
      customerId: customer.id,
      accountNo: customer.account_no,
      amountFen: input.amountFen,
      tenderedFen: input.channel === 'cash' ? (input.tenderedFen ?? null) : null,
      refundOf: null,
      staffId: staff.staffId,
      windowNo: caller.windowNo,
      ticketId: input.ticketId ?? null,
      at: this.ctx.nowIso(),
    });
    await this.ctx.audit(staff.staff.staffNo, 'payment.create', {
      paymentId: input.paymentId,
      channel: input.channel,
      kind: input.kind,
      amountFen: input.amountFen,
    });
    if (input.channel === 'cash') {
      if (input.kind === 'topup')
        await this.#step(
          input.paymentId,
          'pending',
          staff.staffId,
          null,
          '现金已收，写卡中 (cash taken, writing card)',
        );
      await this.#complete(input.paymentId, staff.staffId, null);
    } else {
      await this.#step(input.paymentId, 'pending', staff.staffId);
      await this.#charge(input.paymentId, input.channel, input.amountFen, staff.staffId);
    }
    return this.#changed(input.paymentId);
  }

  async #charge(paymentId: string, channel: 'bank_card' | 'qr', amountFen: number, staffId: string): Promise<void> {
    try {
      const order = await this.#gateway().create({
        merchantOrderId: paymentId,
        amountFen,
        method: channel === 'qr' ? 'qr' : 'card',
        description: '电费缴费',
      });
      await this.#applyGateway(
        paymentId,
        order.status,
        order.gatewayOrderId,
        order.declineReason,
        staffId,
        order.qrPayload,
      );
    } catch (e) {
      // The answer was lost: the gateway may or may not have charged. Recorded as timed out; resolved by query.
      if (e instanceof GatewayTimeout || (e instanceof AppFailure && e.code === 'unavailable'))
        await this.#step(paymentId, 'timed_out', staffId, null, e.message);
      else if (e instanceof AppFailure) await this.#step(paymentId, 'failed', staffId, null, e.message);
      else throw e;
    }
  }

  async #applyGateway(
    paymentId: string,
    status: string,
    ref: string,
    reason: string | null,
    staffId: string,
    qr: string | null,
  ): Promise<void> {
    if (status === 'succeeded') await this.#complete(paymentId, staffId, ref);
    else if (status === 'declined' || status === 'closed')
      await this.#step(paymentId, 'failed', staffId, ref, reason ?? '网关拒绝 (declined)');
    else if (status === 'reversed') {
      await this.#step(paymentId, 'failed', staffId, ref, '网关已冲正 (reversed at the gateway)');
    } else if (qr) this.#qr.set(paymentId, qr);
  }

  /** The money is in: for a top-up the card is written first; then succeeded and the receipt. */
  async #complete(paymentId: string, staffId: string, ref: string | null): Promise<void> {
    const p = await this.get(paymentId);
    if (p.kind === 'topup') {
      try {
        await this.deps.cardWriter!.writePurchase({
          accountNo: p.accountNo,
          purchaseId: paymentId,
          amountFen: p.amountFen,
        });
      } catch (e) {
        const why = `写卡失败：${e instanceof Error ? e.message : String(e)}`;
        // The card did not take the purchase: the money goes back (gateway reversal, or cash handed back).
        if (p.channel !== 'cash') await this.#gateway().reverse(paymentId);
        if (p.status === 'created') await this.#step(paymentId, 'pending', staffId, ref);
        await this.#step(
          paymentId,
          'failed',
          staffId,
          ref,
          `${why}，${p.channel === 'cash' ? '请退还现金' : '已在网关冲正'} (card write failed; money returned)`,
        );
        return;
      }
    }
    await this.#step(paymentId, 'succeeded', staffId, ref);
    this.#qr.delete(paymentId);
    await this.#printReceipt(paymentId);
  }

  async #printReceipt(paymentId: string): Promise<boolean> {
    if (!this.deps.printer) return false;
    const p = await this.get(paymentId);
    const staff = await this.ctx.storage.run('staffById', { id: p.staffId });
    const printed = await this.deps.printer.printPaymentReceipt({
      title:
        p.status === 'reversed'
          ? '冲正凭证（原交易作废）'
          : p.kind === 'refund'
            ? '电费退款凭证'
            : p.kind === 'topup'
              ? '购电充值凭证'
              : '电费缴费凭证',
      receiptNo: p.id.replace(/^pay-/, '').slice(0, 20).toUpperCase(),
      accountNo: p.accountNo,
      amountFen: p.kind === 'refund' || p.status === 'reversed' ? -p.amountFen : p.amountFen,
      channel: p.channel,
      paidAt: p.events.at(-1)?.at ?? p.createdAt,
      operator: staff ? `${staff.name} ${staff.staffNo}` : kioskOperator(p.staffId),
      tenderedFen: p.tenderedFen,
      changeFen: p.changeFen,
    });
    this.#receipts.set(paymentId, printed);
    return printed;
  }

  async #changed(paymentId: string): Promise<PaymentView> {
    const view = await this.get(paymentId);
    const pendingAt = view.events.find((e) => e.status === 'pending')?.at ?? view.createdAt;
    const qrExpiresAt =
      view.qrPayload && view.status === 'pending'
        ? new Date(Date.parse(pendingAt) + QR_SCAN_SECONDS * 1000).toISOString()
        : null;
    this.ctx.events.emit('payment.changed', {
      paymentId,
      status: view.status,
      windowNo: view.windowNo,
      qrPayload: view.qrPayload,
      amountFen: view.amountFen,
      // For the customer screen: what it shows beside the QR or the cash.
      channel: view.channel,
      kind: view.kind,
      tenderedFen: view.tenderedFen,
      changeFen: view.changeFen,
      qrExpiresAt,
    });
    return view;
  }

  /** Resolve a pending or timed-out payment by asking the gateway — never by guessing. */
  async resolve(caller: CallerContext, paymentId: string): Promise<PaymentView> {
    const staff = this.#staff(caller);
    return this.resolveAs(
      { staffId: staff.staffId, auditActor: staff.staff.staffNo, windowNo: caller.windowNo },
      paymentId,
    );
  }

  async resolveAs(actor: PayActor, paymentId: string): Promise<PaymentView> {
    const staff = { staffId: actor.staffId, staff: { staffNo: actor.auditActor } };
    const p = await this.get(paymentId);
    if (p.status !== 'pending' && p.status !== 'timed_out') return p;
    if (p.channel === 'cash') throw new AppFailure('conflict', '现金支付无需查询 (cash is not queried)', 'paymentId');
    const order = await this.#gateway().query(paymentId);
    if (!order)
      await this.#step(
        paymentId,
        'failed',
        staff.staffId,
        null,
        '网关无此订单：请求未到达网关，未扣款 (gateway has no such order)',
      );
    else
      await this.#applyGateway(
        paymentId,
        order.status,
        order.gatewayOrderId,
        order.declineReason,
        staff.staffId,
        order.qrPayload,
      );
    await this.ctx.audit(staff.staff.staffNo, 'payment.resolve', { paymentId, gateway: order?.status ?? 'not_found' });
    return this.#changed(paymentId);
  }

  /**
   * The customer gave up waiting (the kiosk's QR countdown ran out): ask the gateway first — a scan
   * may have landed — and only a still-pending order is closed there; its answer decides the state.
   */
  async closeUnpaid(actor: PayActor, paymentId: string): Promise<PaymentView> {
    const p = await this.resolveAs(actor, paymentId);
    if (p.status !== 'pending' && p.status !== 'timed_out') return p;
    let order: Awaited<ReturnType<PaymentGateway['reverse']>> | null = null;
    try {
      order = await this.#gateway().reverse(paymentId);
    } catch (e) {
      if (!(e instanceof AppFailure) || e.code !== 'not_found') throw e;
    }
    if (!order)
      await this.#step(paymentId, 'failed', actor.staffId, null, '网关无此订单：未扣款 (gateway has no such order)');
    else if (order.status === 'closed')
      await this.#step(
        paymentId,
        'failed',
        actor.staffId,
        order.gatewayOrderId,
        '顾客未扫码，订单已在网关关闭 (closed unpaid)',
      );
    else
      await this.#applyGateway(
        paymentId,
        order.status,
        order.gatewayOrderId,
        order.declineReason,
        actor.staffId,
        order.qrPayload,
      );
    await this.ctx.audit(actor.auditActor, 'payment.closeUnpaid', { paymentId, gateway: order?.status ?? 'not_found' });
    return this.#changed(paymentId);
  }

  async reprint(caller: CallerContext, paymentId: string): Promise<PaymentView> {
    const staff = this.#staff(caller);
    const p = await this.get(paymentId);
    if (p.status !== 'succeeded' && p.status !== 'reversed')
      throw new AppFailure('conflict', '只有成功的支付有凭证 (no receipt for this payment)', 'paymentId');
    if (!this.deps.printer) throw new AppFailure('device_error', '未配置打印机 (no printer configured)');
    await this.#printReceipt(paymentId);
    await this.ctx.audit(staff.staff.staffNo, 'payment.reprint', { paymentId });
    return this.get(paymentId);
  }

  async today(caller: CallerContext): Promise<PaymentView[]> {
    const staff = this.#staff(caller);
    const rows = await this.ctx.storage.run('paymentsBetween', {
      ...dayBounds(this.ctx.today()),
      staffId: staff.staffId,
    });
    return Promise.all(rows.reverse().map((r) => this.get(r.id)));
  }

  // ── Refunds: the agent asks with a reason, a manager decides (here, or with PIN at the counter) ──

  async requestRefund(
    caller: CallerContext,
    input: { paymentId: string; amountFen: number; reason: string },
  ): Promise<RefundView> {
    const staff = this.#staff(caller);
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
    if (!r) throw new AppFailure('not_found', `退款申请 ${id} 不存在`, 'requestId');
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
    const staff = this.#staff(caller);
    return this.#decide(staff.staffId, staff.staff.staffNo, input, 'manager_page');
  }

  /** The manager decides at the counter: their staff number and PIN, checked here and audited either way. */
  async decideRefundOnSpot(
    caller: CallerContext,
    input: { requestId: string; approve: boolean; note?: string; managerStaffNo: string; managerPin: string },
  ): Promise<RefundView> {
    const agent = this.#staff(caller);
    const manager = await this.#managerOnSpot(input.managerStaffNo, input.managerPin, 'refund.approval_failed', {
      requestId: input.requestId,
      agent: agent.staff.staffNo,
    });
    return this.#decide(manager.id, manager.staff_no, input, `counter:${agent.staff.staffNo}`);
  }

  /** A manager's staff number and PIN entered at the counter; a failure is audited either way. */
  async #managerOnSpot(staffNo: string, pin: string, failAction: string, detail: Record<string, unknown>) {
    const manager = await this.ctx.storage.run('staffByNo', { staffNo });
    const ok = manager ? await verifyPinAsync(pin, manager.pin_hash) : false;
    if (!manager || !ok || manager.role !== 'manager') {
      await this.ctx.audit(staffNo, failAction, detail);
      if (manager && ok)
        throw new AppFailure('forbidden', '该工号不是营业厅主任，不能审批 (not a manager)', 'managerStaffNo');
      throw new AppFailure('unauthenticated', '主任工号或密码错误 (wrong manager staff number or PIN)', 'managerPin');
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
    const agent = this.#staff(caller);
    const p = await this.get(input.paymentId);
    // The same request again (a second click, a retry after a lost answer) gets the same answer and does nothing twice;
    // another reversal of an already reversed payment is a conflict, as below.
    if (p.status === 'reversed' && p.events.find((e) => e.status === 'reversed')?.note === input.reason.trim())
      return p;
    if (p.status !== 'succeeded' || p.kind === 'refund')
      throw new AppFailure(
        'conflict',
        '只有支付成功的缴费/充值可以冲正 (only a succeeded payment can be reversed)',
        'paymentId',
      );
    if (p.createdAt < dayBounds(this.ctx.today()).from)
      throw new AppFailure('conflict', '只能冲正当日的支付，往日请走退款 (same day only; use a refund)', 'paymentId');
    if (p.refunds.some((r) => r.decision !== 'rejected'))
      throw new AppFailure('conflict', '该笔支付已有退款申请，不能冲正 (has refunds)', 'paymentId');
    const manager = await this.#managerOnSpot(input.managerStaffNo, input.managerPin, 'payment.reverse_failed', {
      paymentId: input.paymentId,
      agent: agent.staff.staffNo,
    });
    let ref: string | null = null;
    if (p.channel !== 'cash') ref = (await this.#gateway().reverse(p.id)).gatewayOrderId;
    await this.#step(p.id, 'reversed', manager.id, ref, input.reason);
    await this.ctx.audit(manager.staff_no, 'payment.reverse', {
      paymentId: p.id,
      amountFen: p.amountFen,
      reason: input.reason,
      agent: agent.staff.staffNo,
    });
    // The void slip (冲正凭证) for the customer and the till; with paper out it waits in the print queue.
    await this.#printReceipt(p.id);
    return this.#changed(p.id);
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
        `该退款申请已${req.decision === 'approved' ? '批准' : '驳回'} (already decided)`,
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
    const original = await this.get(req.paymentId);
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
      await this.#step(refundPaymentId, 'succeeded', managerId, null, '现金退还 (cash handed back)');
      await this.#printReceipt(refundPaymentId);
      return;
    }
    await this.#step(refundPaymentId, 'pending', managerId);
    try {
      const order = await this.#gateway().refund(original.id, { refundId: refundPaymentId, amountFen: req.amountFen });
      await this.#step(refundPaymentId, 'succeeded', managerId, order.gatewayOrderId);
      await this.#printReceipt(refundPaymentId);
    } catch (e) {
      if (!(e instanceof AppFailure)) throw e;
      await this.#step(refundPaymentId, e.code === 'unavailable' ? 'timed_out' : 'failed', managerId, null, e.message);
    }
  }

  // ── E-invoice ──

  async requestInvoice(caller: CallerContext, input: z.output<typeof InvoiceInput>): Promise<PaymentView> {
    const staff = this.#staff(caller);
    const p = await this.get(input.paymentId);
    const id = this.ctx.newId('inv');
    await this.ctx.mutate('invoice.request', {
      id,
      hallId: this.ctx.hallId,
      paymentId: input.paymentId,
      buyerTitle: input.buyerTitle,
      taxId: input.taxId?.trim() ? input.taxId : null,
      email: input.email?.trim() ? input.email : null,
      staffId: staff.staffId,
      at: this.ctx.nowIso(),
    });
    const issuer = this.deps.invoices;
    if (issuer) {
      // Issued by the (simulated) e-invoice service after the answer: the request is the durable fact.
      void issuer
        .issue({ id, buyerTitle: input.buyerTitle, taxId: input.taxId ?? null, amountFen: p.amountFen })
        .then((r) =>
          this.ctx.mutate('invoice.issue', {
            id: `${id}:issued`,
            invoiceId: id,
            status: 'issued',
            invoiceNo: r.invoiceNo,
            at: this.ctx.nowIso(),
          }),
        )
        .then(() => this.#changed(input.paymentId))
        .catch(() =>
          this.ctx
            .mutate('invoice.issue', {
              id: `${id}:failed`,
              invoiceId: id,
              status: 'failed',
              invoiceNo: null,
              at: this.ctx.nowIso(),
            })
            .catch(() => {}),
        );
    }
    return this.get(input.paymentId);
  }

  // ── Day end: declared cash and reconciliation ──

  async declareCash(caller: CallerContext, input: { declaredFen: number; note?: string }): Promise<Reconciliation> {
    const staff = this.#staff(caller);
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
    const me = this.#staff(caller);
    const day = input.day ?? this.ctx.today();
    let staff: { id: string; staffNo: string; name: string } | null = {
      id: me.staffId,
      staffNo: me.staff.staffNo,
      name: me.staff.name,
    };
    if (me.role === 'manager') {
      if (input.staffNo) {
        const row = await this.ctx.storage.run('staffByNo', { staffNo: input.staffNo });
        if (!row) throw new AppFailure('not_found', `工号 ${input.staffNo} 不存在`, 'staffNo');
        staff = { id: row.id, staffNo: row.staff_no, name: row.name };
      } else if (caller.role === 'manager') staff = null;
    } else if (input.staffNo && input.staffNo !== me.staff.staffNo)
      throw new AppFailure('forbidden', '只能查看本人的日结 (own reconciliation only)', 'staffNo');
    const rows = await this.ctx.storage.run('paymentsBetween', { ...dayBounds(day), staffId: staff?.id ?? null });
    const declared = staff ? await this.ctx.storage.run('declaredCash', { staffId: staff.id, day }) : null;
    let statement: { merchantOrderId: string; amountFen: number }[] | null = null;
    let statementError: string | null = null;
    if (this.deps.gateway && rows.some((r) => r.channel === 'bank_card' || r.channel === 'qr')) {
      try {
        statement = (await this.deps.gateway.statement(day)).entries;
      } catch (e) {
        statementError = e instanceof Error ? e.message : String(e);
      }
    } else if (this.deps.gateway) statement = [];
    const result = reconcile({
      day,
      orders: rows.map(toReconOrder),
      declaredCashFen: staff ? (declared?.declared_fen ?? null) : null,
      statement,
      wholeHall: staff === null,
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
    let statement: { merchantOrderId: string; amountFen: number }[] | null = null;
    let statementError: string | null = null;
    if (this.deps.gateway && rows.length > 0) {
      try {
        statement = (await this.deps.gateway.statement(day)).entries;
      } catch (e) {
        statementError = e instanceof Error ? e.message : String(e);
      }
    } else if (this.deps.gateway) statement = [];
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

  // ── Oral consultations (口头咨询) ──

  async logConsultation(caller: CallerContext, input: { topic: string; ticketId?: string; note?: string }) {
    const staff = this.#staff(caller);
    const id = this.ctx.newId('cs');
    await this.ctx.mutate('consultation.log', {
      id,
      hallId: this.ctx.hallId,
      staffId: staff.staffId,
      windowNo: caller.windowNo,
      ticketId: input.ticketId ?? null,
      topic: input.topic,
      note: input.note?.trim() || null,
      at: this.ctx.nowIso(),
    });
    return this.consultationsToday(caller);
  }

  async consultationsToday(caller: CallerContext) {
    const staff = this.#staff(caller);
    const rows = await this.ctx.storage.run('consultationsBetween', {
      staffId: staff.staffId,
      ...dayBounds(this.ctx.today()),
    });
    return rows.map((r) => ({ id: r.id, topic: r.topic, note: r.note, ticketNo: r.ticket_no, at: r.at }));
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

export const toRefundView = (r: RefundRow): RefundView => ({
  id: r.id,
  paymentId: r.payment_id,
  accountNo: r.account_no,
  originalFen: r.original_fen,
  channel: r.channel,
  amountFen: r.amount_fen,
  reason: r.reason,
  requestedBy: r.requested_by,
  requestedByName: r.requested_by_name,
  requestedAt: r.requested_at,
  decision: r.decision,
  decidedByName: r.decided_by_name,
  decidedAt: r.decided_at,
  note: r.note,
  refundPaymentId: r.refund_payment_id,
  refundStatus: r.refund_status,
});
