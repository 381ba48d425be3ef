/**
 * A fixed-window request budget per key, counted synchronously (callers that cannot await: the
 * public tracking endpoint, the pairing channel's upgrade). Trying tokens or codes in bulk is cut
 * off after `limit` a window.
 */
export class RateLimiter {
  readonly #windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Count a request; returns the milliseconds to wait when over budget, 0 when allowed. */
  take(key: string): number {
    const t = this.now();
    let w = this.#windows.get(key);
    // A clock set back starts a new window too, rather than stretching the old one.
    if (!w || t - w.start >= this.windowMs || t < w.start) {
      w = { start: t, count: 0 };
      this.#windows.set(key, w);
      // Forget clients whose window ended, so the map holds only the active ones.
      if (this.#windows.size > 10_000)
        for (const [k, v] of this.#windows) if (t - v.start >= this.windowMs) this.#windows.delete(k);
    }
    w.count++;
    return w.count > this.limit ? w.start + this.windowMs - t : 0;
  }
}
