import { keyedText, type KeyedText } from '../errors';

/**
 * Documents attached to an application: scanned files uploaded at the counter (PDF, JPEG, PNG) and
 * the ID card reader's photo. The type is decided by the file's first bytes, never by its name, and
 * the name's extension must agree; the size is bounded so one attachment always fits a sync push.
 */
export const ATTACHMENT_MIMES = ['application/pdf', 'image/jpeg', 'image/png', 'application/x-wlt'] as const;
export type AttachmentMime = (typeof ATTACHMENT_MIMES)[number];

/** 1 MiB: encrypted and base64-encoded it stays well under the central's 4 MiB push limit. */
export const MAX_ATTACHMENT_BYTES = 1024 * 1024;
export const MAX_ATTACHMENTS_PER_APPLICATION = 20;
/** The reader's photo (GA 467 WLT, 1024 bytes) is kept as read: decoding needs the vendor's library. */
export const ID_PHOTO_KIND = 'idCard';

const EXTENSIONS: Record<AttachmentMime, readonly string[]> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'application/x-wlt': ['wlt'],
};

const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean => magic.every((b, i) => bytes[i] === b);

/** What the bytes are, from their signature; null for anything we do not accept from a scanner. */
export function sniffMime(bytes: Uint8Array): Exclude<AttachmentMime, 'application/x-wlt'> | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  return null;
}

export type AttachmentCheck =
  { ok: true; mime: AttachmentMime } | ({ ok: false; field: 'fileName' | 'data' | 'kind' } & KeyedText);

const TYPE_NAMES: Record<AttachmentMime, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'application/x-wlt': 'WLT',
};

/** Check an uploaded file: not empty, not too big, a real PDF/JPEG/PNG, and named like one. */
export function checkUpload(fileName: string, bytes: Uint8Array): AttachmentCheck {
  if (bytes.length === 0) return { ok: false, field: 'data', ...keyedText('application.fileEmpty', { fileName }) };
  if (bytes.length > MAX_ATTACHMENT_BYTES) {
    const maxMb = MAX_ATTACHMENT_BYTES / 1024 / 1024;
    return { ok: false, field: 'data', ...keyedText('application.fileTooLarge', { fileName, maxMb }) };
  }
  const mime = sniffMime(bytes);
  if (!mime) return { ok: false, field: 'data', ...keyedText('application.fileTypeRefused', { fileName }) };
  const ext = /\.([a-z0-9]{1,5})$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (!EXTENSIONS[mime].includes(ext))
    return {
      ok: false,
      field: 'fileName',
      ...keyedText('application.fileNameMismatch', { fileName, fileType: TYPE_NAMES[mime] }),
    };
  return { ok: true, mime };
}
