import crypto from 'node:crypto';

/** The one-shot hash (Node ≥ 20.12) is about twice as fast as createHash for short inputs; same bytes. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'base64url') => string }).hash;

/**
 * JSON with object keys sorted, so the same mutation hashes the same whatever order its keys came in.
 * Plain loops and string appends: this runs once per pushed mutation (Object.entries/filter/map
 * showed in the push profile).
 */
function canonical(value: unknown): string {
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

/**
 * What a pushed mutation is: its name and arguments (not its createdAt, which a station may
 * restamp). The central keeps this per (client, mutation id) so that a replay of an applied id
 * is told apart from a different mutation reusing the id.
 */
export function mutationDigest(name: string, args: unknown): string {
  const text = `${name}\n${canonical(args)}`;
  return oneShot ? oneShot('sha256', text, 'base64url') : crypto.createHash('sha256').update(text, 'utf8').digest('base64url');
}
