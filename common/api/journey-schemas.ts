import { z } from 'zod';
import { ATTACHMENT_MIMES } from '../forms/attachments';
import { ApplicationView } from './customer-schemas';

/**
 * The counter's customer journey: review and signature on the customer screen,
 * amendments that invalidate a signature, attachments, drafts.
 */
export const SignatureValidity = z.enum(['none', 'valid', 'invalidated']);
export type SignatureValidity = z.infer<typeof SignatureValidity>;

export const SignatureInfo = z.object({
  id: z.string(),
  contentHash: z.string(),
  signedAt: z.string(),
  source: z.string(),
  /** The strokes as SVG (drawn by common/domain/signature.ts), for the counter and the evidence. */
  svg: z.string(),
});
export type SignatureInfo = z.infer<typeof SignatureInfo>;

export const AttachmentView = z.object({
  id: z.string(),
  kind: z.string(),
  fileName: z.string(),
  mime: z.enum(ATTACHMENT_MIMES),
  size: z.number().int(),
  sha256: z.string(),
  at: z.string(),
});
export type AttachmentView = z.infer<typeof AttachmentView>;

/** One application with what the counter shows around it: its signature and whether it still holds, its documents. */
export const ApplicationDetail = z.object({
  application: ApplicationView,
  signature: SignatureInfo.nullable(),
  signatureValidity: SignatureValidity,
  attachments: z.array(AttachmentView),
});
export type ApplicationDetail = z.infer<typeof ApplicationDetail>;

export const ReviewLine = z.object({ label: z.string(), value: z.string() });

/** What the customer screen shows to review and sign: masked lines only. */
export const CustomerReview = z.object({
  requestId: z.string(),
  applicationNo: z.string(),
  title: z.string(),
  lines: z.array(ReviewLine),
  attachments: z.array(z.string()),
  contentHash: z.string(),
  /** awaiting: not signed yet; signed: the signature covers the current form; invalidated: the form changed after signing; stale: changed before signing (the counter must send it again). */
  state: z.enum(['awaiting', 'signed', 'invalidated', 'stale']),
  signedAt: z.string().nullable(),
  requestedAt: z.string(),
});
export type CustomerReview = z.infer<typeof CustomerReview>;
