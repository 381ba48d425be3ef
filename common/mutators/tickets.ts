import { z } from 'zod';
import { advanceFairness } from '../queue/fairness';
import { canIssue } from '../queue/numbering';
import { WindowTypes, QueueSettings, TypeSettings } from '../queue/settings';
import { appErrorCodeOf, transition, type TicketAction, type TransitionEffect } from '../queue/ticket-state';
import { AppFailure } from '../result';
import { isLeasedNumber, LEASE_FIRST, ticketNumber } from '../sync/number-leases';
import type { MutationContext } from './sql';
import {
  loadSettings,
  loadTicketRow,
  loadTypeSettings,
  loadWindow,
  machineConfig,
  saveWindow,
  toQueueTicket,
  windowView,
  writeTicket,
  type QueueTicketRow,
} from './queue-state';

/**
 * Ticket mutations, shared by the station (optimistic) and the central (authoritative, in server
 * order). Every state change goes through common/queue's state machine: an illegal transition is a
 * typed error and changes nothing. They are deterministic in their arguments, so a station can replay
 * them after a pull.
 */
const Id = z.string().min(1).max(64);
const At = z.string().min(10).max(40);
const Reason = z.string().trim().max(200);

export const IssueArgs = z.object({
  id: z.string().min(8).max(64),
  hallId: z.string().min(1).max(32),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  businessType: z.string().min(1).max(16),
  priority: z.enum(['normal', 'green', 'vip', 'appointment']),
  number: z.string().regex(/^[A-Z]\d{3}$/),
  issuedAt: At,
  issuedBy: z.string().min(1).max(64),
  /** Appointment check-in: the appointment becomes checked_in in the same transaction. */
  appointmentId: Id.optional(),
});

export const CallArgs = z.object({
  callId: z.string().min(8).max(64),
  ticketId: Id,
  windowNo: z.number().int().min(1).max(99),
  staffId: Id,
  at: At,
  /** A specific call (not the next by the rules): needs a reason, audited. */
  specific: z.boolean().optional(),
  reason: Reason.optional(),
  /** Set by call-next: the fairness bucket served, so the window's fairness state advances. */
  bucket: z.enum(['normal', 'priority']).optional(),
  expectVersion: z.number().int().min(0).optional(),
});

export const StepArgs = z.object({
  ticketId: Id,
  windowNo: z.number().int().min(1).max(99),
  at: At,
  staffId: Id.optional(),
  expectVersion: z.number().int().min(0).optional(),
});
export const ParkArgs = StepArgs.extend({ reason: Reason.optional() });
export const TransferArgs = StepArgs.extend({
  toType: z.string().min(1).max(16).optional(),
  toWindow: z.number().int().min(1).max(99).optional(),
  toAgent: Id.optional(),
  reason: Reason.optional(),
});
export const ReclassifyArgs = z.object({
  ticketId: Id,
  toType: z.string().min(1).max(16),
  staffId: Id,
  at: At,
  reason: Reason.optional(),
});
export const CloseDayArgs = z.object({
  hallId: z.string().min(1).max(32),
  beforeDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  at: At,
});
export const WindowStatusArgs = z.object({
  hallId: z.string().min(1).max(32),
  windowNo: z.number().int().min(1).max(99),
  status: z.enum(['open', 'paused', 'closed']),
  reason: Reason.optional(),
  staffId: Id,
  at: At,
});
export const WindowConfigArgs = z.object({
  hallId: z.string().min(1).max(32),
  windowNo: z.number().int().min(1).max(99),
  types: WindowTypes,
  at: At,
});
export const SettingsArgs = z.object({ hallId: z.string().min(1).max(32), settings: QueueSettings, at: At });
export const TypeConfigArgs = z.object({ hallId: z.string().min(1).max(32), type: TypeSettings, at: At });

/**
 * The next number of a prefix's online series for the hall's day: A001, A002 … A599. Numbers from
 * 600 up belong to kiosks' offline leases (common/sync/number-leases.ts) and are never assigned here.
 */
export function nextTicketNumber(
  ctx: Pick<MutationContext, 'tx'>,
  hallId: string,
  day: string,
  prefix: string,
): string {
  const last = ctx.tx.get<{ number: string }>(
    // A range on the (hall, day, number) index: every number of the series sorts between the bare prefix and its lease block.
    `SELECT number FROM tickets WHERE hall_id = ? AND day = ? AND number >= ? AND number < ? ORDER BY number DESC LIMIT 1`,
    hallId,
    day,
    prefix,
    ticketNumber(prefix, LEASE_FIRST),
  );
  const n = last ? Number(last.number.slice(1)) + 1 : 1;
  if (n >= LEASE_FIRST) throw new AppFailure('conflict', 'queue.seriesExhausted', { prefix });
  return `${prefix}${String(n).padStart(3, '0')}`;
}

/** Caps, issuing hours and the number series of a type, as common/queue/numbering decides them. */
export function issueDecision(ctx: Pick<MutationContext, 'tx'>, hallId: string, day: string, code: string, at: string) {
  const cfg = loadTypeSettings(ctx.tx, hallId, code);
  if (!cfg) throw new AppFailure('validation', 'queue.unknownBusinessType', { businessType: code }, 'businessType');
  const count = (sql: string) => ctx.tx.get<{ n: number }>(sql, hallId, day, code)!.n;
  const issuedOfType = count(`SELECT count(*) AS n FROM tickets WHERE hall_id = ? AND day = ? AND business_type = ?`);
  const waitingOfType = count(
    `SELECT count(*) AS n FROM tickets WHERE hall_id = ? AND day = ? AND business_type = ? AND status = 'waiting'`,
  );
  // A range on the (hall, day, number) index rather than LIKE, which SQLite cannot serve from it.
  const last = ctx.tx.get<{ number: string }>(
    `SELECT number FROM tickets WHERE hall_id = ? AND day = ? AND number >= ? AND number < ? ORDER BY number DESC LIMIT 1`,
    hallId,
    day,
    cfg.prefix,
    `${cfg.prefix}\uffff`,
  );
  const decision = canIssue(
    cfg,
    { issuedOfType, lastSeqOfPrefix: last ? Number(last.number.slice(1)) : 0, waitingOfType },
    at,
  );
  return { cfg, decision };
}

/**
 * Issue a ticket. Its number is the one printed on the slip, and it never changes: online, the hall's
 * authority assigned it (central/store/ticket-authority.ts, which records the ticket with this same
 * mutator); offline, it came from the kiosk's own lease. The central, replaying a push, checks caps and
 * hours again, but never renumbers: a number held by another ticket cannot arise (the online series is
 * assigned by one authority, lease blocks belong to one kiosk each), and is refused if it does.
 */
export function issueTicket(ctx: MutationContext, a: z.infer<typeof IssueArgs>): void {
  const recorded = ctx.tx.get<{ number: string }>('SELECT number FROM tickets WHERE id = ?', a.id);
  if (recorded) {
    // Replay of the same issue. Different only when the kiosk gave up waiting for the authority (which
    // had recorded the ticket all the same) and printed a leased number: the slip is what counts.
    if (recorded.number !== a.number && isLeasedNumber(a.number)) adoptPrinted(ctx, a);
    return;
  }
  const number = ctx.side === 'central' ? decideAtCentral(ctx, a) : numberAtStation(ctx, a);
  let appointmentAt: string | null = null;
  if (a.appointmentId) {
    const ap = ctx.tx.get<{ status: string; slot_at: string; business_type: string }>(
      'SELECT status, slot_at, business_type FROM appointments WHERE id = ?',
      a.appointmentId,
    );
    if (!ap) throw new AppFailure('not_found', 'queue.appointmentNotFound', {}, 'appointmentId');
    if (ap.status !== 'booked') throw new AppFailure('conflict', 'queue.appointmentUsed', {}, 'appointmentId');
    if (ap.business_type !== a.businessType)
      throw new AppFailure('validation', 'queue.appointmentTypeMismatch', {}, 'businessType');
    appointmentAt = ap.slot_at;
    ctx.tx.run(`UPDATE appointments SET status = 'checked_in', ticket_id = ? WHERE id = ?`, a.id, a.appointmentId);
    ctx.changed('appointment', a.appointmentId);
  }
  ctx.tx.run(
    `INSERT INTO tickets (id, hall_id, day, number, business_type, priority, status, issued_at, issued_by, call_count, appointment_id, appointment_at)
     VALUES (?, ?, ?, ?, ?, ?, 'waiting', ?, ?, 0, ?, ?)`,
    a.id,
    a.hallId,
    a.day,
    number,
    a.businessType,
    a.priority,
    a.issuedAt,
    a.issuedBy,
    a.appointmentId ?? null,
    appointmentAt,
  );
  ctx.changed('ticket', a.id);
}

/** The printed leased number replaces the online one the authority had given (and nobody holds). */
function adoptPrinted(ctx: MutationContext, a: z.infer<typeof IssueArgs>): void {
  if (numberTaken(ctx, a)) throw new AppFailure('conflict', 'queue.numberTaken', { ticketNo: a.number });
  ctx.tx.run('UPDATE tickets SET number = ? WHERE id = ?', a.number, a.id);
  ctx.changed('ticket', a.id);
}

const numberTaken = (ctx: MutationContext, a: z.infer<typeof IssueArgs>): boolean =>
  ctx.tx.get('SELECT 1 FROM tickets WHERE hall_id = ? AND day = ? AND number = ?', a.hallId, a.day, a.number) !==
  undefined;

/** The central's decision, authoritative: caps and hours; the number is the printed one, or the ticket is refused. */
function decideAtCentral(ctx: MutationContext, a: z.infer<typeof IssueArgs>): string {
  const { decision } = issueDecision(ctx, a.hallId, a.day, a.businessType, a.issuedAt);
  if (!decision.ok) throw AppFailure.fromError({ ...decision.error, code: 'conflict', field: 'businessType' });
  if (numberTaken(ctx, a)) throw new AppFailure('conflict', 'queue.numberTaken', { ticketNo: a.number });
  return a.number;
}

/** The station applies the number it printed; one held by another ticket is refused (by construction it is not). */
function numberAtStation(ctx: MutationContext, a: z.infer<typeof IssueArgs>): string {
  const number = a.number;
  if (numberTaken(ctx, a)) throw new AppFailure('conflict', 'queue.numberTaken', { ticketNo: number });
  return number;
}

interface ActArgs {
  ticketId: string;
  windowNo: number;
  at: string;
  staffId?: string;
  expectVersion?: number;
  callId?: string;
}

/** Load → state machine → write back with its effects (call rows, audit rows). Throws, changing nothing, on a refusal. */
function act(
  ctx: MutationContext,
  a: ActArgs,
  action: TicketAction,
  note?: string | null,
): { row: QueueTicketRow; effects: TransitionEffect[] } {
  const row = loadTicketRow(ctx.tx, a.ticketId);
  const settings = loadSettings(ctx.tx, row.hall_id);
  const w = loadWindow(ctx.tx, row.hall_id, a.windowNo, settings);
  const view = windowView(ctx.tx, row.hall_id, w, a.staffId ?? null, row.id, settings);
  const r = transition(
    toQueueTicket(row),
    { ...action, expectVersion: a.expectVersion },
    { now: a.at, window: view, config: machineConfig(ctx.tx, settings) },
  );
  if (!r.ok) throw AppFailure.fromError({ ...r.error, code: appErrorCodeOf(r.error.code) });
  const transferredFrom =
    action.type === 'transfer'
      ? JSON.stringify({ type: row.business_type, windowNo: a.windowNo, agentId: row.staff_id, at: a.at })
      : undefined;
  writeTicket(ctx, row, r.ticket, { transferredFrom, note });
  for (const e of r.effects) {
    if (e.kind === 'announce') {
      if (!a.callId) throw new AppFailure('validation', 'input.invalid', {}, 'callId');
      ctx.tx.run(
        `INSERT INTO calls (id, ticket_id, ticket_no, window_no, staff_id, recall, at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        a.callId,
        row.id,
        row.number,
        e.windowNo,
        a.staffId ?? view.agentId ?? '',
        e.recall ? 1 : 0,
        a.at,
      );
      ctx.changed('call', a.callId);
    } else if (e.kind === 'audit') {
      const id = `au-${row.id}-${e.action}-${row.version}`.slice(0, 64);
      ctx.tx.run(
        'INSERT OR IGNORE INTO audit_log (id, at, station_id, actor, action, detail) VALUES (?, ?, ?, ?, ?, ?)',
        id,
        a.at,
        `window-${a.windowNo}`,
        a.staffId ?? null,
        `ticket.${e.action}`,
        JSON.stringify({ ticketId: e.ticketId, ticketNo: e.ticketNo, windowNo: e.windowNo, reason: e.reason }),
      );
      ctx.changed('audit', id);
    }
  }
  return { row, effects: r.effects };
}

/** First call wins: a ticket no longer waiting cannot be called by another window. */
export function callTicket(ctx: MutationContext, a: z.infer<typeof CallArgs>): void {
  const { row } = act(
    ctx,
    a,
    { type: 'call', specific: a.specific, reason: a.reason },
    a.specific ? (a.reason ?? null) : null,
  );
  if (a.bucket) {
    const settings = loadSettings(ctx.tx, row.hall_id);
    const w = loadWindow(ctx.tx, row.hall_id, a.windowNo, settings);
    saveWindow(
      ctx,
      row.hall_id,
      { windowNo: a.windowNo, fairness: advanceFairness(settings.interleave, w.fairness, a.bucket) },
      a.at,
    );
  }
}

export const recallTicket = (ctx: MutationContext, a: z.infer<typeof CallArgs>): void =>
  void act(ctx, a, { type: 'recall' });
export const startTicket = (ctx: MutationContext, a: z.infer<typeof StepArgs>): void =>
  void act(ctx, a, { type: 'start' });
export const finishTicket = (ctx: MutationContext, a: z.infer<typeof StepArgs>): void =>
  void act(ctx, a, { type: 'finish' });
export const noShowTicket = (ctx: MutationContext, a: z.infer<typeof StepArgs>): void =>
  void act(ctx, a, { type: 'noShow' });
export const resumeTicket = (ctx: MutationContext, a: z.infer<typeof StepArgs>): void =>
  void act(ctx, a, { type: 'resume' });
export const parkTicket = (ctx: MutationContext, a: z.infer<typeof ParkArgs>): void =>
  void act(ctx, a, { type: 'park', reason: a.reason }, a.reason ?? null);
export function transferTicket(ctx: MutationContext, a: z.infer<typeof TransferArgs>): void {
  act(
    ctx,
    a,
    { type: 'transfer', toType: a.toType, toWindow: a.toWindow, toAgent: a.toAgent, reason: a.reason },
    a.reason ?? null,
  );
}

/** The guide re-classifies a waiting ticket (wrong type chosen at the kiosk); its arrival time is kept. */
export function reclassifyTicket(ctx: MutationContext, a: z.infer<typeof ReclassifyArgs>): void {
  const row = loadTicketRow(ctx.tx, a.ticketId);
  if (row.status !== 'waiting')
    throw new AppFailure('conflict', 'queue.reclassifyNotWaiting', { ticketNo: row.number });
  if (!ctx.tx.get('SELECT 1 FROM business_types WHERE code = ?', a.toType))
    throw new AppFailure('validation', 'queue.unknownBusinessType', { businessType: a.toType }, 'toType');
  if (a.toType === row.business_type)
    throw new AppFailure('validation', 'queue.alreadyOfType', { ticketNo: row.number }, 'toType');
  ctx.tx.run(
    `UPDATE tickets SET business_type = ?, transferred_from = ?, version = version + 1, note = ? WHERE id = ? AND version = ?`,
    a.toType,
    JSON.stringify({ type: row.business_type, by: a.staffId, at: a.at }),
    a.reason ?? null,
    row.id,
    row.version,
  );
  ctx.changed('ticket', row.id);
}

/** Day reset: every unfinished ticket of an earlier day is closed as abandoned (no-shows stay no-shows). */
export function closeDay(ctx: MutationContext, a: z.infer<typeof CloseDayArgs>): void {
  const rows = ctx.tx.all<QueueTicketRow>(
    `SELECT * FROM tickets WHERE hall_id = ? AND day < ? AND status IN ('waiting','called','serving','parked')`,
    a.hallId,
    a.beforeDay,
  );
  for (const row of rows) {
    // A ticket still "serving" overnight was never finished: close it too, the day is over.
    const t = toQueueTicket(row.status === 'serving' ? { ...row, status: 'parked' } : row);
    const r = transition(t, { type: 'abandon' }, { now: a.at });
    if (!r.ok) continue;
    writeTicket(ctx, row, r.ticket);
  }
}

/** Open, pause (reason required) or close a window; a window holding a called/serving ticket cannot close. */
export function setWindowStatus(ctx: MutationContext, a: z.infer<typeof WindowStatusArgs>): void {
  const settings = loadSettings(ctx.tx, a.hallId);
  const w = loadWindow(ctx.tx, a.hallId, a.windowNo, settings);
  if (a.status === 'paused' && !a.reason) throw new AppFailure('validation', 'queue.pauseReasonRequired', {}, 'reason');
  if (a.status === 'closed') {
    const holding = ctx.tx.get<{ number: string }>(
      `SELECT number FROM tickets WHERE hall_id = ? AND window_no = ? AND status IN ('called','serving','parked') LIMIT 1`,
      a.hallId,
      a.windowNo,
    );
    if (holding)
      throw new AppFailure('conflict', 'queue.windowHoldsTicket', { windowNo: a.windowNo, ticketNo: holding.number });
  }
  if (w.status === a.status && (w.reason ?? undefined) === a.reason) return;
  saveWindow(
    ctx,
    a.hallId,
    { windowNo: a.windowNo, status: a.status, reason: a.status === 'paused' ? (a.reason ?? null) : null },
    a.at,
  );
}

export function configureWindow(ctx: MutationContext, a: z.infer<typeof WindowConfigArgs>): void {
  const settings = loadSettings(ctx.tx, a.hallId);
  loadWindow(ctx.tx, a.hallId, a.windowNo, settings); // exists
  for (const t of a.types)
    if (!ctx.tx.get('SELECT 1 FROM business_types WHERE code = ?', t.code))
      throw new AppFailure('validation', 'queue.unknownBusinessType', { businessType: t.code }, 'types');
  saveWindow(ctx, a.hallId, { windowNo: a.windowNo, types: a.types }, a.at);
  ctx.tx.run(
    'UPDATE windows SET business_types = ? WHERE hall_id = ? AND window_no = ?',
    JSON.stringify(a.types.map((t) => t.code)),
    a.hallId,
    a.windowNo,
  );
  // The window's reference row travels too, so every station's window list serves the same types.
  if (ctx.tx.get('SELECT 1 FROM windows WHERE hall_id = ? AND window_no = ?', a.hallId, a.windowNo))
    ctx.changed('window', `${a.hallId}/${a.windowNo}`);
}

export function configureQueue(ctx: MutationContext, a: z.infer<typeof SettingsArgs>): void {
  // Skills belong to staff.setSkills: a settings save made from an older view must not undo them.
  writeSettings(ctx, a.hallId, { ...a.settings, staffSkills: loadSettings(ctx.tx, a.hallId).staffSkills }, a.at);
}

export const SkillsArgs = z.object({
  hallId: z.string().min(1).max(32),
  staffId: z.string().min(1).max(32),
  skills: z.array(z.string().min(1).max(16)).min(1, 'queue.skillsRequired').max(20),
  at: At,
});

/** Which business types one agent may serve; the agent must exist and every type must be known. */
export function setStaffSkills(ctx: MutationContext, a: z.infer<typeof SkillsArgs>): void {
  const staff = ctx.tx.get<{ role: string }>(
    'SELECT role FROM staff WHERE id = ? AND hall_id = ?',
    a.staffId,
    a.hallId,
  );
  if (!staff) throw new AppFailure('not_found', 'access.staffNotFound', {}, 'staffId');
  const known = new Set(ctx.tx.all<{ code: string }>('SELECT code FROM business_types').map((r) => r.code));
  const unknown = a.skills.find((c) => !known.has(c));
  if (unknown) throw new AppFailure('validation', 'queue.unknownBusinessType', { businessType: unknown }, 'skills');
  const settings = loadSettings(ctx.tx, a.hallId);
  writeSettings(
    ctx,
    a.hallId,
    { ...settings, staffSkills: { ...settings.staffSkills, [a.staffId]: [...new Set(a.skills)] } },
    a.at,
  );
}

function writeSettings(ctx: MutationContext, hallId: string, settings: QueueSettings, at: string): void {
  ctx.tx.run(
    `INSERT INTO queue_settings (hall_id, config, updated_at) VALUES (?, ?, ?) ON CONFLICT (hall_id) DO UPDATE SET config = excluded.config, updated_at = excluded.updated_at`,
    hallId,
    JSON.stringify(settings),
    at,
  );
  ctx.changed('queueSettings', hallId);
}

export function configureType(ctx: MutationContext, a: z.infer<typeof TypeConfigArgs>): void {
  if (!ctx.tx.get('SELECT 1 FROM business_types WHERE code = ?', a.type.code))
    throw new AppFailure('validation', 'queue.unknownBusinessType', { businessType: a.type.code }, 'type.code');
  const id = `${a.hallId}/${a.type.code}`;
  ctx.tx.run(
    `INSERT INTO queue_type_config (id, hall_id, code, prefix, daily_cap, hours, waiting_warn_at, target_wait_min, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET prefix = excluded.prefix, daily_cap = excluded.daily_cap, hours = excluded.hours,
       waiting_warn_at = excluded.waiting_warn_at, target_wait_min = excluded.target_wait_min, updated_at = excluded.updated_at`,
    id,
    a.hallId,
    a.type.code,
    a.type.prefix,
    a.type.dailyCap,
    JSON.stringify(a.type.hours),
    a.type.waitingWarnAt,
    a.type.targetWaitMin,
    a.at,
  );
  ctx.changed('queueTypeConfig', id);
}
