import type { ApplicationDetail } from '@common/api/journey-schemas';
import {
  type TrackResponse,
  type TrackStep,
  type TrackTodo,
  type TrackView,
  trackUrl,
} from '@common/api/track-schemas';
import { businessType } from '@common/domain/business-types';
import { maskName } from '@common/domain/mask';
import { formSchema } from '@common/forms/schemas';
import { renderError } from '@common/errors';
import { AppFailure } from '@common/result';
import type { ServiceContext } from '../services/context';
import { checkTrackToken, issueTrackToken, type Mac } from './track-token';

/** Where the slip's QR points when the station neither serves HTTP nor has a configured base. */
export const FALLBACK_TRACK_BASE = 'https://hall.example.cn';

export interface TrackLinksDeps {
  /** The hall's keyed MAC the token is signed with. */
  mac: () => Promise<Mac>;
  /** The public base URL (configured, or the station host's own address in browser mode). */
  base: () => string | null;
}

/** The slip's QR link for one submitted application: the same link on every print. */
export class TrackLinks {
  private readonly mac: () => Promise<Mac>;
  private readonly base: () => string | null;

  constructor(deps: TrackLinksDeps) {
    this.mac = deps.mac;
    this.base = deps.base;
  }

  async token(app: { id: string; submittedAt: string | null }): Promise<string> {
    if (!app.submittedAt) throw new AppFailure('conflict', 'application.notSubmitted', {}, 'id');
    return issueTrackToken(await this.mac(), app.id, app.submittedAt);
  }

  async url(app: { id: string; submittedAt: string | null }): Promise<string> {
    return trackUrl(this.base() ?? FALLBACK_TRACK_BASE, await this.token(app));
  }
}

const FLOW = ['submitted', 'accepted', 'in_progress', 'completed'] as const;
type Flow = (typeof FLOW)[number];

/** The status steps with the time each was reached; a rejection ends the line where it happened. */
export function trackSteps(status: string, events: { status: string; at: string }[]): TrackStep[] {
  const reached = new Map<string, string>();
  for (const e of events) if (!reached.has(e.status)) reached.set(e.status, e.at);
  if (status === 'rejected') {
    const passed = FLOW.filter((s) => reached.has(s));
    return [
      ...passed.map((key) => ({ key, state: 'done' as const, at: reached.get(key)! })),
      { key: 'rejected', state: 'rejected', at: reached.get('rejected') ?? null },
    ];
  }
  const now = FLOW.indexOf(status as Flow);
  return FLOW.map((key, i) => ({
    key,
    state: i < now || (i === now && key === 'completed') ? 'done' : i === now ? 'current' : 'waiting',
    at: reached.get(key) ?? null,
  }));
}

/** What the customer still has to do: documents the form requires and nobody attached, a signature to redo. */
export function trackTodo(detail: ApplicationDetail): TrackTodo[] {
  const { application: app } = detail;
  if (app.status === 'completed') return [{ kind: 'none' }];
  if (app.status === 'rejected') return [{ kind: 'contactHall' }];
  const attached = new Set(detail.attachments.map((a) => a.kind));
  const missing = (formSchema(app.type)?.attachments ?? []).filter((a) => a.required && !attached.has(a.key));
  const todo: TrackTodo[] = missing.map((a) => ({ kind: 'missingDocument', document: a.label }));
  if (detail.signatureValidity === 'invalidated') todo.push({ kind: 'resign' });
  return todo.length ? todo : [{ kind: 'wait' }];
}

/** The public view of one application: masked, no ID, no phone, no address, no agent's note. */
export function trackView(detail: ApplicationDetail, hallName: string, expires: string): TrackView {
  const app = detail.application;
  const type = businessType(app.type);
  const applicantField = formSchema(app.type)?.fields.find((f) => f.kind === 'personName');
  const applicant = applicantField ? app.values[applicantField.key] : null;
  return {
    applicationNo: app.applicationNo!,
    businessType: app.type,
    businessName: type?.name ?? app.type,
    businessNameEn: type?.nameEn ?? app.type,
    hallName,
    applicant: typeof applicant === 'string' && applicant.trim() ? maskName(applicant) : null,
    status: app.status as TrackView['status'],
    steps: trackSteps(app.status, app.events),
    todo: trackTodo(detail),
    submittedAt: app.submittedAt!,
    updatedAt: app.updatedAt,
    expires,
  };
}

// The page translates by code; the message is for logs and scripts.
const NOT_FOUND = { code: 'not_found', message: renderError('application.trackNotFound') } as const;

export interface ApplicationTrackingDeps {
  ctx: ServiceContext;
  /** An application as the counter sees it (the journey service). */
  detail: (id: string) => Promise<ApplicationDetail>;
  /** The hall's keyed MAC the tokens are checked with. */
  mac: () => Promise<Mac>;
  hallName: () => string;
}

/**
 * Answers the public progress page. A token that is malformed, forged, or names an application this
 * station does not hold (or a draft) gets the same not_found, so answers reveal nothing to a guesser.
 */
export class ApplicationTracking {
  private readonly ctx: ServiceContext;
  private readonly detail: (id: string) => Promise<ApplicationDetail>;
  private readonly mac: () => Promise<Mac>;
  private readonly hallName: () => string;

  constructor(deps: ApplicationTrackingDeps) {
    this.ctx = deps.ctx;
    this.detail = deps.detail;
    this.mac = deps.mac;
    this.hallName = deps.hallName;
  }

  async progress(token: string): Promise<TrackResponse> {
    const checked = checkTrackToken(await this.mac(), token, this.ctx.today());
    if (!checked.ok) {
      if (checked.reason === 'expired')
        return {
          ok: false,
          error: { code: 'expired', message: renderError('application.trackExpired') },
        };
      return { ok: false, error: NOT_FOUND };
    }
    let detail: ApplicationDetail;
    try {
      detail = await this.detail(checked.applicationId);
    } catch (e) {
      if (e instanceof AppFailure && e.code === 'not_found') return { ok: false, error: NOT_FOUND };
      throw e;
    }
    // The token names the internal id; an application number in its place is not a way in.
    if (
      detail.application.id !== checked.applicationId ||
      !detail.application.applicationNo ||
      detail.application.status === 'draft'
    )
      return { ok: false, error: NOT_FOUND };
    return { ok: true, value: trackView(detail, this.hallName(), checked.expires) };
  }
}
