import { computed, onMounted, onScopeDispose, ref, shallowRef, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import type { TypeWaitEstimateWire } from '@common/api/insight-schemas';
import { recommend } from '@common/guidance/recommend';
import type { AppError } from '@common/result';
import { useApi, useApiEvent, useOnReconnect } from '../../composables/api';
import { coalesced } from '../../utils/coalesce';
import { errorText } from '../../utils/errors';

/** The guide's recommendation box: the customer's words → ranked functions and their channel. */
export function useRecommendation() {
  const client = useApi();
  const { t } = useI18n();
  const words = ref('');
  const printing = ref<string | null>(null);
  const printResult = shallowRef<{ code: string; printed: boolean } | null>(null);
  const error = shallowRef<AppError | null>(null);

  const results = computed(() => recommend(words.value, undefined, 3));
  const errorMessage = computed(() => errorText(t, error.value));
  // A print outcome belongs to the customer it was printed for: new words, new customer.
  watch(words, () => {
    printResult.value = null;
    error.value = null;
  });

  async function printSlip(code: string): Promise<void> {
    printing.value = code;
    error.value = null;
    printResult.value = null;
    try {
      const r = await client.call('guide.printChannelSlip', { functionCode: code });
      if (r.ok) printResult.value = { code, printed: r.value.printed };
      else error.value = r.error;
    } finally {
      printing.value = null;
    }
  }

  return { words, results, printing, printResult, errorMessage, printSlip };
}

/** Waiting per type with estimates and long-wait alerts, refreshed on every queue change. */
export function useWaitEstimates() {
  const client = useApi();
  const rows = shallowRef<TypeWaitEstimateWire[]>([]);
  const refresh = coalesced(async () => {
    const r = await client.call('queue.waitEstimates', {});
    if (r.ok) rows.value = r.value;
  });
  const overdue = computed(() =>
    rows.value
      .flatMap((row) => row.overdue.map((o) => ({ ...o, code: row.code, targetWaitMin: row.targetWaitMin })))
      .sort((a, b) => b.waitedSec - a.waitedSec),
  );
  useApiEvent(client, 'queue.changed', () => void refresh());
  useApiEvent(client, 'ticket.called', () => void refresh());
  useOnReconnect(() => void refresh());
  onMounted(() => void refresh());
  // Waits grow while nobody acts: re-estimate every half minute.
  const timer = setInterval(() => void refresh(), 30_000);
  onScopeDispose(() => clearInterval(timer));
  return { rows, overdue, refresh };
}
