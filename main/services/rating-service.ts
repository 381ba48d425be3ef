import type { Rating, RatingPrompt } from '@common/api/schemas';
import type { RatingLevel } from '@common/domain/ratings';
import { AppFailure } from '@common/result';
import type { CallerContext } from './caller';
import type { ServiceContext } from './context';

export const RATING_TIMEOUT_SEC = 60;

/** The customer-facing screen's rating: bound to ticket, window and agent, and never changed. */
export class RatingService {
  private readonly ctx: ServiceContext;

  constructor(deps: { ctx: ServiceContext }) {
    this.ctx = deps.ctx;
  }

  async prompt(caller: CallerContext): Promise<RatingPrompt> {
    const windowNo = caller.windowNo;
    if (windowNo === null) throw new AppFailure('forbidden', 'access.noWindow');
    const day = this.ctx.today();
    const state = await this.ctx.storage.run('windowState', { day, windowNo });
    if (!state) throw new AppFailure('not_found', 'queue.windowNotFound', { windowNo });
    const awaitingRating = await this.ctx.storage.run('awaitingRating', { day, windowNo });
    return {
      windowNo,
      agent: state.agent,
      current: state.current,
      awaitingRating,
      timeoutSec: RATING_TIMEOUT_SEC,
      windowStatus: state.status,
      pauseReason: state.pauseReason,
    };
  }

  submit(
    caller: CallerContext,
    input: { ticketId: string; level: RatingLevel; dimensions: Record<string, number>; reason?: string },
  ): Promise<Rating> {
    return this.record(caller, input.ticketId, input.level, input.dimensions, input.reason?.trim() || null);
  }

  /** No answer within the timeout records 未评价. */
  timeout(caller: CallerContext, input: { ticketId: string }): Promise<Rating> {
    return this.record(caller, input.ticketId, 'none', {}, null);
  }

  /** The dimensions follow the level (the screen asks after the tap); only this window's rating, only once. */
  async addDimensions(
    caller: CallerContext,
    input: { ratingId: string; dimensions: Record<string, number | undefined> },
  ): Promise<Rating> {
    const before = await this.ctx.storage.run('ratingById', { id: input.ratingId });
    if (!before) throw new AppFailure('not_found', 'rating.notFound', {}, 'ratingId');
    if (before.windowNo !== caller.windowNo)
      throw new AppFailure('forbidden', 'rating.otherWindow', { ticketNo: before.ticketNo });
    const dimensions = Object.fromEntries(
      Object.entries(input.dimensions).filter(([, v]) => typeof v === 'number'),
    ) as Record<string, number>;
    await this.ctx.mutate('rating.addDimensions', { ratingId: input.ratingId, dimensions, at: this.ctx.nowIso() });
    const rating = await this.ctx.storage.run('ratingById', { id: input.ratingId });
    if (!rating) throw new Error(`rating ${input.ratingId} vanished`);
    this.ctx.events.emit('rating.recorded', rating);
    return rating;
  }

  private async record(
    caller: CallerContext,
    ticketId: string,
    level: RatingLevel | 'none',
    dimensions: Record<string, number>,
    reason: string | null,
  ): Promise<Rating> {
    const ticket = await this.ctx.storage.run('ticketById', { id: ticketId });
    if (!ticket) throw new AppFailure('not_found', 'queue.ticketNotFound', {}, 'ticketId');
    const windowNo = caller.windowNo;
    if (windowNo === null) throw new AppFailure('forbidden', 'access.noWindow');
    if (ticket.windowNo !== windowNo)
      throw new AppFailure('forbidden', 'rating.ticketOtherWindow', { ticketNo: ticket.number });
    // Only the customer the agent just served: the window's last finished ticket (once: the mutator
    // refuses a second rating). An older ticket of this window is no longer this screen's to rate.
    const last = await this.ctx.storage.run('lastFinishedAtWindow', { day: this.ctx.today(), windowNo });
    if (last && last.id !== ticketId)
      throw new AppFailure('conflict', 'rating.notAwaiting', { ticketNo: ticket.number });
    const id = this.ctx.newId('rt');
    await this.ctx.mutate('rating.record', { id, ticketId, level, dimensions, reason, at: this.ctx.nowIso() });
    const rating = await this.ctx.storage.run('ratingById', { id });
    if (!rating) throw new Error(`rating ${id} not stored`);
    this.ctx.events.emit('rating.recorded', rating);
    this.ctx.events.emit('queue.changed', { day: this.ctx.today() });
    return rating;
  }
}
