import { z } from 'zod';
import { ErrorParamsSchema } from '../errors/params-schema';
import { BUSINESS_TYPE_CODES } from '../domain/business-types';
import { RATING_LEVELS } from '../domain/ratings';
import { STAFF_ROLES } from './roles';

/**
 * A JSON object of any keys and values, as JSON.parse makes it (a plain object, not an array or
 * null). Checked without copying: z.record(z.string(), z.unknown()) rebuilt every object key by
 * key, the larger part of validating a pushed audit entry on the central.
 */
export const JsonObject = z.custom<Record<string, unknown>>((v) => {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}, 'expected a JSON object');

/** Entities as they cross the API. Money is integer fen; times are ISO-8601 strings. */
export const TicketStatus = z.enum([
  'waiting',
  'called',
  'serving',
  'finished',
  'no_show',
  'cancelled',
  'parked',
  'abandoned',
]);
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
  /** Open, paused (with the agent's reason) or closed, as the counter set it: the TV and the customer screen show it. */
  status: z.enum(['open', 'paused', 'closed']),
  pauseReason: z.string().nullable(),
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

/** The hall's synced display settings (queue settings): what every TV announces and scrolls by default. */
export const HallDisplay = z.object({
  announcementTemplate: z.string(),
  voiceRate: z.number(),
  voiceVolume: z.number(),
  notices: z.array(z.string()),
});
export type HallDisplay = z.infer<typeof HallDisplay>;

export const QueueSnapshot = z.object({
  day: z.string(),
  waiting: z.array(Ticket),
  windows: z.array(WindowState),
  recentCalls: z.array(CallEvent),
  types: z.array(BusinessTypeView),
  display: HallDisplay.optional(),
});
export type QueueSnapshot = z.infer<typeof QueueSnapshot>;

export const StaffSession = z.object({
  staff: StaffPublic,
  role: z.enum(STAFF_ROLES),
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
  /** Paused or closed at the counter: the screen says so instead of welcoming. */
  windowStatus: z.enum(['open', 'paused', 'closed']).optional(),
  pauseReason: z.string().nullable().optional(),
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
  /** Oral consultations (口头咨询) logged in the period: work without a rating that still counts. */
  consultations: z.number().int().optional(),
});
export type AgentEvaluation = z.infer<typeof AgentEvaluation>;

export const SyncStatus = z.object({
  online: z.boolean(),
  pending: z.number().int(),
  lastSyncAt: z.string().nullable(),
  lastError: z.string().nullable(),
  cursor: z.number().int(),
  /** Enrollment with the central: `unenrolled`, or refused (`unauthenticated`, `revoked`) → 未授权. */
  auth: z.enum(['ok', 'unenrolled', 'unauthenticated', 'revoked']).optional(),
  /** Mutations the central rejected (e.g. a ticket another counter called first), and the latest. */
  rejected: z.number().int().optional(),
  lastRejection: z
    .object({
      name: z.string(),
      code: z.string(),
      message: z.string(),
      /** Why, as a catalog key and its parameters (common/errors), when the central named one. */
      key: z.string().optional(),
      params: ErrorParamsSchema.optional(),
      at: z.string(),
    })
    .nullable()
    .optional(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

/** One warning or error line of the station's log (personal data already redacted). */
export const RecentLogLine = z.object({
  time: z.string(),
  level: z.enum(['warn', 'error', 'fatal']),
  message: z.string(),
});
export type RecentLogLine = z.infer<typeof RecentLogLine>;

export const StationInfo = z.object({
  stationId: z.string(),
  hallId: z.string(),
  hallName: z.string(),
  /** The hall's IANA time zone: every screen shows times on this wall clock. */
  timeZone: z.string(),
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

// --- Devices: reader, pad slot, print jobs, discovery, live log ---
export const DeviceErrorView = z.object({ code: z.string(), message: z.string(), at: z.string() });
export const IdCardView = z.object({
  cardType: z.enum(['resident', 'hk_macau_taiwan_permit', 'foreign_permanent_2017', 'foreign_permanent_2023']),
  name: z.string(),
  gender: z.string(),
  nation: z.string().nullable(),
  birthDate: z.string(),
  address: z.string().nullable(),
  idNumber: z.string(),
  authority: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  idNumberValid: z.boolean(),
  englishName: z.string().optional(),
  passNumber: z.string().optional(),
  readAt: z.string(),
});
export type IdCardView = z.infer<typeof IdCardView>;
export const ReaderStatus = z.object({
  name: z.string(),
  connected: z.boolean(),
  cardPresent: z.boolean(),
  lastError: DeviceErrorView.nullable(),
  lastReadAt: z.string().nullable(),
});
export type ReaderStatus = z.infer<typeof ReaderStatus>;
/** The signature pad's place on the devices page; the pad driver fills it. */
export const PadSlot = z.object({ name: z.string(), connected: z.boolean(), lastError: z.string().nullable() });
export const PrintJobView = z.object({
  id: z.string(),
  kind: z.string(),
  state: z.enum(['pending', 'printed']),
  attempts: z.number().int(),
  enqueuedAt: z.string(),
  printedAt: z.string().nullable(),
});
export type PrintJobView = z.infer<typeof PrintJobView>;
export const AttachedDeviceView = z.object({
  key: z.string(),
  kind: z.enum(['hid', 'serial', 'tcp']),
  path: z.string().nullable(),
  vendorId: z.number().int().nullable(),
  productId: z.number().int().nullable(),
  product: z.string().nullable(),
  driver: z.string().nullable(),
  via: z.string().nullable(),
});
export const DeviceLogEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  device: z.enum(['printer', 'idcard', 'pad', 'discovery', 'config']),
  level: z.enum(['info', 'warn', 'error']),
  message: z.string(),
});
export type DeviceLogEntry = z.infer<typeof DeviceLogEntry>;
export const DevicesOverview = z.object({
  reader: ReaderStatus,
  pad: PadSlot,
  jobs: z.array(PrintJobView),
  attached: z.array(AttachedDeviceView),
  log: z.array(DeviceLogEntry),
  configPath: z.string().nullable(),
});
export type DevicesOverview = z.infer<typeof DevicesOverview>;
export const SampleSlipKind = z.enum(['test_page', 'payment_receipt', 'acceptance_slip']);
/** A station of the hall as the central knows it (manager's sync section). */
export const HallStation = z.object({
  clientId: z.string(),
  role: z.string(),
  enrolledAt: z.string(),
  revokedAt: z.string().nullable(),
  lastContact: z.string().nullable(),
  backlog: z.number().int(),
  lastMutationId: z.number().int(),
  self: z.boolean(),
  /** The station's latest warnings and errors, as it last reported them to the central. */
  recentErrors: z.array(RecentLogLine),
});
export type HallStation = z.infer<typeof HallStation>;
export const EnrollmentCodeInfo = z.object({ code: z.string(), role: z.string(), expiresAt: z.string() });
export type EnrollmentCodeInfo = z.infer<typeof EnrollmentCodeInfo>;
