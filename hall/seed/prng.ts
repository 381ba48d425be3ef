/**
 * A small seeded PRNG for demo data: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator,
 * 128-bit state, passes PractRand) seeded through splitmix32. Same seed → same sequence, on every
 * platform. Not for anything secret.
 */
export class Rng {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const splitmix32 = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
      z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
      return (z ^ (z >>> 15)) >>> 0;
    };
    this.#a = splitmix32();
    this.#b = splitmix32();
    this.#c = splitmix32();
    this.#d = 1;
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** A uniform 32-bit unsigned integer. */
  u32(): number {
    const a = this.#a,
      b = this.#b,
      c = this.#c,
      d = this.#d;
    const t = (((a + b) | 0) + d) | 0;
    this.#d = (d + 1) | 0;
    this.#a = b ^ (b >>> 9);
    this.#b = (c + (c << 3)) | 0;
    const r = (c << 21) | (c >>> 11);
    this.#c = (r + t) | 0;
    return t >>> 0;
  }

  /** A uniform float in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** A uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Approximately standard normal (sum of four uniforms, rescaled): cheap and bounded at ±3.46. */
  normal(): number {
    return (this.next() + this.next() + this.next() + this.next() - 2) * 1.7320508075688772;
  }
}

/**
 * Weighted choice in O(log n): build once from [item, weight] pairs, then `pick(rng)`.
 */
export class WeightedTable<T> {
  readonly items: T[];
  readonly #cumulative: Float64Array;
  readonly #total: number;

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    if (entries.length === 0) throw new RangeError('a weighted table needs entries');
    this.items = entries.map((e) => e[0]);
    this.#cumulative = new Float64Array(entries.length);
    let total = 0;
    entries.forEach(([, w], i) => {
      if (!(w > 0)) throw new RangeError('weights must be positive');
      total += w;
      this.#cumulative[i] = total;
    });
    this.#total = total;
  }

  pick(rng: Rng): T {
    const x = rng.next() * this.#total;
    let lo = 0;
    let hi = this.#cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo];
  }
}
