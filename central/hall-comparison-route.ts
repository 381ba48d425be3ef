import { HallComparisonQuery, type HallComparison } from '@common/sync/hall-comparison';
import { isErrorKey } from '@common/errors';
import { HttpError } from './http-util';
import type { StationCaller } from './store/station-auth';
import type { CentralStore } from './store/sync-store';

/**
 * GET /v1/halls/compare?from&to: every hall's aggregates for the period, for a manager's station
 * (ADMIN_ROLES) only. Counts and rates: no ticket, customer or staff member is named in the answer.
 */
export function hallComparisonAnswer(store: CentralStore, caller: StationCaller, url: URL): HallComparison {
  store.auth.requireAdmin(caller);
  const q = HallComparisonQuery.safeParse({ from: url.searchParams.get('from'), to: url.searchParams.get('to') });
  if (!q.success) {
    const issue = q.error.issues[0];
    const problem = `${issue?.path.join('.') || 'query'}: ${isErrorKey(issue?.message) ? issue.message : 'YYYY-MM-DD'}`;
    throw new HttpError(400, 'malformed', 'sync.malformedRequest', { problem });
  }
  return store.comparisons.compare(q.data.from, q.data.to);
}
