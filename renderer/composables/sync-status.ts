import { computed, onMounted, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { useApiStore } from '../stores/api';
import { useStationStore } from '../stores/station';
import { fieldText } from '../utils/errors';
import { dateTimeOf } from '../utils/time';

/**
 * This station's sync with the central as the headers show it: online/offline, 未授权 when the central
 * refused its token, and a tooltip with the last sync, pending mutations and rejections (e.g. a call
 * another counter made first). Shared by the staff badge and the customer screens' pill.
 */
export function useSyncStatus() {
  const { t } = useI18n();
  const station = useStationStore();
  const api = useApiStore();
  onMounted(() => station.ensure());
  watch(
    () => api.client,
    () => station.ensure(),
  );

  const sync = computed(() => station.sync);
  const unauthorized = computed(() => {
    const auth = sync.value?.auth;
    return auth === 'revoked' || auth === 'unauthenticated' || auth === 'unenrolled';
  });
  const state = computed<'online' | 'offline' | 'unauthorized'>(() =>
    unauthorized.value ? 'unauthorized' : sync.value?.online ? 'online' : 'offline',
  );
  const label = computed(() => {
    const s = sync.value;
    if (!s) return '';
    if (state.value === 'unauthorized')
      return s.auth === 'revoked'
        ? t('common.sync.revoked')
        : s.auth === 'unenrolled'
          ? t('common.sync.unenrolled')
          : t('common.sync.unauthorized');
    return s.online ? t('common.sync.online') : t('common.sync.offline');
  });
  const tip = computed(() => {
    const s = sync.value;
    if (!s) return '';
    const lines = [
      s.lastSyncAt ? t('common.sync.lastSync', { time: dateTimeOf(s.lastSyncAt) }) : t('common.sync.never'),
    ];
    if (s.pending > 0) lines.push(t('common.sync.pending', { n: s.pending }));
    if (s.lastError) lines.push(t('common.sync.lastError', { message: s.lastError }));
    if (s.lastRejection)
      lines.push(
        t('common.sync.lastRejection', {
          n: s.rejected ?? 1,
          message: fieldText(t, {
            key: s.lastRejection.key,
            params: s.lastRejection.params,
            message: s.lastRejection.message,
          }),
        }),
      );
    return lines.join('\n');
  });
  return { t, sync, state, label, tip };
}
