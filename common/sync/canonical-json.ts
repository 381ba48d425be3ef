/*
 * Canonical JSON of a mutation's arguments: object keys in sorted order. The central digests a
 * pushed mutation's canonical JSON (node/sync/mutation-digest.ts), so a replay is recognised
 * whatever order its keys came in; the station stores its outbox in this order already, so the
 * central's check (isCanonical) usually finds nothing to sort.
 */

/**
 * JSON with object keys sorted, so the same mutation hashes the same whatever order its keys came in.
 * Plain loops and string appends: this runs once per pushed mutation (Object.entries/filter/map
 * showed in the push profile).
 */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonical(value[i]);
    return `${out}]`;
  }
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o).sort();
  let out = '{';
  for (const k of keys) {
    const v = o[k];
    if (v === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(k)}:${canonical(v)}`;
  }
  return `${out}}`;
}

/** Keys V8 would not keep in insertion order (array indices), and the one an assignment would not create as a key. */
const UNORDERED_KEY = /^(?:0|[1-9]\d*|__proto__)$/;
const UNSORTABLE = Symbol('unsortable');

/**
 * A copy of a parsed JSON value with every object's keys inserted in sorted order, so that
 * JSON.stringify of it (native) writes exactly what canonical() writes, at about half the cost.
 * UNSORTABLE where an object has a key that would not keep its place; canonical() takes those.
 */
function sortedCopy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) if ((out[i] = sortedCopy(value[i])) === UNSORTABLE) return UNSORTABLE;
    return out;
  }
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o).sort();
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    if (UNORDERED_KEY.test(k) || (out[k] = sortedCopy(o[k])) === UNSORTABLE) return UNSORTABLE;
  }
  return out;
}

/** The sorted-keys JSON of a mutation's arguments: what the digest hashes. */
export function canonicalJson(value: unknown): string {
  const sorted = sortedCopy(value);
  return sorted === UNSORTABLE ? canonical(value) : (JSON.stringify(sorted) ?? 'null');
}

/** The value with every object's keys in sorted order, or the value itself where that cannot be (see sortedCopy). */
export function inCanonicalOrder(value: unknown): unknown {
  const sorted = sortedCopy(value);
  return sorted === UNSORTABLE ? value : sorted;
}

/**
 * True when JSON.stringify(value) already writes canonical(value): every object's own keys, in the
 * order JSON.stringify takes them, strictly increase (as Array.prototype.sort orders them). No
 * copy is made, so it costs a fraction of sorting.
 */
export function isCanonical(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!isCanonical(value[i])) return false;
    return true;
  }
  const o = value as Record<string, unknown>;
  let previous: string | null = null;
  for (const k in o) {
    if (!Object.hasOwn(o, k)) return false;
    if ((previous !== null && !(previous < k)) || o[k] === undefined || !isCanonical(o[k])) return false;
    previous = k;
  }
  return true;
}
