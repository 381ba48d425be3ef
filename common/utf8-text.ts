/**
 * UTF-8 bytes to a string, 64 KiB at a time. Decoding a large buffer in one call takes V8's slow
 * path: a 1 MB push body or snapshot page with Chinese text in it decoded at ~7 µs per 430-byte
 * record, and in 64 KiB pieces (joined as a rope, flattened once by JSON.parse) at ~0.5 µs. The
 * streaming decoder keeps a character split between two pieces whole.
 */
export function decodeUtf8(chunks: Uint8Array | readonly Uint8Array[]): string {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let text = '';
  for (const chunk of chunks instanceof Uint8Array ? [chunks] : chunks) {
    for (let at = 0; at < chunk.byteLength; at += PIECE) text += decoder.decode(chunk.subarray(at, at + PIECE), { stream: true });
  }
  return text + decoder.decode();
}

const PIECE = 64 * 1024;
