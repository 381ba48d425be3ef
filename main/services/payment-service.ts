import type { z } from 'zod';
import type { PayInput, PaymentView } from '@common/api/payment-schemas';
import { AppFailure } from '@common/result';
import type { PrepaidCardWriter } from '../../devices/cardwriter/prepaid-card-writer';
import { signedIn, type CallerContext } from './caller';
import type { ServiceContext } from './context';
import { dayBounds, requireGateway, type PayActor } from './money-helpers';
import type { PaymentLedger } from './payment-ledger';
import type { PaymentGateway } from './ports/payment-gateway';

export interface PaymentServiceDeps {
  ctx: ServiceContext;
  ledger: PaymentLedger;
  /** None: cash only. */
  gateway: PaymentGateway | null;
  /** Top-ups are written to the customer's prepaid card; none: no top-ups. */
  cardWriter: PrepaidCardWriter | null;
}

type Pay = z.output<typeof PayInput>;

/**
 * Taking money at the counter and the kiosk: cash with change, bank card and QR through the
 * gateway, prepaid top-up written to the card, the receipt through the persistent print queue.
 * Every step is a synced mutator; a payment id made by the client makes every call idempotent.
 */
export class PaymentService {
  readonly #inflight = new Map<string, Promise<PaymentView>>();
  /** Card and QR payments taken here that the gateway has not settled yet, with who took them. */
  readonly #awaiting = new Map<string, PayActor>();
  /** The last settling step per payment: an agent's 查询结果 and a gateway notice take turns, never both at once. */
  readonly #settling = new Map<string, Promise<unknown>>();
  /** Payments whose customer is no longer at the kiosk: settled without printing (the receipt waits for the next visit). */
  readonly #unattended = new Set<string>();
  private readonly ctx: ServiceContext;
  private readonly ledger: PaymentLedger;
  private readonly gateway: PaymentGateway | null;
  private readonly cardWriter: PrepaidCardWriter | null;

  constructor(deps: PaymentServiceDeps) {
    this.ctx = deps.ctx;
    this.ledger = deps.ledger;
    this.gateway = deps.gateway;
    this.cardWriter = deps.cardWriter;
  }

  #gateway(): PaymentGateway {
    return requireGateway(this.gateway);
  }

  get(id: string): Promise<PaymentView> {
    return this.ledger.get(id);
  }

  /** Take a payment. Calling again with the same paymentId returns that payment; it never charges twice. */
  async pay(caller: CallerContext, input: Pay): Promise<PaymentView> {
    const staff = signedIn(caller);
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
    if (!customer) throw new AppFailure('not_found', 'customer.notFound', {}, 'customerId');
    if (input.channel !== 'cash' && !this.gateway) this.#gateway();
    if (input.kind === 'topup' && !this.cardWriter)
      throw new AppFailure('device_error', 'device.noCardWriter', {}, 'kind');
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
        await this.ledger.step(
          input.paymentId,
          'pending',
          staff.staffId,
          null,
          '现金已收，写卡中 (cash taken, writing card)',
        );
      await this.#complete(input.paymentId, staff.staffId, null);
    } else {
      await this.ledger.step(input.paymentId, 'pending', staff.staffId);
      await this.#charge(input.paymentId, input.channel, input.amountFen, staff.staffId);
    }
    return this.#follow(actor, await this.ledger.changed(input.paymentId));
  }

  /** A payment still open at the gateway is watched until the gateway settles it. */
  #follow(actor: PayActor, p: PaymentView): PaymentView {
    if (p.channel !== 'cash' && isOpen(p.status)) this.#awaiting.set(p.id, actor);
    else {
      this.#awaiting.delete(p.id);
      this.#unattended.delete(p.id);
    }
    return p;
  }

  /** The customer left the kiosk before this payment settled: no receipt prints for nobody. */
  leftUnattended(paymentId: string): void {
    if (this.#awaiting.has(paymentId) || this.#inflight.has(paymentId)) this.#unattended.add(paymentId);
  }

  /** The customer is back at the screen for this payment: its receipt prints when it settles. */
  attended(paymentId: string): void {
    this.#unattended.delete(paymentId);
  }

  /** The account's payments (not refunds) still open anywhere in the hall, as far as sync has told this station. */
  async openFor(customerId: number): Promise<PaymentView[]> {
    const rows = await this.ctx.storage.run('openPaymentsOf', { customerId });
    return Promise.all(rows.map((r) => this.get(r.id)));
  }

  /**
   * After a restart: the payments this payer left open are watched again and asked about at once.
   * Nobody is at the screen for them, so their receipts wait for the customer's next visit.
   */
  async recoverOpen(actor: PayActor): Promise<PaymentView[]> {
    const rows = await this.ctx.storage.run('openPaymentsBy', { staffId: actor.staffId });
    const out: PaymentView[] = [];
    for (const r of rows) {
      if (r.channel === 'cash' || this.#inflight.has(r.id)) continue;
      this.#unattended.add(r.id);
      this.#awaiting.set(r.id, actor);
      out.push(await this.resolveAs(actor, r.id).catch(() => this.get(r.id)));
    }
    return out;
  }

  /** Prints a settled payment's receipt now that its customer is at the kiosk again. */
  async printReceiptNow(paymentId: string): Promise<boolean> {
    return this.ledger.printReceiptOnce(paymentId);
  }

  /** The payments taken here that still wait on the gateway (the notice watcher settles them). */
  awaitingGateway(): string[] {
    return [...this.#awaiting.keys()];
  }

  /** The gateway says an order changed: ask it (never trust the notice) and settle the payment as its taker. */
  async settleFromGateway(paymentId: string): Promise<void> {
    const actor = this.#awaiting.get(paymentId);
    if (actor) await this.resolveAs(actor, paymentId);
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
      if (e instanceof AppFailure && e.code === 'unavailable')
        await this.ledger.step(paymentId, 'timed_out', staffId, null, e.message);
      else if (e instanceof AppFailure) await this.ledger.step(paymentId, 'failed', staffId, null, e.message);
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
      await this.ledger.step(paymentId, 'failed', staffId, ref, reason ?? '网关拒绝 (declined)');
    else if (status === 'reversed') {
      await this.ledger.step(paymentId, 'failed', staffId, ref, '网关已冲正 (reversed at the gateway)');
    } else if (qr) this.ledger.showQr(paymentId, qr);
  }

  /** The money is in: for a top-up the card is written first; then succeeded and the receipt. */
  async #complete(paymentId: string, staffId: string, ref: string | null): Promise<void> {
    const p = await this.get(paymentId);
    if (p.kind === 'topup') {
      try {
        await this.cardWriter!.writePurchase({
          accountNo: p.accountNo,
          purchaseId: paymentId,
          amountFen: p.amountFen,
        });
      } catch (e) {
        const why = `写卡失败：${e instanceof Error ? e.message : String(e)}`;
        // The card did not take the purchase: the money goes back (gateway reversal, or cash handed back).
        if (p.channel !== 'cash') await this.#gateway().reverse(paymentId);
        if (p.status === 'created') await this.ledger.step(paymentId, 'pending', staffId, ref);
        await this.ledger.step(
          paymentId,
          'failed',
          staffId,
          ref,
          `${why}，${p.channel === 'cash' ? '请退还现金' : '已在网关冲正'} (card write failed; money returned)`,
        );
        return;
      }
    }
    await this.ledger.step(paymentId, 'succeeded', staffId, ref);
    this.ledger.clearQr(paymentId);
    if (!this.#unattended.has(paymentId)) await this.ledger.printReceipt(paymentId);
  }

  /** Resolve a pending or timed-out payment by asking the gateway — never by guessing. */
  async resolve(caller: CallerContext, paymentId: string): Promise<PaymentView> {
    const staff = signedIn(caller);
    return this.resolveAs(
      { staffId: staff.staffId, auditActor: staff.staff.staffNo, windowNo: caller.windowNo },
      paymentId,
    );
  }

  async resolveAs(actor: PayActor, paymentId: string): Promise<PaymentView> {
    // A charge still on its way to the gateway is not asked about: "no such order" would be a lie.
    await this.#inflight.get(paymentId)?.catch(() => undefined);
    return this.#oneAtATime(paymentId, () => this.#resolveOnce(actor, paymentId));
  }

  /** Runs `f` after any settling step of the same payment has finished (each step reads the state afresh). */
  async #oneAtATime<T>(paymentId: string, f: () => Promise<T>): Promise<T> {
    const before = this.#settling.get(paymentId);
    const run = (before ? before.catch(() => undefined) : Promise.resolve()).then(f);
    this.#settling.set(paymentId, run);
    try {
      return await run;
    } finally {
      if (this.#settling.get(paymentId) === run) this.#settling.delete(paymentId);
    }
  }

  async #resolveOnce(actor: PayActor, paymentId: string): Promise<PaymentView> {
    const staff = { staffId: actor.staffId, staff: { staffNo: actor.auditActor } };
    const p = await this.get(paymentId);
    if (!isOpen(p.status)) return p;
    if (p.channel === 'cash') throw new AppFailure('conflict', 'payment.cashNotQueried', {}, 'paymentId');
    const order = await this.#gateway().query(paymentId);
    // Created here but the station stopped before recording it as sent: the gateway's answer decides.
    if (p.status === 'created' && order?.status === 'pending')
      await this.ledger.step(paymentId, 'pending', staff.staffId, order.gatewayOrderId);
    if (!order)
      await this.ledger.step(
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
    return this.#follow(actor, await this.ledger.changed(paymentId));
  }

  /**
   * The customer gave up waiting (the kiosk's QR countdown ran out): ask the gateway first — a scan
   * may have landed — and only a still-pending order is closed there; its answer decides the state.
   */
  async closeUnpaid(actor: PayActor, paymentId: string): Promise<PaymentView> {
    await this.#inflight.get(paymentId)?.catch(() => undefined);
    return this.#oneAtATime(paymentId, () => this.#closeUnpaidOnce(actor, paymentId));
  }

  async #closeUnpaidOnce(actor: PayActor, paymentId: string): Promise<PaymentView> {
    const p = await this.#resolveOnce(actor, paymentId);
    if (!isOpen(p.status)) return p;
    let order: Awaited<ReturnType<PaymentGateway['reverse']>> | null = null;
    try {
      order = await this.#gateway().reverse(paymentId);
    } catch (e) {
      if (!(e instanceof AppFailure) || e.code !== 'not_found') throw e;
    }
    if (!order)
      await this.ledger.step(
        paymentId,
        'failed',
        actor.staffId,
        null,
        '网关无此订单：未扣款 (gateway has no such order)',
      );
    else if (order.status === 'closed')
      await this.ledger.step(
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
    return this.#follow(actor, await this.ledger.changed(paymentId));
  }

  async reprint(caller: CallerContext, paymentId: string): Promise<PaymentView> {
    const staff = signedIn(caller);
    const p = await this.get(paymentId);
    if (p.status !== 'succeeded' && p.status !== 'reversed')
      throw new AppFailure('conflict', 'payment.noReceipt', {}, 'paymentId');
    if (!this.ledger.canPrint) throw new AppFailure('device_error', 'device.noPrinter');
    await this.ledger.printReceipt(paymentId);
    await this.ctx.audit(staff.staff.staffNo, 'payment.reprint', { paymentId });
    return this.get(paymentId);
  }

  async today(caller: CallerContext): Promise<PaymentView[]> {
    const staff = signedIn(caller);
    const rows = await this.ctx.storage.run('paymentsBetween', {
      ...dayBounds(this.ctx.today()),
      staffId: staff.staffId,
    });
    return Promise.all(rows.reverse().map((r) => this.get(r.id)));
  }
}

/** Not settled yet: the money may or may not have moved. */
const isOpen = (s: PaymentView['status']): boolean => s === 'created' || s === 'pending' || s === 'timed_out';
