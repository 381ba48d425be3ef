import { computed, onMounted, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { DevicesStatus } from '../../../common/api/schemas';
import type { AppError } from '../../../common/result';
import { useApi, useApiEvent, useOnReconnect } from '../../composables/api';
import { useAuthStore } from '../../stores/auth';
import { coalesced } from '../../utils/coalesce';
import { errorText } from '../../utils/errors';

/** The technician's view: printer status, the last receipts as printed, a test page. */
export function useDevices() {
  const client = useApi();
  const auth = useAuthStore();
  const { t } = useI18n();

  const status = shallowRef<DevicesStatus | null>(null);
  const loading = ref(false);
  const printing = ref(false);
  const error = shallowRef<AppError | null>(null);
  const notice = ref('');

  const errorMessage = computed(() => errorText(t, error.value));
  const receipts = computed(() => [...(status.value?.receipts ?? [])].sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : -1)));

  const refresh = coalesced(async () => {
    loading.value = true;
    try {
      const r = await client.call('devices.status', {});
      if (r.ok) {
        status.value = r.value;
        error.value = null;
      } else {
        error.value = r.error;
        if (r.error.code === 'unauthenticated') void auth.restore();
      }
    } finally {
      loading.value = false;
    }
  });

  async function printTest(): Promise<void> {
    printing.value = true;
    notice.value = '';
    error.value = null;
    try {
      const r = await client.call('devices.printTest', {});
      if (r.ok) notice.value = t('devices.printed', { id: r.value.jobId });
      else error.value = r.error;
    } finally {
      printing.value = false;
      void refresh();
    }
  }

  useApiEvent(client, 'devices.changed', () => void refresh());
  useOnReconnect(() => void refresh());
  onMounted(() => void refresh());

  return { status, receipts, loading, printing, errorMessage, notice, refresh, printTest };
}
