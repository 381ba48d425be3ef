import type { CounterPanel, QueueConfigView, QueueTicketView, TicketPosition } from '@common/api/queue-schemas';
import {
  agentSkills,
  loadSettings,
  loadTypeSettings,
  loadWindow,
  toQueueTicket,
  type QueueTicketRow,
} from '@common/mutators/queue-state';
import { issueDecision } from '@common/mutators/tickets';
import { candidates, pickNext, type WindowRules } from '@common/queue/fairness';
import type { QueueSettings } from '@common/queue/settings';
import type { WorkerState } from '../worker-state';
import { toStaffPublic, toTicket, type StaffRow } from '../rows';

/** Queue reads for the calling panel, call-next, the live ticket position and the configuration page. */
export const toView = (r: QueueTicketRow & { note?: string | null }): QueueTicketView => ({
  ...toTicket(r),
  version: r.version,
  roundCalls: r.round_calls,
  parkedAt: r.parked_at,
  targetWindow: r.target_window,
  targetAgent: r.target_agent,
  transfers: r.transfers,
  note: r.note ?? null,
  appointmentAt: r.appointment_at,
});

function rulesOf(
  s: WorkerState,
  windowNo: number,
  settings: QueueSettings,
): { rules: WindowRules; fairness: ReturnType<typeof loadWindow>['fairness']; w: ReturnType<typeof loadWindow> } {
  const w = loadWindow(s.tx, s.hallId, windowNo, settings);
  // The window's types, narrowed to what the signed-in agent may serve.
  const skills = w.agentId ? agentSkills(s.tx, settings, w.agentId) : null;
  const rules: WindowRules = {
    windowNo,
    agentId: w.agentId,
    types: skills ? w.types.filter((t) => skills.includes(t.code)) : w.types,
    interleave: settings.interleave,
    priorityClassOrder: ['green', 'vip', 'appointment'],
    appointmentWindowMin: settings.appointmentWindowMin,
  };
  return { rules, fairness: w.fairness, w };
}

const waitingRows = (s: WorkerState, day: string) =>
  s.tx.all<QueueTicketRow>(
    `SELECT * FROM tickets WHERE hall_id = ? AND day = ? AND status = 'waiting' ORDER BY issued_at, number`,
    s.hallId,
    day,
  );

/** The ticket call-next takes now by the window's rules and persisted fairness state. */
export function pickForWindow(
  s: WorkerState,
  a: { day: string; windowNo: number; now: string },
): { ticketId: string; bucket: 'normal' | 'priority'; version: number } | null {
  const settings = loadSettings(s.tx, s.hallId);
  const { rules, fairness } = rulesOf(s, a.windowNo, settings);
  const rows = waitingRows(s, a.day);
  const r = pickNext(rows.map(toQueueTicket), rules, fairness, a.now);
  if (!r.ticketId || !r.bucket) return null;
  return { ticketId: r.ticketId, bucket: r.bucket, version: rows.find((x) => x.id === r.ticketId)!.version };
}

export function counterPanel(s: WorkerState, a: { day: string; windowNo: number; now: string }): CounterPanel | null {
  const win = s.tx.get<{ name: string }>(
    'SELECT name FROM windows WHERE hall_id = ? AND window_no = ?',
    s.hallId,
    a.windowNo,
  );
  if (!win) return null;
  const settings = loadSettings(s.tx, s.hallId);
  const { rules, fairness, w } = rulesOf(s, a.windowNo, settings);
  const names = new Map(
    s.tx.all<{ code: string; name: string }>('SELECT code, name FROM business_types').map((t) => [t.code, t.name]),
  );
  const agentOf = (windowNo: number) =>
    s.tx.get<StaffRow>(
      `SELECT st.* FROM window_sessions ws JOIN staff st ON st.id = ws.staff_id WHERE ws.hall_id = ? AND ws.window_no = ? AND ws.signed_out_at IS NULL ORDER BY ws.signed_in_at DESC LIMIT 1`,
      s.hallId,
      windowNo,
    );
  const agent = agentOf(a.windowNo);
  const atWindow = s.tx.all<QueueTicketRow>(
    `SELECT * FROM tickets WHERE hall_id = ? AND window_no = ? AND status IN ('called','serving','parked') ORDER BY called_at`,
    s.hallId,
    a.windowNo,
  );
  const rows = waitingRows(s, a.day);
  const byId = new Map(rows.map((r) => [r.id, r]));
  // Serving order: replay pickNext over the eligible tickets so the list shows exactly what call-next does.
  const { normal, priority } = candidates(rows.map(toQueueTicket), rules, a.now);
  const pool = [...normal, ...priority].map((c) => c.ticket);
  const ordered: CounterPanel['waiting'] = [];
  let st = fairness;
  let left = pool;
  while (left.length && ordered.length < 200) {
    const r = pickNext(left, rules, st, a.now);
    if (!r.ticketId || !r.bucket) break;
    ordered.push({ ...toView(byId.get(r.ticketId)!), bucket: r.bucket });
    st = r.state;
    left = left.filter((t) => t.id !== r.ticketId);
  }
  const served = s.tx.get<{ n: number }>(
    `SELECT count(*) AS n FROM tickets WHERE hall_id = ? AND day = ? AND window_no = ? AND status = 'finished'`,
    s.hallId,
    a.day,
    a.windowNo,
  );
  const windows = s.tx
    .all<{ window_no: number; name: string }>(
      'SELECT window_no, name FROM windows WHERE hall_id = ? ORDER BY window_no',
      s.hallId,
    )
    .map((x) => {
      const ag = agentOf(x.window_no);
      return {
        windowNo: x.window_no,
        name: x.name,
        agent: ag ? toStaffPublic(ag) : null,
        status: loadWindow(s.tx, s.hallId, x.window_no, settings).status,
      };
    });
  return {
    day: a.day,
    windowNo: a.windowNo,
    name: win.name,
    status: w.status,
    reason: w.reason,
    types: w.types.map((t) => ({ code: t.code, name: names.get(t.code) ?? t.code, priority: t.priority })),
    agent: agent ? toStaffPublic(agent) : null,
    current: ((r) => (r ? toView(r) : null))(atWindow.find((r) => r.status === 'called' || r.status === 'serving')),
    parked: atWindow.filter((r) => r.status === 'parked').map(toView),
    waiting: ordered,
    servedToday: served?.n ?? 0,
    rules: {
      maxRecalls: settings.maxRecalls,
      recallMinGapSec: settings.recallMinGapSec,
      noShowAfterCalls: settings.noShowAfterCalls,
      interleave: settings.interleave,
    },
    windows,
  };
}

export function queueTicketById(s: WorkerState, a: { id: string }): QueueTicketView | null {
  const r = s.tx.get<QueueTicketRow>('SELECT * FROM tickets WHERE id = ?', a.id);
  return r ? toView(r) : null;
}

/** Live position of a ticket for the slip's QR page: people ahead of it for its type, estimated wait. */
export function ticketPosition(s: WorkerState, a: { id: string }): TicketPosition | null {
  const r = s.tx.get<QueueTicketRow>('SELECT * FROM tickets WHERE id = ?', a.id);
  if (!r) return null;
  const cfg = loadTypeSettings(s.tx, r.hall_id, r.business_type);
  const name =
    s.tx.get<{ name: string }>('SELECT name FROM business_types WHERE code = ?', r.business_type)?.name ??
    r.business_type;
  const ahead =
    r.status === 'waiting'
      ? (s.tx.get<{ n: number }>(
          `SELECT count(*) AS n FROM tickets WHERE hall_id = ? AND day = ? AND status = 'waiting' AND business_type = ? AND (issued_at < ? OR (issued_at = ? AND number < ?))`,
          r.hall_id,
          r.day,
          r.business_type,
          r.issued_at,
          r.issued_at,
          r.number,
        )?.n ?? 0)
      : 0;
  // Windows serving the type share the line; each takes about the type's target handling time.
  const windows = Math.max(
    1,
    s.tx
      .all<{ business_types: string }>('SELECT business_types FROM windows WHERE hall_id = ?', r.hall_id)
      .filter((w) => (JSON.parse(w.business_types) as string[]).includes(r.business_type)).length,
  );
  const perTicketMin = Math.max(3, Math.round((cfg?.targetWaitMin ?? 20) / 4));
  return {
    id: r.id,
    number: r.number,
    businessType: r.business_type,
    businessName: name,
    status: r.status,
    windowNo: r.window_no,
    peopleAhead: ahead,
    estimatedWaitMin: r.status === 'waiting' ? Math.ceil(((ahead + 1) * perTicketMin) / windows) : 0,
    issuedAt: r.issued_at,
  };
}

export function checkIssue(s: WorkerState, a: { day: string; code: string; at: string }) {
  return issueDecision(s, s.hallId, a.day, a.code, a.at).decision;
}

/**
 * Appointments booked under a code, or under phones ending in `phoneTail` (the index's key; the
 * service narrows a full number by its keyed hash). `phone_hash` is hex text (JSON-safe through the
 * change log; bytes are read as hex too), null on rows booked without one.
 */
export function findAppointment(s: WorkerState, a: { phoneTail?: string; code?: string; day: string }) {
  type Row = {
    id: string;
    code: string;
    business_type: string;
    slot_at: string;
    status: string;
    phone_hash: string | Uint8Array | null;
  };
  const rows = a.code
    ? s.tx.all<Row>(
        'SELECT id, code, business_type, slot_at, status, phone_hash FROM appointments WHERE hall_id = ? AND code = ?',
        s.hallId,
        a.code,
      )
    : s.tx.all<Row>(
        `SELECT id, code, business_type, slot_at, status, phone_hash FROM appointments WHERE hall_id = ? AND phone_tail = ? ORDER BY slot_at`,
        s.hallId,
        a.phoneTail ?? '',
      );
  const hex = (h: Row['phone_hash']) =>
    h === null ? null : typeof h === 'string' ? h.toLowerCase() : Buffer.from(h).toString('hex');
  return rows.filter((r) => r.slot_at.length > 0).map((r) => ({ ...r, phone_hash: hex(r.phone_hash) }));
}

export function queueConfig(s: WorkerState): QueueConfigView {
  const settings = loadSettings(s.tx, s.hallId);
  const types = s.tx
    .all<{ code: string; name: string }>('SELECT code, name FROM business_types ORDER BY prefix, rowid')
    .map((t) => ({ ...loadTypeSettings(s.tx, s.hallId, t.code)!, name: t.name }));
  const windows = s.tx
    .all<{ window_no: number; name: string }>(
      'SELECT window_no, name FROM windows WHERE hall_id = ? ORDER BY window_no',
      s.hallId,
    )
    .map((w) => ({
      windowNo: w.window_no,
      name: w.name,
      types: loadWindow(s.tx, s.hallId, w.window_no, settings).types,
    }));
  const staff = s.tx
    .all<{ id: string; name: string; staff_no: string }>(
      `SELECT id, name, staff_no FROM staff WHERE hall_id = ? AND role = 'agent' ORDER BY staff_no`,
      s.hallId,
    )
    .map((x) => ({ id: x.id, name: x.name, staffNo: x.staff_no, skills: agentSkills(s.tx, settings, x.id) ?? [] }));
  return { settings, types, windows, staff };
}

/** Tickets of days before `beforeDay` not yet closed (the day reset closes them). */
export function unfinishedBefore(s: WorkerState, a: { beforeDay: string }): number {
  return s.tx.get<{ n: number }>(
    `SELECT count(*) AS n FROM tickets WHERE hall_id = ? AND day < ? AND status IN ('waiting','called','serving','parked')`,
    s.hallId,
    a.beforeDay,
  )!.n;
}
