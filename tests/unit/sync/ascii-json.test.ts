import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiJson } from '@common/sync/ascii-json';

/** The outbox's JSON form: pure ASCII, and the same value as JSON.stringify once parsed. */
describe('asciiJson', () => {
  it('writes Chinese text, emoji and lone surrogates as escapes that parse back to the same value', () => {
    const value = {
      payer: '张*明',
      note: '缴费 "引号" \\ 换行\n',
      emoji: '👍',
      lone: '\ud800x',
      n: 12_345,
      list: [null, true, '营业厅'],
    };
    const text = asciiJson(value);
    expect(text).toMatch(/^[\x20-\x7f]*$/);
    expect(text).toContain('\\u5f20*\\u660e');
    expect(JSON.parse(text)).toEqual(value);
  });

  it('leaves ASCII-only JSON exactly as JSON.stringify writes it, and round-trips any JSON value', () => {
    expect(asciiJson({ a: 'plain', b: [1, 2] })).toBe(JSON.stringify({ a: 'plain', b: [1, 2] }));
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = asciiJson(v);
        expect(text).toMatch(/^[\x20-\x7f]*$/);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(v)));
      }),
    );
  });
});
