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

/**
 * The next sequence number for this station's applications of one type on one hall day. Numbers end
 * with the station's tag, so other stations' numbers (pulled from the central) do not count here.
 */
export function nextApplicationSeq(s: WorkerState, a: { prefix: string; tag: string }): number {
  const n =
    s.tx.get<{ n: number }>(
      'SELECT count(*) AS n FROM applications WHERE application_no LIKE ? AND application_no LIKE ?',
      `${a.prefix}%`,
      `%-${a.tag.toUpperCase()}`,
    )?.n ?? 0;
  return n + 1;
}

export function applicationById(s: WorkerState, a: { id: string }) {
  const row = s.tx.get<ApplicationRow>('SELECT * FROM applications WHERE id = ? OR application_no = ?', a.id, a.id);
  if (!row) return null;
  const events = s.tx.all<{ status: string; note: string | null; staff_id: string; at: string }>(
    'SELECT status, note, staff_id, at FROM application_events WHERE application_id = ? ORDER BY at, rowid',
    row.id,
  );
  return { row, events };
}

export function applicationsForCustomer(s: WorkerState, a: { customerId: number }): ApplicationRow[] {
  return s.tx.all<ApplicationRow>(
    'SELECT * FROM applications WHERE customer_id = ? ORDER BY created_at DESC LIMIT 50',
    a.customerId,
  );
}

// Counter flow (migration 10): signature requests, signatures, attachments, drafts.

export interface SignatureRow {
  id: string;
  application_id: string;
  request_id: string;
  content_hash: string;
  source: string;
  strokes: string;
  signed_at: string;
}

export interface AttachmentRow {
  id: string;
  application_id: string;
  kind: string;
  file_name: string;
  mime: string;
  size: number;
  sha256: string;
  staff_id: string;
  at: string;
}

/** The latest signature of an application (the one its badge verifies). */
export function latestSignature(s: WorkerState, a: { applicationId: string }): SignatureRow | null {
  return (
    s.tx.get<SignatureRow>(
      'SELECT * FROM application_signatures WHERE application_id = ? ORDER BY signed_at DESC, rowid DESC LIMIT 1',
      a.applicationId,
    ) ?? null
  );
}

export function attachmentsOf(s: WorkerState, a: { applicationId: string }): AttachmentRow[] {
  return s.tx.all<AttachmentRow>(
    'SELECT id, application_id, kind, file_name, mime, size, sha256, staff_id, at FROM application_attachments WHERE application_id = ? ORDER BY at, rowid',
    a.applicationId,
  );
}

export function attachmentData(s: WorkerState, a: { id: string }): (AttachmentRow & { data_enc: string }) | null {
  return (
    s.tx.get<AttachmentRow & { data_enc: string }>('SELECT * FROM application_attachments WHERE id = ?', a.id) ?? null
  );
}

export function signatureRequestById(s: WorkerState, a: { id: string }) {
  return (
    s.tx.get<{
      id: string;
      application_id: string;
      window_no: number;
      ticket_id: string | null;
      content_hash: string;
      review: string;
      requested_at: string;
    }>(
      'SELECT id, application_id, window_no, ticket_id, content_hash, review, requested_at FROM signature_requests WHERE id = ?',
      a.id,
    ) ?? null
  );
}

/**
 * What the window's customer screen shows of the form: the latest signature request of the day at
 * this window, with the application's current hash (changed after an amendment) and its signature.
 */
export function windowReview(s: WorkerState, a: { windowNo: number; since: string }) {
  const req = s.tx.get<{
    id: string;
    application_id: string;
    ticket_id: string | null;
    content_hash: string;
    review: string;
    requested_at: string;
  }>(
    `SELECT id, application_id, ticket_id, content_hash, review, requested_at FROM signature_requests
      WHERE hall_id = ? AND window_no = ? AND requested_at >= ? ORDER BY requested_at DESC, rowid DESC LIMIT 1`,
    s.hallId,
    a.windowNo,
    a.since,
  );
  if (!req) return null;
  const app = s.tx.get<{ content_hash: string | null; status: string; application_no: string | null }>(
    'SELECT content_hash, status, application_no FROM applications WHERE id = ?',
    req.application_id,
  );
  const sig = s.tx.get<{ id: string; content_hash: string; signed_at: string; source: string; strokes: string }>(
    'SELECT id, content_hash, signed_at, source, strokes FROM application_signatures WHERE request_id = ?',
    req.id,
  );
  return {
    request: req,
    currentHash: app?.content_hash ?? null,
    status: app?.status ?? null,
    applicationNo: app?.application_no ?? null,
    signature: sig ?? null,
  };
}

/** Drafts this agent left unsubmitted (to resume), newest first. */
export function draftsOf(s: WorkerState, a: { staffId: string }): ApplicationRow[] {
  return s.tx.all<ApplicationRow>(
    `SELECT * FROM applications WHERE staff_id = ? AND status = 'draft' ORDER BY updated_at DESC LIMIT 30`,
    a.staffId,
  );
}
