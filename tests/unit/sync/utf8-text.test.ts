import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from '../../../common/utf8-text';

/** Large push bodies and snapshot pages are decoded 64 KiB at a time: the text must be exactly Buffer's decoding. */
describe('decodeUtf8', () => {
  it('keeps a character whole where a 64 KiB piece boundary falls inside it', () => {
    for (const pad of [65_535, 65_534, 65_533, 65_532]) {
      const text = `${'a'.repeat(pad)}缴费👍营业厅${'b'.repeat(70_000)}`;
      expect(decodeUtf8(Buffer.from(text))).toBe(text);
    }
  });

  it('decodes any text, given whole or in any chunks (as a request arrives), as Buffer does, invalid bytes included', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fc.nat(300), { maxLength: 5 }), fc.string({ unit: 'grapheme' }), (raw, cuts, text) => {
        for (const bytes of [Buffer.from(raw), Buffer.from(text)]) {
          const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((x, y) => x - y);
          const chunks = [0, ...at].map((from, i) => bytes.subarray(from, [...at, bytes.length][i]));
          expect(decodeUtf8(bytes)).toBe(bytes.toString('utf8'));
          expect(decodeUtf8(chunks)).toBe(bytes.toString('utf8'));
        }
      }),
    );
  });
});
