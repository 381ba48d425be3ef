import { localDayStartUtc } from './kpi-queries';
import type { CallEvent, QueueSnapshot, WindowState } from '@common/api/schemas';
import { callAnnouncement } from '@common/domain/announcement';
import { loadSettings, windowStateId } from '@common/mutators/queue-state';
import { hallDisplayConfig, renderAnnouncement } from '@common/queue/settings';
import type { WorkerState } from '../worker-state';
import { TICKET_COLUMNS, toStaffPublic, toTicket, type StaffRow, type TicketRow } from '../rows';

interface WindowRow {
  window_no: number;
  name: string;
  business_types: string;
  open: number;
}

/** Waiting-first ordering: priority classes before normal, then arrival (fairness rules). */
const WAITING_ORDER = `CASE priority WHEN 'normal' THEN 1 ELSE 0 END, issued_at, number`;

export function windowState(s: WorkerState, a: { day: string; windowNo: number }): WindowState | null {
  const w = s.tx.get<WindowRow>(
    'SELECT window_no, name, business_types, open FROM windows WHERE hall_id = ? AND window_no = ?',
    s.hallId,
    a.windowNo,
  );
  if (!w) return null;
  const agent = s.tx.get<StaffRow>(
    `SELECT st.* FROM window_sessions ws JOIN staff st ON st.id = ws.staff_id
      WHERE ws.hall_id = ? AND ws.window_no = ? AND ws.signed_out_at IS NULL
      ORDER BY ws.signed_in_at DESC LIMIT 1`,
    s.hallId,
    a.windowNo,
  );
  const current = s.tx.get<TicketRow>(
    `SELECT ${TICKET_COLUMNS} FROM tickets WHERE hall_id = ? AND day = ? AND window_no = ? AND status IN ('called','serving')
      ORDER BY called_at DESC LIMIT 1`,
    s.hallId,
    a.day,
    a.windowNo,
  );
  const set = s.tx.get<{ status: string; reason: string | null }>(
    'SELECT status, reason FROM window_state WHERE id = ?',
    windowStateId(s.hallId, a.windowNo),
  );
  const status = set?.status === 'paused' || set?.status === 'closed' ? set.status : w.open === 1 ? 'open' : 'closed';
  const served = s.tx.get<{ n: number }>(
    `SELECT count(*) AS n FROM tickets WHERE hall_id = ? AND day = ? AND window_no = ? AND status = 'finished'`,
    s.hallId,
    a.day,
    a.windowNo,
  );
  return {
    windowNo: w.window_no,
    name: w.name,
    businessTypes: JSON.parse(w.business_types) as string[],
    open: w.open === 1 && status !== 'closed',
    status,
    pauseReason: status === 'paused' ? (set?.reason ?? null) : null,
    agent: agent ? toStaffPublic(agent) : null,
    current: current ? toTicket(current) : null,
    servedToday: served?.n ?? 0,
  };
}

export const toCallEvent = (r: {
  ticket_id: string;
  ticket_no: string;
  window_no: number;
  recall: number;
  at: string;
}): CallEvent => ({
  ticketId: r.ticket_id,
  ticketNo: r.ticket_no,
  windowNo: r.window_no,
  text: callAnnouncement(r.ticket_no, r.window_no, r.recall === 1),
  recall: r.recall === 1,
  at: r.at,
});

export function recentCalls(s: WorkerState, a: { day: string; limit: number }): CallEvent[] {
  const template = loadSettings(s.tx, s.hallId).announcementTemplate;
  return s.tx
    .all<{ ticket_id: string; ticket_no: string; window_no: number; recall: number; at: string }>(
      // Bounded by instant: with fewer than `limit` calls today, the walk down calls_at stops at the
      // day's start instead of going through every earlier call.
      `SELECT c.ticket_id, c.ticket_no, c.window_no, c.recall, c.at FROM calls c JOIN tickets t ON t.id = c.ticket_id
        WHERE c.at >= ? AND t.hall_id = ? AND t.day = ? ORDER BY c.at DESC LIMIT ?`,
      localDayStartUtc(a.day),
      s.hallId,
      a.day,
      a.limit,
    )
    .map((r) => ({ ...toCallEvent(r), text: renderAnnouncement(template, r.ticket_no, r.window_no, r.recall === 1) }));
}

export function snapshot(s: WorkerState, a: { day: string }): QueueSnapshot {
  const waiting = s.tx
    .all<TicketRow>(
      `SELECT ${TICKET_COLUMNS} FROM tickets WHERE hall_id = ? AND day = ? AND status = 'waiting' ORDER BY ${WAITING_ORDER}`,
      s.hallId,
      a.day,
    )
    .map(toTicket);
  const windows = s.tx
    .all<{ window_no: number }>('SELECT window_no FROM windows WHERE hall_id = ? ORDER BY window_no', s.hallId)
    .map((w) => windowState(s, { day: a.day, windowNo: w.window_no }))
    .filter((w): w is WindowState => w !== null);
  const types = s.tx
    .all<{ code: string; name: string; name_en: string; prefix: string; online_channel: string | null }>(
      'SELECT code, name, name_en, prefix, online_channel FROM business_types ORDER BY prefix, rowid',
    )
    .map((t) => ({
      code: t.code,
      name: t.name,
      nameEn: t.name_en,
      prefix: t.prefix,
      onlineChannel: t.online_channel,
      waiting: waiting.filter((w) => w.businessType === t.code).length,
    }));
  return {
    day: a.day,
    waiting,
    windows,
    recentCalls: recentCalls(s, { day: a.day, limit: 12 }),
    types,
    display: hallDisplayConfig(loadSettings(s.tx, s.hallId)),
  };
}

/** The next ticket for a window: waiting tickets of the types it serves, in queue order. */
export function nextForWindow(s: WorkerState, a: { day: string; windowNo: number }): string | null {
  const w = s.tx.get<WindowRow>(
    'SELECT business_types FROM windows WHERE hall_id = ? AND window_no = ?',
    s.hallId,
    a.windowNo,
  );
  if (!w) return null;
  const row = s.tx.get<{ id: string }>(
    `SELECT id FROM tickets WHERE hall_id = ? AND day = ? AND status = 'waiting'
      AND business_type IN (SELECT value FROM json_each(?)) ORDER BY ${WAITING_ORDER} LIMIT 1`,
    s.hallId,
    a.day,
    w.business_types,
  );
  return row?.id ?? null;
}

export function ticketById(s: WorkerState, a: { id: string }) {
  const r = s.tx.get<TicketRow>(`SELECT ${TICKET_COLUMNS} FROM tickets WHERE id = ?`, a.id);
  return r ? toTicket(r) : null;
}

/** People waiting for the same type who arrived earlier. */
export function waitingAhead(s: WorkerState, a: { id: string }): number {
  const t = s.tx.get<{ business_type: string; issued_at: string; day: string }>(
    'SELECT business_type, issued_at, day FROM tickets WHERE id = ?',
    a.id,
  );
  if (!t) return 0;
  return (
    s.tx.get<{ n: number }>(
      `SELECT count(*) AS n FROM tickets WHERE hall_id = ? AND day = ? AND status = 'waiting' AND business_type = ? AND issued_at < ?`,
      s.hallId,
      t.day,
      t.business_type,
      t.issued_at,
    )?.n ?? 0
  );
}

/** The ticket finished most recently at a window that has no rating yet (what the rate screen asks about). */
export function awaitingRating(s: WorkerState, a: { day: string; windowNo: number }) {
  const r = s.tx.get<TicketRow>(
    `SELECT ${TICKET_COLUMNS} FROM tickets t WHERE hall_id = ? AND day = ? AND window_no = ? AND status = 'finished'
      AND NOT EXISTS (SELECT 1 FROM ratings r WHERE r.ticket_id = t.id) ORDER BY finished_at DESC LIMIT 1`,
    s.hallId,
    a.day,
    a.windowNo,
  );
  return r ? toTicket(r) : null;
}
