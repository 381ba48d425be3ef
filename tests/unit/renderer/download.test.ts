import { describe, expect, it } from 'vitest';
import { base64Bytes } from '../../../renderer/utils/download';

/** Exports and attachments arrive as base64 in JSON: the bytes handed to the browser must be exactly the file's. */
describe('base64Bytes', () => {
  it('gives back every byte value, including the ones that are not text', () => {
    const file = Buffer.from(Array.from({ length: 256 }, (_, i) => 255 - i));
    expect(Buffer.from(base64Bytes(file.toString('base64')))).toEqual(file);
  });

  it('refuses text that is not base64 instead of saving a corrupt file', () => {
    expect(() => base64Bytes('not base64!')).toThrow();
  });
});
