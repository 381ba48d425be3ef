import crypto from 'node:crypto';
import { canonicalJson, isCanonical } from '@common/sync/canonical-json';
import { outboxArgsJson } from '@common/sync/ascii-json';

export { canonical, canonicalJson } from '@common/sync/canonical-json';

/** The one-shot hash (Node ≥ 20.12) is about twice as fast as createHash for short inputs; same bytes. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'base64url') => string }).hash;

/**
 * What a pushed mutation is: its name and arguments (not its createdAt, which a station may
 * restamp). The central keeps this per (client, mutation id) so that a replay of an applied id
 * is told apart from a different mutation reusing the id.
 */
export function mutationDigest(name: string, args: unknown): string {
  // Stations store their outbox in canonical order, so JSON.stringify usually writes the canonical JSON as it is.
  const text = `${name}\n${isCanonical(args) ? (JSON.stringify(args) ?? 'null') : canonicalJson(args)}`;
  return oneShot
    ? oneShot('sha256', text, 'base64url')
    : crypto.createHash('sha256').update(text, 'utf8').digest('base64url');
}

/**
 * Characters of a mutation's digest kept in the central's batch rows, and sent by a station with
 * each mutation: 22 of base64url are 132 bits of SHA-256, far beyond telling a replay from altered
 * content. Fixed width, so mutation k of a batch row is found by offset. (Digests kept per
 * mutation before migration 16 are whole.)
 */
export const BATCH_DIGEST_CHARS = 22;
export const batchDigest = (name: string, args: unknown): string =>
  mutationDigest(name, args).slice(0, BATCH_DIGEST_CHARS);

/** A mutation as the station's outbox keeps it: its arguments as outboxArgsJson writes them, and their digest. */
export function outboxEntry(name: string, args: unknown): { args: string; digest: string } {
  const text = outboxArgsJson(args);
  // Of the arguments as the central will read them, so the two sides hash the same value.
  return { args: text, digest: batchDigest(name, JSON.parse(text)) };
}
