import { createHash } from 'node:crypto';
import type { AttachmentContent } from '@common/api/attachment-schemas';
import type { ApplicationView } from '@common/api/customer-schemas';
import type {
  ApplicationDetail,
  AttachmentView,
  CustomerReview,
  SignatureInfo,
  SignatureValidity,
} from '@common/api/journey-schemas';
import { isBlank, strokesToSvg, type Signature, SignatureSchema } from '@common/domain/signature';
import { ID_PHOTO_KIND, MAX_ATTACHMENT_BYTES, checkUpload } from '@common/forms/attachments';
import { contentHash, verifySignature, type SignedContent } from '@common/forms/canonical';
import { acceptanceSlipLines, printedValue } from '@common/forms/printout';
import { hallDateTime } from '@common/time/hall-time';
import { formSchema } from '@common/forms/schemas';
import type { FormSchema } from '@common/forms/types';
import { validateForm } from '@common/forms/validate';
import { AppFailure } from '@common/result';
import type { CallerContext } from './caller';
import { formFailure } from './form-failure';
import type { PersonalDataCipher } from '../security/personal-data-cipher';
import type { AttachmentRow, SignatureRow } from '../storage/ops/application-queries';
import { type ApplicationService, placeholderFollowUrl } from './application-service';
import type { ServiceContext } from './context';
import type { AcceptanceSlipPrinter } from './ports/printers';

const sha256 = (s: string | Uint8Array) => createHash('sha256').update(s).digest('hex');
/** The reader's last photo is offered for this long: a card read earlier belongs to another customer. */
export const ID_PHOTO_FRESH_MS = 10 * 60_000;
/** A review without a ticket (handled off the queue) shows on the customer screen this long. */
const UNTICKETED_REVIEW_MS = 30 * 60_000;

export interface ApplicationJourneyDeps {
  ctx: ServiceContext;
  applications: ApplicationService;
  /** The station's personal-data key: values, signatures and attachments are encrypted with it. */
  cipher: PersonalDataCipher;
  printer: AcceptanceSlipPrinter | null;
  hallName: () => string;
  /** The slip's QR link, as ApplicationService prints it on submission. */
  followUrl?: (app: ApplicationView) => Promise<string>;
  /** Where a decrypted PDF is left for the preview frame (browser mode); none: no link. */
  previewLinks?: { issue(bytes: Buffer, mime: string, fileName: string): string } | null;
}

interface ReviewPayload {
  applicationNo: string;
  title: string;
  lines: { label: string; value: string }[];
  attachments: string[];
}

/**
 * The counter's customer journey around an application: the form goes to the window's customer
 * screen (masked), the customer signs there (bound to the SHA-256 of the content reviewed), the agent
 * may amend it (the signature then shows 签名已失效 on the counter, the customer screen and the slip),
 * documents are attached (checked, encrypted), drafts are resumed, the slip is printed.
 */
export class ApplicationJourneyService {
  #idPhoto: { wlt: Uint8Array; readAt: number } | null = null;

  private readonly ctx: ServiceContext;
  private readonly applications: ApplicationService;
  private readonly cipher: PersonalDataCipher;
  private readonly printer: AcceptanceSlipPrinter | null;
  private readonly hallName: () => string;
  private readonly followUrl: (app: ApplicationView) => Promise<string>;
  private readonly previewLinks: { issue(bytes: Buffer, mime: string, fileName: string): string } | null;

  constructor(deps: ApplicationJourneyDeps) {
    this.ctx = deps.ctx;
    this.applications = deps.applications;
    this.cipher = deps.cipher;
    this.printer = deps.printer;
    this.hallName = deps.hallName;
    this.followUrl = deps.followUrl ?? placeholderFollowUrl;
    this.previewLinks = deps.previewLinks ?? null;
  }

  /** The station's reader read a card: its photo may be attached to the application being handled. */
  rememberIdPhoto(wlt: Uint8Array): void {
    this.#idPhoto = { wlt: new Uint8Array(wlt), readAt: this.ctx.clock.now().getTime() };
  }

  #staffId(caller: CallerContext): string {
    if (!caller.session) throw new AppFailure('unauthenticated', 'access.loginRequired');
    return caller.session.staffId;
  }

  #schemaOf(app: ApplicationView): FormSchema {
    const s = formSchema(app.type);
    if (!s) throw new Error(`no form schema for ${app.type}`);
    return s;
  }

  #submitted(app: ApplicationView): { applicationNo: string; contentHash: string } {
    if (!app.applicationNo || !app.contentHash || app.status === 'draft')
      throw new AppFailure('conflict', 'application.notSubmitted', {}, 'id');
    return { applicationNo: app.applicationNo, contentHash: app.contentHash };
  }

  #content(app: ApplicationView, applicationNo: string): SignedContent {
    return { applicationNo, type: app.type, version: app.formVersion, values: app.values };
  }

  #changed(applicationId: string, windowNo: number | null): void {
    this.ctx.events.emit('application.changed', { applicationId, windowNo });
  }

  async #signatureOf(app: ApplicationView): Promise<{ signature: SignatureInfo | null; validity: SignatureValidity }> {
    const row: SignatureRow | null = await this.ctx.storage.run('latestSignature', { applicationId: app.id });
    if (!row || !app.applicationNo) return { signature: null, validity: 'none' };
    const strokes = JSON.parse(row.strokes) as Signature;
    const verdict = await verifySignature(
      { contentHash: row.content_hash },
      this.#content(app, app.applicationNo),
      sha256,
    );
    return {
      signature: {
        id: row.id,
        contentHash: row.content_hash,
        signedAt: row.signed_at,
        source: row.source,
        svg: strokesToSvg(strokes),
      },
      validity: verdict.valid ? 'valid' : 'invalidated',
    };
  }

  static #attachmentView(r: AttachmentRow): AttachmentView {
    return {
      id: r.id,
      kind: r.kind,
      fileName: r.file_name,
      mime: r.mime as AttachmentView['mime'],
      size: r.size,
      sha256: r.sha256,
      at: r.at,
    };
  }

  async detail(id: string): Promise<ApplicationDetail> {
    const application = await this.applications.get(id);
    const { signature, validity } = await this.#signatureOf(application);
    const rows = await this.ctx.storage.run('attachmentsOf', { applicationId: application.id });
    return {
      application,
      signature,
      signatureValidity: validity,
      attachments: rows.map((r) => ApplicationJourneyService.#attachmentView(r)),
    };
  }

  async drafts(caller: CallerContext): Promise<ApplicationView[]> {
    const rows = await this.ctx.storage.run('draftsOf', { staffId: this.#staffId(caller) });
    return Promise.all(rows.map((r) => this.applications.get(r.id)));
  }

  /** Put the form on this window's customer screen: masked lines, bound to the current content hash. */
  async requestSignature(caller: CallerContext, input: { id: string }): Promise<{ requestId: string }> {
    const staffId = this.#staffId(caller);
    if (caller.windowNo === null) throw new AppFailure('forbidden', 'access.noWindow');
    const app = await this.applications.get(input.id);
    const { applicationNo, contentHash: hash } = this.#submitted(app);
    const schema = this.#schemaOf(app);
    const attachments = await this.ctx.storage.run('attachmentsOf', { applicationId: app.id });
    const review: ReviewPayload = {
      applicationNo,
      title: schema.title,
      lines: schema.fields.map((f) => ({ label: f.label, value: printedValue(f, app.values[f.key]) })),
      attachments: attachments.map((a) => schema.attachments.find((s) => s.key === a.kind)?.label ?? a.kind),
    };
    const state = await this.ctx.storage.run('windowState', { day: this.ctx.today(), windowNo: caller.windowNo });
    const requestId = this.ctx.newId('sr');
    await this.ctx.mutate('application.requestSignature', {
      id: requestId,
      hallId: this.ctx.hallId,
      applicationId: app.id,
      windowNo: caller.windowNo,
      ticketId: state?.current?.id ?? null,
      contentHash: hash,
      review: JSON.stringify(review),
      staffId,
      at: this.ctx.nowIso(),
    });
    this.#changed(app.id, caller.windowNo);
    return { requestId };
  }

  /** Amend a submitted form: validated like a submission, a new content hash, the reason in its history. */
  async amend(
    caller: CallerContext,
    input: { id: string; values: Record<string, string | number | null>; note: string },
  ): Promise<ApplicationDetail> {
    const staffId = this.#staffId(caller);
    const app = await this.applications.get(input.id);
    const { applicationNo } = this.#submitted(app);
    const schema = this.#schemaOf(app);
    const errors = validateForm(schema, input.values, { today: this.ctx.today() });
    if (errors.length) throw formFailure(errors);
    const cipher = this.cipher;
    const hash = await contentHash(
      { applicationNo, type: app.type, version: app.formVersion, values: input.values },
      sha256,
    );
    await this.ctx.mutate('application.amend', {
      id: app.id,
      eventId: this.ctx.newId('ae'),
      staffId,
      valuesEnc: cipher.encrypt(JSON.stringify(input.values)).toString('base64'),
      summary: app.summary,
      contentHash: hash,
      note: `修改：${input.note}`,
      at: this.ctx.nowIso(),
    });
    await this.ctx.audit(caller.session!.staff.staffNo, 'application.amend', { applicationNo, note: input.note });
    this.#changed(app.id, caller.windowNo);
    return this.detail(app.id);
  }

  /** 受理 → 办理中 → 办结, or 驳回 with a reason; the mutator allows only the next states. */
  async setStatus(
    caller: CallerContext,
    input: { id: string; status: 'accepted' | 'in_progress' | 'completed' | 'rejected'; note?: string },
  ): Promise<ApplicationDetail> {
    const staffId = this.#staffId(caller);
    if (input.status === 'rejected' && !input.note)
      throw new AppFailure('validation', 'application.rejectReasonRequired', {}, 'note');
    const app = await this.applications.get(input.id);
    const { applicationNo } = this.#submitted(app);
    await this.ctx.mutate('application.setStatus', {
      id: app.id,
      at: this.ctx.nowIso(),
      staffId,
      eventId: this.ctx.newId('ae'),
      status: input.status,
      note: input.note || null,
    });
    await this.ctx.audit(caller.session!.staff.staffNo, 'application.setStatus', {
      applicationNo,
      status: input.status,
    });
    this.#changed(app.id, caller.windowNo);
    return this.detail(app.id);
  }

  async #store(
    caller: CallerContext,
    app: ApplicationView,
    kind: string,
    fileName: string,
    mime: AttachmentView['mime'],
    bytes: Uint8Array,
  ): Promise<AttachmentView> {
    const staffId = this.#staffId(caller);
    const cipher = this.cipher;
    const id = this.ctx.newId('at');
    const digest = sha256(bytes);
    await this.ctx.mutate('application.attach', {
      id,
      hallId: this.ctx.hallId,
      applicationId: app.id,
      kind,
      fileName,
      mime,
      size: bytes.length,
      sha256: digest,
      dataEnc: cipher.encrypt(Buffer.from(bytes).toString('base64')).toString('base64'),
      staffId,
      at: this.ctx.nowIso(),
    });
    this.#changed(app.id, caller.windowNo);
    const rows = await this.ctx.storage.run('attachmentsOf', { applicationId: app.id });
    return ApplicationJourneyService.#attachmentView(rows.find((r) => r.id === id)!);
  }

  /** A scanned document from disk: type from its bytes, size bounded, a kind the form asks for. */
  async attach(
    caller: CallerContext,
    input: { id: string; kind: string; fileName: string; dataBase64: string },
  ): Promise<AttachmentView> {
    const app = await this.applications.get(input.id);
    const schema = this.#schemaOf(app);
    if (input.kind !== 'other' && !schema.attachments.some((a) => a.key === input.kind)) {
      throw new AppFailure(
        'validation',
        'application.attachmentKindUnknown',
        { form: { 'zh-CN': schema.title, en: schema.titleEn }, kind: input.kind },
        'kind',
      );
    }
    const bytes = Buffer.from(input.dataBase64, 'base64');
    if (bytes.length > MAX_ATTACHMENT_BYTES)
      throw new AppFailure(
        'validation',
        'application.uploadTooLarge',
        { maxMb: MAX_ATTACHMENT_BYTES / 1024 / 1024 },
        'dataBase64',
      );
    const check = checkUpload(input.fileName, bytes);
    if (!check.ok)
      throw AppFailure.fromError({
        code: 'validation',
        key: check.key,
        params: check.params,
        message: check.message,
        field: check.field === 'data' ? 'dataBase64' : check.field,
      });
    return this.#store(caller, app, input.kind, input.fileName, check.mime, bytes);
  }

  /** The ID card photo from the station's reader, kept exactly as read (WLT; the decoder is pluggable). */
  async attachIdPhoto(caller: CallerContext, input: { id: string }): Promise<AttachmentView> {
    const photo = this.#idPhoto;
    if (!photo || this.ctx.clock.now().getTime() - photo.readAt > ID_PHOTO_FRESH_MS) {
      throw new AppFailure('not_found', 'application.noRecentIdCard', {}, 'id');
    }
    const app = await this.applications.get(input.id);
    return this.#store(caller, app, ID_PHOTO_KIND, 'idcard-photo.wlt', 'application/x-wlt', photo.wlt);
  }

  /**
   * One document decrypted for the counter to preview or download: its bytes are checked against the
   * SHA-256 taken at upload, and every opening is audited with who, which document and why.
   */
  async attachmentContent(
    caller: CallerContext,
    input: { id: string; purpose: 'preview' | 'download' },
  ): Promise<AttachmentContent> {
    if (!caller.session) throw new AppFailure('unauthenticated', 'access.loginRequired');
    const row = await this.ctx.storage.run('attachmentData', { id: input.id });
    if (!row) throw new AppFailure('not_found', 'application.attachmentNotFound', {}, 'id');
    const cipher = this.cipher;
    let bytes: Buffer;
    try {
      bytes = Buffer.from(cipher.decrypt(Buffer.from(row.data_enc, 'base64')), 'base64');
    } catch {
      throw new AppFailure('storage_error', 'application.attachmentUnreadable', {}, 'id');
    }
    if (sha256(bytes) !== row.sha256) throw new AppFailure('storage_error', 'application.attachmentAltered', {}, 'id');
    const app = await this.ctx.storage.run('applicationById', { id: row.application_id });
    await this.ctx.audit(caller.session.staff.staffNo, `application.attachment.${input.purpose}`, {
      applicationNo: app?.row.application_no ?? row.application_id,
      attachmentId: row.id,
      kind: row.kind,
      windowNo: caller.windowNo,
    });
    const previewPath =
      input.purpose === 'preview' && row.mime === 'application/pdf' && this.previewLinks
        ? this.previewLinks.issue(bytes, row.mime, row.file_name)
        : null;
    return {
      attachment: ApplicationJourneyService.#attachmentView(row),
      dataBase64: bytes.toString('base64'),
      previewPath,
    };
  }

  /** The acceptance slip with the signature's state; reprinting after an amendment says 签名已失效. */
  async printSlip(caller: CallerContext, input: { id: string }) {
    if (!caller.session) throw new AppFailure('unauthenticated', 'access.loginRequired');
    const app = await this.applications.get(input.id);
    const { applicationNo } = this.#submitted(app);
    const { signature, validity } = await this.#signatureOf(app);
    const base = acceptanceSlipLines({
      schema: this.#schemaOf(app),
      values: app.values,
      applicationNo,
      hallName: this.hallName(),
      windowNo: caller.windowNo,
      agentName: caller.session.staff.name,
      acceptedAt: app.submittedAt ?? this.ctx.nowIso(),
      timeZone: this.ctx.timeZone,
    });
    const signatureLine =
      validity === 'valid'
        ? `电子签名：有效（${hallDateTime(signature!.signedAt, this.ctx.timeZone)}）`
        : validity === 'invalidated'
          ? '电子签名：签名已失效（签字后表单已修改）'
          : '电子签名：未签名';
    const at = base.lastIndexOf('--------------------------------');
    const slipLines = [...base.slice(0, at), signatureLine, ...base.slice(at)];
    const followUrl = await this.followUrl(app);
    const printed = this.printer ? await this.printer.printAcceptanceSlip({ lines: slipLines, qr: followUrl }) : false;
    await this.ctx.audit(caller.session.staff.staffNo, 'application.printSlip', {
      applicationNo,
      printed,
      signature: validity,
    });
    return { slipLines, followUrl, printed };
  }

  /** The customer screen: the form under review at this window, for the ticket being served. */
  async review(caller: CallerContext): Promise<CustomerReview | null> {
    if (caller.windowNo === null) throw new AppFailure('forbidden', 'access.noWindow');
    const now = this.ctx.clock.now().getTime();
    const found = await this.ctx.storage.run('windowReview', {
      windowNo: caller.windowNo,
      since: new Date(now - 12 * 3600_000).toISOString(),
    });
    if (!found) return null;
    const state = await this.ctx.storage.run('windowState', { day: this.ctx.today(), windowNo: caller.windowNo });
    const { request } = found;
    // A review belongs to the ticket it was sent for; once that ticket is gone, the screen moves on.
    if (
      request.ticket_id
        ? state?.current?.id !== request.ticket_id
        : now - Date.parse(request.requested_at) > UNTICKETED_REVIEW_MS
    )
      return null;
    const payload = JSON.parse(request.review) as ReviewPayload;
    const sig = found.signature;
    const reviewState: CustomerReview['state'] = sig
      ? sig.content_hash === found.currentHash
        ? 'signed'
        : 'invalidated'
      : found.currentHash === request.content_hash
        ? 'awaiting'
        : 'stale';
    return {
      requestId: request.id,
      applicationNo: payload.applicationNo,
      title: payload.title,
      lines: payload.lines,
      attachments: payload.attachments,
      contentHash: request.content_hash,
      state: reviewState,
      signedAt: sig?.signed_at ?? null,
      requestedAt: request.requested_at,
    };
  }

  /** The customer signs on this window's screen: once, over the content they reviewed. */
  async sign(caller: CallerContext, input: { requestId: string; signature: Signature }): Promise<CustomerReview> {
    const parsed = SignatureSchema.safeParse(input.signature);
    if (!parsed.success || isBlank(input.signature))
      throw new AppFailure('validation', 'application.signatureEmpty', {}, 'signature');
    const req = await this.ctx.storage.run('signatureRequestById', { id: input.requestId });
    if (!req) throw new AppFailure('not_found', 'application.signatureRequestNotFound', {}, 'requestId');
    if (req.window_no !== caller.windowNo)
      throw new AppFailure('forbidden', 'application.otherWindowRequest', {}, 'requestId');
    // Only the review the window's agent has in hand now (the ticket still at the counter).
    const current = await this.review(caller);
    if (!current || current.requestId !== req.id)
      throw new AppFailure('not_found', 'application.notAwaitingHere', {}, 'requestId');
    await this.ctx.mutate('application.sign', {
      id: this.ctx.newId('sg'),
      requestId: req.id,
      contentHash: req.content_hash,
      source: input.signature.source,
      strokes: JSON.stringify(input.signature),
      at: this.ctx.nowIso(),
    });
    await this.ctx.audit(null, 'application.sign', {
      requestId: req.id,
      windowNo: caller.windowNo,
      points: input.signature.strokes.reduce((n, s) => n + s.length, 0),
    });
    this.#changed(req.application_id, caller.windowNo);
    const review = await this.review(caller);
    if (!review) throw new Error('review vanished after signing');
    return review;
  }
}
