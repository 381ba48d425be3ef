import { onMounted, ref, shallowRef } from 'vue';
import type { PadSignEnded, PadStatus } from '@common/api/customer-screen-schemas';
import type { SignatureStroke } from '@common/domain/signature';
import type { AppError } from '@common/result';
import type { StationClient } from '../../api/client';
import { useApiEvent } from '../../composables/api';
import { renderPadSummary } from '../../utils/pad-summary';

/** The Wacom STU's writing area (9600 × 6000): the mirror keeps the pad's proportions. */
const PAD_ASPECT = 1.6;

/**
 * Signing on the counter station's pad from the customer screen: the capture runs in the main
 * process; this mirrors its strokes live and hears how it ended. A pad lost mid-signature hands its
 * strokes to the touchscreen (`touchSeed`), so nothing the customer wrote is lost.
 */
export function usePadSign(client: StationClient) {
  const status = shallowRef<PadStatus | null>(null);
  /** Where the customer signs now: on the pad, or on the touchscreen (no pad, unplugged, or chosen). */
  const mode = ref<'pad' | 'touch'>('touch');
  const writing = ref(false);
  const live = shallowRef<SignatureStroke[]>([]);
  const ended = shallowRef<PadSignEnded | null>(null);
  const error = shallowRef<AppError | null>(null);
  const touchSeed = shallowRef<{ aspect: number; strokes: SignatureStroke[] }>({ aspect: 4, strokes: [] });
  const touchKey = ref(0);
  let requestId: string | null = null;

  async function refreshStatus(): Promise<void> {
    const r = await client.call('rate.padStatus', {});
    status.value = r.ok ? r.value : { attached: false, model: null };
    if (!writing.value && !ended.value) mode.value = status.value.attached ? 'pad' : 'touch';
  }

  /** Starts the pad for this request; the pad's LCD shows what is being signed. */
  async function start(id: string, summaryText: string): Promise<void> {
    if (writing.value) return;
    requestId = id;
    live.value = [];
    ended.value = null;
    error.value = null;
    writing.value = true;
    mode.value = 'pad';
    const r = await client.call('rate.padSign', { requestId: id, summary: renderPadSummary(summaryText) });
    if (!r.ok) {
      writing.value = false;
      error.value = r.error;
      useTouch();
    }
  }

  function useTouch(strokes: SignatureStroke[] = []): void {
    touchSeed.value = strokes.length ? { aspect: PAD_ASPECT, strokes } : { aspect: 4, strokes: [] };
    touchKey.value++;
    mode.value = 'touch';
  }

  useApiEvent(client, 'rate.padStroke', (e) => {
    if (writing.value && e.requestId === requestId) live.value = [...live.value, e.stroke];
  });
  useApiEvent(client, 'rate.padEnded', (e) => {
    if (e.requestId !== requestId) return;
    writing.value = false;
    ended.value = e;
    // Unplugged: the strokes so far go on the touchscreen, where the customer finishes.
    if (e.outcome === 'pad_disconnected') useTouch(e.strokes);
  });
  onMounted(() => void refreshStatus());

  return {
    status,
    mode,
    writing,
    live,
    ended,
    error,
    touchSeed,
    touchKey,
    aspect: PAD_ASPECT,
    start,
    useTouch,
    refreshStatus,
  };
}
