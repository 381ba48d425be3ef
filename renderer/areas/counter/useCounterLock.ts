import { onMounted, onScopeDispose, ref, shallowRef } from 'vue';
import type { Ticket } from '@common/api/schemas';
import type { AppError } from '@common/result';
import type { StationClient } from '../../api/client';
import { useApiEvent } from '../../composables/api';
import { useAuthStore } from '../../stores/auth';

/** Idle this long and the counter locks itself (the agent left without pressing 锁屏). */
export const IDLE_LOCK_SECONDS = 300;
const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * The counter's lock screen: a lock button and an idle timeout lock the session on the host (staff
 * calls are refused), the window stays signed in, and the ticket being served stays in view (from
 * the public queue snapshot, which needs no login). Only the agent's own PIN unlocks.
 */
export function useCounterLock(client: StationClient, windowNo: number, idleSeconds = IDLE_LOCK_SECONDS) {
  const auth = useAuthStore();
  const locked = ref(false);
  const busy = ref(false);
  const error = shallowRef<AppError | null>(null);
  const current = shallowRef<Ticket | null>(null);
  const idleLeft = ref(idleSeconds);

  async function refreshTicket(): Promise<void> {
    const r = await client.call('queue.snapshot', {});
    if (r.ok) current.value = r.value.windows.find((w) => w.windowNo === windowNo)?.current ?? null;
  }

  async function lock(): Promise<void> {
    if (locked.value) return;
    const r = await client.call('auth.lock', {});
    if (!r.ok) return;
    locked.value = true;
    error.value = null;
    await refreshTicket();
  }

  async function unlock(pin: string): Promise<boolean> {
    busy.value = true;
    error.value = null;
    try {
      const r = await client.call('auth.unlock', { pin });
      if (r.ok) {
        locked.value = false;
        idleLeft.value = idleSeconds;
        return true;
      }
      error.value = r.error;
      // Too many wrong PINs end the session on the host: show the login again.
      if (r.error.code === 'locked') {
        locked.value = false;
        await auth.restore();
      }
      return false;
    } finally {
      busy.value = false;
    }
  }

  const touch = (): void => {
    if (!locked.value) idleLeft.value = idleSeconds;
  };
  for (const e of ACTIVITY) window.addEventListener(e, touch, { passive: true });
  const tick = setInterval(() => {
    if (locked.value) return;
    idleLeft.value -= 1;
    if (idleLeft.value <= 0) void lock();
  }, 1000);
  onScopeDispose(() => {
    clearInterval(tick);
    for (const e of ACTIVITY) window.removeEventListener(e, touch);
  });

  useApiEvent(client, 'queue.changed', () => {
    if (locked.value) void refreshTicket();
  });
  onMounted(() => void refreshTicket());

  return { locked, busy, error, current, idleLeft, lock, unlock };
}
