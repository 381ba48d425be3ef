import { computed, onMounted, onScopeDispose, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { QueueSnapshot, Rating, Ticket, WindowState } from '../../../common/api/schemas';
import type { AppError, Result } from '../../../common/result';
import type { StationClient } from '../../api/client';
import { useApiEvent, useOnReconnect } from '../../composables/api';
import { useNow } from '../../composables/now';
import { useAuthStore } from '../../stores/auth';
import { coalesced } from '../../utils/coalesce';
import { errorText } from '../../utils/errors';
import { since } from '../../utils/time';
import { availableActions, type CounterAction, SHORTCUTS } from './types';

/** The agent's desk at one window: the current ticket, the four actions (F1–F4), the queue. */
export function useCounter(windowNo: number, client: StationClient) {
  const { t } = useI18n();
  const auth = useAuthStore();
  const now = useNow();

  const state = shallowRef<WindowState | null>(null);
  const snapshot = shallowRef<QueueSnapshot | null>(null);
  const busy = ref<CounterAction | null>(null);
  const error = shallowRef<AppError | null>(null);
  const notice = ref('');
  const lastRating = shallowRef<Rating | null>(null);

  const current = computed<Ticket | null>(() => state.value?.current ?? null);
  const allowed = computed(() => availableActions(current.value));
  const types = computed(() => snapshot.value?.types ?? []);
  const myTypes = computed(() => new Set(state.value?.businessTypes ?? []));
  const waitingAll = computed(() => types.value.reduce((n, x) => n + x.waiting, 0));
  const waitingMine = computed(() => types.value.filter((x) => myTypes.value.has(x.code)).reduce((n, x) => n + x.waiting, 0));
  const served = computed(() => state.value?.servedToday ?? 0);
  /** Waiting tickets this window can serve, in arrival order (the host decides the real order). */
  const myWaiting = computed(() => (snapshot.value?.waiting ?? []).filter((x) => myTypes.value.has(x.businessType)));
  const recentCalls = computed(() => (snapshot.value?.recentCalls ?? []).filter((c) => c.windowNo === windowNo).slice(0, 8));
  const typeOf = (code: string) => types.value.find((x) => x.code === code) ?? null;
  const sinceCall = computed(() => since(current.value?.calledAt, now.value));
  const sinceStart = computed(() => since(current.value?.startedAt, now.value));
  const errorMessage = computed(() => errorText(t, error.value));

  function failed(result: Result<unknown>): result is { ok: false; error: AppError } {
    if (result.ok) return false;
    if (result.error.code === 'unauthenticated') void auth.restore();
    return true;
  }

  const refresh = coalesced(async () => {
    const [s, q] = await Promise.all([client.call('counter.state', {}), client.call('queue.snapshot', {})]);
    if (!failed(s)) state.value = s.value;
    if (!failed(q)) snapshot.value = q.value;
  });

  function setCurrent(ticket: Ticket | null): void {
    if (state.value) state.value = { ...state.value, current: ticket };
  }

  async function run(action: CounterAction): Promise<void> {
    if (busy.value || !allowed.value[action]) return;
    busy.value = action;
    error.value = null;
    notice.value = '';
    try {
      const ticket = current.value;
      if (action === 'callNext') {
        const r = await client.call('counter.callNext', {});
        if (failed(r)) error.value = r.error;
        else if (r.value === null) notice.value = t('counter.nobodyWaiting');
        else {
          setCurrent(r.value);
          notice.value = t('counter.called', { number: r.value.number });
        }
      } else if (ticket) {
        const method = action === 'recall' ? 'counter.recall' : action === 'start' ? 'counter.start' : 'counter.finish';
        const r = await client.call(method, { ticketId: ticket.id });
        if (failed(r)) error.value = r.error;
        else {
          setCurrent(r.value);
          const key = action === 'recall' ? 'counter.recalled' : action === 'start' ? 'counter.started' : 'counter.finished';
          notice.value = t(key, { number: r.value.number });
        }
      }
    } finally {
      busy.value = null;
      void refresh();
    }
  }

  function onKey(e: KeyboardEvent): void {
    const action = SHORTCUTS[e.key];
    if (!action || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    if (!e.repeat) void run(action);
  }
  window.addEventListener('keydown', onKey);
  onScopeDispose(() => window.removeEventListener('keydown', onKey));

  useApiEvent(client, 'queue.changed', () => void refresh());
  useApiEvent(client, 'rating.recorded', (rating) => {
    if (rating.windowNo === windowNo) lastRating.value = rating;
  });
  useOnReconnect(() => void refresh());
  onMounted(() => void refresh());

  return {
    state,
    current,
    allowed,
    busy,
    errorMessage,
    notice,
    types,
    myTypes,
    waitingAll,
    waitingMine,
    served,
    recentCalls,
    myWaiting,
    lastRating,
    sinceCall,
    sinceStart,
    now,
    typeOf,
    run,
    refresh,
  };
}
