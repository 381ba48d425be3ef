import type { z } from 'zod';
import type {
  KioskAccount,
  KioskApplication,
  KioskIdentified,
  KioskIdentifyInput,
  KioskInvoiceInput,
  KioskInvoiceView,
  KioskPayInput,
  KioskPaymentView,
  KioskRecords,
} from '@common/api/kiosk-schemas';
import type { ApplicationView } from '@common/api/customer-schemas';
import type { PaymentView } from '@common/api/payment-schemas';
import type { IdCardView } from '@common/api/schemas';
import { formatYuan } from '@common/payments/money';
import { AppFailure } from '@common/result';
import type { PrepaidCardWriter } from '../../devices/cardwriter/prepaid-card-writer';
import type { ApplicationService } from './application-service';
import type { CallerContext } from './caller';
import type { ServiceContext } from './context';
import type { CustomerService } from './customer-service';
import type { InvoiceService } from './invoice-service';
import { kioskStaffId, type PayActor } from './money-helpers';
import type { PaymentService } from './payment-service';
import type { StationIdCardReader } from './ports/id-card-reader';

export interface KioskServiceDeps {
  ctx: ServiceContext;
  customers: CustomerService;
  /** None: this kiosk identifies and shows bills but takes no money. */
  payments: PaymentService | null;
  reader: StationIdCardReader | null;
  /** The power card's reader/writer: identifies by the card in the slot. */
  cardWriter?: PrepaidCardWriter | null;
  /** 办理进度: none, the kiosk shows no applications. */
  applications?: ApplicationService | null;
  /** 电子发票: none, the kiosk sends the customer to a counter. */
  invoices?: InvoiceService | null;
  /** The e-receipt on the hall's public address, offered as a QR when the receipt did not print. */
  eReceiptUrl?: (paymentId: string, createdAt: string) => Promise<string | null>;
}

/** How many payments 缴费记录 shows. */
const RECORD_PAYMENTS = 12;
/** 发票抬头 of a self-service request: a resident's invoice is made out to 个人. */
const PERSONAL_BUYER = '个人';

/** A kiosk forgets its customer after this long without a call (the screen counts down before it). */
export const KIOSK_IDLE_SECONDS = 180;
/** A card read longer ago than this is not taken as "the card on the reader now". */
const CARD_FRESH_MS = 60_000;
/** How far back a kiosk payment whose outcome the customer never saw is still shown on a visit. */
const OWED_OUTCOME_DAYS = 30;

interface KioskSession {
  customers: Set<number>;
  /** The payments started in this session: left unattended should the session end before they settle. */
  payments: Set<string>;
  /** Outcomes already recorded as shown to this customer. */
  shown: Set<string>;
  lastAt: number;
  /** Identified by more than the 户号 printed on every bill: records and invoices are open to it. */
  strong: boolean;
}

/**
 * 自助缴费 at the kiosk: identify by the ID card on this station's reader or by 户号, show the
 * identified accounts (masked), and pay through the one PaymentService as `kiosk:<station>`.
 * A kiosk connection only ever reaches the customers it identified, until its session ends.
 */
export class KioskService {
  readonly #sessions = new Map<string, KioskSession>();
  #card: { card: IdCardView; at: number } | null = null;
  readonly #off: () => void;

  private readonly ctx: ServiceContext;
  private readonly customers: CustomerService;
  private readonly payments: PaymentService | null;
  private readonly reader: StationIdCardReader | null;
  private readonly cardWriter: PrepaidCardWriter | null;
  private readonly applications: ApplicationService | null;
  private readonly invoices: InvoiceService | null;
  private readonly eReceiptUrl: (paymentId: string, createdAt: string) => Promise<string | null>;

  constructor(deps: KioskServiceDeps) {
    this.eReceiptUrl = deps.eReceiptUrl ?? (() => Promise.resolve(null));
    const { ctx, reader } = deps;
    this.ctx = ctx;
    this.customers = deps.customers;
    this.payments = deps.payments;
    this.reader = reader;
    this.cardWriter = deps.cardWriter ?? null;
    this.applications = deps.applications ?? null;
    this.invoices = deps.invoices ?? null;
    this.#off =
      reader?.on((event) => {
        if (event.type === 'read') {
          this.#card = { card: event.card, at: Date.now() };
          ctx.events.emit('kiosk.cardRead', { at: event.card.readAt });
        } else if (event.type === 'removed') this.#card = null;
      }) ?? (() => {});
  }

  dispose(): void {
    this.#off();
  }

  /**
   * After a restart: this kiosk's payments left open are asked about at the gateway. Their outcome
   * waits for the customer's next visit (shown, receipt printed then), never for an empty screen.
   */
  async recoverOpenPayments(): Promise<KioskPaymentView[]> {
    if (!this.payments) return [];
    return (await this.payments.recoverOpen(this.#actor)).map(toKioskView);
  }

  get #actor(): PayActor {
    const id = kioskStaffId(this.ctx.stationId);
    return { staffId: id, auditActor: id, windowNo: null };
  }

  #session(caller: CallerContext): KioskSession {
    const s = this.#sessions.get(caller.connectionId);
    if (!s || Date.now() - s.lastAt > KIOSK_IDLE_SECONDS * 1000) {
      this.#sessions.delete(caller.connectionId);
      throw new AppFailure('unauthenticated', 'kiosk.identifyFirst');
    }
    s.lastAt = Date.now();
    return s;
  }

  #mine(caller: CallerContext, customerId: number): KioskSession {
    // Another customer's id is answered exactly as a missing one: the kiosk learns nothing from it.
    const session = this.#session(caller);
    if (!session.customers.has(customerId)) throw new AppFailure('not_found', 'kiosk.identifyAgain', {}, 'customerId');
    return session;
  }

  /** Payment history and invoices need the card or the phone's tail, not only the 户号 anyone can read off a bill. */
  #mineStrongly(caller: CallerContext, customerId: number): void {
    if (!this.#mine(caller, customerId).strong) throw new AppFailure('forbidden', 'kiosk.phoneTailNeeded');
  }

  #money(): PaymentService {
    if (!this.payments) throw new AppFailure('unavailable', 'kiosk.paymentsOff');
    return this.payments;
  }

  async #idNumberOnReader(): Promise<string> {
    if (this.#card && Date.now() - this.#card.at < CARD_FRESH_MS) return this.#card.card.idNumber;
    if (!this.reader) throw new AppFailure('device_error', 'kiosk.noIdReader');
    try {
      const card = await this.reader.readNow();
      this.#card = { card, at: Date.now() };
      return card.idNumber;
    } catch {
      throw new AppFailure('device_error', 'kiosk.idCardNotRead');
    }
  }

  async #accountOnPowerCard(): Promise<string> {
    if (!this.cardWriter) throw new AppFailure('device_error', 'kiosk.noPowerCardReader');
    try {
      return (await this.cardWriter.readCard()).accountNo;
    } catch {
      throw new AppFailure('device_error', 'kiosk.powerCardNotRead');
    }
  }

  async identify(caller: CallerContext, input: z.output<typeof KioskIdentifyInput>): Promise<KioskIdentified> {
    this.#sessions.delete(caller.connectionId);
    const query =
      input.by === 'idcard'
        ? await this.#idNumberOnReader()
        : input.by === 'powercard'
          ? await this.#accountOnPowerCard()
          : input.accountNo;
    const found = await this.#search(caller, query);
    let hits = input.by === 'idcard' ? found : found.filter((h) => h.accountNo === query);
    if (input.by === 'accountPhone') hits = await this.#phoneMatches(caller, hits, input.phoneTail);
    await this.ctx.audit(this.#actor.auditActor, 'kiosk.identify', {
      by: input.by,
      customerIds: hits.map((h) => h.id),
    });
    if (hits.length === 0) {
      if (input.by === 'idcard') throw new AppFailure('not_found', 'kiosk.noAccountForIdCard');
      // A wrong phone tail and an unknown 户号 read the same: the kiosk confirms neither on its own.
      if (input.by === 'accountPhone') throw new AppFailure('not_found', 'kiosk.accountPhoneMismatch');
      throw new AppFailure('not_found', 'kiosk.noSuchAccount', {}, input.by === 'account' ? 'accountNo' : undefined);
    }
    this.#sessions.set(caller.connectionId, {
      customers: new Set(hits.map((h) => h.id)),
      payments: new Set(),
      shown: new Set(),
      lastAt: Date.now(),
      strong: input.by !== 'account',
    });
    // The card's data is not kept once it has identified someone.
    this.#card = null;
    const accounts: KioskAccount[] = [];
    for (const h of hits) {
      const earlierOutcomes = await this.#owedOutcomes(h.id);
      accounts.push({ ...(await this.#account(caller, h.id)), earlierOutcomes });
    }
    return {
      accounts,
      idleSeconds: KIOSK_IDLE_SECONDS,
    };
  }

  async #search(caller: CallerContext, query: string): Promise<{ id: number; accountNo: string }[]> {
    try {
      return (await this.customers.search(caller, { query, limit: 10 })).hits;
    } catch (e) {
      // A 户号 the directory cannot even parse is, for the customer, simply not an account.
      if (e instanceof AppFailure && e.code === 'validation') return [];
      throw e;
    }
  }

  async #phoneMatches<H extends { id: number }>(caller: CallerContext, hits: H[], tail: string): Promise<H[]> {
    const kept: H[] = [];
    for (const h of hits) {
      const v = await this.customers.view(caller, { customerId: h.id });
      if (v.customer.phoneMasked.slice(-4) === tail) kept.push(h);
    }
    return kept;
  }

  /** 缴费记录 (with each payment's e-invoice state) and 办理进度 of an identified account. */
  async records(caller: CallerContext, customerId: number): Promise<KioskRecords> {
    this.#mineStrongly(caller, customerId);
    const v = await this.customers.view(caller, { customerId });
    const payments = await Promise.all(
      v.payments.slice(0, RECORD_PAYMENTS).map(async (p) => {
        const order = this.payments ? await this.#existing(p.id) : null;
        const invoice = !order ? ('counter' as const) : (order.invoice?.status ?? ('none' as const));
        return { ...p, invoice };
      }),
    );
    const applications = this.applications ? await this.applications.forCustomer(customerId) : [];
    return {
      payments,
      applications: applications.flatMap((a) => {
        const shown = kioskApplication(a);
        return shown ? [shown] : [];
      }),
    };
  }

  /** 电子发票 for one of this account's own succeeded payments; asked again, the same request answers. */
  async requestInvoice(caller: CallerContext, input: z.output<typeof KioskInvoiceInput>): Promise<KioskInvoiceView> {
    this.#mineStrongly(caller, input.customerId);
    if (!this.invoices || !this.payments) throw new AppFailure('unavailable', 'kiosk.invoicesOff');
    const p = await this.#existing(input.paymentId);
    if (!p || p.customerId !== input.customerId) throw new AppFailure('not_found', 'kiosk.invoiceNotHere');
    if (p.status !== 'succeeded') throw new AppFailure('conflict', 'kiosk.invoiceNotPaid');
    const done =
      p.invoice ??
      (
        await this.invoices.requestAs(this.#actor.staffId, {
          paymentId: p.id,
          buyerTitle: input.buyerTitle ?? PERSONAL_BUYER,
        })
      ).invoice;
    await this.ctx.audit(this.#actor.auditActor, 'kiosk.requestInvoice', {
      customerId: input.customerId,
      paymentId: p.id,
    });
    return { paymentId: p.id, status: done?.status ?? 'pending', invoiceNo: done?.invoiceNo ?? null };
  }

  async account(caller: CallerContext, customerId: number): Promise<KioskAccount> {
    this.#mine(caller, customerId);
    return this.#account(caller, customerId);
  }

  async #account(caller: CallerContext, customerId: number): Promise<KioskAccount> {
    const v = await this.customers.view(caller, { customerId });
    return {
      customerId,
      accountNo: v.customer.accountNo,
      nameMasked: v.customer.nameMasked,
      addressMasked: v.customer.addressMasked,
      tariff: v.customer.tariff,
      prepaid: v.customer.prepaid,
      arrearsFen: v.arrearsFen,
      unpaidBills: v.unpaidBills,
      systemBalanceFen: v.systemBalanceFen,
      meterBalanceFen: v.meterBalanceFen,
      bills: v.bills,
      pendingPayment: await this.#pendingOf(customerId),
      earlierOutcomes: [],
    };
  }

  /** The account's payment still open anywhere in the hall (as far as sync has told this station). */
  async #pendingOf(customerId: number): Promise<KioskPaymentView | null> {
    if (!this.payments) return null;
    const open = await this.payments.openFor(customerId);
    return open.length > 0 ? toKioskView(open[0]!) : null;
  }

  /**
   * This account's kiosk payments whose outcome the customer never saw: each is asked about at the
   * gateway (if still open and taken here), a succeeded one's receipt prints now the customer is
   * back, and every settled one is recorded as shown.
   */
  async #owedOutcomes(customerId: number): Promise<KioskPaymentView[]> {
    if (!this.payments) return [];
    const since = new Date(Date.now() - OWED_OUTCOME_DAYS * 86_400_000).toISOString();
    const ids = await this.ctx.storage.run('kioskOutcomesOwed', { customerId, since });
    const out: KioskPaymentView[] = [];
    for (const id of ids) {
      let p = await this.payments.get(id);
      if (isOpen(p.status) && p.staffId === this.#actor.staffId)
        p = await this.payments.resolveAs(this.#actor, id).catch(() => p);
      if (isOpen(p.status)) continue; // still unknown: shown as the pending payment instead
      // Printed already if it settled while the customer was still at the screen.
      if ((p.status === 'succeeded' || p.status === 'reversed') && p.receiptPrinted !== true) {
        const printed = await this.payments.printReceiptNow(id);
        p = { ...p, receiptPrinted: printed };
      }
      out.push(await this.#withEReceipt(p));
      await this.#shown(p);
    }
    return out;
  }

  /** The customer saw how this payment ended: it is not shown again on a later visit. */
  async #shown(p: { id: string; status: PaymentView['status'] }): Promise<void> {
    if (isOpen(p.status)) return;
    await this.ctx.audit(this.#actor.auditActor, 'kiosk.outcomeShown', { paymentId: p.id, status: p.status });
  }

  /**
   * Before a new payment: this kiosk's open payments for the account are asked about at the gateway;
   * whatever is still open (here or at another station) refuses the new one.
   */
  async #refuseWhileOpen(session: KioskSession, customerId: number, paymentId: string): Promise<void> {
    for (const p of await this.#money().openFor(customerId)) {
      if (p.id === paymentId) continue;
      // The customer is at the screen: should it settle now, its receipt prints for them.
      if (p.staffId === this.#actor.staffId) {
        session.payments.add(p.id);
        this.#money().attended(p.id);
      }
      const now =
        p.staffId === this.#actor.staffId
          ? await this.#money()
              .resolveAs(this.#actor, p.id)
              .catch(() => p)
          : p;
      if (isOpen(now.status)) throw new AppFailure('conflict', 'payment.openForAccount', {}, 'customerId');
      // The customer tried again because they never saw this one succeed: it did, so this one is not taken.
      if (now.status === 'succeeded') {
        await this.#shown(now);
        throw new AppFailure('conflict', 'payment.earlierSucceeded', { amount: formatYuan(now.amountFen) });
      }
    }
  }

  /** A top-up is written to the power card: the card must be in the slot, and this account's, before any money moves. */
  async #checkPowerCard(customerId: number): Promise<void> {
    if (!this.cardWriter) throw new AppFailure('device_error', 'kiosk.noPowerCardReader');
    const account = await this.ctx.storage.run('paymentCustomer', { id: customerId });
    let onCard: string;
    try {
      onCard = (await this.cardWriter.readCard()).accountNo;
    } catch {
      throw new AppFailure('device_error', 'kiosk.topupInsertCard');
    }
    if (!account || onCard !== account.account_no) throw new AppFailure('conflict', 'kiosk.topupOtherCard');
  }

  /** Pay for an identified account; the same paymentId again is that payment (never a second charge). */
  async pay(caller: CallerContext, input: z.output<typeof KioskPayInput>): Promise<KioskPaymentView> {
    this.#mine(caller, input.customerId);
    const existing = await this.#existing(input.paymentId);
    if (existing && (existing.staffId !== this.#actor.staffId || existing.customerId !== input.customerId)) {
      throw new AppFailure('conflict', 'payment.idTaken', {}, 'paymentId');
    }
    if (!existing) {
      await this.#refuseWhileOpen(this.#session(caller), input.customerId, input.paymentId);
      if (input.kind === 'topup') await this.#checkPowerCard(input.customerId);
    }
    this.#session(caller).payments.add(input.paymentId);
    return this.#seen(caller, await this.#money().payAs(this.#actor, { ...input }));
  }

  async payment(caller: CallerContext, paymentId: string): Promise<KioskPaymentView> {
    const p = await this.#own(caller, paymentId);
    this.#session(caller).payments.add(paymentId);
    this.#money().attended(paymentId);
    if (!isOpen(p.status)) return this.#seen(caller, p);
    return this.#seen(caller, await this.#money().resolveAs(this.#actor, paymentId));
  }

  async cancelPayment(caller: CallerContext, paymentId: string): Promise<KioskPaymentView> {
    await this.#own(caller, paymentId);
    this.#session(caller).payments.add(paymentId);
    this.#money().attended(paymentId);
    return this.#seen(caller, await this.#money().closeUnpaid(this.#actor, paymentId));
  }

  /** The outcome goes to the customer at the screen: recorded as shown once it is final. */
  async #seen(caller: CallerContext, p: PaymentView): Promise<KioskPaymentView> {
    const shown = this.#sessions.get(caller.connectionId)?.shown;
    if (!isOpen(p.status) && !shown?.has(p.id)) {
      shown?.add(p.id);
      // Settled while nobody was at the screen: the customer is here now, so is the receipt.
      if (p.status === 'succeeded' && p.receiptPrinted === null)
        p = { ...p, receiptPrinted: await this.#money().printReceiptNow(p.id) };
      await this.#shown(p);
    }
    return this.#withEReceipt(p);
  }

  /** Paid but the paper did not come out: the customer takes the receipt as a QR to the e-receipt instead. */
  async #withEReceipt(p: PaymentView): Promise<KioskPaymentView> {
    const view = toKioskView(p);
    if (p.status !== 'succeeded' || p.receiptPrinted !== false) return view;
    return { ...view, eReceiptUrl: await this.eReceiptUrl(p.id, p.createdAt) };
  }

  endSession(caller: CallerContext): Record<string, never> {
    const s = this.#sessions.get(caller.connectionId);
    this.#sessions.delete(caller.connectionId);
    // Nobody is left to take a receipt: a payment still settling prints at the customer's next visit.
    for (const id of s?.payments ?? []) this.payments?.leftUnattended(id);
    return {};
  }

  async #existing(paymentId: string): Promise<PaymentView | null> {
    try {
      return await this.#money().get(paymentId);
    } catch (e) {
      if (e instanceof AppFailure && e.code === 'not_found') return null;
      throw e;
    }
  }

  async #own(caller: CallerContext, paymentId: string): Promise<PaymentView> {
    const session = this.#session(caller);
    const p = await this.#existing(paymentId);
    if (!p || p.staffId !== this.#actor.staffId || !session.customers.has(p.customerId))
      throw new AppFailure('not_found', 'payment.notFound', {}, 'paymentId');
    return p;
  }
}

const SHOWN_STATUSES = ['submitted', 'accepted', 'in_progress', 'completed', 'rejected'] as const;
/** A submitted application as the kiosk shows it; drafts are the counter's business. */
function kioskApplication(a: ApplicationView): KioskApplication | null {
  const status = SHOWN_STATUSES.find((s) => s === a.status);
  if (!status) return null;
  return {
    applicationNo: a.applicationNo,
    businessType: a.type,
    status,
    submittedAt: a.submittedAt,
    updatedAt: a.updatedAt,
  };
}

const toKioskView = (p: PaymentView): KioskPaymentView => ({
  id: p.id,
  kind: p.kind,
  channel: p.channel,
  accountNo: p.accountNo,
  amountFen: p.amountFen,
  status: p.status,
  qrPayload: p.qrPayload,
  receiptPrinted: p.receiptPrinted,
  createdAt: p.createdAt,
  note: p.events.at(-1)?.note ?? null,
  eReceiptUrl: null,
});

const isOpen = (s: PaymentView['status']): boolean => s === 'created' || s === 'pending' || s === 'timed_out';
