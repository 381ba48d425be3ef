import { z } from 'zod';
import { MAX_PAYMENT_FEN } from '../payments/money';
import { PAYMENT_CHANNELS, PAYMENT_KINDS, PAYMENT_STATUSES } from '../payments/states';

/** Payments at the counter as they cross the station API. Money is integer fen. */
const Fen = z
  .number({ error: 'payment.amountNotANumber' })
  .int('payment.amountNotInteger')
  .positive('payment.amountNotPositive')
  .max(MAX_PAYMENT_FEN, 'payment.amountTooLarge');

export const PayInput = z
  .object({
    /** Made by the client once per 支付 click-through: a second click or a retried call is the same payment. */
    paymentId: z.string().regex(/^pay-[0-9a-z-]{8,64}$/, 'payment.idInvalid'),
    customerId: z.number().int().positive(),
    kind: z.enum(['bill', 'topup']).default('bill'),
    channel: z.enum(['cash', 'bank_card', 'qr']),
    amountFen: Fen,
    tenderedFen: z
      .number()
      .int('payment.amountNotInteger')
      .nonnegative('payment.tenderedNegative')
      .max(MAX_PAYMENT_FEN)
      .optional(),
    ticketId: z.string().min(1).max(64).optional(),
  })
  .strict();

export const PaymentEventView = z.object({
  status: z.enum(PAYMENT_STATUSES),
  at: z.string(),
  note: z.string().nullable(),
  gatewayRef: z.string().nullable(),
});

export const PaymentView = z.object({
  id: z.string(),
  kind: z.enum(PAYMENT_KINDS),
  channel: z.enum(PAYMENT_CHANNELS),
  customerId: z.number().int(),
  accountNo: z.string(),
  amountFen: z.number().int(),
  tenderedFen: z.number().int().nullable(),
  changeFen: z.number().int().nullable(),
  refundOf: z.string().nullable(),
  staffId: z.string(),
  windowNo: z.number().int().nullable(),
  createdAt: z.string(),
  status: z.enum(PAYMENT_STATUSES),
  events: z.array(PaymentEventView),
  /** For a pending QR payment: what the customer scans. */
  qrPayload: z.string().nullable(),
  /** Whether the receipt has come out of the printer (false: queued, prints after refill, or reprint). */
  receiptPrinted: z.boolean().nullable(),
  invoice: z
    .object({
      id: z.string(),
      buyerTitle: z.string(),
      status: z.enum(['pending', 'issued', 'failed']),
      invoiceNo: z.string().nullable(),
    })
    .nullable(),
  /** Open or decided refund requests on this payment. */
  refunds: z.array(z.lazy(() => RefundView)),
});
export type PaymentView = z.infer<typeof PaymentView>;

export const RefundView = z.object({
  id: z.string(),
  paymentId: z.string(),
  accountNo: z.string(),
  originalFen: z.number().int(),
  channel: z.enum(PAYMENT_CHANNELS),
  amountFen: z.number().int(),
  reason: z.string(),
  requestedBy: z.string(),
  requestedByName: z.string(),
  requestedAt: z.string(),
  decision: z.enum(['approved', 'rejected']).nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  note: z.string().nullable(),
  refundPaymentId: z.string().nullable(),
  refundStatus: z.enum(PAYMENT_STATUSES).nullable(),
});
export type RefundView = z.infer<typeof RefundView>;

export const RefundRequestInput = z
  .object({
    paymentId: z.string().min(8).max(80),
    amountFen: Fen,
    reason: z.string().trim().min(2, 'payment.refundReasonRequired').max(200),
  })
  .strict();
export const RefundDecisionInput = z
  .object({ requestId: z.string().min(8).max(80), approve: z.boolean(), note: z.string().trim().max(200).optional() })
  .strict();
export const RefundOnSpotInput = RefundDecisionInput.extend({
  managerStaffNo: z.string().regex(/^\d{4,8}$/, 'access.managerStaffNoFormat'),
  managerPin: z.string().regex(/^\d{4,8}$/, 'access.managerPinFormat'),
}).strict();

export const ReverseInput = z
  .object({
    paymentId: z.string().min(8).max(80),
    reason: z.string().trim().min(2, 'payment.reverseReasonRequired').max(200),
    managerStaffNo: z.string().regex(/^\d{4,8}$/, 'access.managerStaffNoFormat'),
    managerPin: z.string().regex(/^\d{4,8}$/, 'access.managerPinFormat'),
  })
  .strict();

export const InvoiceInput = z
  .object({
    paymentId: z.string().min(8).max(80),
    buyerTitle: z.string().trim().min(2, 'payment.buyerTitleTooShort').max(100),
    taxId: z.string().trim().max(18, 'payment.taxIdLength').optional(),
    email: z.string().trim().max(100).optional(),
  })
  .strict();

export const ReconDifference = z.object({
  kind: z.enum([
    'cash_short',
    'cash_over',
    'cash_undeclared',
    'gateway_only',
    'system_only',
    'amount_mismatch',
    'unresolved',
  ]),
  paymentId: z.string().nullable(),
  /** Signed difference, fen: what the other side has minus what the system has. */
  amountFen: z.number().int(),
  cause: z.string(),
});
export type ReconDifference = z.infer<typeof ReconDifference>;

export const ReconLine = z.object({
  paymentId: z.string(),
  kind: z.enum(PAYMENT_KINDS),
  channel: z.enum(PAYMENT_CHANNELS),
  accountNo: z.string(),
  amountFen: z.number().int(),
  status: z.enum(PAYMENT_STATUSES),
  createdAt: z.string(),
  staffNo: z.string(),
  /** Net effect in the system (signed) and as the gateway's statement has it (card/QR only). */
  systemNetFen: z.number().int(),
  gatewayNetFen: z.number().int().nullable(),
});

export const Reconciliation = z.object({
  day: z.string(),
  staff: z.object({ id: z.string(), staffNo: z.string(), name: z.string() }).nullable(),
  byChannel: z.array(
    z.object({ channel: z.enum(PAYMENT_CHANNELS), count: z.number().int(), netFen: z.number().int() }),
  ),
  systemCashFen: z.number().int(),
  declaredCashFen: z.number().int().nullable(),
  systemGatewayFen: z.number().int(),
  statementFen: z.number().int().nullable(),
  statementError: z.string().nullable(),
  lines: z.array(ReconLine),
  differences: z.array(ReconDifference),
  /** Whole hall: each agent's cash in the system and their declaration (null: not declared). */
  declarations: z
    .array(
      z.object({
        staffNo: z.string(),
        name: z.string(),
        systemCashFen: z.number().int(),
        declaredCashFen: z.number().int().nullable(),
      }),
    )
    .default([]),
});
export type Reconciliation = z.infer<typeof Reconciliation>;

export const ConsultationView = z.object({
  id: z.string(),
  topic: z.string(),
  note: z.string().nullable(),
  ticketNo: z.string().nullable(),
  at: z.string(),
});

/** payment.changed, for the customer screen: the channel, cash tendered and change, and until when a QR may be scanned. */
export const PaymentChangedExtra = {
  channel: z.enum(PAYMENT_CHANNELS).optional(),
  kind: z.enum(PAYMENT_KINDS).optional(),
  tenderedFen: z.number().int().nullable().optional(),
  changeFen: z.number().int().nullable().optional(),
  /** A pending QR: the customer should have scanned by then (ISO time); afterwards the counter queries the gateway. */
  qrExpiresAt: z.string().nullable().optional(),
};
