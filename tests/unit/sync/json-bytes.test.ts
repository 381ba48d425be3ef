import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { parseJsonBytes } from '../../../node/sync/json-bytes';

/**
 * A push batch and a snapshot page are parsed in segments (node/sync/json-bytes.ts): whatever the
 * bytes, the result and the errors must be JSON.parse's of the whole.
 */
const asWhole = (bytes: Buffer): { value?: unknown; error?: boolean } => {
  try {
    return { value: JSON.parse(bytes.toString('utf8')) as unknown };
  } catch {
    return { error: true };
  }
};
const bySegments = (bytes: Buffer, key: string, segment: number): { value?: unknown; error?: boolean } => {
  try {
    return { value: parseJsonBytes(bytes, key, 'id', segment) };
  } catch {
    return { error: true };
  }
};

// Strings and objects that put the cut sequence, brackets and escapes where a naive splitter would trip.
const tricky = fc.oneof(
  fc.string(),
  fc.constantFrom('id', '},{"id":', '"},{"id":"', '\\"},{\\"id\\":', ']}', ',"items":[', '张*明 },{"id": 缴费', '\\'),
);
const element = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    tricky,
    fc.integer(),
    fc.constant(null),
    fc.boolean(),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(tricky, tie('value'), { maxKeys: 3 }),
  ),
})).value;
const record = fc.dictionary(tricky, element, { maxKeys: 4 });
// Elements as stations and the central write them: the first key is `id`; some nest more of the same.
const row = fc
  .tuple(
    element,
    record,
    fc.option(
      fc.array(
        fc.tuple(element, record).map(([id, rest]) => ({ id, ...rest })),
        { maxLength: 3 },
      ),
    ),
  )
  .map(([id, rest, nested]) => ({ id, ...rest, ...(nested ? { nested } : {}) }));

describe('parseJsonBytes', () => {
  it('gives what JSON.parse of the whole gives, for objects ending in a long array, at any segment size', () => {
    fc.assert(
      fc.property(
        record,
        fc.array(fc.oneof(row, row, record, element), { maxLength: 40 }),
        fc.integer({ min: 1, max: 200 }),
        (head, items, segment) => {
          const bytes = Buffer.from(JSON.stringify({ ...head, items }));
          expect(bySegments(bytes, 'items', segment)).toEqual(asWhole(bytes));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('gives what JSON.parse gives for damaged, reordered or duplicated bodies: the same value or an error', () => {
    const body = fc
      .tuple(record, fc.array(fc.oneof(row, record), { maxLength: 12 }))
      .map(([head, items]) => JSON.stringify({ ...head, items }));
    const damaged = fc
      .tuple(body, fc.nat(), fc.constantFrom('', '}', ']', ',', '"', '{', '},{', ' ', ',"items":[1],"x":[', ']}'))
      .map(([text, at, insert]) => {
        const i = at % (text.length + 1);
        return text.slice(0, i) + insert + text.slice(i);
      });
    const duplicated = fc
      .tuple(body, fc.array(record, { maxLength: 4 }))
      .map(([text, other]) => `{ "items":${JSON.stringify(other)},${text.slice(1)}`);
    fc.assert(
      fc.property(
        fc.oneof(
          damaged,
          duplicated,
          body.map((t) => `${t}\n`),
        ),
        fc.integer({ min: 1, max: 64 }),
        (text, segment) => {
          const bytes = Buffer.from(text);
          expect(bySegments(bytes, 'items', segment)).toEqual(asWhole(bytes));
        },
      ),
      {
        numRuns: Number(process.env.RUNS ?? 1000),
        examples: [
          ['{,"items":[]}', 1],
          ['{ ,"items":[{"id":1},{"id":2}]}', 1],
          ['{"a":1,,"items":[]}', 1],
        ],
      },
    );
  });

  it('parses a snapshot-sized page without ever decoding it into one large string', () => {
    // Every row's detail holds the cut sequence in a string, and some rows nest an object that begins like a change.
    const changes = Array.from({ length: 3000 }, (_, i) => ({
      version: i + 1,
      entity: 'audit',
      id: `a-${i}`,
      row: {
        id: `a-${i}`,
        detail: JSON.stringify({ payer: '张*明', note: '},{"version":1}' }),
        ...(i % 7 ? {} : { list: [{ version: 1 }, { version: 2 }] }),
      },
    }));
    const bytes = Buffer.from(JSON.stringify({ type: 'page', after: 0, cursor: 3000, changes }));
    const parse = vi.spyOn(JSON, 'parse');
    try {
      expect(parseJsonBytes(bytes, 'changes', 'version', 4096)).toEqual({
        type: 'page',
        after: 0,
        cursor: 3000,
        changes,
      });
      const longest = Math.max(...parse.mock.calls.map(([text]) => text.length));
      expect(longest).toBeLessThan(4096 * 2);
      expect(bytes.length).toBeGreaterThan(4096 * 50);
    } finally {
      parse.mockRestore();
    }
  });
});
