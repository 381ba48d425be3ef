import crypto from 'node:crypto';

/** The one-shot hash (Node ≥ 20.12) is about twice as fast as createHash for short inputs; same bytes. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'base64url') => string }).hash;

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

/**
 * What a pushed mutation is: its name and arguments (not its createdAt, which a station may
 * restamp). The central keeps this per (client, mutation id) so that a replay of an applied id
 * is told apart from a different mutation reusing the id.
 */
export function mutationDigest(name: string, args: unknown): string {
  const text = `${name}\n${canonicalJson(args)}`;
  return oneShot ? oneShot('sha256', text, 'base64url') : crypto.createHash('sha256').update(text, 'utf8').digest('base64url');
}
