import { LEASE_BLOCK, LEASE_FIRST, LEASE_MAX, type Lease, type LeaseRequest } from '@common/sync/number-leases';
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
}
