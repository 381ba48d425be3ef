import { signedIn, type CallerContext } from './caller';
import type { ServiceContext } from './context';
import { dayBounds } from './money-helpers';

/** Oral consultations (口头咨询): a question answered at the counter, logged for the day's figures. */
export class ConsultationService {
  private readonly ctx: ServiceContext;

  constructor(deps: { ctx: ServiceContext }) {
    this.ctx = deps.ctx;
  }

  async log(caller: CallerContext, input: { topic: string; ticketId?: string; note?: string }) {
    const staff = signedIn(caller);
    const id = this.ctx.newId('cs');
    await this.ctx.mutate('consultation.log', {
      id,
      hallId: this.ctx.hallId,
      staffId: staff.staffId,
      windowNo: caller.windowNo,
      ticketId: input.ticketId ?? null,
      topic: input.topic,
      note: input.note?.trim() || null,
      at: this.ctx.nowIso(),
    });
    return this.today(caller);
  }

  async today(caller: CallerContext) {
    const staff = signedIn(caller);
    const rows = await this.ctx.storage.run('consultationsBetween', {
      staffId: staff.staffId,
      ...dayBounds(this.ctx.today()),
    });
    return rows.map((r) => ({ id: r.id, topic: r.topic, note: r.note, ticketNo: r.ticket_no, at: r.at }));
  }
}
