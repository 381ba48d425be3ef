import type { WorkerState } from '../worker-state';
import { setSyncState } from './sync-state';

/**
 * The central compacted its change log past this station's cursor (`cursor_too_old`): start over
 * from the streamed snapshot. Only the checkpoint moves; the outbox stays as it is, and the pull
 * after the snapshot replays what is still pending on top of the central's rows (applyPull's rebase).
 */
export function restartFromSnapshot(s: WorkerState): { pending: number } {
  return s.db.transaction(() => {
    setSyncState(s, 'cursor', '0');
    setSyncState(s, 'checkpoint_checksum', '');
    s.tx.run("DELETE FROM sync_state WHERE key = 'snapshot_upto'");
    return { pending: s.tx.get<{ n: number }>('SELECT count(*) AS n FROM sync_outbox')?.n ?? 0 };
  })();
}
