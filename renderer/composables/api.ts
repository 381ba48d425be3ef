import { getCurrentScope, onScopeDispose, watch } from 'vue';
import { useRoute } from 'vue-router';
import type { EventName, EventPayload } from '@common/api/contract';
import type { StationClient } from '../api/client';
import { parseWindowParam } from '../routes/params';
import { useApiStore } from '../stores/api';

/**
 * The typed station client for the current route's role (and `:window`). Idempotent: every
 * component of a page gets the same client; a new role or window opens a new connection.
 */
export function useApi(): StationClient {
  const route = useRoute();
  const role = route.meta.role;
  if (!role) throw new Error(`route ${route.path} has no station role`);
  const param = route.params.window === undefined ? null : parseWindowParam(route.params.window);
  const windowNo = param && param.ok ? param.windowNo : null;
  return useApiStore().bind(role, windowNo);
}

/** Subscribe to a station event for the lifetime of the calling component (or effect scope). */
export function useApiEvent<E extends EventName>(
  client: StationClient,
  event: E,
  listener: (payload: EventPayload<E>) => void,
): () => void {
  const off = client.on(event, listener);
  if (getCurrentScope()) onScopeDispose(off);
  return off;
}

/** Run `fn` whenever the connection comes back after a drop (a reconnect loses the host-side state). */
export function useOnReconnect(fn: () => void): void {
  const api = useApiStore();
  watch(
    () => api.generation,
    (now, before) => {
      if (now !== before) fn();
    },
  );
}
