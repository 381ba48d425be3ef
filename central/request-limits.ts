import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
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
  private readonly limiters: Record<LimitedKind, RateLimiterMemory>;
  private readonly reported = new Map<string, number>();

  constructor(
    limits: RequestLimits,
    private readonly log: (line: string) => void,
  ) {
    const make = (kind: LimitedKind) =>
      new RateLimiterMemory({ keyPrefix: kind, points: limits[kind].points, duration: limits[kind].windowS });
    this.limiters = { push: make('push'), lookup: make('lookup'), enroll: make('enroll') };
  }

  /** Spend one request of `kind` for `key`, or throw 429. */
  async take(kind: LimitedKind, key: string): Promise<void> {
    try {
      await this.limiters[kind].consume(key);
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e;
      const seconds = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
      const tag = `${kind}:${key}`;
      const now = Date.now();
      if ((this.reported.get(tag) ?? 0) <= now) {
        this.reported.set(tag, now + e.msBeforeNext);
        this.log(`rate limited: ${kind} by ${key} over its budget, refused for ${seconds} s`);
      }
      throw new HttpError(429, 'rate_limited', 'sync.rateLimited', { seconds });
    }
  }
}
