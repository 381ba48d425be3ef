import type { WorkerState } from '../worker-state';

export interface ApplicationRow {
  id: string;
  hall_id: string;
  application_no: string | null;
  type: string;
  form_version: number;
  customer_id: number | null;
  status: string;
  values_enc: string;
  summary: string;
  content_hash: string | null;
  staff_id: string;
  window_no: number | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
}

/** The next sequence number for this station's applications of one type on one hall day. */
export function nextApplicationSeq(s: WorkerState, a: { prefix: string }): number {
  const n = s.tx.get<{ n: number }>('SELECT count(*) AS n FROM applications WHERE application_no LIKE ? ', `${a.prefix}%`)?.n ?? 0;
  return n + 1;
}

export function applicationById(s: WorkerState, a: { id: string }) {
  const row = s.tx.get<ApplicationRow>('SELECT * FROM applications WHERE id = ? OR application_no = ?', a.id, a.id);
  if (!row) return null;
  const events = s.tx.all<{ status: string; note: string | null; staff_id: string; at: string }>('SELECT status, note, staff_id, at FROM application_events WHERE application_id = ? ORDER BY at, rowid', row.id);
  return { row, events };
}

export function applicationsForCustomer(s: WorkerState, a: { customerId: number }): ApplicationRow[] {
  return s.tx.all<ApplicationRow>('SELECT * FROM applications WHERE customer_id = ? ORDER BY created_at DESC LIMIT 50', a.customerId);
}
