import { describe, expect, it } from 'vitest';
import { AttachArgs } from '@common/mutators/application-signing';
import {
  ATTACHMENT_MIMES,
  ID_PHOTO_KIND,
  MAX_ATTACHMENT_BYTES,
  checkUpload,
  sniffMime,
  type AttachmentCheck,
} from '@common/forms/attachments';

/** The limits of an upload, and what a refusal tells the agent (by key and parameters). */
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const file = (head: number[], size = head.length + 3) => {
  const b = new Uint8Array(size);
  b.set(head);
  return b;
};
const refusal = (c: AttachmentCheck) => (c.ok ? null : { field: c.field, key: c.key, params: c.params });

describe('upload limits', () => {
  it('accepts a file of exactly 1 MiB, and refuses one byte more, naming the file and the limit in MB', () => {
    expect(checkUpload('a.png', file(PNG, MAX_ATTACHMENT_BYTES))).toEqual({ ok: true, mime: 'image/png' });
    expect(refusal(checkUpload('a.png', file(PNG, MAX_ATTACHMENT_BYTES + 1)))).toEqual({
      field: 'data',
      key: 'application.fileTooLarge',
      params: { fileName: 'a.png', maxMb: 1 },
    });
  });

  it('refuses an empty file and an unknown type, naming the file', () => {
    expect(refusal(checkUpload('a.png', new Uint8Array()))).toEqual({
      field: 'data',
      key: 'application.fileEmpty',
      params: { fileName: 'a.png' },
    });
    expect(refusal(checkUpload('a.gif', file([0x47, 0x49, 0x46])))).toEqual({
      field: 'data',
      key: 'application.fileTypeRefused',
      params: { fileName: 'a.gif' },
    });
  });

  it('names the type the bytes are when the name disagrees', () => {
    const pdf = file([0x25, 0x50, 0x44, 0x46, 0x2d]);
    expect(refusal(checkUpload('scan.jpg', pdf))?.params).toEqual({ fileName: 'scan.jpg', fileType: 'PDF' });
    expect(refusal(checkUpload('scan.png', file([0xff, 0xd8, 0xff])))?.params).toEqual({
      fileName: 'scan.png',
      fileType: 'JPEG',
    });
    expect(refusal(checkUpload('scan.pdf', file(PNG)))?.params).toEqual({ fileName: 'scan.pdf', fileType: 'PNG' });
  });

  it('reads the extension at the end of the name only, up to five characters', () => {
    expect(checkUpload('scan.png.exe', file(PNG)).ok).toBe(false);
    expect(checkUpload('scan.exe.png', file(PNG)).ok).toBe(true);
    expect(checkUpload('scan.pngpng', file(PNG)).ok).toBe(false);
    expect(checkUpload('scan.', file(PNG)).ok).toBe(false);
    expect(checkUpload('scan.jpeg', file([0xff, 0xd8, 0xff])).ok).toBe(true);
  });

  it('tells each signature by every one of its bytes', () => {
    for (const head of [[0x25, 0x50, 0x44, 0x46, 0x2d], [0xff, 0xd8, 0xff], PNG])
      for (let i = 0; i < head.length; i++) {
        const changed = [...head];
        changed[i] = changed[i]! ^ 0x01;
        expect(sniffMime(file(changed))).toBeNull();
      }
  });

  it('files the ID reader’s photo under a kind an attachment may have', () => {
    expect(AttachArgs.shape.kind.safeParse(ID_PHOTO_KIND).success).toBe(true);
  });

  it('stores PDF, JPEG, PNG and the ID reader’s WLT photo', () => {
    expect([...ATTACHMENT_MIMES]).toEqual(['application/pdf', 'image/jpeg', 'image/png', 'application/x-wlt']);
  });
});
