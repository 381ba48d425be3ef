import fc from 'fast-check';

/** Seeds with a handful of byte edits (set, insert, truncate): nearly valid input is where parser bugs hide. */
export const mutatedBytes = (seeds: Uint8Array[]): fc.Arbitrary<Uint8Array> =>
  fc
    .tuple(
      fc.constantFrom(...seeds),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 2 })), { maxLength: 6 }),
    )
    .map(([seed, edits]) => {
      let bytes = Array.from(seed);
      for (const [at, value, op] of edits) {
        const i = bytes.length === 0 ? 0 : at % bytes.length;
        if (op === 0) bytes[i] = value;
        else if (op === 1) bytes.splice(i, 0, value);
        else bytes = bytes.slice(0, i);
      }
      return Uint8Array.from(bytes);
    });
