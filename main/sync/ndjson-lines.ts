const NEWLINE = 0x0a;

/** Spaces, tabs and carriage returns only: a blank line, skipped as JSON.parse would fail on it. */
const isBlank = (line: Uint8Array): boolean => line.every((b) => b === 0x20 || b === 0x09 || b === 0x0d);

/**
 * Lines of an NDJSON body as they arrive, as their UTF-8 bytes: a snapshot page goes to the
 * storage worker and has its checksum checked without being decoded here (decoding and splitting
 * ~400 MB of text as strings was ~4 µs per row of the station's main thread). Holds at most one
 * partial line plus one network chunk, and because the consumer awaits each line before the next
 * read, a slow consumer slows the sender (TCP backpressure) instead of buffering the stream. A line
 * longer than `maxLine` bytes is refused.
 */
export async function* ndjsonByteLines(
  body: ReadableStream<Uint8Array>,
  maxLine = 64 * 1024 * 1024,
): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let partLength = 0;
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    let nl: number;
    // Only the new chunk is searched for a newline: a long line costs one pass, not one per chunk.
    while ((nl = bytes.indexOf(NEWLINE, start)) >= 0) {
      const tail = bytes.subarray(start, nl);
      const line = parts.length ? Buffer.concat([...parts, tail]) : tail;
      parts = [];
      partLength = 0;
      start = nl + 1;
      if (!isBlank(line)) yield line;
    }
    if (start < bytes.length) {
      parts.push(bytes.subarray(start));
      partLength += bytes.length - start;
    }
    if (partLength > maxLine) throw new Error(`NDJSON line longer than ${maxLine} bytes`);
  }
  const rest = Buffer.concat(parts);
  if (!isBlank(rest)) yield rest;
}

/** The same lines as text. */
export async function* ndjsonLines(
  body: ReadableStream<Uint8Array>,
  maxLine = 64 * 1024 * 1024,
): AsyncGenerator<string> {
  for await (const line of ndjsonByteLines(body, maxLine)) yield line.toString('utf8');
}
