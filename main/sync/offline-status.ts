import type { SyncStatus } from '@common/api/schemas';
import type { Storage } from '../storage/storage';

/** The sync status of a station that runs alone: never online, with what it would push. */
export async function offlineStatus(storage: Storage): Promise<SyncStatus> {
  const c = await storage.run('syncCounters');
  return {
    online: false,
    pending: c.pending,
    lastSyncAt: null,
    lastError: '未连接中心 (no central configured)',
    cursor: c.cursor,
  };
}
