import { z } from 'zod';
import { CustomerBill, CustomerPayment } from './customer-schemas';
import { PayInput, PaymentView, Reconciliation } from './payment-schemas';

/**
 * The kiosk's self-service (自助缴费) as it crosses the station API. A kiosk is public: it only ever
 * sees the customers it identified in its own session, and of them only masked personal data.
 */
export const KioskIdentifyInput = z.discriminatedUnion('by', [
  /** The ID card on the kiosk's own reader (read on the station; the card never crosses the API). */
  z.object({ by: z.literal('idcard') }).strict(),
  /** The customer's prepaid power card (购电卡) in the kiosk's card reader/writer: its 户号. */
  z.object({ by: z.literal('powercard') }).strict(),
  z
    .object({
      by: z.literal('account'),
      accountNo: z.string().regex(/^\d{10}$/, 'kiosk.accountNoFormat'),
    })
    .strict(),
  /** 户号 and the last four digits of the registered phone: both must match, or neither is said to. */
  z
    .object({
      by: z.literal('accountPhone'),
      accountNo: z.string().regex(/^\d{10}$/, 'kiosk.accountNoFormat'),
      phoneTail: z.string().regex(/^\d{4}$/, 'kiosk.phoneTailFormat'),
    })
    .strict(),
]);

export const KioskPaymentView = PaymentView.pick({
  id: true,
  kind: true,
  channel: true,
  accountNo: true,
  amountFen: true,
  status: true,
  qrPayload: true,
  receiptPrinted: true,
  createdAt: true,
}).extend({
  /** The last step's note (why it failed, …), for the screen. */
  note: z.string().nullable(),
  /** Paid, but the receipt did not print: the e-receipt on the hall's public address, shown as a QR. */
  eReceiptUrl: z.string().nullable().default(null),
});
export type KioskPaymentView = z.infer<typeof KioskPaymentView>;

export const KioskAccount = z.object({
  customerId: z.number().int(),
  accountNo: z.string(),
  nameMasked: z.string(),
  addressMasked: z.string(),
  tariff: z.string(),
  prepaid: z.boolean(),
  arrearsFen: z.number().int(),
  unpaidBills: z.number().int(),
  /** Local-fee-control meters: the system's balance and, when known, the meter's own. */
  systemBalanceFen: z.number().int(),
  meterBalanceFen: z.number().int().nullable(),
  /** The last 24 bills, oldest first. */
  bills: z.array(CustomerBill),
  /** A payment for this account still being confirmed with the gateway: no second one starts meanwhile. */
  pendingPayment: KioskPaymentView.nullable().default(null),
  /** Kiosk payments settled while the customer was away, shown (and the receipt printed) on this visit. */
  earlierOutcomes: z.array(KioskPaymentView).default([]),
});
export type KioskAccount = z.infer<typeof KioskAccount>;

export const KioskIdentified = z.object({
  accounts: z.array(KioskAccount),
  /** Seconds of inactivity after which the station forgets this session. */
  idleSeconds: z.number().int(),
});
export type KioskIdentified = z.infer<typeof KioskIdentified>;

/** The kiosk pays by QR or bank card only; a top-up is for prepaid meters. */
export const KioskPayInput = PayInput.pick({ paymentId: true, customerId: true, kind: true, amountFen: true })
  .extend({ channel: z.enum(['bank_card', 'qr']) })
  .strict();

export const KioskReconciliation = z.object({
  day: z.string(),
  kiosks: z.array(Reconciliation),
  statementError: z.string().nullable(),
});
export type KioskReconciliation = z.infer<typeof KioskReconciliation>;

/** An application's progress as the kiosk shows it: the business, its number, where it is now. */
export const KioskApplication = z.object({
  applicationNo: z.string().nullable(),
  businessType: z.string(),
  status: z.enum(['submitted', 'accepted', 'in_progress', 'completed', 'rejected']),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type KioskApplication = z.infer<typeof KioskApplication>;

/** 缴费记录 and 办理进度 of one identified account. */
export const KioskRecords = z.object({
  /**
   * The latest payments, newest first, each with its e-invoice state: none (can be asked for here),
   * pending, issued, failed, or counter (a payment from before this system: its invoice is a counter's).
   */
  payments: z.array(
    CustomerPayment.extend({
      invoice: z.enum(['none', 'pending', 'issued', 'failed', 'counter']),
    }),
  ),
  applications: z.array(KioskApplication),
});
export type KioskRecords = z.infer<typeof KioskRecords>;

export const KioskInvoiceInput = z
  .object({
    customerId: z.number().int().positive(),
    paymentId: z.string().min(8).max(80),
    /** 发票抬头: the account holder's name is used when the customer types none. */
    buyerTitle: z.string().trim().min(2, 'payment.buyerTitleTooShort').max(100).optional(),
  })
  .strict();

export const KioskInvoiceView = z.object({
  paymentId: z.string(),
  status: z.enum(['pending', 'issued', 'failed']),
  invoiceNo: z.string().nullable(),
});
export type KioskInvoiceView = z.infer<typeof KioskInvoiceView>;
