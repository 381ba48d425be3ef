import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { Role } from '@common/api/roles';
import { createApiClient, type ConnectionState, type StationClient } from '../api/client';

/**
 * The one station client of this page, bound to the current route's role (and window). Binding to
 * another role/window closes the old connection and opens a new one; pages never create clients.
 */
export const useApiStore = defineStore('api', () => {
  const client = shallowRef<StationClient | null>(null);
  const connection = ref<ConnectionState>('closed');
  /** Increments whenever the connection comes back after a drop (and on every re-bind). */
  const generation = ref(0);
  let offState: (() => void) | null = null;

  function bind(role: Role, windowNo: number | null): StationClient {
    const current = client.value;
    if (current && current.role === role && current.windowNo === windowNo && current.state() !== 'closed')
      return current;
    unbind();
    const next = createApiClient(role, windowNo);
    connection.value = next.state();
    offState = next.onState((state, { reconnected }) => {
      connection.value = state;
      if (reconnected) generation.value++;
    });
    client.value = next;
    generation.value++;
    return next;
  }

  function unbind(): void {
    offState?.();
    offState = null;
    client.value?.close();
    client.value = null;
    connection.value = 'closed';
  }

  return { client, connection, generation, bind, unbind };
});
