import { onMounted, shallowRef, ref, computed } from 'vue';
import { useI18n } from 'vue-i18n';
import type { LiveBadRating, LiveHall } from '@common/api/features/live';
import type { Rating } from '@common/api/schemas';
import type { AppError } from '@common/result';
import { useApi, useApiEvent, useOnReconnect } from '../../composables/api';
import { useAuthStore } from '../../stores/auth';
import { coalesced } from '../../utils/coalesce';
import { errorText } from '../../utils/errors';

const isBad = (level: Rating['level']): level is LiveBadRating['level'] =>
  level === 'unsatisfied' || level === 'very_unsatisfied';

/**
 * The hall now: one snapshot call on open, then the station's pushed events — every queue change
 * (tickets, calls, pauses, sign-ins) re-reads the snapshot, and a bad rating shows the moment it is
 * recorded. No timer asks the station anything.
 */
export function useLive() {
  const client = useApi();
  const auth = useAuthStore();
  const { t } = useI18n();

  const data = shallowRef<LiveHall | null>(null);
  /** When the snapshot was received, local clock: ticking waits add the time since. */
  const receivedAt = ref(0);
  const error = shallowRef<AppError | null>(null);
  /** Bad ratings that arrived as events since the last snapshot, until the next one includes them. */
  const arrived = ref<LiveBadRating[]>([]);
  /** Ids of bad ratings that arrived while this screen was open: highlighted. */
  const fresh = ref(new Set<string>());

  const refresh = coalesced(async () => {
    const r = await client.call('manager.live', {});
    if (r.ok) {
      data.value = r.value;
      receivedAt.value = Date.now();
      error.value = null;
      const known = new Set(r.value.badRatings.map((b) => b.id));
      arrived.value = arrived.value.filter((b) => !known.has(b.id));
    } else {
      error.value = r.error;
      if (r.error.code === 'unauthenticated') void auth.restore();
    }
  });

  useApiEvent(client, 'queue.changed', () => void refresh());
  useApiEvent(client, 'rating.recorded', (rating) => {
    if (!isBad(rating.level)) return;
    const agent = data.value?.windows.find((w) => w.agent?.id === rating.staffId)?.agent ?? null;
    arrived.value = [
      {
        id: rating.id,
        ticketNo: rating.ticketNo,
        windowNo: rating.windowNo,
        staffId: rating.staffId,
        staffName: agent?.name ?? null,
        level: rating.level,
        reason: rating.reason,
        createdAt: rating.createdAt,
      },
      ...arrived.value.filter((b) => b.id !== rating.id),
    ];
    fresh.value = new Set([...fresh.value, rating.id]);
  });
  useOnReconnect(() => void refresh());
  onMounted(() => void refresh());

  const badRatings = computed(() => {
    const seen = new Set(arrived.value.map((b) => b.id));
    return [...arrived.value, ...(data.value?.badRatings ?? []).filter((b) => !seen.has(b.id))];
  });
  const errorMessage = computed(() => errorText(t, error.value));

  return { data, receivedAt, badRatings, fresh, errorMessage, refresh };
}
