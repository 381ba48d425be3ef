import { describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES, checkUpload, sniffMime } from '@common/forms/attachments';

const bytes = (...head: number[]) => Uint8Array.from([...head, 1, 2, 3]);
const PDF = bytes(0x25, 0x50, 0x44, 0x46, 0x2d);
const JPG = bytes(0xff, 0xd8, 0xff, 0xe0);
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

describe('attachment checks', () => {
  it('knows PDF, JPEG and PNG by their first bytes, nothing else', () => {
    expect(sniffMime(PDF)).toBe('application/pdf');
    expect(sniffMime(JPG)).toBe('image/jpeg');
    expect(sniffMime(PNG)).toBe('image/png');
    expect(sniffMime(bytes(0x47, 0x49, 0x46, 0x38))).toBeNull(); // GIF
    expect(sniffMime(new Uint8Array())).toBeNull();
    expect(sniffMime(PNG.slice(0, 4))).toBeNull();
  });

  it('accepts a file whose name agrees with its bytes, in any case', () => {
    expect(checkUpload('房产证.PDF', PDF)).toEqual({ ok: true, mime: 'application/pdf' });
    expect(checkUpload('scan.jpeg', JPG)).toEqual({ ok: true, mime: 'image/jpeg' });
    expect(checkUpload('scan.jpg', JPG)).toEqual({ ok: true, mime: 'image/jpeg' });
  });

  it('refuses empty, oversized, unknown and misnamed files, naming the problem in Chinese', () => {
    expect(checkUpload('a.png', new Uint8Array())).toMatchObject({
      ok: false,
      field: 'data',
      message: expect.stringContaining('空'),
    });
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    big.set(PNG);
    expect(checkUpload('a.png', big)).toMatchObject({
      ok: false,
      field: 'data',
      message: expect.stringContaining('超过'),
    });
    expect(checkUpload('a.png', Uint8Array.from(Buffer.from('hello')))).toMatchObject({ ok: false, field: 'data' });
    expect(checkUpload('a.exe', PNG)).toMatchObject({ ok: false, field: 'fileName' });
    expect(checkUpload('a.pdf', PNG)).toMatchObject({ ok: false, field: 'fileName' });
    expect(checkUpload('png', PNG)).toMatchObject({ ok: false, field: 'fileName' });
  });
});
