import { computed, onMounted, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { DeviceLogEntry, DevicesOverview, DevicesStatus, IdCardView } from '@common/api/schemas';
import { maskAddress, maskIdNumber, maskName } from '@common/domain/mask';
import type { AppError } from '@common/result';
import { useApi, useApiEvent, useOnReconnect } from '../../composables/api';
import { useAuthStore } from '../../stores/auth';
import { coalesced } from '../../utils/coalesce';
import { errorText } from '../../utils/errors';

type SampleKind = 'test_page' | 'payment_receipt' | 'acceptance_slip';

/** The devices page shows that a card was read, never whose: everything personal is masked here. */
const masked = (card: IdCardView): IdCardView => ({
  ...card,
  name: maskName(card.name),
  idNumber: maskIdNumber(card.idNumber),
  address: card.address === null ? null : maskAddress(card.address),
});

const LOG_KEEP = 300;

/** The technician's view: every device's status, test actions, recent jobs and receipts, the live log. */
export function useDevices() {
  const client = useApi();
  const auth = useAuthStore();
  const { t } = useI18n();

  const status = shallowRef<DevicesStatus | null>(null);
  const overview = shallowRef<DevicesOverview | null>(null);
  const log = ref<DeviceLogEntry[]>([]);
  const lastCard = shallowRef<IdCardView | null>(null);
  const loading = ref(false);
  const busy = ref<string | null>(null);
  const error = shallowRef<AppError | null>(null);
  const notice = ref('');

  const errorMessage = computed(() => errorText(t, error.value));
  const receipts = computed(() =>
    [...(status.value?.receipts ?? [])].sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : -1)),
  );

  const mergeLog = (entries: DeviceLogEntry[]): void => {
    const bySeq = new Map(log.value.map((e) => [e.seq, e]));
    for (const e of entries) bySeq.set(e.seq, e);
    log.value = [...bySeq.values()].sort((a, b) => a.seq - b.seq).slice(-LOG_KEEP);
  };

  const refresh = coalesced(async () => {
    loading.value = true;
    try {
      const [s, o] = await Promise.all([client.call('devices.status', {}), client.call('devices.overview', {})]);
      if (s.ok && o.ok) {
        status.value = s.value;
        overview.value = o.value;
        mergeLog(o.value.log);
        error.value = null;
      } else {
        const e = !s.ok ? s.error : !o.ok ? o.error : null;
        error.value = e;
        if (e?.code === 'unauthenticated') void auth.restore();
      }
    } finally {
      loading.value = false;
    }
  });

  async function act(
    name: string,
    run: () => Promise<{ ok: true; value: unknown } | { ok: false; error: AppError }>,
    done: (value: never) => string,
  ): Promise<void> {
    busy.value = name;
    notice.value = '';
    error.value = null;
    try {
      const r = await run();
      if (r.ok) notice.value = done(r.value as never);
      else error.value = r.error;
    } finally {
      busy.value = null;
      void refresh();
    }
  }

  const printTest = () =>
    act(
      'test_page',
      () => client.call('devices.printTest', {}),
      (v: { jobId: string }) => t('devices.printed', { id: v.jobId }),
    );
  const printSample = (kind: SampleKind) =>
    act(
      kind,
      () => client.call('devices.printSample', { kind }),
      (v: { jobId: string }) => t('devices.sampleQueued', { kind: t(`devices.kind.${kind}`), id: v.jobId }),
    );
  const reprint = (jobId: string) =>
    act(
      `reprint:${jobId}`,
      () => client.call('devices.reprint', { jobId }),
      (v: { jobId: string }) => t('devices.reprinted', { id: v.jobId }),
    );
  const readCard = () =>
    act(
      'read',
      () => client.call('devices.readIdCard', {}),
      (card: IdCardView) => {
        lastCard.value = masked(card);
        return t('devices.cardRead', { name: card.name });
      },
    );

  useApiEvent(client, 'devices.changed', () => void refresh());
  useApiEvent(client, 'devices.log', (entry) => {
    mergeLog([entry]);
    // Printer lines mean a job or status changed: the counts and the jobs table follow.
    if (entry.device === 'printer' || entry.device === 'config') void refresh();
  });
  useApiEvent(client, 'idcard.read', (card) => (lastCard.value = masked(card)));
  useApiEvent(client, 'idcard.removed', () => void refresh());
  useOnReconnect(() => void refresh());
  onMounted(() => void refresh());

  return {
    client,
    status,
    overview,
    log,
    lastCard,
    receipts,
    loading,
    busy,
    errorMessage,
    notice,
    refresh,
    printTest,
    printSample,
    reprint,
    readCard,
  };
}
