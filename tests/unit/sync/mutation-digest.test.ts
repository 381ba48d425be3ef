import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonical, canonicalJson, mutationDigest } from '../../../central/store/mutation-digest';

/**
 * The central keeps a digest per applied mutation and refuses a replay whose digest differs. The
 * fast canonical JSON must write exactly what the original canonical() writes, or every replay of
 * a mutation applied before the change would be refused as altered.
 */
describe('mutation digest', () => {
  it('writes the same sorted-keys JSON as canonical() for any parsed JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const parsed: unknown = JSON.parse(JSON.stringify(value) ?? 'null');
        expect(canonicalJson(parsed)).toBe(canonical(parsed));
      }),
      { numRuns: 500 },
    );
  });

  it('sorts nested keys, and keeps array-index and __proto__ keys where canonical() puts them', () => {
    const value = JSON.parse('{"b":{"z":1,"10":"ten","2":"two","a":[{"y":null,"x":"缴费"}]},"a":"x","__proto__":{"q":1}}');
    expect(canonicalJson(value)).toBe('{"__proto__":{"q":1},"a":"x","b":{"10":"ten","2":"two","a":[{"x":"缴费","y":null}],"z":1}}');
    expect(canonicalJson(value)).toBe(canonical(value));
    expect(canonicalJson({ b: [1, { d: 2, c: 3 }], a: 'x' })).toBe('{"a":"x","b":[1,{"c":3,"d":2}]}');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('is the same for the same mutation whatever its key order, and differs when anything else differs', () => {
    const args = { id: 'pay-1', at: '2026-11-23T02:00:00.000Z', detail: { amount: 12_345, payer: '张*明' } };
    const reordered = { detail: { payer: '张*明', amount: 12_345 }, at: args.at, id: args.id };
    expect(mutationDigest('audit.append', reordered)).toBe(mutationDigest('audit.append', args));
    expect(mutationDigest('audit.append', { ...args, detail: { amount: 12_346, payer: '张*明' } })).not.toBe(mutationDigest('audit.append', args));
    expect(mutationDigest('rating.record', args)).not.toBe(mutationDigest('audit.append', args));
  });
});
