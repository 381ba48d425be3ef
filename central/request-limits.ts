import { RateLimit } from '../node/limits/rate-limit';
import { HttpError } from './http-util';

/** How many requests of a kind a key may make per window. */
export interface RequestLimit {
  points: number;
  windowS: number;
}

export interface RequestLimits {
  /** Pushes per station credential: a station catching up after an outage sends a few batches a second, never hundreds. */
  push: RequestLimit;
  /** Customer lookups (跨区域办理) per station credential: a counter looks up a customer per visit. */
  lookup: RequestLimit;
  /** Enrollment attempts, good or bad, per source address (bad codes have their own, stricter limit). */
  enroll: RequestLimit;
}

export const DEFAULT_REQUEST_LIMITS: RequestLimits = {
  push: { points: 1200, windowS: 60 },
  lookup: { points: 60, windowS: 60 },
  enroll: { points: 30, windowS: 60 },
};

export type LimitedKind = keyof RequestLimits;

/**
 * Per-key request budgets in memory (one central process; a restart forgets them, which costs a
 * flooder one window). Over budget: a typed 429 `rate_limited` with the seconds to wait, which the
 * server sends as Retry-After, and one log line per key and window so a flood is visible without
 * flooding the log in turn.
 */
export class RequestLimiter {
  private readonly limits: Record<LimitedKind, RateLimit>;

  constructor(
    limits: RequestLimits,
    private readonly log: (line: string) => void,
  ) {
    const make = (kind: LimitedKind) =>
      new RateLimit(kind, [{ points: limits[kind].points, seconds: limits[kind].windowS }]);
    this.limits = { push: make('push'), lookup: make('lookup'), enroll: make('enroll') };
  }

  /** Spend one request of `kind` for `key`, or throw 429. */
  async take(kind: LimitedKind, key: string): Promise<void> {
    const taken = await this.limits[kind].take(key);
    if (taken.allowed) return;
    const seconds = taken.retryAfterSeconds;
    if (taken.firstRefusal) this.log(`rate limited: ${kind} by ${key} over its budget, refused for ${seconds} s`);
    throw new HttpError(429, 'rate_limited', 'sync.rateLimited', { seconds });
  }
}
