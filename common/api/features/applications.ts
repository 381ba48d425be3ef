import { z } from 'zod';
import { MAX_ATTACHMENT_BYTES } from '../../forms/attachments';
import { AttachmentContent } from '../attachment-schemas';
import * as C from '../customer-schemas';
import * as J from '../journey-schemas';
import * as S from '../schemas';
import { feature } from './feature';

const AppId = z.string().min(8).max(64);
const ApplicationInput = z
  .object({
    id: z.string().min(8).max(64).optional(),
    type: S.BusinessCode,
    customerId: z.number().int().positive().nullable().default(null),
    values: C.FormValuesInput,
  })
  .strict();
/** base64 of at most MAX_ATTACHMENT_BYTES bytes. */
const FileBase64 = z
  .string()
  .min(4, 'application.fileNotReadable')
  .refine((s) => s.length <= Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4 + 4, {
    message: 'application.uploadTooLarge',
    params: { maxMb: MAX_ATTACHMENT_BYTES / 1024 / 1024 },
    abort: true,
  })
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'application.fileNotReadable');

/**
 * Applications on electronic forms at the counter: drafts, submission, review and signature on the
 * customer screen, amendments that invalidate a signature, attachments, status, the acceptance slip.
 */
export const applications = feature({
  methods: {
    'application.saveDraft': {
      input: ApplicationInput,
      output: C.ApplicationView,
      roles: ['counter'],
      staff: ['agent', 'manager'],
    },
    'application.submit': {
      input: ApplicationInput,
      output: C.ApplicationSubmitted,
      roles: ['counter'],
      staff: ['agent', 'manager'],
    },
    'application.get': {
      input: z.object({ id: z.string().min(1).max(64) }).strict(),
      output: C.ApplicationView,
      roles: ['counter'],
      staff: ['agent', 'manager'],
    },
    'application.detail': {
      input: z.object({ id: z.string().min(1).max(64) }).strict(),
      output: J.ApplicationDetail,
      roles: ['counter'],
      staff: ['agent', 'manager'],
    },
    'application.forCustomer': {
      input: z.object({ customerId: z.number().int().positive() }).strict(),
      output: z.array(C.ApplicationView),
      roles: ['counter'],
      staff: ['agent', 'manager'],
    },
    'application.drafts': {
      input: z.object({}).strict(),
      output: z.array(C.ApplicationView),
      roles: ['counter'],
      staff: ['agent', 'manager'],
    },
    /** Send a submitted application to this window's customer screen for review and signature. */
    'application.requestSignature': {
      input: z.object({ id: AppId }).strict(),
      output: z.object({ requestId: z.string() }),
      roles: ['counter'],
      staff: ['agent', 'manager'],
    },
    /** Change a submitted form (with a reason): its content hash changes, so an earlier signature shows 签名已失效. */
    'application.amend': {
      input: z
        .object({
          id: AppId,
          values: C.FormValuesInput,
          note: z.string().trim().min(1, 'application.amendReasonRequired').max(300),
        })
        .strict(),
      output: J.ApplicationDetail,
      roles: ['counter'],
      staff: ['agent', 'manager'],
    },
    'application.attach': {
      input: z
        .object({
          id: AppId,
          kind: z.string().regex(/^[A-Za-z]{1,32}$/, 'application.attachmentKindInvalid'),
          fileName: z.string().trim().min(1).max(120),
          dataBase64: FileBase64,
        })
        .strict(),
      output: J.AttachmentView,
      roles: ['counter'],
      staff: ['agent', 'manager'],
    },
    /** Attach the photo of the last card the station's reader read (within 10 minutes). */
    'application.attachIdPhoto': {
      input: z.object({ id: AppId }).strict(),
      output: J.AttachmentView,
      roles: ['counter'],
      staff: ['agent', 'manager'],
    },
    /** Open a document: decrypted on request, each opening audited with its purpose. */
    'application.attachmentContent': {
      input: z.object({ id: z.string().min(8).max(64), purpose: z.enum(['preview', 'download']) }).strict(),
      output: AttachmentContent,
      roles: ['counter', 'manager'],
      staff: ['agent', 'manager'],
    },
    /** Move a submitted application along: 受理, 办理中, 办结, or 驳回 (with a reason). */
    'application.setStatus': {
      input: z
        .object({
          id: AppId,
          status: z.enum(['accepted', 'in_progress', 'completed', 'rejected']),
          note: z.string().trim().max(300).optional(),
        })
        .strict(),
      output: J.ApplicationDetail,
      roles: ['counter'],
      staff: ['agent', 'manager'],
    },
    /** Print (or reprint) the acceptance slip, with the signature's state on it. */
    'application.printSlip': {
      input: z.object({ id: AppId }).strict(),
      output: z.object({ slipLines: z.array(z.string()), followUrl: z.string(), printed: z.boolean() }),
      roles: ['counter'],
      staff: ['agent', 'manager'],
    },
  },
  events: {
    /** An application changed (submitted, sent for review, signed, amended, a document added), here or pulled. */
    'application.changed': {
      payload: z.object({ applicationId: z.string(), windowNo: z.number().int().nullable() }),
      roles: ['counter', 'rate'],
    },
  },
});
