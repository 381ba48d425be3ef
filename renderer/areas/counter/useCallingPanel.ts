import { computed, onMounted, onScopeDispose, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { CounterPanel, QueueTicketView } from '@common/api/queue-schemas';
import type { AppError, Result } from '@common/result';
import { renderError } from '@common/errors';
import type { StationClient } from '../../api/client';
import { useApiEvent, useOnReconnect } from '../../composables/api';
import { useNow } from '../../composables/now';
import { useAuthStore } from '../../stores/auth';
import { useCounterVisitStore } from '../../stores/counter-visit';
import { coalesced } from '../../utils/coalesce';
import { errorText } from '../../utils/errors';
import { since } from '../../utils/time';
import { blockedReason, PANEL_SHORTCUTS, panelActions, type PanelAction } from './calling-keys';

export interface TransferTarget {
  toType?: string;
  toWindow?: number;
  toAgent?: string;
  reason?: string;
}

/** The counter calling panel's state and actions: one composable, the component only draws it. */
export function useCallingPanel(client: StationClient, dialogs: { askTransfer(): void; askPause(): void }) {
  const { t } = useI18n();
  const auth = useAuthStore();
  const visit = useCounterVisitStore();
  const now = useNow();
  const panel = shallowRef<CounterPanel | null>(null);
  const busy = ref<string | null>(null);
  const error = shallowRef<AppError | null>(null);
  const notice = ref('');

  const current = computed<QueueTicketView | null>(() => panel.value?.current ?? null);
  const allowed = computed(() => panelActions(panel.value));
  const errorMessage = computed(() => errorText(t, error.value));
  const sinceCall = computed(() => since(current.value?.calledAt, now.value));
  const sinceStart = computed(() => since(current.value?.startedAt, now.value));

  const refresh = coalesced(async () => {
    const r = await client.call('counter.panel', {});
    if (r.ok) {
      panel.value = r.value;
      visit.keepParked(r.value.parked.map((p) => p.id));
    } else if (r.error.code === 'unauthenticated') void auth.restore();
  });

  /** Calling, transferring, finishing or a no-show ends the visit: the next customer starts with a clean counter. */
  const ENDS_VISIT = new Set(['callNext', 'callTicket', 'transfer', 'finish', 'noShow']);

  /** Run one call; shows the typed error on screen, or the notice; always refreshes the panel. */
  async function act<T>(key: string, call: () => Promise<Result<T>>, done: (v: T) => string): Promise<boolean> {
    if (busy.value) return false;
    busy.value = key;
    error.value = null;
    notice.value = '';
    try {
      const r = await call();
      if (!r.ok) {
        error.value = r.error;
        if (r.error.code === 'unauthenticated') void auth.restore();
        return false;
      }
      notice.value = done(r.value);
      if (ENDS_VISIT.has(key)) {
        await refresh();
        visit.end(current.value?.id ?? null);
      } else if (key === 'park' || key === 'resume') {
        // Parking puts this customer's visit aside (the counter clears); resuming brings it back.
        const ticketId = (r.value as { id: string }).id;
        if (key === 'park') visit.park(ticketId);
        else visit.resume(ticketId);
      }
      return true;
    } finally {
      busy.value = null;
      await refresh();
    }
  }

  const id = () => current.value?.id ?? '';

  function run(action: PanelAction): void {
    if (!allowed.value[action]) {
      // Say why (too few calls for a no-show, window paused…) rather than ignore the key.
      const why = blockedReason(action, panel.value);
      if (why) {
        notice.value = '';
        error.value = { code: 'conflict', ...why, message: renderError(why.key, why.params) };
      }
      return;
    }
    const cur = current.value;
    switch (action) {
      case 'callNext':
        void act(
          'callNext',
          () => client.call('counter.callNext', {}),
          (v) => (v ? t('counter.calling.called', { number: v.number }) : t('counter.calling.nobody')),
        );
        return;
      case 'recall':
        void act(
          'recall',
          () => client.call('counter.recall', { ticketId: id() }),
          (v) => t('counter.calling.recalled', { number: v.number }),
        );
        return;
      case 'start':
        void act(
          'start',
          () => client.call('counter.start', { ticketId: id() }),
          (v) => t('counter.calling.started', { number: v.number }),
        );
        return;
      case 'finish':
        void act(
          'finish',
          () => client.call('counter.finish', { ticketId: id() }),
          (v) => t('counter.calling.finished', { number: v.number }),
        );
        return;
      case 'noShow':
        void act(
          'noShow',
          () => client.call('counter.noShow', { ticketId: id() }),
          (v) => t('counter.calling.noShowDone', { number: v.number }),
        );
        return;
      case 'transfer':
        dialogs.askTransfer();
        return;
      case 'park':
        if (cur?.status === 'serving')
          void act(
            'park',
            () => client.call('counter.park', { ticketId: cur.id }),
            (v) => t('counter.calling.parked', { number: v.number }),
          );
        else if (panel.value?.parked[0]) resume(panel.value.parked[0].id);
        return;
      case 'pause':
        if (panel.value?.status === 'paused') void setStatus('open');
        else dialogs.askPause();
        return;
    }
  }

  const resume = (ticketId: string) =>
    void act(
      'resume',
      () => client.call('counter.resume', { ticketId }),
      (v) => t('counter.calling.resumed', { number: v.number }),
    );
  const callThis = (ticketId: string, reason: string) =>
    act(
      'callTicket',
      () => client.call('counter.callTicket', { ticketId, reason }),
      (v) => t('counter.calling.called', { number: v.number }),
    );
  const transfer = (target: TransferTarget) =>
    act(
      'transfer',
      () => client.call('counter.transfer', { ticketId: id(), ...target }),
      (v) => t('counter.calling.transferred', { number: v.number }),
    );
  const setStatus = (status: 'open' | 'paused' | 'closed', reason?: string) =>
    act(
      `status-${status}`,
      () => client.call('counter.setStatus', { status, reason }),
      () => t(`counter.calling.status.${status}Done`),
    );

  function onKey(e: KeyboardEvent): void {
    const action = PANEL_SHORTCUTS[e.key];
    if (!action || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    // A dialog's inputs keep their own keys; the keypad still works everywhere else.
    if (document.querySelector('.el-overlay-dialog, .el-message-box__wrapper')?.checkVisibility?.()) return;
    e.preventDefault();
    if (!e.repeat) run(action);
  }
  window.addEventListener('keydown', onKey);
  onScopeDispose(() => window.removeEventListener('keydown', onKey));

  useApiEvent(client, 'queue.changed', () => void refresh());
  useOnReconnect(() => void refresh());
  onMounted(() => void refresh());

  return {
    panel,
    current,
    allowed,
    busy,
    errorMessage,
    notice,
    now,
    sinceCall,
    sinceStart,
    run,
    resume,
    callThis,
    transfer,
    setStatus,
    refresh,
  };
}
