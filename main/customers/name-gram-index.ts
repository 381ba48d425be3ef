/**
 * Substring search over customer names that are encrypted at rest.
 *
 * The index holds no plaintext: every gram of a name (each character and each pair of neighbouring
 * characters) is replaced by a 32-bit token, the first four bytes of HMAC-SHA256 under the station's
 * lookup key, and each token maps to the sorted ids of the customers whose names contain the gram.
 * A query of one character looks up its token; a longer query intersects the tokens of its bigrams,
 * and the caller confirms each candidate by decrypting its name (bigram co-occurrence and 32-bit
 * token collisions can both give false candidates, never missed ones).
 *
 * Privacy trade-off: without the key nobody can turn a token back into a character, but tokens are
 * deterministic, so someone holding the index *and* a list of frequent surnames could match posting
 * sizes to frequencies (王 and 李 are the two longest lists). That is why the index lives in memory
 * and in a snapshot file beside the key under the station's data directory (never in the synced
 * database), and why a full name is still only readable through the cipher.
 *
 * Layout (CSR): `tokens` sorted ascending; `offsets[i]..offsets[i+1]` the bytes of `packed` that hold
 * tokens[i]'s ids, delta-encoded as LEB128 varints (gaps between sorted ids are small for frequent
 * grams: one or two bytes instead of four). About 1.8 bytes per gram occurrence, ~5 per name.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

export type TokenOf = (gram: string) => number;

/** Characters of a name as the index sees them: NFKC, no whitespace. */
export function nameChars(name: string): string[] {
  return Array.from(name.normalize('NFKC').replace(/\s+/g, ''));
}

/** Distinct unigrams and bigrams of a name. */
export function nameGrams(name: string): string[] {
  const c = nameChars(name);
  const out = new Set<string>(c);
  for (let i = 0; i + 1 < c.length; i++) out.add(c[i]! + c[i + 1]!);
  return [...out];
}

/** The grams a query must match: itself if one character, else its bigrams. */
export function queryGrams(query: string): string[] {
  const c = nameChars(query);
  if (c.length <= 1) return c;
  const out = new Set<string>();
  for (let i = 0; i + 1 < c.length; i++) out.add(c[i]! + c[i + 1]!);
  return [...out];
}

const MAGIC = 0x494e4348; // 'HCNI' little-endian
const FORMAT_VERSION = 2;
const HEADER_WORDS = 8;
/** Token of this fixed string, stored in the snapshot, tells whether it was made with our key. */
export const KEY_CHECK_GRAM = '\u0000hall-console name index key check';

export interface NameIndexMeta {
  /** Customers indexed and the highest id seen, to tell a stale snapshot. */
  customers: number;
  maxId: number;
}

/** Sorted-array intersection (galloping would help for very unequal sizes; linear is enough here). */
function intersect(a: Uint32Array | number[], b: Uint32Array | number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      out.push(x);
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out;
}

/** Delta + LEB128 varint encoding of each sorted posting list. */
function pack(offsets: Uint32Array, postings: Uint32Array): { byteOffsets: Uint32Array; packed: Uint8Array } {
  const out = new Uint8Array(postings.length * 5);
  const byteOffsets = new Uint32Array(offsets.length);
  let w = 0;
  for (let t = 0; t + 1 < offsets.length; t++) {
    byteOffsets[t] = w;
    let prev = 0;
    for (let k = offsets[t]!; k < offsets[t + 1]!; k++) {
      let gap = postings[k]! - prev;
      prev = postings[k]!;
      while (gap >= 0x80) {
        out[w++] = (gap & 0x7f) | 0x80;
        gap >>>= 7;
      }
      out[w++] = gap;
    }
  }
  byteOffsets[offsets.length - 1] = w;
  return { byteOffsets, packed: out.slice(0, w) };
}

/** Decode lazily, so a caller that needs the first 21 ids of a 70,000-long list stops after 21. */
function* unpackLazy(packed: Uint8Array, from: number, to: number): Generator<number> {
  let prev = 0;
  let i = from;
  while (i < to) {
    let gap = 0;
    let shift = 0;
    let b: number;
    do {
      b = packed[i++]!;
      gap += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    prev += gap;
    yield prev;
  }
}

function unpack(packed: Uint8Array, from: number, to: number): number[] {
  const ids: number[] = [];
  let prev = 0;
  let i = from;
  while (i < to) {
    let gap = 0;
    let shift = 0;
    let b: number;
    do {
      b = packed[i++]!;
      gap += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    prev += gap;
    ids.push(prev);
  }
  return ids;
}

export class NameGramIndex {
  /** Names added after the snapshot (new customers), kept apart and merged into queries. */
  readonly #overlay = new Map<number, number[]>();

  private constructor(
    readonly tokens: Uint32Array,
    readonly offsets: Uint32Array,
    readonly packed: Uint8Array,
    readonly meta: NameIndexMeta,
    private readonly keyCheck: number,
  ) {}

  /**
   * Build from (id, name) pairs given in increasing id order, so each posting list comes out sorted
   * without a sort. The gram → token cache lives only for the build.
   */
  static build(rows: Iterable<{ id: number; name: string }>, tokenOf: TokenOf): NameGramIndex {
    const gramIndex = new Map<string, number>();
    let gramOf = new Uint32Array(1 << 20);
    let idOf = new Uint32Array(1 << 20);
    let n = 0;
    let customers = 0;
    let maxId = 0;
    for (const r of rows) {
      if (r.id <= maxId && customers > 0) throw new RangeError('name index rows must come in increasing id order');
      customers++;
      maxId = r.id;
      for (const g of nameGrams(r.name)) {
        let gi = gramIndex.get(g);
        if (gi === undefined) gramIndex.set(g, (gi = gramIndex.size));
        if (n === gramOf.length) {
          const grow = (a: Uint32Array) => {
            const b = new Uint32Array(a.length * 2);
            b.set(a);
            return b;
          };
          gramOf = grow(gramOf);
          idOf = grow(idOf);
        }
        gramOf[n] = gi;
        idOf[n] = r.id;
        n++;
      }
    }
    const grams = [...gramIndex.keys()];
    const tok = new Uint32Array(grams.length);
    grams.forEach((g, i) => (tok[i] = tokenOf(g) >>> 0));
    // Count per gram, then order grams by token; equal tokens (collisions) share one list.
    const count = new Uint32Array(grams.length);
    for (let k = 0; k < n; k++) count[gramOf[k]!]!++;
    const order = Array.from(grams.keys()).sort((a, b) => tok[a]! - tok[b]!);
    const slot = new Uint32Array(grams.length);
    const tokensOut: number[] = [];
    for (const gi of order) {
      if (tokensOut.length === 0 || tokensOut[tokensOut.length - 1] !== tok[gi]) tokensOut.push(tok[gi]!);
      slot[gi] = tokensOut.length - 1;
    }
    const tokens = Uint32Array.from(tokensOut);
    const offsets = new Uint32Array(tokens.length + 1);
    for (let gi = 0; gi < grams.length; gi++) offsets[slot[gi]! + 1]! += count[gi]!;
    for (let t = 0; t < tokens.length; t++) offsets[t + 1]! += offsets[t]!;
    const fill = offsets.slice(0, tokens.length);
    const postings = new Uint32Array(n);
    for (let k = 0; k < n; k++) postings[fill[slot[gramOf[k]!]!]!++] = idOf[k]!;
    // A collision merged two lists, each sorted: sort the merged slice (rare, ~30 per million names).
    for (let gi = 0; gi < grams.length; gi++) {
      const t = slot[gi]!;
      if (offsets[t + 1]! - offsets[t]! !== count[gi]) postings.subarray(offsets[t]!, offsets[t + 1]!).sort();
    }
    const { byteOffsets, packed } = pack(offsets, postings);
    return new NameGramIndex(tokens, byteOffsets, packed, { customers, maxId }, tokenOf(KEY_CHECK_GRAM) >>> 0);
  }

  /** Bytes held by the index arrays (what the memory figure of the bench counts). */
  get byteLength(): number {
    return this.tokens.byteLength + this.offsets.byteLength + this.packed.byteLength;
  }

  /** Byte range of a token's packed list, or null when no name has the gram. */
  #range(token: number): [number, number] | null {
    let lo = 0;
    let hi = this.tokens.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const t = this.tokens[mid]!;
      if (t === token) return [this.offsets[mid]!, this.offsets[mid + 1]!];
      if (t < token) lo = mid + 1;
      else hi = mid - 1;
    }
    return null;
  }

  #list(token: number): Uint32Array | number[] {
    const r = this.#range(token);
    const base = r ? unpack(this.packed, r[0], r[1]) : [];
    const extra = this.#overlay.get(token);
    return extra ? [...base, ...extra] : base;
  }

  /** Candidates in id order, decoded only as far as the caller reads when the query is one gram. */
  *iterateCandidates(query: string, tokenOf: TokenOf): Generator<number> {
    const grams = queryGrams(query);
    if (grams.length === 1) {
      const token = tokenOf(grams[0]!) >>> 0;
      if (!this.#overlay.has(token)) {
        const r = this.#range(token);
        if (r) yield* unpackLazy(this.packed, r[0], r[1]);
        return;
      }
    }
    yield* this.candidates(query, tokenOf);
  }

  /** Candidate ids (ascending) whose names may contain `query`; confirm each by its decrypted name. */
  candidates(query: string, tokenOf: TokenOf): Uint32Array | number[] {
    const grams = queryGrams(query);
    if (grams.length === 0) return [];
    const lists = grams.map((g) => this.#list(tokenOf(g) >>> 0)).sort((a, b) => a.length - b.length);
    let acc = lists[0]!;
    for (let i = 1; i < lists.length && acc.length > 0; i++) acc = intersect(acc, lists[i]!);
    return acc;
  }

  /** Index one more customer (a new or renamed one) without rebuilding. Ids must grow. */
  add(id: number, name: string, tokenOf: TokenOf): void {
    for (const g of nameGrams(name)) {
      const t = tokenOf(g) >>> 0;
      const list = this.#overlay.get(t) ?? [];
      if (list[list.length - 1] !== id) list.push(id);
      this.#overlay.set(t, list);
    }
    this.meta.customers++;
    this.meta.maxId = Math.max(this.meta.maxId, id);
  }

  /** Write the snapshot atomically (temporary file, then rename). Overlay entries are not saved. */
  save(file: string): void {
    const header = new Uint32Array([MAGIC, FORMAT_VERSION, this.keyCheck, this.meta.customers, this.meta.maxId, this.tokens.length, this.packed.length, 0]);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.concat([header, this.tokens, this.offsets, this.packed].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))), { mode: 0o600 });
    renameSync(tmp, file);
  }

  /**
   * Load a snapshot: one read and three typed-array views, no parsing. Null when the file is not a
   * snapshot of this format or was made under another key.
   */
  static load(file: string, tokenOf: TokenOf): NameGramIndex | null {
    let buf: Buffer;
    try {
      buf = readFileSync(file);
    } catch {
      return null;
    }
    if (buf.byteLength < HEADER_WORDS * 4) return null;
    // Views need 4-byte alignment; a pooled small Buffer may not have it.
    const bytes = buf.byteOffset % 4 === 0 ? buf : Buffer.from(buf);
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.byteLength / 4));
    const [magic, version, keyCheck, customers, maxId, nTokens, nBytes] = words;
    if (magic !== MAGIC || version !== FORMAT_VERSION) return null;
    if (keyCheck !== tokenOf(KEY_CHECK_GRAM) >>> 0) return null;
    const wordsBefore = HEADER_WORDS + nTokens! * 2 + 1;
    if (bytes.byteLength !== wordsBefore * 4 + nBytes!) return null;
    const tokens = words.subarray(HEADER_WORDS, HEADER_WORDS + nTokens!);
    const offsets = words.subarray(HEADER_WORDS + nTokens!, wordsBefore);
    if (offsets[nTokens!] !== nBytes) return null;
    const packed = new Uint8Array(bytes.buffer, bytes.byteOffset + wordsBefore * 4, nBytes!);
    return new NameGramIndex(tokens, offsets, packed, { customers: customers!, maxId: maxId! }, keyCheck!);
  }
}
