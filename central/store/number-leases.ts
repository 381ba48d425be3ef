import {
  LEASE_BLOCK,
  LEASE_FIRST,
  LEASE_MAX,
  ticketNumber,
  type Lease,
  type LeaseRequest,
  type LeaseReturn,
} from '@common/sync/number-leases';
import { roleMayPush } from '@common/sync/station-roles';
import { HttpError } from '../http-util';
import type { SqlDialect } from './sql-dialect';
import type { StationCaller } from './station-auth';

/** The central's ledger of number blocks: each (hall, day, prefix) block goes to exactly one client. */
export class NumberLeases {
  constructor(private readonly db: SqlDialect) {}

  lease(caller: StationCaller, req: LeaseRequest, now: string): Lease {
    if (!roleMayPush(caller.role, 'ticket.issue'))
      throw new HttpError(403, 'forbidden', 'sync.roleIssuesNoTickets', { role: caller.role });
    return this.db.transaction(() => {
      this.db.bindHall(caller.hallId);
      // The primary key (hall, day, prefix, first) makes a concurrent second grant of a block fail.
      const top = this.db.tx.get<{ last: number | null }>(
        'SELECT max(last) AS last FROM number_leases WHERE hall_id = ? AND day = ? AND prefix = ?',
        caller.hallId,
        req.day,
        req.prefix,
      );
      const first = Math.max(LEASE_FIRST, (top?.last ?? 0) + 1);
      if (first > LEASE_MAX)
        throw new HttpError(409, 'exhausted', 'sync.offlineNumbersExhausted', { prefix: req.prefix });
      const last = Math.min(LEASE_MAX, first + (req.size ?? LEASE_BLOCK) - 1);
      this.db.tx.run(
        'INSERT INTO number_leases (hall_id, day, prefix, first, last, client_id, leased_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        caller.hallId,
        req.day,
        req.prefix,
        first,
        last,
        caller.clientId,
        now,
      );
      return { day: req.day, prefix: req.prefix, first, last };
    });
  }

  /**
   * A kiosk gives back the unused end of a lease after its day: the ledger then tells numbers never
   * printed from numbers printed and not yet pushed. Only the lease's holder may return it, only once
   * (a repeat of the same return is answered as before), and never over a number the hall already
   * holds a ticket for.
   */
  giveBack(caller: StationCaller, req: LeaseReturn): { day: string; prefix: string; returned: number } {
    return this.db.transaction(() => {
      this.db.bindHall(caller.hallId);
      const lease = this.db.tx.get<{ last: number; client_id: string; next: number | null }>(
        'SELECT last, client_id, next FROM number_leases WHERE hall_id = ? AND day = ? AND prefix = ? AND first = ?',
        caller.hallId,
        req.day,
        req.prefix,
        req.first,
      );
      if (!lease || lease.client_id !== caller.clientId)
        throw new HttpError(404, 'not_found', 'sync.leaseNotYours', { prefix: req.prefix });
      const answer = { day: req.day, prefix: req.prefix, returned: lease.last - req.next + 1 };
      if (lease.next !== null) {
        if (lease.next === req.next) return answer;
        throw new HttpError(409, 'conflict', 'sync.leaseAlreadyReturned', { prefix: req.prefix });
      }
      if (req.next < req.first || req.next > lease.last + 1)
        throw new HttpError(400, 'malformed', 'sync.leaseReturnOutOfRange', { prefix: req.prefix });
      const printed = this.db.tx.get<{ n: number }>(
        'SELECT count(*) AS n FROM tickets WHERE hall_id = ? AND day = ? AND number >= ? AND number <= ?',
        caller.hallId,
        req.day,
        ticketNumber(req.prefix, req.next),
        ticketNumber(req.prefix, lease.last),
      );
      if (Number(printed?.n ?? 0) > 0)
        throw new HttpError(409, 'conflict', 'sync.leaseNumbersPrinted', { prefix: req.prefix });
      this.db.tx.run(
        'UPDATE number_leases SET next = ? WHERE hall_id = ? AND day = ? AND prefix = ? AND first = ?',
        req.next,
        caller.hallId,
        req.day,
        req.prefix,
        req.first,
      );
      return answer;
    });
  }

  /** A hall's ledger: every block handed out, and where a returned block's unused numbers begin (`next`). */
  ledger(
    hallId: string,
  ): { day: string; prefix: string; first: number; last: number; clientId: string; next: number | null }[] {
    return this.db.transaction(() => {
      this.db.bindHall(hallId);
      return this.db.tx
        .all<{ day: string; prefix: string; first: number; last: number; client_id: string; next: number | null }>(
          'SELECT day, prefix, first, last, client_id, next FROM number_leases WHERE hall_id = ? ORDER BY day, prefix, first',
          hallId,
        )
        .map((r) => ({
          day: r.day,
          prefix: r.prefix,
          first: Number(r.first),
          last: Number(r.last),
          clientId: r.client_id,
          next: r.next === null ? null : Number(r.next),
        }));
    });
  }
}
