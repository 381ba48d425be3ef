import { initialFairnessState, FairnessStateSchema, type FairnessState } from '../queue/fairness';
import { QueueSettings, WindowTypes, DEFAULT_QUEUE_SETTINGS, type TypeSettings } from '../queue/settings';
import {
  DEFAULT_QUEUE_CONFIG,
  type PriorityClass,
  type QueueConfig,
  type QueueTicket,
  type TicketState,
  type WindowStatus,
  type WindowView,
} from '../queue/ticket-state';
import { businessType, BUSINESS_TYPE_CODES } from '../domain/business-types';
import { AppFailure } from '../result';
import type { MutationContext, SqlTx } from './sql';

/**
 * Rows ↔ the pure queue core (common/queue): what a mutator loads before asking the state machine,
 * and writes back after. Shared by the station and the central, so both decide alike.
 */
export interface QueueTicketRow {
  id: string;
  hall_id: string;
  day: string;
  number: string;
  business_type: string;
  priority: PriorityClass;
  status: TicketState;
  issued_at: string;
  called_at: string | null;
  call_count: number;
  round_calls: number;
  window_no: number | null;
  staff_id: string | null;
  started_at: string | null;
  finished_at: string | null;
  parked_at: string | null;
  no_show_at: string | null;
  ended_at: string | null;
  target_window: number | null;
  target_agent: string | null;
  transfers: number;
  appointment_at: string | null;
  version: number;
}

const ms = (s: string | null): number | null => (s === null ? null : Date.parse(s));
const iso = (n: number | null): string | null => (n === null ? null : new Date(n).toISOString());

export function loadTicketRow(tx: SqlTx, id: string): QueueTicketRow {
  const r = tx.get<QueueTicketRow>('SELECT * FROM tickets WHERE id = ?', id);
  if (!r) throw new AppFailure('not_found', 'queue.ticketNotFound', {}, 'ticketId');
  return r;
}

export function toQueueTicket(r: QueueTicketRow): QueueTicket {
  return {
    id: r.id,
    number: r.number,
    businessType: r.business_type,
    priorityClass: r.priority,
    arrivalAt: Date.parse(r.issued_at),
    appointmentAt: ms(r.appointment_at),
    status: r.status,
    windowNo: r.window_no,
    agentId: r.staff_id,
    target: { windowNo: r.target_window, agentId: r.target_agent },
    calls: [], // the history lives in the calls table
    roundCalls: r.round_calls,
    lastCallAt: ms(r.called_at),
    startedAt: ms(r.started_at),
    finishedAt: ms(r.finished_at),
    parkedAt: ms(r.parked_at),
    endedAt: ms(r.ended_at),
    noShowAt: r.no_show_at === null ? [] : [Date.parse(r.no_show_at)],
    transfers: r.transfers,
    version: r.version,
  };
}

/** Write the state machine's new ticket back; `calls` counts the calls it made (0 or 1). */
export function writeTicket(
  ctx: MutationContext,
  before: QueueTicketRow,
  t: QueueTicket,
  extra: { transferredFrom?: string; note?: string | null } = {},
): void {
  const newCalls = t.calls.length;
  ctx.tx.run(
    `UPDATE tickets SET status = ?, business_type = ?, window_no = ?, staff_id = ?, called_at = ?, call_count = call_count + ?,
       round_calls = ?, started_at = ?, finished_at = ?, parked_at = ?, no_show_at = ?, ended_at = ?, target_window = ?,
       target_agent = ?, transfers = ?, version = ?, transferred_from = COALESCE(?, transferred_from), note = COALESCE(?, note)
     WHERE id = ? AND version = ?`,
    t.status,
    t.businessType,
    // A finished ticket keeps its window (the rating screen and the evaluations need where it was served).
    t.status === 'finished' ? before.window_no : t.windowNo,
    // The agent stays on a finished ticket (ratings and evaluations need who served it).
    t.agentId ?? (t.status === 'finished' ? before.staff_id : null),
    iso(t.lastCallAt),
    newCalls,
    t.roundCalls,
    iso(t.startedAt),
    iso(t.finishedAt),
    iso(t.parkedAt),
    iso(t.noShowAt.length ? t.noShowAt[t.noShowAt.length - 1]! : null),
    iso(t.endedAt),
    t.target.windowNo,
    t.target.agentId,
    t.transfers,
    t.version,
    extra.transferredFrom ?? null,
    extra.note ?? null,
    before.id,
    before.version,
  );
  ctx.changed('ticket', before.id);
}

// ─── Windows ──────────────────────────────────────────────────────────────────────────────────────

export const windowStateId = (hallId: string, windowNo: number): string => `${hallId}/${windowNo}`;

interface WindowStateRow {
  id: string;
  status: WindowStatus;
  reason: string | null;
  types: string | null;
  fairness: string | null;
}

export interface WindowConfig {
  windowNo: number;
  status: WindowStatus;
  reason: string | null;
  types: WindowTypes;
  fairness: FairnessState;
  agentId: string | null;
}

/** A window as the rules see it: status (open unless set), types with priorities, fairness state, agent. */
export function loadWindow(tx: SqlTx, hallId: string, windowNo: number, settings: QueueSettings): WindowConfig {
  const w = tx.get<{ business_types: string }>(
    'SELECT business_types FROM windows WHERE hall_id = ? AND window_no = ?',
    hallId,
    windowNo,
  );
  if (!w) throw new AppFailure('not_found', 'queue.windowNotFound', { windowNo }, 'windowNo');
  const st = tx.get<WindowStateRow>(
    'SELECT id, status, reason, types, fairness FROM window_state WHERE id = ?',
    windowStateId(hallId, windowNo),
  );
  const types = st?.types
    ? WindowTypes.parse(JSON.parse(st.types))
    : (JSON.parse(w.business_types) as string[]).map((code) => ({ code, priority: 1 }));
  const fairness = st?.fairness ? FairnessStateSchema.parse(JSON.parse(st.fairness)) : initialFairnessState(settings);
  const agent = tx.get<{ staff_id: string }>(
    `SELECT staff_id FROM window_sessions WHERE hall_id = ? AND window_no = ? AND signed_out_at IS NULL ORDER BY signed_in_at DESC LIMIT 1`,
    hallId,
    windowNo,
  );
  return {
    windowNo,
    status: st?.status ?? 'open',
    reason: st?.reason ?? null,
    types,
    fairness,
    agentId: agent?.staff_id ?? null,
  };
}

/**
 * The window as the state machine sees it while acting on `ticketId`: the types it serves narrowed to
 * what the acting agent may serve, so no call (next or specific, here or on the central) gives an
 * agent a ticket outside their skills.
 */
export function windowView(
  tx: SqlTx,
  hallId: string,
  w: WindowConfig,
  agentId: string | null,
  ticketId: string,
  settings: QueueSettings,
): WindowView {
  const holding = tx.get<{ id: string; number: string }>(
    `SELECT id, number FROM tickets WHERE hall_id = ? AND window_no = ? AND status IN ('called','serving') AND id <> ? LIMIT 1`,
    hallId,
    w.windowNo,
    ticketId,
  );
  const agent = agentId ?? w.agentId;
  const skills = agent ? agentSkills(tx, settings, agent) : null;
  const types = w.types.map((t) => t.code).filter((code) => !skills || skills.includes(code));
  return { windowNo: w.windowNo, status: w.status, agentId: agent, businessTypes: types, holding: holding ?? null };
}

export function saveWindow(
  ctx: MutationContext,
  hallId: string,
  w: Partial<Pick<WindowConfig, 'status' | 'reason' | 'types' | 'fairness'>> & { windowNo: number },
  at: string,
): void {
  const id = windowStateId(hallId, w.windowNo);
  const cur = ctx.tx.get<WindowStateRow>(
    'SELECT id, status, reason, types, fairness FROM window_state WHERE id = ?',
    id,
  );
  const status = w.status ?? cur?.status ?? 'open';
  const reason = w.reason !== undefined ? w.reason : (cur?.reason ?? null);
  const types = w.types ? JSON.stringify(w.types) : (cur?.types ?? null);
  const fairness = w.fairness ? JSON.stringify(w.fairness) : (cur?.fairness ?? null);
  ctx.tx.run(
    `INSERT INTO window_state (id, hall_id, window_no, status, reason, types, fairness, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET status = excluded.status, reason = excluded.reason, types = excluded.types, fairness = excluded.fairness, updated_at = excluded.updated_at`,
    id,
    hallId,
    w.windowNo,
    status,
    reason,
    types,
    fairness,
    at,
  );
  ctx.changed('windowState', id);
}

// ─── Settings ─────────────────────────────────────────────────────────────────────────────────────

export function loadSettings(tx: SqlTx, hallId: string): QueueSettings {
  const r = tx.get<{ config: string }>('SELECT config FROM queue_settings WHERE hall_id = ?', hallId);
  if (!r) return DEFAULT_QUEUE_SETTINGS;
  const parsed = QueueSettings.safeParse(JSON.parse(r.config));
  return parsed.success ? parsed.data : DEFAULT_QUEUE_SETTINGS;
}

/**
 * The business types an agent may serve: as the manager set them (staff.setSkills, synced), else as
 * recorded for the agent in `staff.skills` (the seed fills it from the hall's roster). null only when
 * neither says anything: that agent serves every type of their window.
 */
export function agentSkills(tx: SqlTx, settings: QueueSettings, staffId: string): string[] | null {
  const set = settings.staffSkills[staffId];
  if (set) return set;
  const raw = tx.get<{ skills: string | null }>('SELECT skills FROM staff WHERE id = ?', staffId)?.skills;
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    const codes = Array.isArray(parsed) ? parsed.filter((c): c is string => typeof c === 'string') : [];
    return codes.length ? codes : null;
  } catch {
    return null; // a malformed roster entry restricts nothing rather than locking the agent out
  }
}

/** The state machine's config from the hall settings (the known types are the hall's). */
export function machineConfig(tx: SqlTx, s: QueueSettings): QueueConfig {
  const codes = tx.all<{ code: string }>('SELECT code FROM business_types').map((r) => r.code);
  return {
    ...DEFAULT_QUEUE_CONFIG,
    maxRecalls: s.maxRecalls,
    recallMinGapSec: s.recallMinGapSec,
    noShowAfterCalls: s.noShowAfterCalls,
    knownTypes: codes.length ? codes : [...BUSINESS_TYPE_CODES],
  };
}

/** A type's issuing config: the stored row, else the business type's defaults (issued all day). */
export function loadTypeSettings(tx: SqlTx, hallId: string, code: string): TypeSettings | null {
  const r = tx.get<{
    code: string;
    prefix: string;
    daily_cap: number;
    hours: string;
    waiting_warn_at: number;
    target_wait_min: number;
  }>(
    'SELECT code, prefix, daily_cap, hours, waiting_warn_at, target_wait_min FROM queue_type_config WHERE hall_id = ? AND code = ?',
    hallId,
    code,
  );
  if (r)
    return {
      code: r.code,
      prefix: r.prefix,
      dailyCap: r.daily_cap,
      hours: JSON.parse(r.hours) as TypeSettings['hours'],
      waitingWarnAt: r.waiting_warn_at,
      targetWaitMin: r.target_wait_min,
    };
  const bt = tx.get<{ code: string; prefix: string; daily_cap: number; target_wait_min: number }>(
    'SELECT code, prefix, daily_cap, target_wait_min FROM business_types WHERE code = ?',
    code,
  );
  const d =
    bt ??
    (businessType(code)
      ? { code, prefix: businessType(code)!.prefix, daily_cap: businessType(code)!.dailyCap, target_wait_min: 20 }
      : null);
  if (!d) return null;
  return {
    code: d.code,
    prefix: d.prefix,
    dailyCap: d.daily_cap,
    hours: [{ from: '00:00', to: '24:00' }],
    waitingWarnAt: 30,
    targetWaitMin: d.target_wait_min,
  };
}
