/**
 * Sync bodies are large JSON objects whose last member is a long array: a push batch
 * (`…,"mutations":[…]}`) and a snapshot page (`…,"changes":[…]}`), up to a few MiB each. Decoding
 * one whole into a single string made V8 allocate it outside its young generation, on fresh pages:
 * on these machines that was most of the cost (`npm run bench -- sync-parse`: a snapshot page in
 * segments takes about half the time of JSON.parse of the whole).
 *
 * The array is cut only where one element ends and the next begins with its first key
 * (`},{"version":`), and each segment is parsed as `[segment]`. A cut anywhere but between two
 * top-level elements (inside a string, or inside a nested object) leaves its segment unbalanced,
 * so JSON.parse throws on it: the segment then grows to the next cut, a few times, before the whole
 * text is parsed instead. Any other layout is parsed whole too. The result is always what
 * JSON.parse of the whole text gives, and so are the errors.
 */
const SEGMENT_BYTES = 64 * 1024;
/** Failed cuts tried past, per segment, before the whole text is parsed instead. */
const CUT_RETRIES = 4;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;
const patterns = new Map<string, { marker: Buffer; cut: Buffer }>();

/** `bytes` parsed as JSON; `trailingArrayKey` names the last member, whose elements are objects beginning with `firstKey`. */
export function parseJsonBytes(
  bytes: Buffer,
  trailingArrayKey: string,
  firstKey: string,
  segmentBytes = SEGMENT_BYTES,
): unknown {
  const key = `${trailingArrayKey}\n${firstKey}`;
  let pattern = patterns.get(key);
  if (!pattern)
    patterns.set(
      key,
      (pattern = {
        marker: Buffer.from(`,${JSON.stringify(trailingArrayKey)}:[`),
        cut: Buffer.from(`},{${JSON.stringify(firstKey)}:`),
      }),
    );
  const { marker } = pattern;
  const close = bytes.length - 2;
  const at = bytes.indexOf(marker);
  if (at > 0 && bytes[close] === CLOSE_BRACKET && bytes[close + 1] === CLOSE_BRACE) {
    const items = arrayInSegments(bytes, at + marker.length, close, pattern.cut, segmentBytes);
    const head = items && tryParse(bytes.toString('utf8', 0, at) + '}');
    // At least one member before the array: `{` alone would parse as `{}` where the whole is invalid.
    if (head !== null && typeof head === 'object' && !Array.isArray(head) && Object.keys(head).length > 0) {
      (head as Record<string, unknown>)[trailingArrayKey] = items;
      return head;
    }
  }
  return JSON.parse(bytes.toString('utf8'));
}

/** The elements of the array whose text runs from `start` (after its `[`) to `end` (its `]`), or null. */
function arrayInSegments(
  bytes: Buffer,
  start: number,
  end: number,
  cutAt: Buffer,
  segmentBytes: number,
): unknown[] | null {
  const items: unknown[] = [];
  while (start < end) {
    let from = start + segmentBytes;
    let part: unknown = null;
    let cut = end;
    for (let attempt = 0; attempt <= CUT_RETRIES && !Array.isArray(part); attempt++) {
      const found = from < end ? bytes.indexOf(cutAt, from) : -1;
      cut = found < 0 || found >= end ? end : found + 1;
      part = tryParse(`[${bytes.toString('utf8', start, cut)}]`);
      if (cut === end) break;
      from = cut + 1;
    }
    if (!Array.isArray(part)) return null;
    for (const item of part) items.push(item);
    start = cut + 1;
  }
  return items;
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
