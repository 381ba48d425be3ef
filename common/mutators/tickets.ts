import { z } from 'zod';
import { businessType } from '../domain/business-types';
import { AppFailure } from '../result';
import { LEASE_FIRST, ticketNumber } from '../sync/number-leases';
import type { MutationContext } from './sql';

/**
 * Ticket mutations, shared by the station (optimistic) and the central (authoritative, in server
 * order). They are deterministic in their arguments, so a station can replay them after a pull.
 */
export const IssueArgs = z.object({
  id: z.string().min(8).max(64),
  hallId: z.string().min(1).max(32),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  businessType: z.string().min(1).max(16),
  priority: z.enum(['normal', 'green', 'vip', 'appointment']),
  number: z.string().regex(/^[A-Z]\d{3}$/),
  issuedAt: z.string().min(10).max(40),
  issuedBy: z.string().min(1).max(64),
});

export const CallArgs = z.object({
  callId: z.string().min(8).max(64),
  ticketId: z.string().min(1).max(64),
  windowNo: z.number().int().min(1).max(99),
  staffId: z.string().min(1).max(64),
  at: z.string().min(10).max(40),
});

export const StepArgs = z.object({
  ticketId: z.string().min(1).max(64),
  windowNo: z.number().int().min(1).max(99),
  at: z.string().min(10).max(40),
});

interface TicketRow {
  id: string;
  number: string;
  status: string;
  window_no: number | null;
  call_count: number;
}

/**
 * The next number of a prefix's online series for the hall's day: A001, A002 … A599. Numbers from
 * 600 up belong to kiosks' offline leases (common/sync/number-leases.ts) and are never assigned here.
 */
export function nextTicketNumber(ctx: Pick<MutationContext, 'tx'>, hallId: string, day: string, prefix: string): string {
  const last = ctx.tx.get<{ number: string }>(
    `SELECT number FROM tickets WHERE hall_id = ? AND day = ? AND number LIKE ? AND number < ? ORDER BY number DESC LIMIT 1`,
    hallId,
    day,
    `${prefix}%`,
    ticketNumber(prefix, LEASE_FIRST),
  );
  const n = last ? Number(last.number.slice(1)) + 1 : 1;
  if (n >= LEASE_FIRST) throw new AppFailure('conflict', `今日 ${prefix} 号段已用完 (series ${prefix} exhausted)`);
  return `${prefix}${String(n).padStart(3, '0')}`;
}

export function issueTicket(ctx: MutationContext, a: z.infer<typeof IssueArgs>): void {
  const type = businessType(a.businessType);
  if (!type) throw new AppFailure('validation', `unknown business type ${a.businessType}`, 'businessType');
  if (ctx.tx.get('SELECT 1 FROM tickets WHERE id = ?', a.id)) return; // replay of the same issue
  let number = a.number;
  const taken = ctx.tx.get('SELECT 1 FROM tickets WHERE hall_id = ? AND day = ? AND number = ?', a.hallId, a.day, number);
  if (taken) {
    // Another station issued this number first: the central gives the next free one.
    if (ctx.side === 'station') throw new AppFailure('conflict', `ticket number ${number} already issued`);
    number = nextTicketNumber(ctx, a.hallId, a.day, type.prefix);
  }
  ctx.tx.run(
    `INSERT INTO tickets (id, hall_id, day, number, business_type, priority, status, issued_at, issued_by, call_count)
     VALUES (?, ?, ?, ?, ?, ?, 'waiting', ?, ?, 0)`,
    a.id,
    a.hallId,
    a.day,
    number,
    a.businessType,
    a.priority,
    a.issuedAt,
    a.issuedBy,
  );
  ctx.changed('ticket', a.id);
}

function loadTicket(ctx: MutationContext, id: string): TicketRow {
  const t = ctx.tx.get<TicketRow>('SELECT id, number, status, window_no, call_count FROM tickets WHERE id = ?', id);
  if (!t) throw new AppFailure('not_found', `ticket ${id} not found`, 'ticketId');
  return t;
}

/** First call wins: a ticket no longer waiting cannot be called by another window. */
export function callTicket(ctx: MutationContext, a: z.infer<typeof CallArgs>): void {
  const t = loadTicket(ctx, a.ticketId);
  if (t.status !== 'waiting') {
    throw new AppFailure('conflict', `${t.number} 已被 ${t.window_no ?? '?'} 号窗口叫号 (already ${t.status})`);
  }
  const holding = ctx.tx.get<{ number: string }>(
    `SELECT number FROM tickets WHERE window_no = ? AND status IN ('called','serving') AND id <> ?`,
    a.windowNo,
    a.ticketId,
  );
  if (holding) throw new AppFailure('conflict', `窗口 ${a.windowNo} 正在办理 ${holding.number}`);
  ctx.tx.run(
    `UPDATE tickets SET status = 'called', called_at = ?, call_count = call_count + 1, window_no = ?, staff_id = ? WHERE id = ?`,
    a.at,
    a.windowNo,
    a.staffId,
    a.ticketId,
  );
  recordCall(ctx, a, t.number, false);
}

export function recallTicket(ctx: MutationContext, a: z.infer<typeof CallArgs>): void {
  const t = loadTicket(ctx, a.ticketId);
  if (t.status !== 'called' || t.window_no !== a.windowNo) throw new AppFailure('conflict', `${t.number} 不在本窗口等待 (not called here)`);
  ctx.tx.run(`UPDATE tickets SET called_at = ?, call_count = call_count + 1 WHERE id = ?`, a.at, a.ticketId);
  recordCall(ctx, a, t.number, true);
}

function recordCall(ctx: MutationContext, a: z.infer<typeof CallArgs>, ticketNo: string, recall: boolean): void {
  ctx.tx.run(
    `INSERT INTO calls (id, ticket_id, ticket_no, window_no, staff_id, recall, at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    a.callId,
    a.ticketId,
    ticketNo,
    a.windowNo,
    a.staffId,
    recall ? 1 : 0,
    a.at,
  );
  ctx.changed('ticket', a.ticketId);
  ctx.changed('call', a.callId);
}

export function startTicket(ctx: MutationContext, a: z.infer<typeof StepArgs>): void {
  const t = loadTicket(ctx, a.ticketId);
  if (t.status !== 'called' || t.window_no !== a.windowNo) throw new AppFailure('conflict', `${t.number} 不能开始办理 (status ${t.status})`);
  ctx.tx.run(`UPDATE tickets SET status = 'serving', started_at = ? WHERE id = ?`, a.at, a.ticketId);
  ctx.changed('ticket', a.ticketId);
}

export function finishTicket(ctx: MutationContext, a: z.infer<typeof StepArgs>): void {
  const t = loadTicket(ctx, a.ticketId);
  if ((t.status !== 'serving' && t.status !== 'called') || t.window_no !== a.windowNo) {
    throw new AppFailure('conflict', `${t.number} 不在本窗口办理 (status ${t.status})`);
  }
  ctx.tx.run(
    `UPDATE tickets SET status = 'finished', started_at = COALESCE(started_at, ?), finished_at = ? WHERE id = ?`,
    a.at,
    a.at,
    a.ticketId,
  );
  ctx.changed('ticket', a.ticketId);
}
