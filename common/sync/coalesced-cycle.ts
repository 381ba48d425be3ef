/**
 * Runs an async cycle on demand, never two at once: a trigger while one runs queues exactly one more,
 * however many triggers arrive. The station's sync client and the hall relay's upstream link both
 * sync this way; `idle()` lets tests and shutdown await the end instead of sleeping.
 */
export class CoalescedCycle {
  private running = false;
  private again = false;
  private stoppedNow = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly cycle: () => Promise<void>) {}

  get stopped(): boolean {
    return this.stoppedNow;
  }

  /** No new cycles; one already running finishes. */
  stop(): void {
    this.stoppedNow = true;
  }

  trigger(): void {
    if (this.stoppedNow) return;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.loop();
  }

  /** Resolves when no cycle is running or queued. */
  idle(): Promise<void> {
    return this.running ? new Promise((resolve) => this.idleWaiters.push(resolve)) : Promise.resolve();
  }

  private async loop(): Promise<void> {
    this.running = true;
    try {
      do {
        this.again = false;
        await this.cycle();
      } while (this.again && !this.stoppedNow);
    } finally {
      this.running = false;
      for (const w of this.idleWaiters.splice(0)) w();
    }
  }
}
