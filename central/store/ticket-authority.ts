import type { ErrorKey, ErrorParams, ParamsArg } from '@common/errors';
import { issueDecision, nextTicketNumber, type IssueArgs } from '@common/mutators/tickets';
import { AppFailure } from '@common/result';
import { hallDate } from '@common/time/hall-time';
import { roleMayPush } from '@common/sync/station-roles';
import type { TicketIssued, TicketIssueRequest } from '@common/sync/ticket-issue';
import type { z } from 'zod';
import { HttpError } from '../http-util';
import type { SqlDialect } from './sql-dialect';
import type { StationCaller } from './station-auth';

/** Records an issued ticket as a pushed `ticket.issue` would: the mutator, the change log, a relay's upstream queue. */
export type RecordIssue = (caller: StationCaller, args: z.infer<typeof IssueArgs>) => void;

const refusal = (status: number, code: string, key: ErrorKey, params: ErrorParams) =>
  new HttpError(status, code, key, ...([params] as ParamsArg<ErrorKey>));

/**
 * The hall's ticket-number authority (a relay, or the central where the hall has none): it decides
 * caps and hours, assigns the next number of the online series and records the ticket, in one
 * transaction, so no two stations of a hall can be given the same number. The issue time is the
 * authority's clock, which orders the queue fairly across kiosks, and so is the ticket's day: a station
 * whose clock is a minute off at midnight still numbers into the hall's day. A retried request (same
 * ticket id) gets the number already given.
 */
export class TicketAuthority {
  constructor(
    private readonly db: SqlDialect,
    private readonly record: RecordIssue,
  ) {}

  issue(caller: StationCaller, req: TicketIssueRequest, now: string): TicketIssued {
    if (!roleMayPush(caller.role, 'ticket.issue'))
      throw new HttpError(403, 'forbidden', 'sync.roleIssuesNoTickets', { role: caller.role });
    return this.db.transaction(() => {
      this.db.bindHall(caller.hallId);
      const given = this.db.tx.get<{ hall_id: string; number: string; issued_at: string; day: string }>(
        'SELECT hall_id, number, issued_at, day FROM tickets WHERE id = ?',
        req.id,
      );
      if (given) {
        if (given.hall_id !== caller.hallId) throw new HttpError(403, 'wrong_hall', 'sync.mutationOtherHall');
        return { id: req.id, number: given.number, issuedAt: given.issued_at, day: given.day };
      }
      try {
        const day = hallDate(now);
        const { cfg, decision } = issueDecision({ tx: this.db.tx }, caller.hallId, day, req.businessType, now);
        if (!decision.ok) throw refusal(409, decision.error.code, decision.error.key, decision.error.params);
        const number = nextTicketNumber({ tx: this.db.tx }, caller.hallId, day, cfg.prefix);
        this.record(caller, { ...req, day, hallId: caller.hallId, number, issuedAt: now });
        return { id: req.id, number, issuedAt: now, day };
      } catch (e) {
        if (!(e instanceof AppFailure) || !e.key) throw e;
        // The kiosk shows the customer the rule's words (cap reached, unknown appointment …).
        throw refusal(e.code === 'validation' ? 400 : 409, e.code, e.key, e.params ?? {});
      }
    });
  }
}
