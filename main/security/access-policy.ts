import { canCall, canReceive, STAFF_ONLY } from '@common/api/capabilities';
import type { EventName, EventPayload, MethodName } from '@common/api/contract';
import type { IdCardView } from '@common/api/schemas';
import { maskAddress, maskIdNumber, maskName } from '@common/domain/mask';
import { err, type Result } from '@common/result';
import type { CallerContext } from '../services/caller';
import { isLoopbackAddress } from './connection-policy';

/**
 * Who may call what and who receives what, for both adapters (Electron IPC and WebSocket): the
 * router asks here for every call and every event. The role's capabilities come from the contract
 * (common/api/features); this module adds what depends on the session: the login, the window, and
 * whether the screen sits at this station's card reader.
 */

/** Null when the call may go ahead; else the refusal to answer with. */
export function callRefusal(ctx: CallerContext, method: MethodName): Result<never> | null {
  if (!canCall(ctx.role, method)) return err('forbidden', 'access.screenNotAllowed');
  const staffRoles = STAFF_ONLY[method];
  if (!staffRoles) return null;
  if (!ctx.session) return err('unauthenticated', 'access.loginRequired');
  if (!staffRoles.includes(ctx.session.role)) return err('forbidden', 'access.accountNotAllowed');
  if (ctx.session.locked) return err('locked', 'access.screenLocked');
  return null;
}

/**
 * The screen sits at this station's card reader: an Electron window of this PC, or a browser on
 * this machine. A counter served over the LAN from another PC is not beside this reader.
 */
export function atThisStation(ctx: CallerContext): boolean {
  const source = ctx.source;
  if (!source) return false;
  return source.startsWith('ipc:') || isLoopbackAddress(source);
}

const loggedInAs = (ctx: CallerContext, ...roles: string[]): boolean =>
  !!ctx.session && !ctx.session.locked && roles.includes(ctx.session.role);

const ownWindow = (ctx: CallerContext, windowNo: number | null | undefined): boolean =>
  ctx.windowNo !== null && windowNo === ctx.windowNo;

/** The devices page shows that a card was read, never whose: the same masking as its test read. */
const maskedCards = new WeakMap<object, IdCardView>();
export function maskedCard(card: IdCardView): IdCardView {
  const cached = maskedCards.get(card);
  if (cached) return cached;
  const masked: IdCardView = {
    cardType: card.cardType,
    name: maskName(card.name),
    gender: card.gender,
    nation: card.nation,
    birthDate: '',
    address: card.address === null ? null : maskAddress(card.address),
    idNumber: maskIdNumber(card.idNumber),
    authority: null,
    validFrom: null,
    validTo: null,
    idNumberValid: card.idNumberValid,
    ...(card.englishName ? { englishName: maskName(card.englishName) } : {}),
    ...(card.passNumber ? { passNumber: maskIdNumber(card.passNumber) } : {}),
    readAt: card.readAt,
  };
  // One masked object per card: the WebSocket adapter then encodes it once for every devices page.
  maskedCards.set(card, masked);
  return masked;
}

type Delivery = (ctx: CallerContext, payload: never) => unknown;
const same = (_ctx: CallerContext, payload: unknown) => payload;
const DROP = undefined;

/** Per event, beyond the role list: what this session gets (the payload, a masked copy, or nothing). */
const DELIVERY: Partial<Record<EventName, Delivery>> = {
  // Card data: the full card to the counter logged in beside the reader, a masked one to the devices page.
  'idcard.read': (ctx, card: IdCardView) => {
    if (ctx.role === 'counter') return loggedInAs(ctx, 'agent', 'manager') && atThisStation(ctx) ? card : DROP;
    if (ctx.role === 'devices') return loggedInAs(ctx, 'technician', 'manager') ? maskedCard(card) : DROP;
    return DROP;
  },
  'idcard.removed': (ctx, payload: object) => {
    if (ctx.role === 'counter') return loggedInAs(ctx, 'agent', 'manager') && atThisStation(ctx) ? payload : DROP;
    return loggedInAs(ctx, 'technician', 'manager') ? payload : DROP;
  },
  // A window's customer hears about its own window only.
  'rating.requested': (ctx, p: EventPayload<'rating.requested'>) => (ownWindow(ctx, p.windowNo) ? p : DROP),
  'rate.padStroke': (ctx, p: EventPayload<'rate.padStroke'>) => (ownWindow(ctx, p.windowNo) ? p : DROP),
  'rate.padEnded': (ctx, p: EventPayload<'rate.padEnded'>) => (ownWindow(ctx, p.windowNo) ? p : DROP),
  'application.changed': (ctx, p: EventPayload<'application.changed'>) => {
    if (ctx.role === 'rate') return ownWindow(ctx, p.windowNo) ? p : DROP;
    return loggedInAs(ctx, 'agent', 'manager') ? p : DROP;
  },
  // Money: the counter and the customer screen of the window that took it.
  'payment.changed': (ctx, p: EventPayload<'payment.changed'>) => {
    if (!ownWindow(ctx, p.windowNo)) return DROP;
    return ctx.role === 'rate' || loggedInAs(ctx, 'agent', 'manager') ? p : DROP;
  },
  'refund.changed': (ctx, p: object) => (loggedInAs(ctx, 'agent', 'manager') ? p : DROP),
  'appeal.changed': (ctx, p: object) => (loggedInAs(ctx, 'agent', 'manager') ? p : DROP),
  'evaluation.changed': (ctx, p: object) => (loggedInAs(ctx, 'manager') ? p : DROP),
  // Which customer's bills changed is the counter's business, not an idle screen's.
  'customer.changed': (ctx, p: object) => (loggedInAs(ctx, 'agent', 'manager') ? p : DROP),
  // A rating names the agent: their own counter, and the manager.
  'rating.recorded': (ctx, p: EventPayload<'rating.recorded'>) => {
    if (ctx.role === 'counter') return loggedInAs(ctx, 'agent', 'manager') && ownWindow(ctx, p.windowNo) ? p : DROP;
    return loggedInAs(ctx, 'manager') ? p : DROP;
  },
  // The devices page's live log and pad preview: for the technician (or manager) logged in there.
  'devices.log': (ctx, p: object) => (loggedInAs(ctx, 'technician', 'manager') ? p : DROP),
  'devices.changed': (ctx, p: object) => (loggedInAs(ctx, 'technician', 'manager') ? p : DROP),
  'devices.signatureStroke': (ctx, p: object) => (loggedInAs(ctx, 'technician', 'manager') ? p : DROP),
  'pairing.changed': (ctx, p: object) => (loggedInAs(ctx, 'technician', 'manager') ? p : DROP),
};

/**
 * What `ctx` receives of `event`: the payload (the same object for every receiver, or one masked
 * copy per payload), or undefined when this session may not see it.
 */
export function deliverable<E extends EventName>(ctx: CallerContext, event: E, payload: EventPayload<E>): unknown {
  if (!canReceive(ctx.role, event)) return DROP;
  const rule = DELIVERY[event] as ((c: CallerContext, p: unknown) => unknown) | undefined;
  return rule ? rule(ctx, payload) : same(ctx, payload);
}
