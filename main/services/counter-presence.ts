import type { CallerContext } from './caller';

/**
 * Which windows' counters are logged in on this station right now. A window's customer screen signs
 * on this station's pad only when its counter runs here: in a hall the pad is plugged into the
 * counter's PC, and a customer screen served by another station must not start someone else's pad.
 */
export class CounterPresence {
  readonly #callers = new Set<CallerContext>();

  /** A counter logged in (the caller's session says which window; logging out or closing clears it). */
  add(caller: CallerContext): void {
    this.#callers.add(caller);
  }

  /** Whether this staff member already works `windowNo` from another connection (another browser). */
  elsewhere(caller: CallerContext, staffId: string, windowNo: number): boolean {
    for (const c of this.#callers) {
      if (!c.session) this.#callers.delete(c);
      else if (c !== caller && c.session.staffId === staffId && c.session.windowNo === windowNo) return true;
    }
    return false;
  }

  here(windowNo: number): boolean {
    for (const c of this.#callers) {
      if (!c.session) this.#callers.delete(c);
      else if (c.session.windowNo === windowNo) return true;
    }
    return false;
  }
}
