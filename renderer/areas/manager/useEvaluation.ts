import { computed, onBeforeUnmount, onMounted, reactive, ref, shallowRef, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import type { AgentScore, EvaluationReport } from '@common/api/evaluation-schemas';
import type { AppError } from '@common/result';
import { useApi, useApiEvent, useOnReconnect } from '../../composables/api';
import { useAuthStore } from '../../stores/auth';
import { coalesced } from '../../utils/coalesce';
import { errorText } from '../../utils/errors';
import { hallDate } from './useKpis';

export type ScoreSortKey = 'rank' | 'staffNo' | 'served' | 'score' | 'satisfaction' | 'coverage' | 'bad' | 'handling';

/** Live events arrive in bursts (a call, a finish, a rating); the report is asked for once per quiet second. */
const LIVE_DEBOUNCE_MS = 1000;

function sortValue(a: AgentScore, key: ScoreSortKey): number | string {
  switch (key) {
    case 'rank':
      return a.rank ?? Number.MAX_SAFE_INTEGER;
    case 'staffNo':
      return a.staff.staffNo;
    case 'handling':
      return a.handlingIndex ?? Number.MAX_SAFE_INTEGER;
    default:
      return a[key] ?? -1;
  }
}

/**
 * The manager's staff evaluation for a period, beside the previous one. Events re-ask for it only
 * while the period includes today (a past period changes only through an appeal or the weights),
 * and never more than once per quiet second, however many events arrive.
 */
export function useEvaluation() {
  const client = useApi();
  const auth = useAuthStore();
  const { t } = useI18n();

  const report = shallowRef<EvaluationReport | null>(null);
  const loading = ref(false);
  const error = shallowRef<AppError | null>(null);
  const period = ref<[string, string] | null>(null);
  const sort = reactive<{ key: ScoreSortKey; order: 'asc' | 'desc' }>({ key: 'rank', order: 'asc' });
  const expanded = ref<Set<string>>(new Set());
  const updatedAt = ref<number | null>(null);

  const range = computed(() => (period.value ? { from: period.value[0], to: period.value[1] } : {}));
  const live = computed(() => !period.value || period.value[1] >= hallDate());
  const errorMessage = computed(() => errorText(t, error.value));
  const rows = computed(() => {
    const list = report.value?.agents ?? [];
    const dir = sort.order === 'asc' ? 1 : -1;
    return [...list].sort((a, b) => {
      const va = sortValue(a, sort.key);
      const vb = sortValue(b, sort.key);
      return (va < vb ? -1 : va > vb ? 1 : 0) * dir || a.staff.staffNo.localeCompare(b.staff.staffNo);
    });
  });

  const refresh = coalesced(async () => {
    loading.value = true;
    try {
      const r = await client.call('manager.evaluation', range.value);
      if (r.ok) {
        report.value = r.value;
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

  let timer: ReturnType<typeof setTimeout> | null = null;
  function soon(): void {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void refresh();
    }, LIVE_DEBOUNCE_MS);
  }
  onBeforeUnmount(() => timer && clearTimeout(timer));

  function sortBy(key: ScoreSortKey): void {
    if (sort.key === key) sort.order = sort.order === 'asc' ? 'desc' : 'asc';
    else {
      sort.key = key;
      sort.order = key === 'rank' || key === 'staffNo' || key === 'handling' || key === 'bad' ? 'asc' : 'desc';
    }
  }
  function toggle(staffNo: string): void {
    const next = new Set(expanded.value);
    if (next.has(staffNo)) next.delete(staffNo);
    else next.add(staffNo);
    expanded.value = next;
  }

  watch(period, () => void refresh());
  useApiEvent(client, 'rating.recorded', () => live.value && soon());
  useApiEvent(client, 'queue.changed', () => live.value && soon());
  useApiEvent(client, 'appeal.changed', () => soon());
  useApiEvent(client, 'evaluation.changed', () => soon());
  useOnReconnect(() => void refresh());
  onMounted(() => void refresh());

  return {
    report,
    rows,
    loading,
    errorMessage,
    period,
    range,
    live,
    sort,
    expanded,
    updatedAt,
    refresh,
    sortBy,
    toggle,
  };
}
