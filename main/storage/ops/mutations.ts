import { applyMutation, type MutationName } from '@common/mutators';
import type { SyncedEntity } from '@common/mutators/sql';
import type { WorkerState } from '../worker-state';
import { getSyncState, setSyncState } from './sync-state';
import { outboxEntry } from '../../../node/sync/mutation-digest';

/**
 * A domain write on the station: apply the mutation to the local tables and record it in the
 * sync outbox, in one transaction — so nothing is written that will not also be synced.
 */
export function mutate(
  s: WorkerState,
  a: { name: MutationName; args: unknown; now: string },
): { mutationId: number; changed: { entity: SyncedEntity; id: string }[] } {
  const changed: { entity: SyncedEntity; id: string }[] = [];
  return s.db.transaction(() => {
    applyMutation({ tx: s.tx, side: 'station', changed: (entity, id) => changed.push({ entity, id }) }, a.name, a.args);
    const mutationId = nextMutationId(s);
    // The rows it changed are kept with it: if the central rejects it, they are undone (see recordRejections).
    const entry = outboxEntry(a.name, a.args);
    s.tx.run(
      'INSERT INTO sync_outbox (mutation_id, name, args, created_at, changed, digest) VALUES (?, ?, ?, ?, ?, ?)',
      mutationId,
      a.name,
      entry.args,
      a.now,
      JSON.stringify(changed),
      entry.digest,
    );
    return { mutationId, changed };
  })();
}

/** Mutation ids are monotonic per client and never reused, even after the outbox is trimmed. */
function nextMutationId(s: WorkerState): number {
  const next = Number(getSyncState(s, 'last_mutation_id') ?? 0) + 1;
  setSyncState(s, 'last_mutation_id', String(next));
  return next;
}
