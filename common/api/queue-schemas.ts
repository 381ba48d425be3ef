import { z } from 'zod';
import { QueueSettings, TypeSettings, WindowTypes } from '../queue/settings';
import { StaffPublic, Ticket } from './schemas';

/** The queue's API shapes: counter calling panel, issuing, live position, configuration. */
export const QueueTicketView = Ticket.extend({
  version: z.number().int(),
  roundCalls: z.number().int(),
  parkedAt: z.string().nullable(),
  targetWindow: z.number().int().nullable(),
  targetAgent: z.string().nullable(),
  transfers: z.number().int(),
  note: z.string().nullable(),
  appointmentAt: z.string().nullable(),
});
export type QueueTicketView = z.infer<typeof QueueTicketView>;

export const WindowStatus = z.enum(['open', 'paused', 'closed']);

export const CounterPanel = z.object({
  day: z.string(),
  windowNo: z.number().int(),
  name: z.string(),
  status: WindowStatus,
  reason: z.string().nullable(),
  types: z.array(z.object({ code: z.string(), name: z.string(), priority: z.number().int() })),
  agent: StaffPublic.nullable(),
  current: QueueTicketView.nullable(),
  parked: z.array(QueueTicketView),
  /** Waiting tickets this window may take, in the order call-next would take them. */
  waiting: z.array(QueueTicketView.extend({ bucket: z.enum(['normal', 'priority']) })),
  servedToday: z.number().int(),
  rules: z.object({
    maxRecalls: z.number().int(),
    recallMinGapSec: z.number().int(),
    noShowAfterCalls: z.number().int(),
    interleave: z.object({ normal: z.number().int(), priority: z.number().int() }),
  }),
  /** Windows and agents a ticket may be transferred to. */
  windows: z.array(
    z.object({ windowNo: z.number().int(), name: z.string(), agent: StaffPublic.nullable(), status: WindowStatus }),
  ),
});
export type CounterPanel = z.infer<typeof CounterPanel>;

export const TicketPosition = z.object({
  id: z.string(),
  number: z.string(),
  businessType: z.string(),
  businessName: z.string(),
  status: Ticket.shape.status,
  windowNo: z.number().int().nullable(),
  peopleAhead: z.number().int(),
  estimatedWaitMin: z.number().int(),
  issuedAt: z.string(),
});
export type TicketPosition = z.infer<typeof TicketPosition>;

export const IssueWarning = z
  .object({
    code: z.literal('waiting_high'),
    waiting: z.number().int(),
    threshold: z.number().int(),
    message: z.string(),
  })
  .nullable();

export const QueueConfigView = z.object({
  settings: QueueSettings,
  types: z.array(TypeSettings.extend({ name: z.string() })),
  windows: z.array(z.object({ windowNo: z.number().int(), name: z.string(), types: WindowTypes })),
  staff: z.array(z.object({ id: z.string(), name: z.string(), staffNo: z.string(), skills: z.array(z.string()) })),
});
export type QueueConfigView = z.infer<typeof QueueConfigView>;
