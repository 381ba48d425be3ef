import { z } from 'zod';
import * as I from './insight-schemas';
import * as S from './schemas';

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
  /** Queue KPIs (DOMAIN.md) of the hall days from…to, inclusive; both default to today. */
  'manager.kpis': {
    input: z.object({ from: z.string().date().optional(), to: z.string().date().optional() }).strict(),
    output: I.KpiResponse,
  },
  /** Waiting per business type now, with an estimated wait and the tickets past their target. */
  'queue.waitEstimates': { input: z.object({}).strict(), output: z.array(I.TypeWaitEstimate) },
  /** Print the online-channel slip (QR code and how-to) for a guidance function. */
  'guide.printChannelSlip': {
    input: z.object({ functionCode: z.string().regex(/^[A-Z]{2,12}$/, '功能代码无效 (invalid function code)') }).strict(),
    output: z.object({ printed: z.boolean() }),
  },
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
