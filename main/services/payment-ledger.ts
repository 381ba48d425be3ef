import type { PaymentView } from '@common/api/payment-schemas';
import { cashChange } from '@common/payments/money';
import type { PaymentStatus } from '@common/payments/states';
import { AppFailure } from '@common/result';
import type { ServiceContext } from './context';
import { hallDate } from '@common/time/hall-time';
import { toRefundView } from './money-helpers';
import type { PaymentReceiptPrinter } from './ports/printers';

/** How long the customer screen shows a QR to scan before the counter should query the gateway. */
export const QR_SCAN_SECONDS = 120;

export interface PaymentLedgerDeps {
  ctx: ServiceContext;
  printer: PaymentReceiptPrinter | null;
  /** This station's name as customers see it (station.json `stationName`), for kiosk receipts. */
  stationName?: () => string | null;
  /** The e-receipt link on the hall's public address (none: receipts print no QR). */
  eReceiptUrl?: (paymentId: string, createdAt: string) => Promise<string | null>;
}

/** A receipt as printed and as the e-receipt page shows it. */
export type ReceiptModel = Omit<Parameters<PaymentReceiptPrinter['printPaymentReceipt']>[0], 'unattended'> & {
  status: PaymentView['status'];
};

/**
 * The payment records every money service reads and steps: a payment as the screens see it, its
 * status steps (synced mutations), its receipt, and the `payment.changed` event. It also keeps
 * what lives only on this station: the QR being shown and whether the receipt printed.
 */
export class PaymentLedger {
  readonly #receipts = new Map<string, boolean>();
  readonly #qr = new Map<string, string>();
  readonly #printing = new Map<string, Promise<boolean>>();
  private readonly ctx: ServiceContext;
  private readonly printer: PaymentReceiptPrinter | null;
  private readonly stationName: () => string | null;
  private readonly eReceiptUrl: (paymentId: string, createdAt: string) => Promise<string | null>;

  constructor(deps: PaymentLedgerDeps) {
    this.ctx = deps.ctx;
    this.printer = deps.printer;
    this.stationName = deps.stationName ?? (() => null);
    this.eReceiptUrl = deps.eReceiptUrl ?? (() => Promise.resolve(null));
  }

  get canPrint(): boolean {
    return this.printer !== null;
  }

  async get(id: string): Promise<PaymentView> {
    const found = await this.ctx.storage.run('paymentById', { id });
    if (!found) throw new AppFailure('not_found', 'payment.notFound', {}, 'paymentId');
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

  async step(
    paymentId: string,
    status: Exclude<PaymentStatus, 'created'>,
    staffId: string,
    gatewayRef: string | null = null,
    note: string | null = null,
  ): Promise<void> {
    await this.ctx.mutate('payment.step', { paymentId, status, staffId, gatewayRef, note, at: this.ctx.nowIso() });
  }

  /** The QR the customer is to scan, shown while the payment is pending. */
  showQr(paymentId: string, qr: string): void {
    this.#qr.set(paymentId, qr);
  }

  clearQr(paymentId: string): void {
    this.#qr.delete(paymentId);
  }

  /** The receipt of a payment: what prints, and what the e-receipt page shows. */
  async receipt(paymentId: string): Promise<ReceiptModel> {
    const p = await this.get(paymentId);
    const staff = await this.ctx.storage.run('staffById', { id: p.staffId });
    const facts = await this.ctx.storage.run('receiptFacts', { paymentId });
    const day = hallDate(p.createdAt, this.ctx.timeZone);
    const seq = (facts?.payerOrders ?? []).filter((o) => hallDate(o.created_at, this.ctx.timeZone) === day).length;
    const payerCode = staff ? staff.staffNo : `K${p.staffId.slice(-4).toUpperCase()}`;
    const kioskName = this.stationName();
    return {
      status: p.status,
      title:
        p.status === 'reversed'
          ? '冲正凭证（原交易作废）'
          : p.kind === 'refund'
            ? '电费退款凭证'
            : p.kind === 'topup'
              ? '购电充值凭证'
              : '电费缴费凭证',
      // The payer's sequence of the hall day: 20250314-1002-0007 (agent 1002), 20250314-K9BF1-0003 (a kiosk).
      receiptNo: `${day.replaceAll('-', '')}-${payerCode}-${String(Math.max(seq, 1)).padStart(4, '0')}`,
      accountNo: p.accountNo,
      amountFen: p.kind === 'refund' || p.status === 'reversed' ? -p.amountFen : p.amountFen,
      channel: p.channel,
      paidAt: p.events.at(-1)?.at ?? p.createdAt,
      operator: staff ? `${staff.name} ${staff.staffNo}` : kioskName ? `自助终端 ${kioskName}` : '自助终端',
      tenderedFen: p.tenderedFen,
      changeFen: p.changeFen,
      customerName: facts?.nameMasked ?? null,
      periods: facts?.periods ?? [],
      qrUrl: await this.eReceiptUrl(p.id, p.createdAt),
    };
  }

  /** Prints the receipt unless it printed already; a print under way is waited for, never doubled. */
  async printReceiptOnce(paymentId: string): Promise<boolean> {
    const inFlight = this.#printing.get(paymentId);
    if (inFlight) return inFlight;
    if (this.#receipts.get(paymentId) === true) return true;
    return this.printReceipt(paymentId);
  }

  async printReceipt(paymentId: string): Promise<boolean> {
    const run = this.#print(paymentId);
    this.#printing.set(paymentId, run);
    try {
      return await run;
    } finally {
      if (this.#printing.get(paymentId) === run) this.#printing.delete(paymentId);
    }
  }

  async #print(paymentId: string): Promise<boolean> {
    if (!this.printer) return false;
    const { status: _status, ...receipt } = await this.receipt(paymentId);
    // A kiosk customer does not wait for a refill: not printed now, they get the e-receipt instead.
    const printed = await this.printer.printPaymentReceipt({
      ...receipt,
      unattended: receipt.operator.startsWith('自助终端'),
    });
    this.#receipts.set(paymentId, printed);
    return printed;
  }

  /** The payment as it is now, announced to the counter and the customer screen. */
  async changed(paymentId: string): Promise<PaymentView> {
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
}
