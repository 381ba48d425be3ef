import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { batchDigest, canonical, canonicalJson, mutationDigest, outboxEntry } from '../../../node/sync/mutation-digest';
import { inCanonicalOrder, isCanonical } from '@common/sync/canonical-json';
import { outboxArgsJson } from '@common/sync/ascii-json';

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
    const value = JSON.parse(
      '{"b":{"z":1,"10":"ten","2":"two","a":[{"y":null,"x":"缴费"}]},"a":"x","__proto__":{"q":1}}',
    );
    expect(canonicalJson(value)).toBe(
      '{"__proto__":{"q":1},"a":"x","b":{"10":"ten","2":"two","a":[{"x":"缴费","y":null}],"z":1}}',
    );
    expect(canonicalJson(value)).toBe(canonical(value));
    expect(canonicalJson({ b: [1, { d: 2, c: 3 }], a: 'x' })).toBe('{"a":"x","b":[1,{"c":3,"d":2}]}');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('is the same for the same mutation whatever its key order, and differs when anything else differs', () => {
    const args = { id: 'pay-1', at: '2026-11-23T02:00:00.000Z', detail: { amount: 12_345, payer: '张*明' } };
    const reordered = { detail: { payer: '张*明', amount: 12_345 }, at: args.at, id: args.id };
    expect(mutationDigest('audit.append', reordered)).toBe(mutationDigest('audit.append', args));
    expect(mutationDigest('audit.append', { ...args, detail: { amount: 12_346, payer: '张*明' } })).not.toBe(
      mutationDigest('audit.append', args),
    );
    expect(mutationDigest('rating.record', args)).not.toBe(mutationDigest('audit.append', args));
  });

  it("is the digest of canonical() whether the arguments come in canonical order (a station's outbox) or not", () => {
    const digestOf = (name: string, value: unknown) =>
      crypto
        .createHash('sha256')
        .update(`${name}\n${canonical(value)}`)
        .digest('base64url');
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const parsed: unknown = JSON.parse(JSON.stringify(value) ?? 'null');
        const stored: unknown = JSON.parse(outboxArgsJson(parsed));
        expect(isCanonical(stored) || JSON.stringify(inCanonicalOrder(parsed)) !== canonical(parsed)).toBe(true);
        expect(mutationDigest('audit.append', stored)).toBe(digestOf('audit.append', parsed));
        expect(mutationDigest('audit.append', parsed)).toBe(digestOf('audit.append', parsed));
      }),
      { numRuns: 500 },
    );
  });

  it('tells canonical order from any other, array-index keys included', () => {
    expect(isCanonical({ a: 1, b: { c: [1, { d: 1, e: 2 }] } })).toBe(true);
    expect(isCanonical({ b: 1, a: 2 })).toBe(false);
    expect(isCanonical({ a: [{ y: 1, x: 2 }] })).toBe(false);
    expect(isCanonical(JSON.parse('{"10":"ten","2":"two"}'))).toBe(false); // V8 orders them 2, 10; sorted text is "10", "2"
    expect(isCanonical(JSON.parse('{"1":"one","2":"two","a":3}'))).toBe(true);
    expect(outboxArgsJson({ detail: { payer: '张*明', amount: 1 }, at: 'x' })).toBe(
      '{"at":"x","detail":{"amount":1,"payer":"\\u5f20*\\u660e"}}',
    );
  });

  it("a station's outbox entry carries the digest the central would compute of the arguments it reads", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (args) => {
        const entry = outboxEntry('audit.append', args);
        expect(entry.digest).toBe(batchDigest('audit.append', JSON.parse(entry.args)));
        expect(entry.digest).toBe(batchDigest('audit.append', JSON.parse(JSON.stringify(args))));
        expect(entry.digest).toMatch(/^[A-Za-z0-9_-]{22}$/);
      }),
    );
  });
});
