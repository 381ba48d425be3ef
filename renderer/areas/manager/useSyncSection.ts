import { computed, onMounted, onScopeDispose, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { EnrollmentCodeInfo, HallStation } from '@common/api/schemas';
import type { AppError } from '@common/result';
import type { StationRole } from '@common/sync/station-roles';
import { useApi, useApiEvent, useOnReconnect } from '../../composables/api';
import { coalesced } from '../../utils/coalesce';
import { errorText } from '../../utils/errors';

/** A station not heard from for this long is flagged on the manager's list. */
export const STALE_AFTER_MS = 5 * 60_000;
const REFRESH_MS = 15_000;

/** The manager's sync section: the hall's stations from the central, enrollment codes, revocation. */
export function useSyncSection() {
  const client = useApi();
  const { t } = useI18n();
  const stations = shallowRef<HallStation[]>([]);
  const loading = ref(false);
  const error = shallowRef<AppError | null>(null);
  const role = ref<StationRole>('counter');
  const code = shallowRef<EnrollmentCodeInfo | null>(null);
  const generating = ref(false);
  const revoking = ref<string | null>(null);
  const notice = ref<string | null>(null);
  const errorMessage = computed(() => errorText(t, error.value));

  const refresh = coalesced(async () => {
    loading.value = true;
    try {
      const r = await client.call('sync.stations', {});
      if (r.ok) {
        stations.value = r.value;
        error.value = null;
      } else error.value = r.error;
    } finally {
      loading.value = false;
    }
  });

  async function generate(): Promise<void> {
    generating.value = true;
    try {
      const r = await client.call('sync.enrollmentCode', { role: role.value });
      if (r.ok) {
        code.value = r.value;
        error.value = null;
      } else error.value = r.error;
    } finally {
      generating.value = false;
    }
  }

  async function revoke(clientId: string): Promise<void> {
    revoking.value = clientId;
    try {
      const r = await client.call('sync.revokeStation', { clientId });
      if (r.ok) notice.value = t('manager.sync.revokedDone', { id: shortId(clientId) });
      else error.value = r.error;
      await refresh();
    } finally {
      revoking.value = null;
    }
  }

  onMounted(() => void refresh());
  useOnReconnect(() => void refresh());
  // This station's own sync cycles are a cheap cue that the central's view may have moved.
  useApiEvent(client, 'sync.status', () => void refresh());
  const timer = setInterval(() => void refresh(), REFRESH_MS);
  onScopeDispose(() => clearInterval(timer));

  return {
    stations,
    loading,
    error,
    errorMessage,
    role,
    code,
    generating,
    revoking,
    notice,
    refresh,
    generate,
    revoke,
  };
}

/** Station ids are long random ids; the list shows their head, the tooltip the whole. */
export const shortId = (id: string): string => (id.length > 14 ? `${id.slice(0, 12)}…` : id);
