import { z } from 'zod';
import { BUSINESS_TYPE_CODES } from '../domain/business-types';
import { RATING_LEVELS } from '../domain/ratings';

/** Entities as they cross the API. Money is integer fen; times are ISO-8601 strings. */
export const TicketStatus = z.enum(['waiting', 'called', 'serving', 'finished', 'no_show', 'cancelled', 'parked', 'abandoned']);
export const Priority = z.enum(['normal', 'green', 'vip', 'appointment']);

export const Ticket = z.object({
  id: z.string(),
  number: z.string(),
  businessType: z.string(),
  priority: Priority,
  status: TicketStatus,
  issuedAt: z.string(),
  calledAt: z.string().nullable(),
  callCount: z.number().int(),
  windowNo: z.number().int().nullable(),
  staffId: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type Ticket = z.infer<typeof Ticket>;

export const BusinessTypeView = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  prefix: z.string(),
  onlineChannel: z.string().nullable(),
  waiting: z.number().int(),
});
export type BusinessTypeView = z.infer<typeof BusinessTypeView>;

export const StaffPublic = z.object({
  id: z.string(),
  staffNo: z.string(),
  name: z.string(),
  title: z.string(),
  photo: z.string(),
  starLevel: z.number().int().min(1).max(5),
});
export type StaffPublic = z.infer<typeof StaffPublic>;

export const WindowState = z.object({
  windowNo: z.number().int(),
  name: z.string(),
  businessTypes: z.array(z.string()),
  open: z.boolean(),
  agent: StaffPublic.nullable(),
  current: Ticket.nullable(),
  /** Tickets finished at this window today. */
  servedToday: z.number().int(),
});
export type WindowState = z.infer<typeof WindowState>;

export const CallEvent = z.object({
  ticketId: z.string(),
  ticketNo: z.string(),
  windowNo: z.number().int(),
  text: z.string(),
  recall: z.boolean(),
  at: z.string(),
});
export type CallEvent = z.infer<typeof CallEvent>;

export const QueueSnapshot = z.object({
  day: z.string(),
  waiting: z.array(Ticket),
  windows: z.array(WindowState),
  recentCalls: z.array(CallEvent),
  types: z.array(BusinessTypeView),
});
export type QueueSnapshot = z.infer<typeof QueueSnapshot>;

export const StaffSession = z.object({
  staff: StaffPublic,
  role: z.enum(['agent', 'manager', 'guide', 'technician']),
  windowNo: z.number().int().nullable(),
});
export type StaffSession = z.infer<typeof StaffSession>;

export const RatingPrompt = z.object({
  windowNo: z.number().int(),
  agent: StaffPublic.nullable(),
  current: Ticket.nullable(),
  /** The finished ticket awaiting a rating, if any. */
  awaitingRating: Ticket.nullable(),
  timeoutSec: z.number().int(),
});
export type RatingPrompt = z.infer<typeof RatingPrompt>;

export const RatingLevel = z.enum(RATING_LEVELS);
export const RatingDimensions = z
  .object({
    attitude: z.number().int().min(1).max(5),
    efficiency: z.number().int().min(1).max(5),
    quality: z.number().int().min(1).max(5),
    integrity: z.number().int().min(1).max(5),
  })
  .partial();

export const Rating = z.object({
  id: z.string(),
  ticketId: z.string(),
  ticketNo: z.string(),
  windowNo: z.number().int(),
  staffId: z.string(),
  level: RatingLevel.or(z.literal('none')),
  dimensions: RatingDimensions,
  reason: z.string().nullable(),
  createdAt: z.string(),
});
export type Rating = z.infer<typeof Rating>;

export const AgentEvaluation = z.object({
  staff: StaffPublic,
  served: z.number().int(),
  ratings: z.number().int(),
  byLevel: z.record(z.string(), z.number().int()),
  satisfaction: z.number().nullable(),
  coverage: z.number().nullable(),
  recent: z.array(Rating),
});
export type AgentEvaluation = z.infer<typeof AgentEvaluation>;

export const SyncStatus = z.object({
  online: z.boolean(),
  pending: z.number().int(),
  lastSyncAt: z.string().nullable(),
  lastError: z.string().nullable(),
  cursor: z.number().int(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const StationInfo = z.object({
  stationId: z.string(),
  hallId: z.string(),
  hallName: z.string(),
  role: z.string(),
  windowNo: z.number().int().nullable(),
  version: z.string(),
  sync: SyncStatus,
});
export type StationInfo = z.infer<typeof StationInfo>;

export const PrinterStatus = z.object({
  name: z.string(),
  connected: z.boolean(),
  paperOut: z.boolean(),
  coverOpen: z.boolean(),
  queued: z.number().int(),
  lastError: z.string().nullable(),
});
export const ReceiptView = z.object({ text: z.string(), qr: z.array(z.string()), receivedAt: z.string() });
export const DevicesStatus = z.object({
  printer: PrinterStatus,
  receipts: z.array(ReceiptView),
});
export type DevicesStatus = z.infer<typeof DevicesStatus>;

export const BusinessCode = z.enum(BUSINESS_TYPE_CODES);
export const WindowNo = z.number().int().min(1).max(99);
export const TicketId = z.string().min(1).max(64);
