import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/** So many events per so many seconds, for one key. */
export interface Budget {
  readonly points: number;
  readonly seconds: number;
}

export type Take =
  | { readonly allowed: true }
  | {
      readonly allowed: false;
      /** Whole seconds until the key may try again (at least 1). */
      readonly retryAfterSeconds: number;
      /** The first refusal of this window: the moment worth an audit entry (later ones repeat it). */
      readonly firstRefusal: boolean;
    };

/**
 * A per-key budget in memory (rate-limiter-flexible), one or more windows at once (e.g. per minute
 * and per hour). Counting is synchronous inside `take`, so parallel callers can never all slip in
 * between a read and a write. Shared by the station and the central; an empty budget list disables it.
 */
export class RateLimit {
  readonly #limiters: { limiter: RateLimiterMemory; points: number }[];

  constructor(
    readonly name: string,
    budgets: readonly Budget[],
  ) {
    this.#limiters = budgets
      .filter((b) => Number.isFinite(b.points) && b.points > 0 && b.seconds > 0)
      .map((b) => ({
        limiter: new RateLimiterMemory({ keyPrefix: name, points: b.points, duration: b.seconds }),
        points: b.points,
      }));
  }

  /** Count one event for `key`, refused when any window is spent. */
  async take(key: string): Promise<Take> {
    // Start every window's count before awaiting any, so the counting itself is one synchronous step.
    const counted = this.#limiters.map(({ limiter, points }) =>
      limiter.consume(key).then(
        () => null,
        (res: unknown) => {
          if (!(res instanceof RateLimiterRes)) throw res;
          return { ms: res.msBeforeNext, first: res.consumedPoints === points + 1 };
        },
      ),
    );
    const refused = (await Promise.all(counted)).filter((r) => r !== null);
    if (refused.length === 0) return { allowed: true };
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil(Math.max(...refused.map((r) => r.ms)) / 1000)),
      firstRefusal: refused.some((r) => r.first),
    };
  }

  /** Give an event back (a login that succeeded should not count against its address). */
  async giveBack(key: string): Promise<void> {
    await Promise.all(this.#limiters.map(({ limiter }) => limiter.reward(key)));
  }
}
