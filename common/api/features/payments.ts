import { z } from 'zod';
import { KioskReconciliation } from '../kiosk-schemas';
import * as P from '../payment-schemas';
import { feature } from './feature';

const PaymentId = z.string().min(8).max(80);
const ReconciliationInput = z
  .object({
    day: z.string().date('input.dateFormat').optional(),
    staffNo: z
      .string()
      .regex(/^\d{4,8}$/, 'access.staffNoFormat')
      .optional(),
  })
  .strict();
const KioskReconciliationInput = z.object({ day: z.string().date('input.dateFormat').optional() }).strict();
const Workbook = z.object({ fileName: z.string(), base64: z.string() });

/** Money at the counter (payments, refunds, invoices, cash), and the day's reconciliation for agents and the manager. */
export const payments = feature({
  methods: {
    'payment.pay': { input: P.PayInput, output: P.PaymentView, roles: ['counter'], staff: ['agent', 'manager'] },
    /** Ask the gateway about a pending or timed-out payment (never guessed). */
    'payment.resolve': {
      input: z.object({ paymentId: PaymentId }).strict(),
      output: P.PaymentView,
      roles: ['counter'],
      staff: ['agent', 'manager'],
    },
    'payment.get': {
      input: z.object({ paymentId: PaymentId }).strict(),
      output: P.PaymentView,
      roles: ['counter', 'manager'],
      staff: ['agent', 'manager'],
    },
    'payment.today': {
      input: z.object({}).strict(),
      output: z.array(P.PaymentView),
      roles: ['counter'],
      staff: ['agent', 'manager'],
    },
    'payment.reprint': {
      input: z.object({ paymentId: PaymentId }).strict(),
      output: P.PaymentView,
      roles: ['counter', 'manager'],
      staff: ['agent', 'manager'],
    },
    /** 冲正: cancel today's succeeded payment as a whole, with a manager's PIN at the counter. */
    'payment.reverse': {
      input: P.ReverseInput,
      output: P.PaymentView,
      roles: ['counter'],
      staff: ['agent', 'manager'],
    },
    'payment.requestRefund': {
      input: P.RefundRequestInput,
      output: P.RefundView,
      roles: ['counter'],
      staff: ['agent', 'manager'],
    },
    'payment.refunds': {
      input: z.object({ openOnly: z.boolean().default(true) }).strict(),
      output: z.array(P.RefundView),
      roles: ['counter', 'manager'],
      staff: ['agent', 'manager'],
    },
    'payment.decideRefund': {
      input: P.RefundDecisionInput,
      output: P.RefundView,
      roles: ['manager'],
      staff: ['manager'],
    },
    /** A manager approves at the counter with their staff number and PIN. */
    'payment.decideRefundOnSpot': {
      input: P.RefundOnSpotInput,
      output: P.RefundView,
      roles: ['counter'],
      staff: ['agent', 'manager'],
    },
    'payment.requestInvoice': {
      input: P.InvoiceInput,
      output: P.PaymentView,
      roles: ['counter'],
      staff: ['agent', 'manager'],
    },
    'payment.declareCash': {
      input: z
        .object({
          declaredFen: z
            .number({ error: 'payment.amountNotANumber' })
            .int('payment.amountNotInteger')
            .nonnegative('payment.negativeCash')
            .max(100_000_000),
          note: z.string().max(200).optional(),
        })
        .strict(),
      output: P.Reconciliation,
      roles: ['counter'],
      staff: ['agent', 'manager'],
    },
    'payment.reconciliation': {
      input: ReconciliationInput,
      output: P.Reconciliation,
      roles: ['counter', 'manager'],
      staff: ['agent', 'manager'],
    },
    /** The reconciliation as an Excel workbook (base64), for the agent's day end and the manager. */
    'payment.exportReconciliation': {
      input: ReconciliationInput,
      output: Workbook,
      roles: ['counter', 'manager'],
      staff: ['agent', 'manager'],
    },
    /** Each kiosk's payments of the day against the gateway's statement. */
    'payment.kioskReconciliation': {
      input: KioskReconciliationInput,
      output: KioskReconciliation,
      roles: ['manager'],
      staff: ['manager'],
    },
    'payment.exportKioskReconciliation': {
      input: KioskReconciliationInput,
      output: Workbook,
      roles: ['manager'],
      staff: ['manager'],
    },
  },
  events: {
    /** A payment changed state; a pending QR carries what the customer scans (customer-facing screen). */
    'payment.changed': {
      payload: z
        .object({
          paymentId: z.string(),
          status: z.string(),
          windowNo: z.number().int().nullable(),
          qrPayload: z.string().nullable(),
          amountFen: z.number().int(),
        })
        .extend(P.PaymentChangedExtra),
      roles: ['counter', 'rate'],
    },
    /** A refund request was made or decided (the manager page's approval list). */
    'refund.changed': { payload: z.object({ requestId: z.string() }), roles: ['counter', 'manager'] },
  },
});
