import { z } from 'zod';
import { term } from '../errors';
import { ATTACHMENT_MIMES, MAX_ATTACHMENTS_PER_APPLICATION, MAX_ATTACHMENT_BYTES } from '../forms/attachments';
import { AppFailure } from '../result';
import { alreadyAppended } from './append-only';
import { reassert, replayedEvent, type ApplicationStatus } from './applications';
import type { MutationContext } from './sql';

/**
 * The counter's customer journey after an application is submitted: the form goes to the window's
 * customer screen for review (a signature request holding only masked lines), the customer signs
 * (a signature bound to the SHA-256 of the content reviewed), the agent may amend the form (which
 * changes the content hash, so an earlier signature no longer verifies), and documents are attached.
 * Signatures and attachments are append-only facts.
 */
const Hash = z.string().regex(/^[0-9a-f]{64}$/);
const Id = z.string().min(8).max(64);
const At = z.string().min(10).max(40);

export const RequestSignatureArgs = z.object({
  id: Id,
  hallId: z.string().min(1).max(16),
  applicationId: Id,
  windowNo: z.number().int().min(1).max(999),
  ticketId: z.string().min(1).max(64).nullable(),
  contentHash: Hash,
  /** JSON of the masked review the customer screen shows (never a full personal value). */
  review: z.string().min(2).max(20_000),
  staffId: z.string().min(1).max(64),
  at: At,
});

export const SignArgs = z.object({
  id: Id,
  requestId: Id,
  contentHash: Hash,
  source: z.enum(['wacom-stu', 'hanvon', 'hid-digitizer', 'touchscreen']),
  /** JSON of the normalised strokes (common/domain/signature.ts), validated by the service. */
  strokes: z.string().min(2).max(600_000),
  at: At,
});

export const AmendArgs = z.object({
  id: Id,
  eventId: Id,
  staffId: z.string().min(1).max(64),
  valuesEnc: z.string().min(1).max(200_000),
  summary: z.string().max(200),
  contentHash: Hash,
  note: z.string().min(1).max(300),
  at: At,
});

export const AttachArgs = z.object({
  id: Id,
  hallId: z.string().min(1).max(16),
  applicationId: Id,
  kind: z.string().regex(/^[A-Za-z]{1,32}$/),
  fileName: z.string().min(1).max(120),
  mime: z.enum(ATTACHMENT_MIMES),
  size: z.number().int().min(1).max(MAX_ATTACHMENT_BYTES),
  sha256: Hash,
  /** base64 of the personal-data cipher's output: attachments hold personal data, always encrypted. */
  dataEnc: z
    .string()
    .min(1)
    .max(Math.ceil(((MAX_ATTACHMENT_BYTES + 64) * 4) / 3) + 8),
  staffId: z.string().min(1).max(64),
  at: At,
});

interface App {
  status: ApplicationStatus;
  hall_id: string;
  application_no: string | null;
  content_hash: string | null;
}
const appRow = (ctx: MutationContext, id: string): App => {
  const row = ctx.tx.get<App>(
    'SELECT status, hall_id, application_no, content_hash FROM applications WHERE id = ?',
    id,
  );
  if (!row) throw new AppFailure('not_found', 'application.notFound', {}, 'applicationId');
  return row;
};
const OPEN = new Set(['submitted', 'accepted', 'in_progress']);

/** Put a submitted application on the window's customer screen for review and signature. */
export function requestSignature(ctx: MutationContext, a: z.infer<typeof RequestSignatureArgs>): void {
  if (
    alreadyAppended(ctx, 'signature_requests', a.id, {
      application_id: a.applicationId,
      content_hash: a.contentHash,
      window_no: a.windowNo,
    })
  )
    return;
  const app = appRow(ctx, a.applicationId);
  if (!OPEN.has(app.status))
    throw new AppFailure(
      'conflict',
      'application.notSignable',
      { applicationNo: app.application_no ?? a.applicationId, status: term(`application.status.${app.status}`) },
      'applicationId',
    );
  if (app.content_hash !== a.contentHash)
    throw new AppFailure('conflict', 'application.contentChanged', {}, 'contentHash');
  ctx.tx.run(
    `INSERT INTO signature_requests (id, hall_id, application_id, window_no, ticket_id, content_hash, review, staff_id, requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    a.id,
    app.hall_id,
    a.applicationId,
    a.windowNo,
    a.ticketId,
    a.contentHash,
    a.review,
    a.staffId,
    a.at,
  );
  ctx.changed('signatureRequest', a.id);
}

/** The customer's signature: once per request, only over the content that is still current. */
export function signApplication(ctx: MutationContext, a: z.infer<typeof SignArgs>): void {
  if (
    alreadyAppended(ctx, 'application_signatures', a.id, {
      request_id: a.requestId,
      content_hash: a.contentHash,
      strokes: a.strokes,
    })
  )
    return; // replay
  const req = ctx.tx.get<{ application_id: string; hall_id: string; content_hash: string }>(
    'SELECT application_id, hall_id, content_hash FROM signature_requests WHERE id = ?',
    a.requestId,
  );
  if (!req) throw new AppFailure('not_found', 'application.signatureRequestNotFound', {}, 'requestId');
  if (ctx.tx.get('SELECT 1 FROM application_signatures WHERE request_id = ?', a.requestId))
    throw new AppFailure('conflict', 'application.alreadySigned', {}, 'requestId');
  if (a.contentHash !== req.content_hash)
    throw new AppFailure('validation', 'application.signatureForOtherContent', {}, 'contentHash');
  const app = appRow(ctx, req.application_id);
  if (app.content_hash !== req.content_hash)
    throw new AppFailure('conflict', 'application.changedSinceReview', {}, 'contentHash');
  ctx.tx.run(
    'INSERT INTO application_signatures (id, hall_id, application_id, request_id, content_hash, source, strokes, signed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    a.id,
    req.hall_id,
    req.application_id,
    a.requestId,
    a.contentHash,
    a.source,
    a.strokes,
    a.at,
  );
  ctx.changed('applicationSignature', a.id);
}

/** Change a submitted form: new values, new content hash; an earlier signature stays and no longer verifies. */
export function amendApplication(ctx: MutationContext, a: z.infer<typeof AmendArgs>): void {
  if (replayedEvent(ctx, a.eventId)) {
    reassert(ctx, a.id, a.at, 'values_enc = ?, summary = ?, content_hash = ?', a.valuesEnc, a.summary, a.contentHash);
    return;
  }
  const app = appRow(ctx, a.id);
  if (!OPEN.has(app.status))
    throw new AppFailure(
      'conflict',
      'application.notAmendable',
      { applicationNo: app.application_no ?? a.id, status: term(`application.status.${app.status}`) },
      'id',
    );
  ctx.tx.run(
    'UPDATE applications SET values_enc = ?, summary = ?, content_hash = ?, updated_at = ? WHERE id = ?',
    a.valuesEnc,
    a.summary,
    a.contentHash,
    a.at,
    a.id,
  );
  ctx.tx.run(
    'INSERT INTO application_events (id, hall_id, application_id, status, note, staff_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    a.eventId,
    app.hall_id,
    a.id,
    app.status,
    a.note,
    a.staffId,
    a.at,
  );
  ctx.changed('application', a.id);
  ctx.changed('applicationEvent', a.eventId);
}

/** Attach a document (already checked and encrypted by the station). */
export function attachDocument(ctx: MutationContext, a: z.infer<typeof AttachArgs>): void {
  if (
    alreadyAppended(ctx, 'application_attachments', a.id, {
      application_id: a.applicationId,
      sha256: a.sha256,
      kind: a.kind,
    })
  )
    return;
  const app = appRow(ctx, a.applicationId);
  if (app.status === 'completed' || app.status === 'rejected')
    throw new AppFailure(
      'conflict',
      'application.closedForAttachments',
      { applicationNo: app.application_no ?? a.applicationId },
      'applicationId',
    );
  const n =
    ctx.tx.get<{ n: number }>(
      'SELECT count(*) AS n FROM application_attachments WHERE application_id = ?',
      a.applicationId,
    )?.n ?? 0;
  if (n >= MAX_ATTACHMENTS_PER_APPLICATION)
    throw new AppFailure(
      'validation',
      'application.tooManyAttachments',
      { max: MAX_ATTACHMENTS_PER_APPLICATION },
      'applicationId',
    );
  ctx.tx.run(
    'INSERT INTO application_attachments (id, hall_id, application_id, kind, file_name, mime, size, sha256, data_enc, staff_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    a.id,
    app.hall_id,
    a.applicationId,
    a.kind,
    a.fileName,
    a.mime,
    a.size,
    a.sha256,
    a.dataEnc,
    a.staffId,
    a.at,
  );
  ctx.changed('applicationAttachment', a.id);
}
