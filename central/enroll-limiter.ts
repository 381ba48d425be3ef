import { HttpError } from './http-util';

export interface EnrollLimit {
  /** Bad codes allowed per address within the window before enrollment is refused with 429. */
  maxFailures: number;
  windowMs: number;
}

export const DEFAULT_ENROLL_LIMIT: EnrollLimit = { maxFailures: 5, windowMs: 10 * 60_000 };

/**
 * Enrollment codes are 8 characters from 31: guessable only by volume, so each address gets a
 * few wrong codes per window and then a typed 429 until the oldest failure ages out. In memory:
 * a restart forgets it, which costs a guesser at most one more window's worth of attempts.
 */
export class EnrollAttemptLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly limit: EnrollLimit = DEFAULT_ENROLL_LIMIT) {}

  /** Throws 429 `rate_limited` when `address` has used up its bad attempts. */
  check(address: string, now: number): void {
    const recent = this.recent(address, now);
    if (recent.length < this.limit.maxFailures) return;
    const retryS = Math.ceil((recent[0]! + this.limit.windowMs - now) / 1000);
    throw new HttpError(429, 'rate_limited', 'sync.enrollRateLimited', { seconds: retryS });
  }

  fail(address: string, now: number): void {
    const recent = this.recent(address, now);
    recent.push(now);
    this.failures.set(address, recent);
  }

  private recent(address: string, now: number): number[] {
    const kept = (this.failures.get(address) ?? []).filter((t) => t > now - this.limit.windowMs);
    if (kept.length) this.failures.set(address, kept);
    else this.failures.delete(address);
    return kept;
  }
}
