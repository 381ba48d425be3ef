import type { Ticket, WindowState } from '../../common/api/schemas';
import { callAnnouncement } from '../../common/domain/announcement';
import { businessType } from '../../common/domain/business-types';
import { AppFailure } from '../../common/result';
import type { CallerContext } from '../api/router';
import { OnlineNumberSource, type TicketNumberSource } from '../sync/ticket-number-source';
import type { ServiceContext } from './context';

export interface SlipPrinter {
  /** Print a ticket slip; resolves false (never throws) when the printer can't take it. */
  printTicketSlip(slip: { ticketNo: string; businessName: string; waitingAhead: number; issuedAt: string }): Promise<boolean>;
}

/** Issue, call, start and finish tickets: the queue as one station sees and changes it. */
export class QueueService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly printer: SlipPrinter | null,
    /** Online series, or a kiosk's offline lease (main/sync/ticket-number-source.ts). */
    private readonly numbers: TicketNumberSource = new OnlineNumberSource(ctx.storage),
  ) {}

  snapshot() {
    return this.ctx.storage.run('snapshot', { day: this.ctx.today() });
  }

  async issue(input: { businessType: string; priority: Ticket['priority'] }) {
    const type = businessType(input.businessType);
    if (!type) throw new AppFailure('validation', `unknown business type ${input.businessType}`, 'businessType');
    const day = this.ctx.today();
    const id = this.ctx.newId('tk');
    const issuedAt = this.ctx.nowIso();
    // The number is chosen from this station's replica; the central renumbers on a collision.
    const args = { id, hallId: this.ctx.hallId, day, businessType: type.code, priority: input.priority, number: await this.nextNumber(day, type.prefix), issuedAt, issuedBy: this.ctx.stationId };
    await this.ctx.mutate('ticket.issue', args);
    const ticket = await this.mustTicket(id);
    const waitingAhead = await this.ctx.storage.run('waitingAhead', { id });
    this.ctx.events.emit('queue.changed', { day });
    const printed = this.printer ? await this.printer.printTicketSlip({ ticketNo: ticket.number, businessName: type.name, waitingAhead, issuedAt }) : false;
    return { ticket, waitingAhead, printed };
  }

  private nextNumber(day: string, prefix: string): Promise<string> {
    return this.numbers.next(day, prefix);
  }

  async counterState(caller: CallerContext): Promise<WindowState> {
    const windowNo = this.windowOf(caller);
    const state = await this.ctx.storage.run('windowState', { day: this.ctx.today(), windowNo });
    if (!state) throw new AppFailure('not_found', `窗口 ${windowNo} 不存在 (no such window)`);
    return state;
  }

  async callNext(caller: CallerContext): Promise<Ticket | null> {
    const windowNo = this.windowOf(caller);
    const state = await this.counterState(caller);
    if (state.current) throw new AppFailure('conflict', `请先办结 ${state.current.number} (finish the current ticket first)`);
    const day = this.ctx.today();
    const ticketId = await this.ctx.storage.run('nextForWindow', { day, windowNo });
    if (!ticketId) return null;
    return this.call(caller, ticketId, false);
  }

  async recall(caller: CallerContext, ticketId: string): Promise<Ticket> {
    return this.call(caller, ticketId, true);
  }

  private async call(caller: CallerContext, ticketId: string, recall: boolean): Promise<Ticket> {
    const windowNo = this.windowOf(caller);
    const at = this.ctx.nowIso();
    const callId = this.ctx.newId('call');
    await this.ctx.mutate(recall ? 'ticket.recall' : 'ticket.call', { callId, ticketId, windowNo, staffId: caller.session!.staffId, at });
    const ticket = await this.mustTicket(ticketId);
    this.ctx.events.emit('ticket.called', { ticketId, ticketNo: ticket.number, windowNo, text: callAnnouncement(ticket.number, windowNo, recall), recall, at });
    this.ctx.events.emit('queue.changed', { day: this.ctx.today() });
    return ticket;
  }

  async start(caller: CallerContext, ticketId: string): Promise<Ticket> {
    await this.ctx.mutate('ticket.start', { ticketId, windowNo: this.windowOf(caller), at: this.ctx.nowIso() });
    this.ctx.events.emit('queue.changed', { day: this.ctx.today() });
    return this.mustTicket(ticketId);
  }

  async finish(caller: CallerContext, ticketId: string): Promise<Ticket> {
    const windowNo = this.windowOf(caller);
    await this.ctx.mutate('ticket.finish', { ticketId, windowNo, at: this.ctx.nowIso() });
    this.ctx.events.emit('queue.changed', { day: this.ctx.today() });
    this.ctx.events.emit('rating.requested', { windowNo, ticketId });
    return this.mustTicket(ticketId);
  }

  private windowOf(caller: CallerContext): number {
    if (caller.windowNo === null) throw new AppFailure('forbidden', 'this window is not bound to a counter');
    return caller.windowNo;
  }

  private async mustTicket(id: string): Promise<Ticket> {
    const t = await this.ctx.storage.run('ticketById', { id });
    if (!t) throw new AppFailure('not_found', `ticket ${id} not found`, 'ticketId');
    return t;
  }
}
