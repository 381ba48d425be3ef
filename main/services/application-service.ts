import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { ApplicationView, FormValuesInput } from '@common/api/customer-schemas';
import { applicationNumber } from '@common/forms/application-number';
import { contentHash } from '@common/forms/canonical';
import { acceptanceSlipLines, printedValue } from '@common/forms/printout';
import { formSchema } from '@common/forms/schemas';
import type { FormSchema, FormValues } from '@common/forms/types';
import { validateForm } from '@common/forms/validate';
import { AppFailure } from '@common/result';
import type { CallerContext } from './caller';
import { formFailure } from './form-failure';
import type { PersonalDataCipher } from '../security/personal-data-cipher';
import type { ApplicationRow } from '../storage/ops/application-queries';
import type { ServiceContext } from './context';
import type { AcceptanceSlipPrinter } from './ports/printers';

type Values = z.infer<typeof FormValuesInput>;
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** Where a customer follows an application (the QR on the slip). */
export const FOLLOW_URL = 'https://hall.example.cn/app/follow?no=';

/** The slip's QR link for a submitted application. */
export type FollowUrl = (app: {
  id: string;
  submittedAt: string | null;
  applicationNo: string | null;
}) => Promise<string>;

/** The placeholder link where no progress page is wired (unit tests). */
export const placeholderFollowUrl: FollowUrl = async (app) => FOLLOW_URL + encodeURIComponent(app.applicationNo ?? '');

export interface ApplicationServiceDeps {
  ctx: ServiceContext;
  /** The station's personal-data key: form values are encrypted with it. */
  cipher: PersonalDataCipher;
  printer: AcceptanceSlipPrinter | null;
  hallName: () => string;
  /** The slip's QR link (the public progress page); the placeholder where none is wired. */
  followUrl?: FollowUrl;
}

/**
 * Applications on electronic forms: drafts, submission with an application number and the hash of
 * the canonical content (what a signature binds to), status tracking, and the acceptance slip.
 * Form values are personal data: encrypted before they reach a mutation, decrypted only for staff.
 */
export class ApplicationService {
  private readonly ctx: ServiceContext;
  private readonly cipher: PersonalDataCipher;
  private readonly printer: AcceptanceSlipPrinter | null;
  private readonly hallName: () => string;
  private readonly followUrl: FollowUrl;

  constructor(deps: ApplicationServiceDeps) {
    this.ctx = deps.ctx;
    this.cipher = deps.cipher;
    this.printer = deps.printer;
    this.hallName = deps.hallName;
    this.followUrl = deps.followUrl ?? placeholderFollowUrl;
  }

  #schema(type: string): FormSchema {
    const s = formSchema(type);
    if (!s) throw new AppFailure('validation', 'queue.unknownBusinessType', { businessType: type }, 'type');
    return s;
  }

  #staff(caller: CallerContext): { staffId: string; name: string } {
    if (!caller.session) throw new AppFailure('unauthenticated', 'access.loginRequired');
    return { staffId: caller.session.staffId, name: caller.session.staff.name };
  }

  /** Masked one-line summary for lists: the type and the first identifying fields, never a full value. */
  #summary(schema: FormSchema, values: FormValues): string {
    const parts = schema.fields.slice(0, 2).map((f) => `${f.label} ${printedValue(f, values[f.key])}`);
    return `${schema.title}：${parts.join('，')}`.slice(0, 200);
  }

  /** What a draft and a submission both record about the form in hand. */
  #formArgs(
    caller: CallerContext,
    id: string,
    staffId: string,
    schema: FormSchema,
    input: { customerId: number | null; values: Values },
    valuesEnc: string,
  ) {
    return {
      id,
      at: this.ctx.nowIso(),
      staffId,
      hallId: this.ctx.hallId,
      type: schema.type,
      formVersion: schema.version,
      customerId: input.customerId,
      windowNo: caller.windowNo,
      valuesEnc,
      summary: this.#summary(schema, input.values),
    };
  }

  async #toView(
    row: ApplicationRow,
    events: { status: string; note: string | null; at: string }[],
  ): Promise<ApplicationView> {
    const cipher = this.cipher;
    return {
      id: row.id,
      applicationNo: row.application_no,
      type: row.type,
      formVersion: row.form_version,
      customerId: row.customer_id,
      status: row.status,
      summary: row.summary,
      values: JSON.parse(cipher.decrypt(Buffer.from(row.values_enc, 'base64'))) as Values,
      contentHash: row.content_hash,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      submittedAt: row.submitted_at,
      events: events.map((e) => ({ status: e.status, note: e.note, at: e.at })),
    };
  }

  async get(id: string): Promise<ApplicationView> {
    const found = await this.ctx.storage.run('applicationById', { id });
    if (!found) throw new AppFailure('not_found', 'application.notFound', {}, 'id');
    return this.#toView(found.row, found.events);
  }

  async forCustomer(customerId: number): Promise<ApplicationView[]> {
    const rows = await this.ctx.storage.run('applicationsForCustomer', { customerId });
    return Promise.all(rows.map((r) => this.#toView(r, [])));
  }

  /** Drafts may be incomplete, but never hold fields the form does not have. */
  async saveDraft(
    caller: CallerContext,
    input: { id?: string; type: string; customerId: number | null; values: Values },
  ): Promise<ApplicationView> {
    const { staffId } = this.#staff(caller);
    const schema = this.#schema(input.type);
    const unknown = Object.keys(input.values).find((k) => !schema.fields.some((f) => f.key === k));
    if (unknown)
      throw new AppFailure(
        'validation',
        'form.unknownField',
        { form: { 'zh-CN': schema.title, en: schema.titleEn }, fieldKey: unknown },
        `values.${unknown}`,
      );
    const id = input.id ?? this.ctx.newId('ap');
    const cipher = this.cipher;
    await this.ctx.mutate(
      'application.saveDraft',
      this.#formArgs(
        caller,
        id,
        staffId,
        schema,
        input,
        cipher.encrypt(JSON.stringify(input.values)).toString('base64'),
      ),
    );
    return this.get(id);
  }

  async submit(caller: CallerContext, input: { id?: string; type: string; customerId: number | null; values: Values }) {
    const { staffId, name } = this.#staff(caller);
    const schema = this.#schema(input.type);
    const errors = validateForm(schema, input.values, { today: this.ctx.today() });
    if (errors.length) throw formFailure(errors);
    const id = input.id ?? this.ctx.newId('ap');
    const cipher = this.cipher;
    const valuesEnc = cipher.encrypt(JSON.stringify(input.values)).toString('base64');
    const day = this.ctx.today();
    const tag = this.ctx.stationId
      .replace(/[^0-9a-f]/gi, '')
      .slice(0, 4)
      .padEnd(4, '0');
    // Two submissions racing for one number: the unique number makes the second retry with the next.
    for (let attempt = 0; ; attempt++) {
      const prefix = applicationNumber(this.ctx.hallId, day, schema.type, 1, tag).replace(/-0001-[A-Z0-9]{4}$/, '-');
      const seq = await this.ctx.storage.run('nextApplicationSeq', { prefix, tag });
      const applicationNo = applicationNumber(this.ctx.hallId, day, schema.type, seq, tag);
      const hash = await contentHash(
        { applicationNo, type: schema.type, version: schema.version, values: input.values },
        sha256,
      );
      try {
        await this.ctx.mutate('application.submit', {
          ...this.#formArgs(caller, id, staffId, schema, input, valuesEnc),
          applicationNo,
          contentHash: hash,
          eventId: this.ctx.newId('ae'),
        });
      } catch (e) {
        if (e instanceof AppFailure && e.field === 'applicationNo' && attempt < 5) continue;
        throw e;
      }
      const application = await this.get(id);
      const slipLines = acceptanceSlipLines({
        schema,
        values: input.values,
        applicationNo,
        hallName: this.hallName(),
        windowNo: caller.windowNo,
        agentName: name,
        acceptedAt: application.submittedAt ?? this.ctx.nowIso(),
        timeZone: this.ctx.timeZone,
      });
      const followUrl = await this.followUrl(application);
      const printed = this.printer
        ? await this.printer.printAcceptanceSlip({ lines: slipLines, qr: followUrl })
        : false;
      return { application, slipLines, followUrl, printed };
    }
  }
}
