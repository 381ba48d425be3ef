import { z } from 'zod';
import { BUSINESS_TYPE_CODES } from '../domain/business-types';
import { APPLICATION_NO } from '../forms/application-number';
import { term } from '../errors';
import { AppFailure } from '../result';
import type { MutationContext } from './sql';

/**
 * Applications filled on electronic forms. Values travel and rest encrypted (`valuesEnc`, base64 of
 * the personal-data cipher's output, made in main/); `summary` holds only masked text for lists.
 * Status: draft → submitted → accepted → in_progress → completed, or rejected from any open state.
 */
export const APPLICATION_STATUSES = ['draft', 'submitted', 'accepted', 'in_progress', 'completed', 'rejected'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

const NEXT: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  // A draft leaves only through application.submit, which gives it its number and content hash.
  draft: [],
  submitted: ['accepted', 'rejected'],
  accepted: ['in_progress', 'rejected'],
  in_progress: ['completed', 'rejected'],
  completed: [],
  rejected: [],
};

const Base = {
  id: z.string().min(8).max(64),
  at: z.string().min(10).max(40),
  staffId: z.string().min(1).max(64),
};

export const DraftArgs = z.object({
  ...Base,
  hallId: z.string().min(1).max(16),
  type: z.enum(BUSINESS_TYPE_CODES),
  formVersion: z.number().int().min(1),
  customerId: z.number().int().positive().nullable(),
  windowNo: z.number().int().nullable(),
  valuesEnc: z.string().min(1).max(200_000),
  summary: z.string().max(200),
});

export const SubmitArgs = DraftArgs.extend({
  applicationNo: z.string().regex(APPLICATION_NO),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  eventId: z.string().min(8).max(64),
});

export const StatusArgs = z.object({
  ...Base,
  eventId: z.string().min(8).max(64),
  status: z.enum(APPLICATION_STATUSES),
  note: z.string().max(300).nullable(),
});

interface AppRow {
  status: ApplicationStatus;
  hall_id: string;
  application_no: string | null;
}

/** Create or overwrite a draft; a submitted application is never a draft again. */
export function saveDraft(ctx: MutationContext, a: z.infer<typeof DraftArgs>): void {
  const row = ctx.tx.get<AppRow>('SELECT status, hall_id, application_no FROM applications WHERE id = ?', a.id);
  if (row && row.status !== 'draft')
    throw new AppFailure('conflict', 'application.alreadySubmitted', { applicationNo: row.application_no ?? '' });
  ctx.tx.run(
    `INSERT INTO applications (id, hall_id, type, form_version, customer_id, status, values_enc, summary, staff_id, window_no, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET type = excluded.type, form_version = excluded.form_version, customer_id = excluded.customer_id,
       values_enc = excluded.values_enc, summary = excluded.summary, updated_at = excluded.updated_at`,
    a.id,
    a.hallId,
    a.type,
    a.formVersion,
    a.customerId,
    a.valuesEnc,
    a.summary,
    a.staffId,
    a.windowNo,
    a.at,
    a.at,
  );
  ctx.changed('application', a.id);
}

/** Submit: the draft (or a new application) gets its number, its content hash and its first event. */
export function submitApplication(ctx: MutationContext, a: z.infer<typeof SubmitArgs>): void {
  const row = ctx.tx.get<AppRow>('SELECT status, hall_id, application_no FROM applications WHERE id = ?', a.id);
  if (row && row.status !== 'draft') {
    if (row.application_no === a.applicationNo) return; // replay
    throw new AppFailure('conflict', 'application.submittedAs', { applicationNo: row.application_no ?? '' });
  }
  const taken = ctx.tx.get<{ id: string }>('SELECT id FROM applications WHERE application_no = ?', a.applicationNo);
  if (taken)
    throw new AppFailure('conflict', 'application.numberTaken', { applicationNo: a.applicationNo }, 'applicationNo');
  saveDraft(ctx, a);
  ctx.tx.run(
    `UPDATE applications SET status = 'submitted', application_no = ?, content_hash = ?, submitted_at = ?, updated_at = ? WHERE id = ?`,
    a.applicationNo,
    a.contentHash,
    a.at,
    a.at,
    a.id,
  );
  ctx.tx.run(
    'INSERT INTO application_events (id, hall_id, application_id, status, note, staff_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    a.eventId,
    a.hallId,
    a.id,
    'submitted',
    null,
    a.staffId,
    a.at,
  );
  ctx.changed('application', a.id);
  ctx.changed('applicationEvent', a.eventId);
}

/** Move an application along its states; only the transitions in NEXT are allowed. */
export function setApplicationStatus(ctx: MutationContext, a: z.infer<typeof StatusArgs>): void {
  if (replayedEvent(ctx, a.eventId)) {
    reassert(ctx, a.id, a.at, 'status = ?', a.status);
    return;
  }
  const row = ctx.tx.get<AppRow>('SELECT status, hall_id, application_no FROM applications WHERE id = ?', a.id);
  if (!row) throw new AppFailure('not_found', 'application.notFound', {}, 'id');
  if (!NEXT[row.status].includes(a.status))
    throw new AppFailure(
      'conflict',
      'application.statusChangeRefused',
      {
        applicationNo: row.application_no ?? a.id,
        from: term(`application.status.${row.status}`),
        to: term(`application.status.${a.status}`),
      },
      'status',
    );
  ctx.tx.run('UPDATE applications SET status = ?, updated_at = ? WHERE id = ?', a.status, a.at, a.id);
  ctx.tx.run(
    'INSERT INTO application_events (id, hall_id, application_id, status, note, staff_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    a.eventId,
    row.hall_id,
    a.id,
    a.status,
    a.note,
    a.staffId,
    a.at,
  );
  ctx.changed('application', a.id);
  ctx.changed('applicationEvent', a.eventId);
}

/** The event is already recorded: this is a replay of the mutation that wrote it. */
export function replayedEvent(ctx: MutationContext, eventId: string): boolean {
  return !!ctx.tx.get('SELECT 1 FROM application_events WHERE id = ?', eventId);
}

/**
 * A replayed application change re-asserts its effect on the row unless the row already holds this
 * change or a later one. A station rebasing its pending writes over a pull gets the central's older
 * copy of the row while its own event rows remain; without this the pending change would be lost.
 */
export function reassert(ctx: MutationContext, id: string, at: string, set: string, ...values: unknown[]): void {
  ctx.tx.run(`UPDATE applications SET ${set}, updated_at = ? WHERE id = ? AND updated_at <= ?`, ...values, at, id, at);
}
