/**
 * Lines of an NDJSON body as they arrive. Holds at most one partial line plus one network chunk,
 * and because the consumer awaits each line before the next read, a slow consumer slows the
 * sender (TCP backpressure) instead of buffering the stream. A line longer than `maxLine` is refused.
 */
export async function* ndjsonLines(body: ReadableStream<Uint8Array>, maxLine = 64 * 1024 * 1024): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let parts: string[] = [];
  let partLength = 0;
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    let text = decoder.decode(chunk, { stream: true });
    let nl: number;
    // Only the new chunk is searched for a newline: a long line costs one pass, not one per chunk.
    while ((nl = text.indexOf('\n')) >= 0) {
      parts.push(text.slice(0, nl));
      const line = parts.join('');
      parts = [];
      partLength = 0;
      text = text.slice(nl + 1);
      if (line.trim()) yield line;
    }
    parts.push(text);
    partLength += text.length;
    if (partLength > maxLine) throw new Error(`NDJSON line longer than ${maxLine} characters`);
  }
  const rest = parts.join('') + decoder.decode();
  if (rest.trim()) yield rest;
}
