import { AppFailure } from '@common/result';
import { RATING_AFTER_FINISH_MS } from '@common/mutators/ratings';
import type { SqlTx } from '@common/mutators/sql';

/** How much later than its window a rating may still come into being by the central's clock: a push in flight, a slow cycle. */
export const DEFAULT_RATING_TOLERANCE_MS = 30 * 60_000;

/**
 * A rating judged by the central's clock, not the station's. The station's `at` is the domain time
 * (the hall day it counts on) and is already held to its ticket's finish (common/mutators/ratings.ts),
 * but both of those times are the station's word: a station could rate a ticket finished days ago
 * and date the rating a minute after the finish.
 *
 * What the central knows for itself: when it recorded the ticket's finish (the ticket's newest
 * change-log row, `recorded_at`), and when this station last caught up (pushed everything it had,
 * then pulled: `sync_clients.caught_up_at`). Mutation ids grow in the order a station makes them,
 * so a rating arriving now was not in the outbox the station had handed over at that catch-up: it
 * came into being after it. If that catch-up was already past the ticket's rating window, the
 * rating was made too late, whatever its `at` says. A station offline for hours has not caught up
 * since before its outage, so its legitimately old ratings pass; clock skew plays no part (both
 * times are the central's).
 */
export function checkRatingRecordedTime(
  tx: SqlTx,
  hallId: string,
  clientId: string,
  args: unknown,
  toleranceMs: number,
): void {
  const ticketId = (args as { ticketId?: unknown } | null)?.ticketId;
  if (typeof ticketId !== 'string') return; // the mutator refuses it with its own reason
  const finish = tx.get<{ recorded_at: string | null }>(
    `SELECT recorded_at FROM sync_changes WHERE hall_id = ? AND entity = 'ticket' AND entity_id = ? ORDER BY version DESC LIMIT 1`,
    hallId,
    ticketId,
  )?.recorded_at;
  const caughtUp = tx.get<{ caught_up_at: string | null }>(
    'SELECT caught_up_at FROM sync_clients WHERE client_id = ?',
    clientId,
  )?.caught_up_at;
  // Rows logged before the central kept its own times carry none: nothing to judge by.
  if (!finish || !caughtUp) return;
  const windowEnd = Date.parse(finish) + RATING_AFTER_FINISH_MS + toleranceMs;
  if (Date.parse(caughtUp) > windowEnd)
    throw new AppFailure('validation', 'sync.ratingRecordedLate', {
      hours: RATING_AFTER_FINISH_MS / 3_600_000,
    });
}
