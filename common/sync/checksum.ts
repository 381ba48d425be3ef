/**
 * FNV-1a (32-bit) over the canonical JSON of a pull batch: both sides compute it, so a batch
 * damaged in transit is refused before its checkpoint is written. Not a security measure.
 */
export function batchChecksum(cursor: number, changes: readonly { version: number; entity: string; id: string; row: unknown }[]): string {
  return fnv1a(`${cursor}|${JSON.stringify(changes.map((c) => [c.version, c.entity, c.id, c.row]))}`);
}

/**
 * A snapshot page's checksum: over the exact text of its `changes` array as sent, so neither side
 * has to re-serialise a page to check it (see SnapshotPage).
 */
export const snapshotPageChecksum = (after: number, cursor: number, changesJson: string): string => fnv1a(`${after}|${cursor}|${changesJson}`);

function fnv1a(text: string): string {
  // Kept in int32 (Math.imul's range) inside the loop and made unsigned once at the end: the same
  // bits as an unsigned step each time, without a heap number per character (a 1M snapshot is ~400M).
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}
