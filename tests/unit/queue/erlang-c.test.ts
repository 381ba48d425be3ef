import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erlangB, erlangC, meanWaitSec, serversNeeded, serviceLevel } from '@common/queue/erlang-c';

/** The textbook closed form, with factorials: fine for the small c the property tests use. */
function erlangCDirect(c: number, a: number): number {
  let sum = 0;
  let term = 1; // a^k / k!
  for (let k = 0; k < c; k++) {
    sum += term;
    term = (term * a) / (k + 1);
  }
  const top = (term * c) / (c - a); // a^c / c! · c / (c − a)
  return top / (sum + top);
}

describe('Erlang C', () => {
  it('matches known values', () => {
    // Two erlangs on three windows: C = 4/9.
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 12);
    // One window is M/M/1: the chance to wait is the utilisation.
    expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 12);
    // Erlang B, 2 erlangs on 3 lines: (8/6) / (1 + 2 + 2 + 8/6) = 4/19.
    expect(erlangB(3, 2)).toBeCloseTo(4 / 19, 12);
    // The classic call-centre table: 10 erlangs (100 calls in 30 min, AHT 180 s).
    expect(erlangC(11, 10)).toBeCloseTo(0.6821, 4);
    expect(erlangC(12, 10)).toBeCloseTo(0.4494, 4);
    expect(erlangC(14, 10)).toBeCloseTo(0.1741, 4);
    // SL = 1 − C · e^(−(c − A)·t/AHT): 1 − 0.6821 · e^(−1/9) and 1 − 0.1741 · e^(−4/9).
    expect(serviceLevel(11, 10, 180, 20)).toBeCloseTo(0.3896, 4);
    expect(serviceLevel(14, 10, 180, 20)).toBeCloseTo(0.8884, 4);
    expect(meanWaitSec(11, 10, 180)).toBeCloseTo(122.8, 1);
  });

  it('agrees with the closed form and stays a probability', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0.001, max: 0.999, noNaN: true }), (c, rho) => {
        const a = c * rho;
        const v = erlangC(c, a);
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
        expect(v).toBeCloseTo(erlangCDirect(c, a), 9);
        // Never below the blocking probability of the same system without a line.
        expect(v).toBeGreaterThanOrEqual(erlangB(c, a) - 1e-12);
      }),
    );
  });

  it('improves with every window added and worsens with every erlang added', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0.05, max: 25, noNaN: true }),
        fc.double({ min: 30, max: 1800, noNaN: true }),
        fc.double({ min: 0, max: 1800, noNaN: true }),
        (c, a, aht, target) => {
          expect(erlangC(c + 1, a)).toBeLessThanOrEqual(erlangC(c, a) + 1e-12);
          expect(serviceLevel(c + 1, a, aht, target)).toBeGreaterThanOrEqual(serviceLevel(c, a, aht, target) - 1e-12);
          expect(erlangC(c, a * 1.1)).toBeGreaterThanOrEqual(erlangC(c, a) - 1e-12);
        },
      ),
    );
  });

  it('finds the fewest windows that meet the goal, and says so when none can', () => {
    // 10 erlangs, 80 % within 20 s: 13 windows fall short, 14 give 0.888 (the values above).
    const r = serversNeeded({ arrivalsPerHour: 200, ahtSec: 180, targetWaitSec: 20, goal: 0.8, maxServers: 30 });
    expect(r.load).toBeCloseTo(10, 12);
    expect(r.servers).toBe(14);
    expect(serviceLevel(13, 10, 180, 20)).toBeLessThan(0.8);
    expect(
      serversNeeded({ arrivalsPerHour: 200, ahtSec: 180, targetWaitSec: 20, goal: 0.8, maxServers: 12 }),
    ).toMatchObject({ servers: null });
    expect(serversNeeded({ arrivalsPerHour: 0, ahtSec: 300, targetWaitSec: 600, goal: 0.8, maxServers: 12 })).toEqual({
      servers: 0,
      load: 0,
      serviceLevel: 1,
    });
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 120, noNaN: true }),
        fc.double({ min: 60, max: 1500, noNaN: true }),
        fc.double({ min: 0.5, max: 0.95, noNaN: true }),
        (arrivals, aht, goal) => {
          const s = serversNeeded({
            arrivalsPerHour: arrivals,
            ahtSec: aht,
            targetWaitSec: 1200,
            goal,
            maxServers: 60,
          });
          if (s.servers === null) return;
          expect(s.serviceLevel).toBeGreaterThanOrEqual(goal);
          if (s.servers > 1 && s.servers - 1 > s.load)
            expect(serviceLevel(s.servers - 1, s.load, aht, 1200)).toBeLessThan(goal);
        },
      ),
    );
  });

  it('refuses inputs that have no meaning', () => {
    expect(() => erlangC(0, 1)).toThrow(RangeError);
    expect(() => erlangC(2.5, 1)).toThrow(RangeError);
    expect(() => erlangC(3, -1)).toThrow(RangeError);
    expect(() => erlangC(3, Number.NaN)).toThrow(RangeError);
    expect(() =>
      serversNeeded({ arrivalsPerHour: 10, ahtSec: 300, targetWaitSec: 60, goal: 1, maxServers: 5 }),
    ).toThrow(RangeError);
    expect(erlangC(3, 3)).toBe(1);
    expect(serviceLevel(3, 4, 300, 60)).toBe(0);
  });
});
