import { saveBase64File } from '../../../utils/download';
import { ref, shallowRef } from 'vue';
import type { AttachmentView } from '@common/api/journey-schemas';
import type { AppError } from '@common/result';
import type { StationClient } from '../../../api/client';

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
    // A PDF needs the browser's viewer, which a blob: URL cannot get under the page's CSP: the station's
    // one-minute link (HTTP in browser mode, app:// in Electron). Without one, say so rather than show a blank frame.
    if (a.mime === 'application/pdf') {
      if (file.previewPath) src.value = file.previewPath;
      else
        error.value = {
          code: 'unavailable',
          message: '本机无法预览该 PDF，请下载后查看 (PDF preview unavailable here; download it instead)',
        };
    } else if (a.mime.startsWith('image/')) src.value = `data:${a.mime};base64,${file.dataBase64}`;
  }

  async function download(a: AttachmentView): Promise<void> {
    const file = await fetchFile(a, 'download');
    if (!file) return;
    saveBase64File(file.dataBase64, a.fileName, a.mime);
  }

  function close(): void {
    open.value = false;
    clear();
  }

  return { open, busy, error, shown, src, preview, download, close };
}

export type AttachmentViewer = ReturnType<typeof useAttachmentViewer>;
