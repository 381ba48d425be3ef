import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { StaffSession } from '@common/api/schemas';
import type { AppError } from '@common/result';
import { useApiStore } from './api';

export type StaffRole = StaffSession['role'];

/**
 * The staff login of this window. The host keeps the session per connection, so a new connection
 * (another role, or a reconnect after a drop) starts logged out until `restore()` says otherwise.
 */
export const useAuthStore = defineStore('auth', () => {
  const api = useApiStore();
  const session = shallowRef<StaffSession | null>(null);
  const checking = ref(false);
  const busy = ref(false);
  const error = shallowRef<AppError | null>(null);

  const loggedIn = computed(() => session.value !== null);

  async function restore(): Promise<void> {
    const client = api.client;
    if (!client) return;
    active = true;
    checking.value = true;
    try {
      const result = await client.call('auth.session', {});
      if (api.client !== client) return;
      session.value = result.ok ? result.value : null;
    } finally {
      checking.value = false;
    }
  }

  async function login(staffNo: string, pin: string, windowNo?: number): Promise<StaffSession | null> {
    const client = api.client;
    if (!client) return null;
    busy.value = true;
    error.value = null;
    try {
      const input = windowNo === undefined ? { staffNo, pin } : { staffNo, pin, windowNo };
      const result = await client.call('auth.login', input);
      if (api.client !== client) return null;
      if (!result.ok) {
        error.value = result.error;
        return null;
      }
      session.value = result.value;
      return result.value;
    } finally {
      busy.value = false;
    }
  }

  async function logout(): Promise<void> {
    const client = api.client;
    session.value = null;
    error.value = null;
    if (client) await client.call('auth.logout', {});
  }

  function clearError(): void {
    error.value = null;
  }

  // Another role/window: another connection, logged out. A reconnect: ask the host again.
  let active = false;
  watch(
    () => api.client,
    () => {
      session.value = null;
      error.value = null;
      active = false;
    },
  );
  watch(
    () => api.generation,
    () => {
      if (active) void restore();
    },
  );

  return { session, loggedIn, checking, busy, error, restore, login, logout, clearError };
});
