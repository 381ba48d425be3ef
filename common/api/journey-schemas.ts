import { z } from 'zod';
import { SignatureSchema } from '../domain/signature';
import { ATTACHMENT_MIMES, MAX_ATTACHMENT_BYTES } from '../forms/attachments';
import { ApplicationView, FormValuesInput } from './customer-schemas';

/**
 * The counter's customer journey: review and signature on the customer screen,
 * amendments that invalidate a signature, attachments, drafts. Schemas for the station contract.
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

const AppId = z.string().min(8).max(64);
/** base64 of at most MAX_ATTACHMENT_BYTES bytes. */
const FileBase64 = z
  .string()
  .min(4)
  .max(
    Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4 + 4,
    `文件超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB (file too large)`,
  )
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, '文件内容不是 base64 (not base64)');

export const JOURNEY_METHODS = {
  'application.detail': { input: z.object({ id: z.string().min(1).max(64) }).strict(), output: ApplicationDetail },
  /** Send a submitted application to this window's customer screen for review and signature. */
  'application.requestSignature': {
    input: z.object({ id: AppId }).strict(),
    output: z.object({ requestId: z.string() }),
  },
  /** Change a submitted form (with a reason): its content hash changes, so an earlier signature shows 签名已失效. */
  'application.amend': {
    input: z
      .object({ id: AppId, values: FormValuesInput, note: z.string().trim().min(1, '请填写修改原因').max(300) })
      .strict(),
    output: ApplicationDetail,
  },
  'application.attach': {
    input: z
      .object({
        id: AppId,
        kind: z.string().regex(/^[A-Za-z]{1,32}$/, '附件类别无效 (invalid kind)'),
        fileName: z.string().trim().min(1).max(120),
        dataBase64: FileBase64,
      })
      .strict(),
    output: AttachmentView,
  },
  /** Attach the photo of the last card the station's reader read (within 10 minutes). */
  'application.attachIdPhoto': { input: z.object({ id: AppId }).strict(), output: AttachmentView },
  /** Move a submitted application along: 受理, 办理中, 办结, or 驳回 (with a reason). */
  'application.setStatus': {
    input: z
      .object({
        id: AppId,
        status: z.enum(['accepted', 'in_progress', 'completed', 'rejected']),
        note: z.string().trim().max(300).optional(),
      })
      .strict(),
    output: ApplicationDetail,
  },
  'application.drafts': { input: z.object({}).strict(), output: z.array(ApplicationView) },
  /** Print (or reprint) the acceptance slip, with the signature's state on it. */
  'application.printSlip': {
    input: z.object({ id: AppId }).strict(),
    output: z.object({ slipLines: z.array(z.string()), followUrl: z.string(), printed: z.boolean() }),
  },
  /** Lock the counter (a lock button or the idle timeout): staff calls are refused until unlocked. */
  'auth.lock': { input: z.object({}).strict(), output: z.object({ locked: z.literal(true) }) },
  /** Unlock with the logged-in agent's own PIN (wrong PINs count towards the lockout). */
  'auth.unlock': {
    input: z.object({ pin: z.string().regex(/^\d{4,8}$/, 'PIN 为 4–8 位数字') }).strict(),
    output: z.object({ locked: z.literal(false) }),
  },
  'rate.review': { input: z.object({}).strict(), output: CustomerReview.nullable() },
  'rate.sign': { input: z.object({ requestId: AppId, signature: SignatureSchema }).strict(), output: CustomerReview },
} as const;

export const JOURNEY_EVENTS = {
  /** An application changed (submitted, sent for review, signed, amended, a document added), here or pulled. */
  'application.changed': z.object({ applicationId: z.string(), windowNo: z.number().int().nullable() }),
} as const;
