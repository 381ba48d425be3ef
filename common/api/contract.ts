import { z } from 'zod';
import * as I from './insight-schemas';
import * as S from './schemas';
import { PadSummarySchema, SignatureCaptureSchema, SignaturePointSchema } from '../domain/signature';
import { StationRole } from '../sync/station-roles';
import * as Q from './queue-schemas';
import { QueueSettings, TypeSettings, WindowTypes } from '../queue/settings';
import * as C from './customer-schemas';
import * as P from './payment-schemas';
import * as J from './journey-schemas';
import * as CS from './customer-screen-schemas';
import * as K from './kiosk-schemas';
import * as AT from './attachment-schemas';

/**
 * The station API: one zod schema per call and per event. main/ implements it once; the
 * preload (Electron IPC) and the WebSocket adapter (browser mode) both expose exactly this.
 */
export const METHODS = {
  'station.info': { input: z.object({}).strict(), output: S.StationInfo },
  'queue.snapshot': { input: z.object({}).strict(), output: S.QueueSnapshot },
  'queue.issueTicket': {
    input: z.object({ businessType: S.BusinessCode, priority: S.Priority.default('normal') }).strict(),
    output: z.object({ ticket: S.Ticket, waitingAhead: z.number().int(), printed: z.boolean() }),
  },
  'auth.login': {
    input: z
      .object({
        staffNo: z.string().regex(/^\d{4,8}$/, '工号为 4–8 位数字'),
        pin: z.string().regex(/^\d{4,8}$/, '密码为 4–8 位数字'),
        windowNo: S.WindowNo.optional(),
      })
      .strict(),
    output: S.StaffSession,
  },
  'auth.logout': { input: z.object({}).strict(), output: z.object({}) },
  'auth.session': { input: z.object({}).strict(), output: S.StaffSession.nullable() },
  'counter.state': { input: z.object({}).strict(), output: S.WindowState },
  'counter.callNext': { input: z.object({}).strict(), output: S.Ticket.nullable() },
  'counter.recall': { input: z.object({ ticketId: S.TicketId }).strict(), output: S.Ticket },
  'counter.start': { input: z.object({ ticketId: S.TicketId }).strict(), output: S.Ticket },
  'counter.finish': { input: z.object({ ticketId: S.TicketId }).strict(), output: S.Ticket },
  'rate.prompt': { input: z.object({}).strict(), output: S.RatingPrompt },
  'rate.submit': {
    input: z
      .object({
        ticketId: S.TicketId,
        level: S.RatingLevel,
        dimensions: S.RatingDimensions.default({}),
        reason: z.string().max(500).optional(),
      })
      .strict(),
    output: S.Rating,
  },
  'rate.timeout': { input: z.object({ ticketId: S.TicketId }).strict(), output: S.Rating },
  'display.logAnnouncement': {
    input: z
      .object({
        ticketId: S.TicketId,
        text: z.string().min(1).max(200),
        spoken: z.boolean(),
        error: z.string().max(500).optional(),
      })
      .strict(),
    output: z.object({}),
  },
  'manager.evaluations': {
    input: z.object({ from: z.string().date().optional(), to: z.string().date().optional() }).strict(),
    output: z.array(S.AgentEvaluation),
  },
  'devices.status': { input: z.object({}).strict(), output: S.DevicesStatus },
  'devices.printTest': { input: z.object({}).strict(), output: z.object({ jobId: z.string() }) },
  /** Technician test: capture one signature on the station's pad (ends on 确认/取消, idle, timeout or unplug). */
  'devices.captureSignature': {
    input: z
      .object({
        timeoutMs: z.number().int().min(1000).max(180_000).default(60_000),
        summary: PadSummarySchema.optional(),
      })
      .strict(),
    output: SignatureCaptureSchema,
  },
  'devices.overview': { input: z.object({}).strict(), output: S.DevicesOverview },
  /** Test action: one read now (also published as idcard.read); the answer is masked. */
  'devices.readIdCard': { input: z.object({}).strict(), output: S.IdCardView },
  'devices.printSample': {
    input: z.object({ kind: S.SampleSlipKind }).strict(),
    output: z.object({ jobId: z.string() }),
  },
  'devices.reprint': {
    input: z.object({ jobId: z.string().min(1).max(100) }).strict(),
    output: z.object({ jobId: z.string() }),
  },
  'devices.config': {
    input: z.object({}).strict(),
    output: z.object({ path: z.string().nullable(), text: z.string() }),
  },
  'devices.saveConfig': {
    input: z.object({ text: z.string().max(64_000) }).strict(),
    output: z.object({ path: z.string().nullable(), text: z.string() }),
  },
  'sync.enrollmentCode': { input: z.object({ role: StationRole }).strict(), output: S.EnrollmentCodeInfo },
  'sync.stations': { input: z.object({}).strict(), output: z.array(S.HallStation) },
  'sync.revokeStation': {
    input: z.object({ clientId: z.string().min(1).max(64) }).strict(),
    output: z.object({ revoked: z.boolean() }),
  },
  // ── Queue: counter calling panel, issuing, live position, configuration ──
  'counter.panel': { input: z.object({}).strict(), output: Q.CounterPanel },
  'counter.callTicket': {
    input: z.object({ ticketId: S.TicketId, reason: z.string().trim().min(1, '指定叫号需填写原因').max(200) }).strict(),
    output: Q.QueueTicketView,
  },
  'counter.noShow': { input: z.object({ ticketId: S.TicketId }).strict(), output: Q.QueueTicketView },
  'counter.park': {
    input: z.object({ ticketId: S.TicketId, reason: z.string().trim().max(200).optional() }).strict(),
    output: Q.QueueTicketView,
  },
  'counter.resume': { input: z.object({ ticketId: S.TicketId }).strict(), output: Q.QueueTicketView },
  'counter.transfer': {
    input: z
      .object({
        ticketId: S.TicketId,
        toType: S.BusinessCode.optional(),
        toWindow: S.WindowNo.optional(),
        toAgent: z.string().min(1).max(64).optional(),
        reason: z.string().trim().max(200).optional(),
      })
      .strict(),
    output: Q.QueueTicketView,
  },
  'counter.setStatus': {
    input: z.object({ status: Q.WindowStatus, reason: z.string().trim().max(200).optional() }).strict(),
    output: Q.CounterPanel,
  },
  'queue.issueFor': {
    input: z.object({ businessType: S.BusinessCode, priority: S.Priority.default('normal') }).strict(),
    output: z.object({
      ticket: S.Ticket,
      waitingAhead: z.number().int(),
      printed: z.boolean(),
      estimatedWaitMin: z.number().int(),
      warning: Q.IssueWarning,
    }),
  },
  'queue.issueChecked': {
    input: z.object({ businessType: S.BusinessCode, priority: S.Priority.default('normal') }).strict(),
    output: z.object({
      ticket: S.Ticket,
      waitingAhead: z.number().int(),
      printed: z.boolean(),
      estimatedWaitMin: z.number().int(),
      warning: Q.IssueWarning,
    }),
  },
  'queue.checkIn': {
    input: z
      .object({
        code: z
          .string()
          .regex(/^[A-Z0-9]{6}$/, '预约码为 6 位字母或数字')
          .optional(),
        phone: z
          .string()
          .regex(/^(1\d{10}|\d{4})$/, '手机号为 11 位数字（或后 4 位）')
          .optional(),
      })
      .strict()
      .refine((v) => (v.code === undefined) !== (v.phone === undefined), {
        message: '请输入预约码或手机号其中一项',
        path: ['code'],
      }),
    output: z.object({
      ticket: S.Ticket,
      waitingAhead: z.number().int(),
      printed: z.boolean(),
      estimatedWaitMin: z.number().int(),
      warning: Q.IssueWarning,
      appointment: z.object({ code: z.string(), slotAt: z.string() }),
    }),
  },
  'queue.position': { input: z.object({ ticketId: S.TicketId }).strict(), output: Q.TicketPosition },
  'guide.reclassify': {
    input: z
      .object({ ticketId: S.TicketId, toType: S.BusinessCode, reason: z.string().trim().max(200).optional() })
      .strict(),
    output: Q.QueueTicketView,
  },
  'queue.config': { input: z.object({}).strict(), output: Q.QueueConfigView },
  'manager.configureQueue': { input: z.object({ settings: QueueSettings }).strict(), output: Q.QueueConfigView },
  'manager.configureType': { input: z.object({ type: TypeSettings }).strict(), output: Q.QueueConfigView },
  'manager.configureWindow': {
    input: z.object({ windowNo: S.WindowNo, types: WindowTypes }).strict(),
    output: Q.QueueConfigView,
  },
  /** Queue KPIs of the hall days from…to, inclusive; both default to today. */
  'manager.kpis': {
    input: z.object({ from: z.string().date().optional(), to: z.string().date().optional() }).strict(),
    output: I.KpiResponse,
  },
  /** Waiting per business type now, with an estimated wait and the tickets past their target. */
  'queue.waitEstimates': { input: z.object({}).strict(), output: z.array(I.TypeWaitEstimate) },
  /** Print the online-channel slip (QR code and how-to) for a guidance function. */
  'guide.printChannelSlip': {
    input: z
      .object({ functionCode: z.string().regex(/^[A-Z]{2,12}$/, '功能代码无效 (invalid function code)') })
      .strict(),
    output: z.object({ printed: z.boolean() }),
  },
  'customer.search': {
    input: z
      .object({
        query: z.string().min(1, '请输入查询内容').max(40, '查询内容不能超过 40 个字符'),
        limit: z.number().int().min(1).max(100).default(20),
      })
      .strict(),
    output: C.CustomerSearchResult,
  },
  'customer.view': { input: z.object({ customerId: z.number().int().positive() }).strict(), output: C.CustomerView },
  'customer.reveal': {
    input: z.object({ customerId: z.number().int().positive(), field: C.RevealField }).strict(),
    output: z.object({ value: z.string() }),
  },
  'application.saveDraft': {
    input: z
      .object({
        id: z.string().min(8).max(64).optional(),
        type: S.BusinessCode,
        customerId: z.number().int().positive().nullable().default(null),
        values: C.FormValuesInput,
      })
      .strict(),
    output: C.ApplicationView,
  },
  'application.submit': {
    input: z
      .object({
        id: z.string().min(8).max(64).optional(),
        type: S.BusinessCode,
        customerId: z.number().int().positive().nullable().default(null),
        values: C.FormValuesInput,
      })
      .strict(),
    output: C.ApplicationSubmitted,
  },
  'application.get': { input: z.object({ id: z.string().min(1).max(64) }).strict(), output: C.ApplicationView },
  'application.forCustomer': {
    input: z.object({ customerId: z.number().int().positive() }).strict(),
    output: z.array(C.ApplicationView),
  },
  /** Which business types one agent may serve (staff skills); call-next never gives them another. */
  'manager.configureSkills': {
    input: z
      .object({
        staffId: z.string().min(1).max(32),
        skills: z.array(S.BusinessCode).min(1, '至少选择一种业务 (at least one business type)').max(20),
      })
      .strict(),
    output: Q.QueueConfigView,
  },
  // ── Payments: money at the counter ──
  'payment.pay': { input: P.PayInput, output: P.PaymentView },
  /** Ask the gateway about a pending or timed-out payment (never guessed). */
  'payment.resolve': { input: z.object({ paymentId: z.string().min(8).max(80) }).strict(), output: P.PaymentView },
  'payment.get': { input: z.object({ paymentId: z.string().min(8).max(80) }).strict(), output: P.PaymentView },
  'payment.today': { input: z.object({}).strict(), output: z.array(P.PaymentView) },
  'payment.reprint': { input: z.object({ paymentId: z.string().min(8).max(80) }).strict(), output: P.PaymentView },
  'payment.requestRefund': { input: P.RefundRequestInput, output: P.RefundView },
  'payment.refunds': {
    input: z.object({ openOnly: z.boolean().default(true) }).strict(),
    output: z.array(P.RefundView),
  },
  'payment.decideRefund': { input: P.RefundDecisionInput, output: P.RefundView },
  /** A manager approves at the counter with their staff number and PIN. */
  'payment.decideRefundOnSpot': { input: P.RefundOnSpotInput, output: P.RefundView },
  'payment.requestInvoice': { input: P.InvoiceInput, output: P.PaymentView },
  'payment.declareCash': {
    input: z
      .object({
        declaredFen: z
          .number({ error: '申报现金必须是数字' })
          .int('申报现金必须以分为单位的整数')
          .nonnegative('申报现金不能为负 (cannot be negative)')
          .max(100_000_000),
        note: z.string().max(200).optional(),
      })
      .strict(),
    output: P.Reconciliation,
  },
  'payment.reconciliation': {
    input: z
      .object({
        day: z.string().date('日期格式应为 YYYY-MM-DD').optional(),
        staffNo: z
          .string()
          .regex(/^\d{4,8}$/, '工号为 4–8 位数字')
          .optional(),
      })
      .strict(),
    output: P.Reconciliation,
  },
  /** The reconciliation as an Excel workbook (base64), for the agent's day end and the manager. */
  'payment.exportReconciliation': {
    input: z
      .object({
        day: z.string().date('日期格式应为 YYYY-MM-DD').optional(),
        staffNo: z
          .string()
          .regex(/^\d{4,8}$/, '工号为 4–8 位数字')
          .optional(),
      })
      .strict(),
    output: z.object({ fileName: z.string(), base64: z.string() }),
  },
  'consultation.log': {
    input: z
      .object({
        topic: z.string().trim().min(1, '请选择或填写咨询主题 (topic required)').max(60, '咨询主题不能超过 60 个字'),
        ticketId: S.TicketId.optional(),
        note: z.string().max(300).optional(),
      })
      .strict(),
    output: z.array(P.ConsultationView),
  },
  'consultation.today': { input: z.object({}).strict(), output: z.array(P.ConsultationView) },
  /** 冲正: cancel today's succeeded payment as a whole, with a manager's PIN at the counter. */
  'payment.reverse': { input: P.ReverseInput, output: P.PaymentView },
  // Counter flow: review, signature, amendments, attachments, drafts.
  ...J.JOURNEY_METHODS,
  ...CS.CUSTOMER_SCREEN_METHODS,
  // Kiosk self-service: identify, bills, pay, per-kiosk reconciliation.
  ...K.KIOSK_METHODS,
  // Attachments opened at the counter: decrypted on request, audited.
  ...AT.ATTACHMENT_METHODS,
} as const;

export type MethodName = keyof typeof METHODS;
export const METHOD_NAMES = Object.keys(METHODS) as MethodName[];
export type MethodInput<M extends MethodName> = z.input<(typeof METHODS)[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<(typeof METHODS)[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<(typeof METHODS)[M]['output']>;

export const EVENTS = {
  /** The queue changed somewhere in the hall (locally or pulled from the central). */
  'queue.changed': z.object({ day: z.string() }),
  /** A ticket was called (or recalled) to a window: the display shows and speaks it. */
  'ticket.called': S.CallEvent,
  /** A counter finished a ticket: its customer-facing screen asks for a rating. */
  'rating.requested': z.object({ windowNo: z.number().int(), ticketId: z.string() }),
  'rating.recorded': S.Rating,
  'sync.status': S.SyncStatus,
  'devices.changed': z.object({}),
  /** A finished stroke during a signature capture, for the live preview. */
  'devices.signatureStroke': z.object({ stroke: z.array(SignaturePointSchema) }),
  /** The station's ID card reader read a card (full fields: the counter fills its forms from it). */
  'idcard.read': S.IdCardView,
  'idcard.removed': z.object({}),
  /** One line of the devices' live log. */
  'devices.log': S.DeviceLogEntry,
  /** A payment changed state; a pending QR carries what the customer scans (customer-facing screen). */
  'payment.changed': z
    .object({
      paymentId: z.string(),
      status: z.string(),
      windowNo: z.number().int().nullable(),
      qrPayload: z.string().nullable(),
      amountFen: z.number().int(),
    })
    .extend(P.PaymentChangedExtra),
  /** A refund request was made or decided (the manager page's approval list). */
  'refund.changed': z.object({ requestId: z.string() }),
  ...J.JOURNEY_EVENTS,
  ...CS.CUSTOMER_SCREEN_EVENTS,
  ...K.KIOSK_EVENTS,
} as const;

export type EventName = keyof typeof EVENTS;
export const EVENT_NAMES = Object.keys(EVENTS) as EventName[];
export type EventPayload<E extends EventName> = z.output<(typeof EVENTS)[E]>;

/** What a renderer sees: one typed function per call, and subscriptions that return an unsubscribe. */
export interface StationApi {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<import('../result').Result<MethodOutput<M>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
