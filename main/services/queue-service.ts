import type { CounterPanel, QueueTicketView } from '@common/api/queue-schemas';
import type { Ticket, WindowState } from '@common/api/schemas';
import { renderAnnouncement, type QueueSettings, type TypeSettings, type WindowTypes } from '@common/queue/settings';
import { localMinuteOfDay, parseHhMm } from '@common/queue/time';
import { AppFailure } from '@common/result';
import { budgetKey, sourceOf, type CallerContext } from './caller';
import type { RateLimit } from '../../node/limits/rate-limit';
import { spendOrRefuse } from '../security/station-limits';
import type { ServiceContext } from './context';
import type { TicketSlipPrinter } from './ports/printers';
import type { TicketNumberSource } from './ports/ticket-numbers';

export interface QueueServiceDeps {
  ctx: ServiceContext;
  printer: TicketSlipPrinter | null;
  /** Online series, or a kiosk's offline lease (main/sync/ticket-number-source.ts). */
  numbers: TicketNumberSource;
  /** The ticket's live-position page (`/#/ticket/:id`) as a phone reaches it, once the station serves HTTP. */
  ticketUrl?: (id: string) => string | null;
  /** The hall's keyed lookup hash of a full phone number (hex), as appointments store it. */
  phoneHash?: (phone: string) => string;
  /** Tickets per kiosk or guide screen (main/security/station-limits.ts). */
  ticketLimit: RateLimit;
}

/** How often call-next picks again when another counter took its pick first (same station). */
const CALL_NEXT_ATTEMPTS = 8;

/**
 * The queue as one station sees and changes it: issuing (kiosk, guide, appointment check-in) and every
 * counter action. The decisions are common/'s: issuing by common/queue/numbering in one storage op,
 * counter actions by the mutators (common/mutators/tickets.ts, through the state machine); this
 * layer picks, names the caller's window and agent, and raises the events.
 */
export class QueueService {
  private readonly ctx: ServiceContext;
  private readonly printer: TicketSlipPrinter | null;
  private readonly numbers: TicketNumberSource;
  private readonly ticketUrl: (id: string) => string | null;
  private readonly phoneHash: (phone: string) => string;
  private readonly ticketLimit: RateLimit;

  constructor(deps: QueueServiceDeps) {
    this.ctx = deps.ctx;
    this.ticketLimit = deps.ticketLimit;
    this.printer = deps.printer;
    this.numbers = deps.numbers;
    this.ticketUrl = deps.ticketUrl ?? (() => null);
    this.phoneHash =
      deps.phoneHash ??
      (() => {
        throw new AppFailure('unavailable', 'queue.fullPhoneUnavailable');
      });
  }

  snapshot() {
    return this.ctx.storage.run('snapshot', { day: this.ctx.today() });
  }

  /** A ticket for the caller's screen, within its budget (a flood from one screen cannot use up the day's numbers). */
  async issue(
    caller: CallerContext,
    input: { businessType: string; priority: Ticket['priority']; appointmentId?: string },
    issuedBy = this.ctx.stationId,
  ) {
    await this.#withinTicketBudget(caller);
    return this.#issue(input, issuedBy);
  }

  async #withinTicketBudget(caller: CallerContext): Promise<void> {
    const source = sourceOf(caller);
    await spendOrRefuse(
      this.ticketLimit,
      budgetKey(caller, caller.role),
      (seconds) => new AppFailure('rate_limited', 'queue.tooManyTickets', { seconds }),
      (d) =>
        this.ctx.audit(caller.session?.staff.staffNo ?? null, 'queue.rateLimited', { ...d, role: caller.role, source }),
    );
  }

  async #issue(
    input: { businessType: string; priority: Ticket['priority']; appointmentId?: string },
    issuedBy: string,
  ) {
    const id = this.ctx.newId('tk');
    const { businessType, priority, appointmentId } = input;
    // Online, the hall's authority numbers and records the ticket (its clock orders the queue); when it
    // does not answer in time, the number comes from this kiosk's lease and the slip says so.
    const assigned = await this.numbers.assign({ id, businessType, priority, issuedBy, appointmentId });
    const issuedAt = assigned?.issuedAt ?? this.ctx.nowIso();
    // Online, the authority's clock decides the day too; offline, this station's.
    const day = assigned?.day ?? this.ctx.today();
    // Decision (caps, hours), number, write and position: one trip. Displays first, as soon as the
    // worker has committed (before it reads the slip's position): the fan-out to every screen runs
    // here while the worker finishes on the other core.
    const { ticket, position, warning } = await this.ctx.storage.runCommitted(
      'issueTicket',
      {
        id,
        day,
        businessType,
        priority,
        issuedAt,
        issuedBy,
        appointmentId,
        numbers: this.numbers.policy(),
        assigned: assigned?.number,
      },
      () => this.ctx.events.emit('queue.changed', { day }),
    );
    const offline = !assigned && this.numbers.policy() === 'lease';
    this.ctx.mutated();
    const slip = {
      ticketNo: ticket.number,
      businessName: position.businessName,
      waitingAhead: position.peopleAhead,
      estimatedWaitMin: position.estimatedWaitMin,
      issuedAt,
      qrUrl: this.ticketUrl(id) ?? undefined,
      ...(offline ? { offlineNumber: true } : {}),
    };
    const printed = this.printer ? await this.printer.printTicketSlip(slip) : false;
    return {
      ticket,
      waitingAhead: position.peopleAhead,
      printed,
      estimatedWaitMin: position.estimatedWaitMin,
      warning,
      offlineNumber: offline,
    };
  }

  /**
   * Appointment check-in (预约签到): by code, by the full phone number, or by its last 4 digits; issues
   * an appointment-class ticket for today's booking. A full number matches only its own bookings (by
   * the keyed hash, never by the tail alone). A tail shared by two people's bookings today is refused:
   * the customer gives the full number or the code, so nobody checks in someone else's appointment.
   */
  async checkIn(caller: CallerContext, input: { code?: string; phone?: string }) {
    // Each try counts: guessing codes or phone tails from a kiosk is as limited as taking tickets.
    await this.#withinTicketBudget(caller);
    const day = this.ctx.today();
    const field = input.code ? 'code' : 'phone';
    const found = await this.ctx.storage.run('findAppointment', {
      code: input.code,
      phoneTail: input.phone?.slice(-4),
      day,
    });
    let today = found.filter((a) => sameHallDay(a.slot_at, day) && a.status !== 'cancelled');
    if (input.phone && input.phone.length > 4) {
      const hash = this.phoneHash(input.phone);
      today = today.filter((a) => a.phone_hash === hash);
    } else if (input.phone && new Set(today.map((a) => a.phone_hash ?? a.id)).size > 1) {
      throw new AppFailure('conflict', 'queue.phoneTailAmbiguous', {}, 'phone');
    }
    if (today.length === 0) throw new AppFailure('not_found', 'queue.noAppointmentToday', {}, field);
    const booked = today.find((a) => a.status === 'booked');
    if (!booked) throw new AppFailure('conflict', 'queue.appointmentCheckedIn', {}, field);
    const r = await this.#issue(
      {
        businessType: booked.business_type,
        priority: 'appointment',
        appointmentId: booked.id,
      },
      this.ctx.stationId,
    );
    return { ...r, appointment: { code: booked.code, slotAt: booked.slot_at } };
  }

  position(id: string) {
    return this.ctx.storage.run('ticketPosition', { id }).then((p) => {
      if (!p) throw new AppFailure('not_found', 'queue.ticketNotFound', {}, 'ticketId');
      return p;
    });
  }

  async counterState(caller: CallerContext): Promise<WindowState> {
    const windowNo = this.windowOf(caller);
    const state = await this.ctx.storage.run('windowState', { day: this.ctx.today(), windowNo });
    if (!state) throw new AppFailure('not_found', 'queue.windowNotFound', { windowNo });
    return state;
  }

  async panel(caller: CallerContext): Promise<CounterPanel> {
    const windowNo = this.windowOf(caller);
    const p = await this.ctx.storage.run('counterPanel', { day: this.ctx.today(), windowNo, now: this.ctx.nowIso() });
    if (!p) throw new AppFailure('not_found', 'queue.windowNotFound', { windowNo });
    return p;
  }

  /** Call-next by the window's rules; when another counter of this station took the pick first, pick again. */
  async callNext(caller: CallerContext): Promise<QueueTicketView | null> {
    const windowNo = this.windowOf(caller);
    for (let attempt = 0; attempt < CALL_NEXT_ATTEMPTS; attempt++) {
      const pick = await this.ctx.storage.run('pickForWindow', {
        day: this.ctx.today(),
        windowNo,
        now: this.ctx.nowIso(),
      });
      if (!pick) {
        // Nothing to call — but say why when the window itself refuses.
        const p = await this.panel(caller);
        if (p.status === 'closed') throw new AppFailure('conflict', 'queue.windowClosed', { windowNo });
        if (p.status === 'paused') throw new AppFailure('conflict', 'queue.windowPaused', { windowNo });
        if (p.current) throw new AppFailure('conflict', 'queue.windowBusy', { windowNo, ticketNo: p.current.number });
        return null;
      }
      try {
        return await this.callMutation(caller, 'ticket.call', {
          ticketId: pick.ticketId,
          bucket: pick.bucket,
          expectVersion: pick.version,
        });
      } catch (e) {
        const raced =
          e instanceof AppFailure &&
          e.code === 'conflict' &&
          (await this.ctx.storage.run('queueTicketById', { id: pick.ticketId }))?.status !== 'waiting';
        if (!raced) throw e;
      }
    }
    throw new AppFailure('conflict', 'queue.callRace');
  }

  /** Call a specific ticket (not the next by the rules): a reason is required and the call is audited. */
  callTicket(caller: CallerContext, i: { ticketId: string; reason: string }) {
    return this.callMutation(caller, 'ticket.call', { ticketId: i.ticketId, specific: true, reason: i.reason });
  }

  recall(caller: CallerContext, ticketId: string) {
    return this.callMutation(caller, 'ticket.recall', { ticketId });
  }

  private async callMutation(
    caller: CallerContext,
    name: 'ticket.call' | 'ticket.recall',
    i: {
      ticketId: string;
      bucket?: 'normal' | 'priority';
      specific?: boolean;
      reason?: string;
      expectVersion?: number;
    },
  ): Promise<QueueTicketView> {
    const windowNo = this.windowOf(caller);
    const at = this.ctx.nowIso();
    const callId = this.ctx.newId('call');
    await this.ctx.mutate(name, { callId, windowNo, staffId: this.staffOf(caller), at, ...i });
    const ticket = await this.mustTicket(i.ticketId);
    const cfg = await this.ctx.storage.run('queueConfig');
    const recall = name === 'ticket.recall';
    this.ctx.events.emit('ticket.called', {
      ticketId: ticket.id,
      ticketNo: ticket.number,
      windowNo,
      text: renderAnnouncement(cfg.settings.announcementTemplate, ticket.number, windowNo, recall),
      recall,
      at,
    });
    this.changed();
    return ticket;
  }

  async start(caller: CallerContext, ticketId: string) {
    return this.step(caller, 'ticket.start', { ticketId });
  }

  async finish(caller: CallerContext, ticketId: string) {
    const t = await this.step(caller, 'ticket.finish', { ticketId });
    this.ctx.events.emit('rating.requested', { windowNo: this.windowOf(caller), ticketId });
    return t;
  }

  noShow(caller: CallerContext, ticketId: string) {
    return this.step(caller, 'ticket.noShow', { ticketId });
  }
  park(caller: CallerContext, i: { ticketId: string; reason?: string }) {
    return this.step(caller, 'ticket.park', i);
  }
  resume(caller: CallerContext, ticketId: string) {
    return this.step(caller, 'ticket.resume', { ticketId });
  }
  transfer(
    caller: CallerContext,
    i: { ticketId: string; toType?: string; toWindow?: number; toAgent?: string; reason?: string },
  ) {
    return this.step(caller, 'ticket.transfer', i);
  }

  private async step(
    caller: CallerContext,
    name: 'ticket.start' | 'ticket.finish' | 'ticket.noShow' | 'ticket.park' | 'ticket.resume' | 'ticket.transfer',
    i: { ticketId: string } & Record<string, unknown>,
  ): Promise<QueueTicketView> {
    await this.ctx.mutate(name, {
      ...i,
      ticketId: i.ticketId,
      windowNo: this.windowOf(caller),
      staffId: this.staffOf(caller),
      at: this.ctx.nowIso(),
    } as never);
    this.changed();
    return this.mustTicket(i.ticketId);
  }

  /** Open, pause (with a reason) or close the caller's window. */
  async setStatus(caller: CallerContext, i: { status: 'open' | 'paused' | 'closed'; reason?: string }) {
    const windowNo = this.windowOf(caller);
    await this.ctx.mutate('window.setStatus', {
      hallId: this.ctx.hallId,
      windowNo,
      status: i.status,
      reason: i.reason,
      staffId: this.staffOf(caller),
      at: this.ctx.nowIso(),
    });
    if (i.status !== 'open')
      await this.ctx.audit(this.staffOf(caller), `window.${i.status}`, { windowNo, reason: i.reason ?? null });
    this.changed();
    return this.panel(caller);
  }

  /** The guide moves a waiting ticket to the right business type; it keeps its arrival time. */
  async reclassify(caller: CallerContext, i: { ticketId: string; toType: string; reason?: string }) {
    await this.ctx.mutate('ticket.reclassify', { ...i, staffId: this.staffOf(caller), at: this.ctx.nowIso() });
    this.changed();
    return this.mustTicket(i.ticketId);
  }

  config() {
    return this.ctx.storage.run('queueConfig');
  }

  /** Manager configuration: each change is a synced mutator and an audit entry. */
  async configure(
    caller: CallerContext,
    c:
      | { kind: 'settings'; settings: QueueSettings }
      | { kind: 'type'; type: TypeSettings }
      | { kind: 'window'; windowNo: number; types: WindowTypes }
      | { kind: 'skills'; staffId: string; skills: string[] },
  ) {
    const at = this.ctx.nowIso();
    const hallId = this.ctx.hallId;
    if (c.kind === 'settings') await this.ctx.mutate('queue.configure', { hallId, settings: c.settings, at });
    else if (c.kind === 'type') await this.ctx.mutate('queue.configureType', { hallId, type: c.type, at });
    else if (c.kind === 'skills')
      await this.ctx.mutate('staff.setSkills', { hallId, staffId: c.staffId, skills: c.skills, at });
    else await this.ctx.mutate('window.configure', { hallId, windowNo: c.windowNo, types: c.types, at });
    await this.ctx.audit(caller.session?.staff.staffNo ?? null, `queue.configure.${c.kind}`, { ...c });
    this.changed();
    return this.config();
  }

  /**
   * The automatic day reset: once the local time passes the configured reset time, tickets of earlier
   * days still open are closed as abandoned. Numbering restarts by itself (series are per day).
   * Returns how many tickets were closed; called by a timer and by tests with an injected clock.
   */
  async runDayReset(): Promise<number> {
    const now = this.ctx.clock.now();
    const cfg = await this.ctx.storage.run('queueConfig');
    if (localMinuteOfDay(now.getTime()) < parseHhMm(cfg.settings.dayResetAt)) return 0;
    const beforeDay = this.ctx.today();
    const n = await this.ctx.storage.run('unfinishedBefore', { beforeDay });
    if (n === 0) return 0;
    await this.ctx.mutate('queue.closeDay', { hallId: this.ctx.hallId, beforeDay, at: this.ctx.nowIso() });
    this.changed();
    return n;
  }

  private changed() {
    this.ctx.events.emit('queue.changed', { day: this.ctx.today() });
  }

  private windowOf(caller: CallerContext): number {
    if (caller.windowNo === null) throw new AppFailure('forbidden', 'access.noWindow');
    return caller.windowNo;
  }

  private staffOf(caller: CallerContext): string {
    if (!caller.session) throw new AppFailure('unauthenticated', 'access.loginRequired');
    return caller.session.staffId;
  }

  private async mustTicket(id: string): Promise<QueueTicketView> {
    const t = await this.ctx.storage.run('queueTicketById', { id });
    if (!t) throw new AppFailure('not_found', 'queue.ticketNotFound', {}, 'ticketId');
    return t;
  }
}

function sameHallDay(iso: string, day: string): boolean {
  const d = new Date(iso);
  return (
    !Number.isNaN(d.getTime()) && new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d) === day
  );
}
