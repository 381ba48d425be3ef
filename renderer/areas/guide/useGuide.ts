import { computed, onMounted, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { QueueSnapshot, Ticket } from '@common/api/schemas';
import { BUSINESS_TYPES } from '@common/domain/business-types';
import type { AppError } from '@common/result';
import { useApi, useApiEvent, useOnReconnect } from '../../composables/api';
import { coalesced } from '../../utils/coalesce';
import { errorText } from '../../utils/errors';
import { rankFunctions } from './match';

export type GuidePriority = 'normal' | 'green';

/** The guidance desk: who waits for what, and tickets issued on a customer's behalf. */
export function useGuide() {
  const client = useApi();
  const { t } = useI18n();

  const snapshot = shallowRef<QueueSnapshot | null>(null);
  const query = ref('');
  const type = ref<string | null>(null);
  const priority = ref<GuidePriority>('normal');
  const busy = ref(false);
  const error = shallowRef<AppError | null>(null);
  const localError = ref('');
  const issued = shallowRef<{ ticket: Ticket; waitingAhead: number; printed: boolean } | null>(null);

  const types = computed(() => snapshot.value?.types ?? []);
  const totalWaiting = computed(() => types.value.reduce((n, x) => n + x.waiting, 0));
  const suggestions = computed(() => rankFunctions(query.value, BUSINESS_TYPES));
  const recentCalls = computed(() => (snapshot.value?.recentCalls ?? []).slice(0, 8));
  const errorMessage = computed(() => localError.value || errorText(t, error.value));

  const refresh = coalesced(async () => {
    const r = await client.call('queue.snapshot', {});
    if (r.ok) snapshot.value = r.value;
  });

  async function issue(): Promise<void> {
    localError.value = '';
    error.value = null;
    if (!type.value) {
      localError.value = t('guide.pickType');
      return;
    }
    busy.value = true;
    try {
      const r = await client.call('queue.issueTicket', { businessType: type.value, priority: priority.value });
      if (r.ok) {
        issued.value = r.value;
        void refresh();
      } else error.value = r.error;
    } finally {
      busy.value = false;
    }
  }

  function another(): void {
    issued.value = null;
    type.value = null;
    priority.value = 'normal';
    query.value = '';
  }

  function pick(code: string): void {
    type.value = code;
    localError.value = '';
  }

  useApiEvent(client, 'queue.changed', () => void refresh());
  useApiEvent(client, 'ticket.called', () => void refresh());
  useOnReconnect(() => void refresh());
  onMounted(() => void refresh());

  return {
    types,
    totalWaiting,
    query,
    suggestions,
    type,
    priority,
    busy,
    errorMessage,
    issued,
    recentCalls,
    issue,
    another,
    pick,
  };
}
