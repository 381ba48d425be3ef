import { z } from 'zod';
import { AttachmentView } from './journey-schemas';

/**
 * An application's documents opened at the counter: decrypted only on request, each
 * opening audited with its purpose; counter and manager windows only.
 */
export const AttachmentContent = z.object({
  attachment: AttachmentView,
  /** The file as stored (its SHA-256 checked after decryption). */
  dataBase64: z.string(),
  /** For a PDF previewed where the station serves HTTP: a one-minute link its viewer frame loads. */
  previewPath: z.string().nullable(),
});
export type AttachmentContent = z.infer<typeof AttachmentContent>;
