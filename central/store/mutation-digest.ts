import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so the same mutation hashes the same whatever order its keys came in. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/**
 * What a pushed mutation is: its name and arguments (not its createdAt, which a station may
 * restamp). The central keeps this per (client, mutation id) so that a replay of an applied id
 * is told apart from a different mutation reusing the id.
 */
export function mutationDigest(name: string, args: unknown): string {
  return createHash('sha256').update(`${name}\n${canonical(args)}`, 'utf8').digest('base64url');
}
