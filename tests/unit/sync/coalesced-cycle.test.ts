import { describe, expect, it } from 'vitest';
import { CoalescedCycle } from '@common/sync/coalesced-cycle';

/** A cycle that waits until the test releases it, counting how often it ran. */
function gatedCycle() {
  let runs = 0;
  let release: (() => void) | null = null;
  const started: (() => void)[] = [];
  const cycle = new CoalescedCycle(async () => {
    runs++;
    for (const s of started.splice(0)) s();
    await new Promise<void>((r) => (release = r));
  });
  return {
    cycle,
    runs: () => runs,
    nextStart: () => new Promise<void>((r) => started.push(r)),
    release: () => release?.(),
  };
}

describe('CoalescedCycle', () => {
  it('runs one cycle more for any number of triggers during a cycle, never two at once', async () => {
    const g = gatedCycle();
    const first = g.nextStart();
    g.cycle.trigger();
    await first;
    for (let i = 0; i < 5; i++) g.cycle.trigger();
    const second = g.nextStart();
    g.release();
    await second;
    expect(g.runs()).toBe(2);
    const idle = g.cycle.idle();
    g.release();
    await idle;
    expect(g.runs()).toBe(2);
  });

  it('starts nothing after stop and lets idle() resolve', async () => {
    const g = gatedCycle();
    g.cycle.stop();
    g.cycle.trigger();
    await g.cycle.idle();
    expect(g.runs()).toBe(0);
    expect(g.cycle.stopped).toBe(true);
  });
});
