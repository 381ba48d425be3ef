import { describe, expect, it } from 'vitest';
import { RateLimit } from '../../node/limits/rate-limit';

/** The shared wrapper (node/limits): counting is atomic under a parallel burst, windows combine. */
describe('RateLimit', () => {
  it('admits exactly the budget of a parallel burst and flags only the first refusal', async () => {
    const limit = new RateLimit('burst', [{ points: 5, seconds: 60 }]);
    const takes = await Promise.all(Array.from({ length: 50 }, () => limit.take('a')));
    expect(takes.filter((t) => t.allowed)).toHaveLength(5);
    const refused = takes.filter((t) => !t.allowed);
    expect(refused.filter((t) => t.firstRefusal)).toHaveLength(1);
    for (const t of refused) expect(t.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    for (const t of refused) expect(t.retryAfterSeconds).toBeLessThanOrEqual(60);
    // Another key has its own budget.
    expect((await limit.take('b')).allowed).toBe(true);
  });

  it('refuses when any window is spent, with the longer wait', async () => {
    const limit = new RateLimit('two', [
      { points: 100, seconds: 60 },
      { points: 3, seconds: 3600 },
    ]);
    for (let i = 0; i < 3; i++) expect((await limit.take('k')).allowed).toBe(true);
    const t = await limit.take('k');
    expect(t).toMatchObject({ allowed: false });
    expect(!t.allowed && t.retryAfterSeconds).toBeGreaterThan(60);
  });

  it('gives an event back, and an empty budget list limits nothing', async () => {
    const limit = new RateLimit('back', [{ points: 1, seconds: 60 }]);
    expect((await limit.take('k')).allowed).toBe(true);
    await limit.giveBack('k');
    expect((await limit.take('k')).allowed).toBe(true);
    expect((await limit.take('k')).allowed).toBe(false);
    const none = new RateLimit('none', []);
    const all = await Promise.all(Array.from({ length: 1000 }, () => none.take('k')));
    expect(all.every((t) => t.allowed)).toBe(true);
  });
});
