import { computed, onMounted, ref, shallowRef, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import type { KpiResponse } from '@common/api/insight-schemas';
import type { AppError } from '@common/result';
import { useApi, useApiEvent, useOnReconnect } from '../../composables/api';
import { useAuthStore } from '../../stores/auth';
import { coalesced } from '../../utils/coalesce';
import { errorText } from '../../utils/errors';
import { dateText } from '../../utils/time';

/** The hall's calendar day, 'YYYY-MM-DD', `offsetDays` from today. */
export function hallDate(offsetDays = 0, now = Date.now()): string {
  return dateText(new Date(now + offsetDays * 86_400_000));
}

/** Queue KPIs for a date range; live (refreshed on every queue change) while the range includes today. */
export function useKpis() {
  const client = useApi();
  const auth = useAuthStore();
  const { t } = useI18n();

  const period = ref<[string, string]>([hallDate(-6), hallDate()]);
  const data = shallowRef<KpiResponse | null>(null);
  const loading = ref(false);
  const error = shallowRef<AppError | null>(null);
  const updatedAt = ref<number | null>(null);

  const live = computed(() => period.value[1] >= hallDate());
  const errorMessage = computed(() => errorText(t, error.value));

  const refresh = coalesced(async () => {
    loading.value = true;
    try {
      const [from, to] = period.value;
      const r = await client.call('manager.kpis', { from, to });
      if (r.ok) {
        data.value = r.value;
        error.value = null;
        updatedAt.value = Date.now();
      } else {
        error.value = r.error;
        if (r.error.code === 'unauthenticated') void auth.restore();
      }
    } finally {
      loading.value = false;
    }
  });

  watch(period, () => void refresh());
  useApiEvent(client, 'queue.changed', () => {
    if (live.value) void refresh();
  });
  useOnReconnect(() => void refresh());
  onMounted(() => void refresh());

  return { period, data, loading, errorMessage, updatedAt, live, refresh };
}
