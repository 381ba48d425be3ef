import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../node/limits/fixed-window';

describe('RateLimiter', () => {
  it('allows the budget per client and window, then says how long to wait', () => {
    let now = 1_000;
    const l = new RateLimiter(3, 60_000, () => now);
    expect([l.take('a'), l.take('a'), l.take('a')]).toEqual([0, 0, 0]);
    expect(l.take('a')).toBe(60_000);
    expect(l.take('b')).toBe(0); // another address has its own budget
    now += 45_000;
    expect(l.take('a')).toBe(15_000);
    now += 15_000;
    expect(l.take('a')).toBe(0);
  });

  it('starts a new window when the clock is set back', () => {
    let now = 100_000;
    const l = new RateLimiter(1, 60_000, () => now);
    l.take('a');
    expect(l.take('a')).toBeGreaterThan(0);
    now = 50_000;
    expect(l.take('a')).toBe(0);
  });
});
