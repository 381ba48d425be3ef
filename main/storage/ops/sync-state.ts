import type { WorkerState } from '../worker-state';

/** The station's sync bookkeeping (client id, cursor, checkpoint checksum, last mutation id). */
export const getSyncState = (s: WorkerState, key: string): string | null =>
  s.tx.get<{ value: string }>('SELECT value FROM sync_state WHERE key = ?', key)?.value ?? null;

export const setSyncState = (s: WorkerState, key: string, value: string): void => {
  s.tx.run(
    'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    key,
    value,
  );
};
