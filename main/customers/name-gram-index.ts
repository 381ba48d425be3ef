/**
 * Substring search over customer names that are encrypted at rest.
 *
 * The index holds no plaintext: every character of a name is replaced by its keyed hash
 * (HMAC-SHA256 under the station's lookup key), of which the index keeps 64 bits: a 32-bit token to
 * look the character up and a 32-bit check that tells it apart from another character whose token
 * is the same. Each token maps to the sorted ids of the customers whose names contain the character,
 * each with the positions it holds in that name (a bit mask). A query of k characters intersects the
 * k lists, rarest first, and keeps a candidate when the positions line up (character i at p + i):
 * that is exactly "the name contains the query", so nothing is decrypted to confirm it.
 *
 * Two cases are not exact, and the caller confirms those candidates by decrypting the name: a token
 * shared by two characters (its check is stored as 0; about one in a million), and a character past
 * position 30 of a long name (its position mask is stored as 0, "somewhere").
 *
 * Privacy trade-off: without the key nobody can turn a token back into a character, but tokens are
 * deterministic, so someone holding the index *and* a list of frequent surnames could match posting
 * sizes (and first positions) to frequencies (王 and 李 are the two longest lists). That is why the
 * index lives in memory and in a snapshot file beside the key under the station's data directory
 * (never in the synced database), and why a full name is still only readable through the cipher.
 *
 * Layout (CSR): `tokens` sorted ascending, `checks` beside them; `offsets[i]..offsets[i+1]` the bytes
 * of `packed` that hold tokens[i]'s postings. A posting is one LEB128 varint of gap × 4 + code, the
 * gap from the previous id and the code the position (0, 1, 2; 3 = a mask follows as a varint):
 * about 1.6 bytes per character of a name. Earlier layouts indexed bigrams too (7.0 MiB a million);
 * positions make them unnecessary (4.3 MiB).
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

/** The keyed hash of a gram: at least 8 bytes (token = bytes 0–3, check = bytes 4–7, little-endian). */
export type GramHash = (gram: string) => Uint8Array;

/** Characters of a name as the index sees them: NFKC, no whitespace. */
export function nameChars(name: string): string[] {
  return Array.from(name.normalize('NFKC').replace(/\s+/g, ''));
}

/** Each distinct character of a name with the positions it holds (bit p = position p; 0 = past 30). */
export function namePositions(name: string): Map<string, number> {
  const out = new Map<string, number>();
  nameChars(name).forEach((c, p) => out.set(c, p < MAX_POSITION ? (out.get(c) ?? 0) | (1 << p) : 0));
  // A character seen past the last position anywhere is "somewhere": 0, confirmed by the caller.
  return out;
}

/** Positions a mask can hold; a longer name's later characters are stored as "somewhere" (0). */
const MAX_POSITION = 31;

const MAGIC = 0x494e4348; // 'HCNI' little-endian
const FORMAT_VERSION = 4;
const HEADER_WORDS = 8;
/** Stored check of a token shared by two characters: its candidates must be confirmed. */
const SHARED = 0;
/** Hash of this fixed string, stored in the snapshot, tells whether it was made with our key. */
export const KEY_CHECK_GRAM = '\u0000hall-console name index key check';

const word = (b: Uint8Array, at: number): number =>
  (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
const tokenOf = (h: Uint8Array): number => word(h, 0);
const checkOf = (h: Uint8Array): number => word(h, 4) || 1; // 0 is reserved for SHARED
/** Position codes 0–2 stand for masks 1, 2, 4 (most characters); 3 means a mask follows. */
const codeOf = (mask: number): number => (mask === 1 ? 0 : mask === 2 ? 1 : mask === 4 ? 2 : 3);

export interface NameIndexMeta {
  /** Customers indexed and the highest id seen, to tell a stale snapshot. */
  customers: number;
  maxId: number;
}

/**
 * A forward-only reader of one posting list: the packed bytes merged with the postings added since
 * the build (the overlay: [id, mask, id, mask, …] sorted by id). The one decoder of the index.
 */
class PostingCursor {
  /** The current id (Infinity once past the end) and its position mask. */
  value = -1;
  mask = 0;
  #pos: number;
  #prev = 0;
  #packedId = Infinity;
  #packedMask = 0;
  #extraAt = 0;

  constructor(
    private readonly packed: Uint8Array,
    from: number,
    private readonly end: number,
    private readonly extra: readonly number[] | undefined,
  ) {
    this.#pos = from;
    this.#readPacked();
  }

  #varint(): number {
    const p = this.packed;
    let v = 0;
    let scale = 1;
    let b: number;
    do {
      b = p[this.#pos++]!;
      v += (b & 0x7f) * scale;
      scale *= 128;
    } while (b & 0x80);
    return v;
  }

  #readPacked(): void {
    if (this.#pos >= this.end) {
      this.#packedId = Infinity;
      return;
    }
    const v = this.#varint();
    const code = v % 4;
    this.#prev += (v - code) / 4;
    this.#packedId = this.#prev;
    this.#packedMask = code === 3 ? this.#varint() : 1 << code;
  }

  /** Move to the next id (the first call gives the first). False at the end. */
  next(): boolean {
    const v = this.value;
    if (this.#packedId === v) this.#readPacked();
    const extra = this.extra;
    if (extra) while (this.#extraAt < extra.length && extra[this.#extraAt]! <= v) this.#extraAt += 2;
    const e = extra && this.#extraAt < extra.length ? extra[this.#extraAt]! : Infinity;
    if (e < this.#packedId) {
      this.value = e;
      this.mask = extra![this.#extraAt + 1]!;
    } else {
      this.value = this.#packedId;
      // The same id in both (a customer indexed again): the overlay's positions are the newer.
      this.mask = e !== Infinity && e === this.#packedId ? extra![this.#extraAt + 1]! : this.#packedMask;
    }
    return this.value !== Infinity;
  }

  /** Move to the first id ≥ target. False at the end. */
  seek(target: number): boolean {
    while (this.value < target) if (!this.next()) return false;
    return true;
  }
}

/** Varint encoding of each sorted posting list: gap × 4 + position code, then the mask if code 3. */
function pack(
  offsets: Uint32Array,
  postings: Uint32Array,
  masks: Uint32Array,
): { byteOffsets: Uint32Array; packed: Uint8Array } {
  const out = new Uint8Array(postings.length * 10);
  const byteOffsets = new Uint32Array(offsets.length);
  let w = 0;
  const put = (v: number) => {
    while (v >= 0x80) {
      out[w++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    out[w++] = v;
  };
  for (let t = 0; t + 1 < offsets.length; t++) {
    byteOffsets[t] = w;
    let prev = 0;
    for (let k = offsets[t]!; k < offsets[t + 1]!; k++) {
      const code = codeOf(masks[k]!);
      put((postings[k]! - prev) * 4 + code);
      if (code === 3) put(masks[k]!);
      prev = postings[k]!;
    }
  }
  byteOffsets[offsets.length - 1] = w;
  return { byteOffsets, packed: out.slice(0, w) };
}

const grow = (a: Uint32Array): Uint32Array => {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
};

/**
 * Collects (id, name) pairs in increasing id order, a batch at a time, so the station can build the
 * index between other requests; `finish` turns them into the packed index.
 */
export class NameIndexBuilder {
  readonly #charIndex = new Map<string, number>();
  #charOf: Uint32Array = new Uint32Array(1 << 16);
  #idOf: Uint32Array = new Uint32Array(1 << 16);
  #maskOf: Uint32Array = new Uint32Array(1 << 16);
  #n = 0;
  #customers = 0;
  #maxId = 0;

  constructor(private readonly hashOf: GramHash) {}

  get customers(): number {
    return this.#customers;
  }

  add(id: number, name: string): void {
    if (id <= this.#maxId && this.#customers > 0)
      throw new RangeError('name index rows must come in increasing id order');
    this.#customers++;
    this.#maxId = id;
    for (const [c, mask] of namePositions(name)) {
      let ci = this.#charIndex.get(c);
      if (ci === undefined) this.#charIndex.set(c, (ci = this.#charIndex.size));
      if (this.#n === this.#charOf.length) {
        this.#charOf = grow(this.#charOf);
        this.#idOf = grow(this.#idOf);
        this.#maskOf = grow(this.#maskOf);
      }
      this.#charOf[this.#n] = ci;
      this.#idOf[this.#n] = id;
      this.#maskOf[this.#n] = mask;
      this.#n++;
    }
  }

  finish(): NameGramIndex {
    const n = this.#n;
    const charOf = this.#charOf;
    const chars = [...this.#charIndex.keys()];
    const tok = new Uint32Array(chars.length);
    const chk = new Uint32Array(chars.length);
    chars.forEach((c, i) => {
      const h = this.hashOf(c);
      tok[i] = tokenOf(h);
      chk[i] = checkOf(h);
    });
    // Count per character, then order characters by token; equal tokens (collisions) share one list.
    const count = new Uint32Array(chars.length);
    for (let k = 0; k < n; k++) count[charOf[k]!]!++;
    const order = Array.from(chars.keys()).sort((a, b) => tok[a]! - tok[b]!);
    const slot = new Uint32Array(chars.length);
    const tokensOut: number[] = [];
    const checksOut: number[] = [];
    for (const ci of order) {
      if (tokensOut.length === 0 || tokensOut[tokensOut.length - 1] !== tok[ci]) {
        tokensOut.push(tok[ci]!);
        checksOut.push(chk[ci]!);
      } else checksOut[checksOut.length - 1] = SHARED;
      slot[ci] = tokensOut.length - 1;
    }
    const tokens = Uint32Array.from(tokensOut);
    const offsets = new Uint32Array(tokens.length + 1);
    for (let ci = 0; ci < chars.length; ci++) offsets[slot[ci]! + 1]! += count[ci]!;
    for (let t = 0; t < tokens.length; t++) offsets[t + 1]! += offsets[t]!;
    const fill = offsets.slice(0, tokens.length);
    const postings = new Uint32Array(n);
    const masks = new Uint32Array(n);
    for (let k = 0; k < n; k++) {
      const at = fill[slot[charOf[k]!]!]!++;
      postings[at] = this.#idOf[k]!;
      masks[at] = this.#maskOf[k]!;
    }
    // A collision merged two lists, each sorted: order the merged slice by id (positions are
    // meaningless there, so they are dropped: every candidate of a shared list is confirmed).
    for (let t = 0; t < tokens.length; t++) {
      if (checksOut[t] !== SHARED) continue;
      postings.subarray(offsets[t]!, offsets[t + 1]!).sort();
      masks.subarray(offsets[t]!, offsets[t + 1]!).fill(0);
    }
    const { byteOffsets, packed } = pack(offsets, postings, masks);
    return new NameGramIndex(
      tokens,
      Uint32Array.from(checksOut),
      byteOffsets,
      packed,
      { customers: this.#customers, maxId: this.#maxId },
      tokenOf(this.hashOf(KEY_CHECK_GRAM)),
    );
  }
}

/** Candidates of a query in ascending id order; `sure` false when the caller must confirm by name. */
export interface NameCandidates {
  /** Calls `visit` for each candidate until it returns false. */
  forEach(visit: (id: number, sure: boolean) => boolean): void;
}

const NONE: NameCandidates = { forEach: () => {} };

export class NameGramIndex {
  /** Characters of names added after the build (new or fetched customers): token → overlay list. */
  readonly #overlay = new Map<number, { check: number; postings: number[] }>();

  /** Use NameIndexBuilder or NameGramIndex.load. */
  constructor(
    readonly tokens: Uint32Array,
    readonly checks: Uint32Array,
    readonly offsets: Uint32Array,
    readonly packed: Uint8Array,
    readonly meta: NameIndexMeta,
    private readonly keyCheck: number,
  ) {}

  /** Build in one go from (id, name) pairs given in increasing id order. */
  static build(rows: Iterable<{ id: number; name: string }>, hashOf: GramHash): NameGramIndex {
    const b = new NameIndexBuilder(hashOf);
    for (const r of rows) b.add(r.id, r.name);
    return b.finish();
  }

  /** Bytes held by the index arrays (what the memory figure of the bench counts). */
  get byteLength(): number {
    return this.tokens.byteLength + this.checks.byteLength + this.offsets.byteLength + this.packed.byteLength;
  }

  /** Slot of a token, or -1 when no indexed name has it. */
  #slot(token: number): number {
    let lo = 0;
    let hi = this.tokens.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const t = this.tokens[mid]!;
      if (t === token) return mid;
      if (t < token) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** A cursor over one character's list, or null when no name has it; `shared` when confirmed by name. */
  #cursor(hash: Uint8Array): { cursor: PostingCursor; shared: boolean; bytes: number } | null {
    const token = tokenOf(hash);
    const check = checkOf(hash);
    const s = this.#slot(token);
    const stored = s < 0 ? -1 : this.checks[s]!;
    const extra = this.#overlay.get(token);
    // A token can be another character's (its check differs): then its list is not ours.
    const packedOk = stored === check || stored === SHARED;
    const extraOk = extra !== undefined && (extra.check === check || extra.check === SHARED);
    if (!packedOk && !extraOk) return null;
    const from = packedOk ? this.offsets[s]! : 0;
    const to = packedOk ? this.offsets[s + 1]! : 0;
    const postings = extraOk ? extra.postings : undefined;
    const shared = (packedOk && stored === SHARED) || (extraOk && extra.check === SHARED);
    return {
      cursor: new PostingCursor(this.packed, from, to, postings),
      shared,
      bytes: to - from + (postings?.length ?? 0),
    };
  }

  /**
   * Candidates of `query`: the lists of its characters intersected lazily, rarest first, a candidate
   * kept when the characters sit next to each other in the query's order. A caller that wants 21
   * stops the decoding after 21 (no list is decoded in full, nothing is allocated per id).
   */
  candidates(query: string, hashOf: GramHash): NameCandidates {
    const chars = nameChars(query);
    if (chars.length === 0) return NONE;
    const distinct = [...new Set(chars)];
    const lists: { cursor: PostingCursor; shared: boolean; bytes: number }[] = [];
    for (const c of distinct) {
      const l = this.#cursor(hashOf(c));
      if (!l) return NONE;
      lists.push(l);
    }
    // Query position i → the cursor of its character (before the lists are reordered).
    const at = chars.map((c) => lists[distinct.indexOf(c)]!.cursor);
    const shared = lists.some((l) => l.shared);
    const cursors = [...lists].sort((a, b) => a.bytes - b.bytes).map((l) => l.cursor);
    const [lead, ...rest] = cursors;
    return {
      forEach(visit) {
        let id = -1;
        for (;;) {
          if (!lead!.seek(id + 1)) return;
          id = lead!.value;
          let agreed = true;
          for (const c of rest) {
            if (!c.seek(id)) return;
            if (c.value !== id) {
              id = c.value - 1; // the lead catches up on the next round
              agreed = false;
              break;
            }
          }
          if (!agreed) continue;
          // Starts p where query[i] sits at p + i for every i so far; 0 masks mean "somewhere".
          let starts = 0x7fffffff;
          let unknown = false;
          for (let i = 0; i < at.length && starts !== 0; i++) {
            const m = at[i]!.mask;
            if (m === 0) unknown = true;
            else starts &= m >>> i;
          }
          if (unknown || shared) {
            if (!visit(id, false)) return;
          } else if (starts !== 0 && !visit(id, true)) return;
        }
      },
    };
  }

  /** Every candidate id of `query`, sure or not (tests and small callers). */
  candidateIds(query: string, hashOf: GramHash): number[] {
    const out: number[] = [];
    this.candidates(query, hashOf).forEach((id) => out.push(id) > 0);
    return out;
  }

  /** Index one more customer (a new, fetched or renamed one) without rebuilding. */
  add(id: number, name: string, hashOf: GramHash): void {
    for (const [c, mask] of namePositions(name)) {
      const h = hashOf(c);
      const entry = this.#overlay.get(tokenOf(h)) ?? { check: checkOf(h), postings: [] };
      if (entry.check !== checkOf(h)) entry.check = SHARED;
      const list = entry.postings;
      let i = list.length;
      while (i > 0 && list[i - 2]! > id) i -= 2;
      if (list[i - 2] === id) list[i - 1] = mask;
      else list.splice(i, 0, id, mask);
      this.#overlay.set(tokenOf(h), entry);
    }
    this.meta.customers++;
    this.meta.maxId = Math.max(this.meta.maxId, id);
  }

  /** Write the snapshot atomically (temporary file, then rename). Overlay entries are not saved. */
  save(file: string): void {
    const header = new Uint32Array([
      MAGIC,
      FORMAT_VERSION,
      this.keyCheck,
      this.meta.customers,
      this.meta.maxId,
      this.tokens.length,
      this.packed.length,
      0,
    ]);
    const tmp = `${file}.${process.pid}.tmp`;
    const parts = [header, this.tokens, this.checks, this.offsets, this.packed];
    writeFileSync(tmp, Buffer.concat(parts.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))), {
      mode: 0o600,
    });
    renameSync(tmp, file);
  }

  /**
   * Load a snapshot: one read and four typed-array views, no parsing. Null when the file is not a
   * snapshot of this format or was made under another key.
   */
  static load(file: string, hashOf: GramHash): NameGramIndex | null {
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
    if (keyCheck !== tokenOf(hashOf(KEY_CHECK_GRAM))) return null;
    const n = nTokens!;
    const wordsBefore = HEADER_WORDS + n * 3 + 1;
    if (bytes.byteLength !== wordsBefore * 4 + nBytes!) return null;
    const tokens = words.subarray(HEADER_WORDS, HEADER_WORDS + n);
    const checks = words.subarray(HEADER_WORDS + n, HEADER_WORDS + 2 * n);
    const offsets = words.subarray(HEADER_WORDS + 2 * n, wordsBefore);
    if (offsets[n] !== nBytes) return null;
    const packed = new Uint8Array(bytes.buffer, bytes.byteOffset + wordsBefore * 4, nBytes!);
    return new NameGramIndex(tokens, checks, offsets, packed, { customers: customers!, maxId: maxId! }, keyCheck!);
  }
}
