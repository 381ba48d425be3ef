import { describe, expect, it } from 'vitest';
import { ndjsonLines } from '../../../main/sync/ndjson-lines';

/** The snapshot stream's line splitter: lines across chunk boundaries, UTF-8 split mid-character, a runaway line. */
const streamOf = (chunks: Uint8Array[]) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      for (const chunk of chunks) c.enqueue(chunk);
      c.close();
    },
  });

async function lines(chunks: Uint8Array[], maxLine?: number): Promise<string[]> {
  const out: string[] = [];
  for await (const l of ndjsonLines(streamOf(chunks), maxLine)) out.push(l);
  return out;
}

describe('ndjsonLines', () => {
  it('yields whole lines however the bytes are chunked, including a character split between chunks', async () => {
    const text = '{"type":"head","upto":3}\n{"row":"营业厅 缴费"}\n\n{"type":"end","cursor":3}';
    const bytes = new TextEncoder().encode(text);
    const expected = ['{"type":"head","upto":3}', '{"row":"营业厅 缴费"}', '{"type":"end","cursor":3}'];
    for (const size of [1, 2, 3, 7, bytes.length]) {
      const chunks = Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) =>
        bytes.subarray(i * size, (i + 1) * size),
      );
      expect(await lines(chunks), `chunks of ${size}`).toEqual(expected);
    }
  });

  it('refuses a line longer than its limit instead of buffering it', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(1000));
    await expect(lines([chunk, chunk, chunk], 2500)).rejects.toThrow(/longer than 2500/);
  });
});
