import { z } from 'zod';
import * as S from './schemas';
import * as C from './customer-schemas';

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
    input: z.object({ ticketId: S.TicketId, text: z.string().min(1).max(200), spoken: z.boolean(), error: z.string().max(500).optional() }).strict(),
    output: z.object({}),
  },
  'manager.evaluations': {
    input: z.object({ from: z.string().date().optional(), to: z.string().date().optional() }).strict(),
    output: z.array(S.AgentEvaluation),
  },
  'devices.status': { input: z.object({}).strict(), output: S.DevicesStatus },
  'devices.printTest': { input: z.object({}).strict(), output: z.object({ jobId: z.string() }) },
  'customer.search': {
    input: z.object({ query: z.string().min(1, '请输入查询内容').max(40, '查询内容不能超过 40 个字符'), limit: z.number().int().min(1).max(100).default(20) }).strict(),
    output: C.CustomerSearchResult,
  },
  'customer.view': { input: z.object({ customerId: z.number().int().positive() }).strict(), output: C.CustomerView },
  'customer.reveal': { input: z.object({ customerId: z.number().int().positive(), field: C.RevealField }).strict(), output: z.object({ value: z.string() }) },
  'application.saveDraft': {
    input: z.object({ id: z.string().min(8).max(64).optional(), type: S.BusinessCode, customerId: z.number().int().positive().nullable().default(null), values: C.FormValuesInput }).strict(),
    output: C.ApplicationView,
  },
  'application.submit': {
    input: z.object({ id: z.string().min(8).max(64).optional(), type: S.BusinessCode, customerId: z.number().int().positive().nullable().default(null), values: C.FormValuesInput }).strict(),
    output: C.ApplicationSubmitted,
  },
  'application.get': { input: z.object({ id: z.string().min(1).max(64) }).strict(), output: C.ApplicationView },
  'application.forCustomer': { input: z.object({ customerId: z.number().int().positive() }).strict(), output: z.array(C.ApplicationView) },
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
} as const;

export type EventName = keyof typeof EVENTS;
export const EVENT_NAMES = Object.keys(EVENTS) as EventName[];
export type EventPayload<E extends EventName> = z.output<(typeof EVENTS)[E]>;

/** What a renderer sees: one typed function per call, and subscriptions that return an unsubscribe. */
export interface StationApi {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<import('../result').Result<MethodOutput<M>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
