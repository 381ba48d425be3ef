import { defineStore } from 'pinia';
import { ref, shallowRef, watch } from 'vue';
import type { StationInfo, SyncStatus } from '@common/api/schemas';
import type { AppError } from '@common/result';
import { useApiStore } from './api';
import { setHallTimeZone } from '../utils/time';

/** This station's identity (hall name, version) and its sync status with the central. */
export const useStationStore = defineStore('station', () => {
  const api = useApiStore();
  const info = shallowRef<StationInfo | null>(null);
  const sync = shallowRef<SyncStatus | null>(null);
  const error = ref<AppError | null>(null);
  let offSync: (() => void) | null = null;
  let loadedFor: unknown = null;

  async function load(): Promise<void> {
    const client = api.client;
    if (!client) return;
    const result = await client.call('station.info', {});
    if (api.client !== client) return;
    if (result.ok) {
      info.value = result.value;
      setHallTimeZone(result.value.timeZone);
      sync.value = result.value.sync;
      error.value = null;
    } else {
      error.value = result.error;
    }
  }

  /** Load once per connection and keep `sync` current from `sync.status` events. */
  function ensure(): void {
    const client = api.client;
    if (!client || loadedFor === client) return;
    loadedFor = client;
    offSync?.();
    offSync = client.on('sync.status', (status) => {
      sync.value = status;
    });
    void load();
  }

  watch(
    () => api.generation,
    () => {
      if (loadedFor && loadedFor === api.client) void load();
      else loadedFor = null;
    },
  );

  return { info, sync, error, load, ensure };
});
