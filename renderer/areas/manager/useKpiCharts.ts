import { computed, ref, shallowRef, watch, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { KpiCharts } from '@common/api/features/queue-charts';
import type { AppError } from '@common/result';
import { useApi, useApiEvent, useOnReconnect } from '../../composables/api';
import { coalesced } from '../../utils/coalesce';
import { errorText } from '../../utils/errors';
import { hallDate } from './useKpis';

/**
 * The distribution charts for the KPI tab's period, for the whole hall or one window or agent;
 * re-read on queue changes while the period includes today.
 */
export function useKpiCharts(period: Ref<[string, string]>) {
  const client = useApi();
  const { t } = useI18n();
  const windowNo = ref<number | null>(null);
  const staffId = ref<string | null>(null);
  const data = shallowRef<KpiCharts | null>(null);
  const error = shallowRef<AppError | null>(null);
  const loading = ref(false);

  const refresh = coalesced(async () => {
    loading.value = true;
    try {
      const [from, to] = period.value;
      const r = await client.call('manager.kpiCharts', {
        from,
        to,
        ...(windowNo.value === null ? {} : { windowNo: windowNo.value }),
        ...(staffId.value === null ? {} : { staffId: staffId.value }),
      });
      if (r.ok) {
        data.value = r.value;
        error.value = null;
      } else error.value = r.error;
    } finally {
      loading.value = false;
    }
  });

  watch([period, windowNo, staffId], () => void refresh(), { immediate: true });
  useApiEvent(client, 'queue.changed', () => {
    if (period.value[1] >= hallDate()) void refresh();
  });
  useOnReconnect(() => void refresh());

  const errorMessage = computed(() => errorText(t, error.value));
  return { windowNo, staffId, data, loading, errorMessage, refresh };
}
