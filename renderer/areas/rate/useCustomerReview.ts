import { computed, onMounted, ref, shallowRef } from 'vue';
import type { CustomerReview } from '@common/api/journey-schemas';
import type { Signature } from '@common/domain/signature';
import type { AppError } from '@common/result';
import type { StationClient } from '../../api/client';
import { useApiEvent, useOnReconnect } from '../../composables/api';
import { coalesced } from '../../utils/coalesce';

/**
 * The form the counter sent to this window's customer screen: review it (masked), then sign it on
 * the touchscreen. The signature binds to the content reviewed; an amendment afterwards shows here
 * as 签名已失效. Follows `application.changed` (local, or pulled from the counter's station).
 */
export function useCustomerReview(client: StationClient) {
  const review = shallowRef<CustomerReview | null>(null);
  /** 'read': the lines; 'sign': the signing pad. */
  const step = ref<'read' | 'sign'>('read');
  const busy = ref(false);
  const error = shallowRef<AppError | null>(null);
  let shownFor: string | null = null;

  const refresh = coalesced(async () => {
    const r = await client.call('rate.review', {});
    if (!r.ok) return;
    review.value = r.value;
    // A new request (or a request sent again after an amendment) starts at the reading step.
    if (r.value?.requestId !== shownFor) {
      shownFor = r.value?.requestId ?? null;
      step.value = 'read';
      error.value = null;
    }
  });

  /** The review takes the screen while it waits for a signature. */
  const active = computed(() => review.value?.state === 'awaiting' || review.value?.state === 'stale');

  async function sign(signature: Signature): Promise<void> {
    const r0 = review.value;
    if (!r0 || busy.value) return;
    busy.value = true;
    error.value = null;
    try {
      const r = await client.call('rate.sign', { requestId: r0.requestId, signature });
      if (r.ok) review.value = r.value;
      else {
        error.value = r.error;
        void refresh();
      }
    } finally {
      busy.value = false;
    }
  }

  useApiEvent(client, 'application.changed', () => void refresh());
  useApiEvent(client, 'queue.changed', () => void refresh());
  useOnReconnect(() => void refresh());
  onMounted(() => void refresh());

  const goSign = (): void => void (step.value = 'sign');
  const goRead = (): void => void (step.value = 'read');

  return { review, active, step, busy, error, sign, refresh, goSign, goRead };
}
