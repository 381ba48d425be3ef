import crypto from 'node:crypto';

/**
 * Checksums of pull batches and snapshot pages: both sides compute them, so a batch damaged in
 * transit is refused before its checkpoint is written. Not a security measure (TLS and the token are).
 *
 * Two kinds. `fnv1a` (FNV-1a 32-bit over the UTF-16 text, 8 hex digits) is what every central and
 * station spoke first; a JS loop over each character, it cost ~4 µs per pulled row on each side.
 * `sha256` (native, over the UTF-8 bytes, `sha256:` + 22 base64url characters) is what a station
 * gets when it asks (CHECKSUM_PARAM): it can check a snapshot page's bytes as they came off the
 * wire, without decoding them first. A central that does not know the parameter ignores it and
 * sends fnv1a, and a station checks a checksum by the kind it is written in (checksumKind), so
 * old and new stations and centrals keep working together.
 */
export type ChecksumKind = 'fnv1a' | 'sha256';
/** The query parameter of /v1/pull and /v1/snapshot by which a station asks for a checksum kind. */
export const CHECKSUM_PARAM = 'checksum';
const SHA256_PREFIX = 'sha256:';
/** 22 base64url characters: 132 bits, far beyond catching a damaged batch. */
const SHA256_CHARS = 22;

/** The kind a received checksum was made with (read from its form, so a station never guesses). */
export const checksumKind = (checksum: string): ChecksumKind =>
  checksum.startsWith(SHA256_PREFIX) ? 'sha256' : 'fnv1a';

/** The kind a request asks for: sha256 only when asked by name, fnv1a for everyone else. */
export const requestedChecksumKind = (value: string | null): ChecksumKind => (value === 'sha256' ? 'sha256' : 'fnv1a');

/** The checksum of a pull batch, over its cursor and the JSON of its changes. */
export function batchChecksum(
  cursor: number,
  changes: readonly { version: number; entity: string; id: string; row: unknown }[],
  kind: ChecksumKind = 'fnv1a',
): string {
  return checksumOf(`${cursor}|${JSON.stringify(changes.map((c) => [c.version, c.entity, c.id, c.row]))}`, kind);
}

/**
 * A snapshot page's checksum: over the exact text of its `changes` array as sent, so neither side
 * has to re-serialise a page to check it (see SnapshotPage). For sha256 the text may be given as
 * its UTF-8 bytes (what the station read off the wire): the same checksum as of the string.
 */
export function snapshotPageChecksum(
  after: number,
  cursor: number,
  changesJson: string | Uint8Array,
  kind: ChecksumKind = 'fnv1a',
): string {
  if (typeof changesJson === 'string') return checksumOf(`${after}|${cursor}|${changesJson}`, kind);
  if (kind === 'fnv1a')
    return fnv1a(
      `${after}|${cursor}|${Buffer.from(changesJson.buffer, changesJson.byteOffset, changesJson.byteLength).toString('utf8')}`,
    );
  return sha256Checksum(
    crypto.createHash('sha256').update(`${after}|${cursor}|`).update(changesJson).digest('base64url'),
  );
}

function checksumOf(text: string, kind: ChecksumKind): string {
  return kind === 'sha256'
    ? sha256Checksum(crypto.createHash('sha256').update(text, 'utf8').digest('base64url'))
    : fnv1a(text);
}

const sha256Checksum = (base64url: string): string => SHA256_PREFIX + base64url.slice(0, SHA256_CHARS);

function fnv1a(text: string): string {
  // Kept in int32 (Math.imul's range) inside the loop and made unsigned once at the end: the same
  // bits as an unsigned step each time, without a heap number per character (a 1M snapshot is ~400M).
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}
