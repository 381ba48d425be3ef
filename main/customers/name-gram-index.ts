/**
 * Substring search over customer names that are encrypted at rest.
 *
 * The index holds no plaintext: every gram of a name (each character and each pair of neighbouring
 * characters) is replaced by its keyed hash (HMAC-SHA256 under the station's lookup key), of which
 * the index keeps 64 bits: a 32-bit token to look the gram up and a 32-bit check that tells the
 * gram apart from another whose token is the same. Each token maps to the sorted ids of the
 * customers whose names contain the gram.
 *
 * Exactness: a query of one gram (one or two characters) whose token and check both match is
 * answered exactly by its list (a false hit needs a 64-bit collision), so the caller need not
 * decrypt anything. A longer query intersects the lists of its bigrams, which can give false
 * candidates (the bigrams may sit apart in the name), and so can a token shared by two grams (its
 * check is stored as 0): those the caller confirms by decrypting the name. Never a missed one.
 *
 * Privacy trade-off: without the key nobody can turn a token back into a character, but tokens are
 * deterministic, so someone holding the index *and* a list of frequent surnames could match posting
 * sizes to frequencies (王 and 李 are the two longest lists). That is why the index lives in memory
 * and in a snapshot file beside the key under the station's data directory (never in the synced
 * database), and why a full name is still only readable through the cipher.
 *
 * Layout (CSR): `tokens` sorted ascending, `checks` beside them; `offsets[i]..offsets[i+1]` the bytes
 * of `packed` that hold tokens[i]'s ids, delta-encoded as LEB128 varints (gaps between sorted ids are
 * small for frequent grams: one or two bytes instead of four). About 1.5 bytes per gram occurrence.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

/** The keyed hash of a gram: at least 8 bytes (token = bytes 0–3, check = bytes 4–7, little-endian). */
export type GramHash = (gram: string) => Uint8Array;

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
const FORMAT_VERSION = 3;
const HEADER_WORDS = 8;
/** Stored check of a token shared by two grams: its candidates must be confirmed. */
const SHARED = 0;
/** Hash of this fixed string, stored in the snapshot, tells whether it was made with our key. */
export const KEY_CHECK_GRAM = '\u0000hall-console name index key check';

const word = (b: Uint8Array, at: number): number => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
const tokenOf = (h: Uint8Array): number => word(h, 0);
const checkOf = (h: Uint8Array): number => word(h, 4) || 1; // 0 is reserved for SHARED

export interface NameIndexMeta {
  /** Customers indexed and the highest id seen, to tell a stale snapshot. */
  customers: number;
  maxId: number;
}

/**
 * A forward-only reader of one posting list: the packed bytes merged with the ids added since the
 * build (the overlay, kept sorted). The one varint decoder of the index lives here.
 */
class PostingCursor {
  /** The current id; Infinity once past the end. */
  value = -1;
  #pos: number;
  #prev = 0;
  #packedHead = Infinity;
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

  #readPacked(): void {
    if (this.#pos >= this.end) {
      this.#packedHead = Infinity;
      return;
    }
    const p = this.packed;
    let gap = 0;
    let scale = 1;
    let b: number;
    do {
      b = p[this.#pos++]!;
      gap += (b & 0x7f) * scale;
      scale *= 128;
    } while (b & 0x80);
    this.#prev += gap;
    this.#packedHead = this.#prev;
  }

  /** Move to the next id (the first call gives the first). False at the end. */
  next(): boolean {
    const v = this.value;
    if (this.#packedHead === v) this.#readPacked();
    const extra = this.extra;
    if (extra) while (this.#extraAt < extra.length && extra[this.#extraAt]! <= v) this.#extraAt++;
    const e = extra && this.#extraAt < extra.length ? extra[this.#extraAt]! : Infinity;
    this.value = Math.min(this.#packedHead, e);
    return this.value !== Infinity;
  }

  /** Move to the first id ≥ target. False at the end. */
  seek(target: number): boolean {
    while (this.value < target) if (!this.next()) return false;
    return true;
  }
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
  readonly #gramIndex = new Map<string, number>();
  #gramOf: Uint32Array = new Uint32Array(1 << 16);
  #idOf: Uint32Array = new Uint32Array(1 << 16);
  #n = 0;
  #customers = 0;
  #maxId = 0;

  constructor(private readonly hashOf: GramHash) {}

  get customers(): number {
    return this.#customers;
  }

  get maxId(): number {
    return this.#maxId;
  }

  add(id: number, name: string): void {
    if (id <= this.#maxId && this.#customers > 0) throw new RangeError('name index rows must come in increasing id order');
    this.#customers++;
    this.#maxId = id;
    for (const g of nameGrams(name)) {
      let gi = this.#gramIndex.get(g);
      if (gi === undefined) this.#gramIndex.set(g, (gi = this.#gramIndex.size));
      if (this.#n === this.#gramOf.length) {
        this.#gramOf = grow(this.#gramOf);
        this.#idOf = grow(this.#idOf);
      }
      this.#gramOf[this.#n] = gi;
      this.#idOf[this.#n] = id;
      this.#n++;
    }
  }

  finish(): NameGramIndex {
    const n = this.#n;
    const gramOf = this.#gramOf;
    const idOf = this.#idOf;
    const grams = [...this.#gramIndex.keys()];
    const tok = new Uint32Array(grams.length);
    const chk = new Uint32Array(grams.length);
    grams.forEach((g, i) => {
      const h = this.hashOf(g);
      tok[i] = tokenOf(h);
      chk[i] = checkOf(h);
    });
    // Count per gram, then order grams by token; equal tokens (collisions) share one list.
    const count = new Uint32Array(grams.length);
    for (let k = 0; k < n; k++) count[gramOf[k]!]!++;
    const order = Array.from(grams.keys()).sort((a, b) => tok[a]! - tok[b]!);
    const slot = new Uint32Array(grams.length);
    const tokensOut: number[] = [];
    const checksOut: number[] = [];
    for (const gi of order) {
      if (tokensOut.length === 0 || tokensOut[tokensOut.length - 1] !== tok[gi]) {
        tokensOut.push(tok[gi]!);
        checksOut.push(chk[gi]!);
      } else checksOut[checksOut.length - 1] = SHARED;
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
    for (let t = 0; t < tokens.length; t++) if (checksOut[t] === SHARED) postings.subarray(offsets[t]!, offsets[t + 1]!).sort();
    const { byteOffsets, packed } = pack(offsets, postings);
    return new NameGramIndex(tokens, Uint32Array.from(checksOut), byteOffsets, packed, { customers: this.#customers, maxId: this.#maxId }, tokenOf(this.hashOf(KEY_CHECK_GRAM)));
  }
}

/** Candidates of a query: ids in ascending order, and whether each must be confirmed by its name. */
export interface NameCandidates {
  exact: boolean;
  /** Calls `visit` for each candidate id in order until it returns false. */
  forEach(visit: (id: number) => boolean): void;
}

const NONE: NameCandidates = { exact: true, forEach: () => {} };

export class NameGramIndex {
  /** Names added after the build (new or fetched customers): token → sorted ids, merged into queries. */
  readonly #overlay = new Map<number, { check: number; ids: number[] }>();

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

  /** A cursor over one gram's list, or null when no name has the gram; `exact` false if shared. */
  #cursor(hash: Uint8Array): { cursor: PostingCursor; exact: boolean; bytes: number } | null {
    const token = tokenOf(hash);
    const check = checkOf(hash);
    const s = this.#slot(token);
    const stored = s < 0 ? -1 : this.checks[s]!;
    const extra = this.#overlay.get(token);
    // A token can be another gram's (its check differs): then its list is not ours.
    const packedOk = stored === check || stored === SHARED;
    const extraOk = extra !== undefined && (extra.check === check || extra.check === SHARED);
    if (!packedOk && !extraOk) return null;
    const from = packedOk ? this.offsets[s]! : 0;
    const to = packedOk ? this.offsets[s + 1]! : 0;
    const ids = extraOk ? extra.ids : undefined;
    const exact = (!packedOk || stored === check) && (!extraOk || extra.check === check);
    return { cursor: new PostingCursor(this.packed, from, to, ids), exact, bytes: to - from + (ids?.length ?? 0) };
  }

  /**
   * Candidate ids of `query`, rarest list first, intersected lazily: a caller that wants 21 stops
   * the decoding after 21 (no list is decoded in full, nothing is allocated per id).
   */
  candidates(query: string, hashOf: GramHash): NameCandidates {
    const grams = queryGrams(query);
    if (grams.length === 0) return NONE;
    const lists: { cursor: PostingCursor; exact: boolean; bytes: number }[] = [];
    for (const g of grams) {
      const c = this.#cursor(hashOf(g));
      if (!c) return NONE;
      lists.push(c);
    }
    lists.sort((a, b) => a.bytes - b.bytes);
    const cursors = lists.map((l) => l.cursor);
    const [lead, ...rest] = cursors;
    return {
      exact: lists.length === 1 && lists[0]!.exact,
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
          if (agreed && !visit(id)) return;
        }
      },
    };
  }

  /** Every candidate id of `query` (tests and small callers). */
  candidateIds(query: string, hashOf: GramHash): number[] {
    const out: number[] = [];
    this.candidates(query, hashOf).forEach((id) => out.push(id) > 0);
    return out;
  }

  /** Index one more customer (a new, fetched or renamed one) without rebuilding. */
  add(id: number, name: string, hashOf: GramHash): void {
    for (const g of nameGrams(name)) {
      const h = hashOf(g);
      const entry = this.#overlay.get(tokenOf(h)) ?? { check: checkOf(h), ids: [] };
      if (entry.check !== checkOf(h)) entry.check = SHARED;
      const list = entry.ids;
      let at = list.length;
      while (at > 0 && list[at - 1]! > id) at--;
      if (list[at - 1] !== id) list.splice(at, 0, id);
      this.#overlay.set(tokenOf(h), entry);
    }
    this.meta.customers++;
    this.meta.maxId = Math.max(this.meta.maxId, id);
  }

  /** Write the snapshot atomically (temporary file, then rename). Overlay entries are not saved. */
  save(file: string): void {
    const header = new Uint32Array([MAGIC, FORMAT_VERSION, this.keyCheck, this.meta.customers, this.meta.maxId, this.tokens.length, this.packed.length, 0]);
    const tmp = `${file}.${process.pid}.tmp`;
    const parts = [header, this.tokens, this.checks, this.offsets, this.packed];
    writeFileSync(tmp, Buffer.concat(parts.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))), { mode: 0o600 });
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
