import crypto from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchChecksum, checksumKind, requestedChecksumKind, snapshotPageChecksum } from '../../../node/sync/checksum';

const PAGE = '[{"version":2001,"entity":"audit","id":"a-1","row":{"detail":"缴费 张*明"}}]';

/** Pull and snapshot checksums: the fnv1a that every station speaks, and the sha256 a station asks for. */
describe('sync checksums', () => {
  it('fnv1a stays exactly what stations of earlier releases compute (they do not ask for sha256)', () => {
    // Written by the release before sha256 existed, for these inputs.
    expect(snapshotPageChecksum(2000, 4000, PAGE)).toBe('05fb25d2');
    expect(batchChecksum(7, [{ version: 7, entity: 'audit', id: 'a-1', row: { detail: '缴费' } }])).toBe('ae88af21');
  });

  it('sha256 is SHA-256 of the UTF-8 text, and the same whether the page is given as text or as the bytes read off the wire', () => {
    const expected = `sha256:${crypto.createHash('sha256').update(`2000|4000|${PAGE}`).digest('base64url').slice(0, 22)}`;
    expect(snapshotPageChecksum(2000, 4000, PAGE, 'sha256')).toBe(expected);
    expect(snapshotPageChecksum(2000, 4000, Buffer.from(PAGE), 'sha256')).toBe(expected);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.nat(), fc.nat(), (text, after, cursor) => {
        for (const kind of ['fnv1a', 'sha256'] as const) {
          expect(snapshotPageChecksum(after, cursor, new TextEncoder().encode(text), kind)).toBe(
            snapshotPageChecksum(after, cursor, text, kind),
          );
        }
      }),
    );
  });

  it('a checksum says its kind, and a one-byte change of the page changes it', () => {
    const sha = snapshotPageChecksum(0, 1, PAGE, 'sha256');
    expect(checksumKind(sha)).toBe('sha256');
    expect(checksumKind(snapshotPageChecksum(0, 1, PAGE))).toBe('fnv1a');
    expect(snapshotPageChecksum(0, 1, PAGE.replace('张', '章'), 'sha256')).not.toBe(sha);
    expect(snapshotPageChecksum(0, 2, PAGE, 'sha256')).not.toBe(sha);
  });

  it('a request gets sha256 only by asking for it by name', () => {
    expect(requestedChecksumKind('sha256')).toBe('sha256');
    for (const v of [null, '', 'SHA256', 'md5', 'sha256 ']) expect(requestedChecksumKind(v)).toBe('fnv1a');
  });
});
