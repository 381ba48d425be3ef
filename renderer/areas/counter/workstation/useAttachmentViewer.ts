import { ref, shallowRef } from 'vue';
import type { AttachmentView } from '../../../../common/api/journey-schemas';
import type { AppError } from '../../../../common/result';
import type { StationClient } from '../../../api/client';

const bytesOf = (b64: string): Uint8Array => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

/**
 * Opens an application's documents: each preview or download asks the station for the decrypted
 * file (audited there); nothing decrypted is kept once the dialog closes.
 */
export function useAttachmentViewer(client: StationClient) {
  const open = ref(false);
  const busy = ref<string>('');
  const error = shallowRef<AppError | null>(null);
  const shown = shallowRef<AttachmentView | null>(null);
  /** A data: URL for images (the CSP allows data: images); for PDFs the station's preview link. */
  const src = ref('');

  function clear(): void {
    if (src.value.startsWith('blob:')) URL.revokeObjectURL(src.value);
    src.value = '';
    shown.value = null;
  }

  async function fetchFile(a: AttachmentView, purpose: 'preview' | 'download') {
    busy.value = `${purpose}:${a.id}`;
    error.value = null;
    try {
      const r = await client.call('application.attachmentContent', { id: a.id, purpose });
      if (!r.ok) {
        error.value = r.error;
        return null;
      }
      return r.value;
    } finally {
      busy.value = '';
    }
  }

  async function preview(a: AttachmentView): Promise<void> {
    clear();
    shown.value = a;
    open.value = true;
    const file = await fetchFile(a, 'preview');
    if (!file || shown.value?.id !== a.id) return;
    // A PDF needs the browser's viewer, which a blob: URL cannot get under the page's CSP: the station's one-minute link.
    if (a.mime === 'application/pdf') src.value = file.previewPath ?? URL.createObjectURL(new Blob([bytesOf(file.dataBase64) as BlobPart], { type: a.mime }));
    else if (a.mime.startsWith('image/')) src.value = `data:${a.mime};base64,${file.dataBase64}`;
  }

  async function download(a: AttachmentView): Promise<void> {
    const file = await fetchFile(a, 'download');
    if (!file) return;
    const url = URL.createObjectURL(new Blob([bytesOf(file.dataBase64) as BlobPart], { type: a.mime }));
    const link = document.createElement('a');
    link.href = url;
    link.download = a.fileName;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  function close(): void {
    open.value = false;
    clear();
  }

  return { open, busy, error, shown, src, preview, download, close };
}

export type AttachmentViewer = ReturnType<typeof useAttachmentViewer>;
