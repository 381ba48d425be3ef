import { computed, onMounted, reactive, ref, shallowRef, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import type { AgentEvaluation } from '@common/api/schemas';
import type { AppError } from '@common/result';
import { useApi, useApiEvent, useOnReconnect } from '../../composables/api';
import { useAuthStore } from '../../stores/auth';
import { coalesced } from '../../utils/coalesce';
import { errorText } from '../../utils/errors';
import { type SortKey, type SortState, hallTotals, sortEvaluations } from './types';

/** The manager's staff evaluation: per-agent counts, satisfaction and coverage, drill-down to ratings. */
export function useManager() {
  const client = useApi();
  const auth = useAuthStore();
  const { t } = useI18n();

  const rows = shallowRef<AgentEvaluation[]>([]);
  const loading = ref(false);
  const loaded = ref(false);
  const error = shallowRef<AppError | null>(null);
  const period = ref<[string, string] | null>(null);
  const sort = reactive<SortState>({ key: 'staffNo', order: 'asc' });
  const expanded = ref<Set<string>>(new Set());
  const updatedAt = ref<number | null>(null);

  const sorted = computed(() => sortEvaluations(rows.value, sort));
  const totals = computed(() => hallTotals(rows.value));
  const errorMessage = computed(() => errorText(t, error.value));

  const refresh = coalesced(async () => {
    loading.value = true;
    try {
      const input = period.value ? { from: period.value[0], to: period.value[1] } : {};
      const r = await client.call('manager.evaluations', input);
      if (r.ok) {
        rows.value = r.value;
        error.value = null;
        loaded.value = true;
        updatedAt.value = Date.now();
      } else {
        error.value = r.error;
        if (r.error.code === 'unauthenticated') void auth.restore();
      }
    } finally {
      loading.value = false;
    }
  });

  function sortBy(key: SortKey): void {
    if (sort.key === key) sort.order = sort.order === 'asc' ? 'desc' : 'asc';
    else {
      sort.key = key;
      sort.order = key === 'staffNo' ? 'asc' : 'desc';
    }
  }

  function toggle(staffNo: string): void {
    const next = new Set(expanded.value);
    if (next.has(staffNo)) next.delete(staffNo);
    else next.add(staffNo);
    expanded.value = next;
  }

  watch(period, () => void refresh());
  useApiEvent(client, 'rating.recorded', () => void refresh());
  useApiEvent(client, 'queue.changed', () => void refresh());
  useOnReconnect(() => void refresh());
  onMounted(() => void refresh());

  return {
    rows: sorted,
    totals,
    loading,
    loaded,
    errorMessage,
    period,
    sort,
    expanded,
    updatedAt,
    refresh,
    sortBy,
    toggle,
  };
}
