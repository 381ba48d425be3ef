import { isErrorKey, type ErrorKey, type ErrorParams } from '@common/errors';
import { applyMutation } from '@common/mutators';
import { isMoneyEntity, SYNCED_ENTITIES, type SyncedEntity } from '@common/mutators/sql';
import {
  isChange,
  SNAPSHOT_CHANGES_KEY,
  SNAPSHOT_PAGE_PREFIX,
  SnapshotPageEnvelope,
  type Change,
  type ClientMutation,
  type PullResponse,
  type Rejection,
} from '@common/sync/protocol';
import { batchChecksum, checksumKind, snapshotPageChecksum } from '../../../node/sync/checksum';
import type { Statement } from 'better-sqlite3';
import type { WorkerState } from '../worker-state';
import { getSyncState, setSyncState } from './sync-state';
import { applyMoneyChange, undoPendingAllocations } from './money-sync';

/** Pending mutations in order, `after` a mutation id already sent in this cycle. */
export function outbox(s: WorkerState, a: { limit: number; after?: number }): ClientMutation[] {
  return s.tx
    .all<{ mutation_id: number; name: string; args: string; created_at: string }>(
      'SELECT * FROM sync_outbox WHERE mutation_id > ? ORDER BY mutation_id LIMIT ?',
      a.after ?? 0,
      a.limit,
    )
    .map((r) => ({ id: r.mutation_id, name: r.name, args: JSON.parse(r.args) as unknown, createdAt: r.created_at }));
}

/**
 * The next push batch: the UTF-8 bytes of its mutations array, built by SQLite from the outbox's
 * stored JSON in one statement (never decoded, parsed, re-serialised or encoded again; one buffer
 * instead of three per row, half the cost), at most `limit` mutations and about `maxBytes` (always
 * at least one), so a batch of large mutations stays under the central's body limit. `more` says
 * the outbox holds more after it. `backlog` is the outbox from this batch on, read from the ids
 * (consecutive, but for gaps rejected mutations left) instead of counting the rows: a count of a
 * long outbox took ~3 µs per row before the first batch.
 */
export function outboxBatch(
  s: WorkerState,
  a: { limit: number; maxBytes: number; after?: number },
): { mutations: Uint8Array; count: number; lastId: number; more: boolean; backlog: number } {
  const after = a.after ?? 0;
  const batch = s.tx.get<{ mutations: Buffer | null; count: number; last_id: number | null }>(
    OUTBOX_BATCH_SQL,
    after,
    a.limit,
    a.maxBytes,
    after,
  )!;
  const newest = batch.count
    ? (s.tx.get<{ id: number }>('SELECT max(mutation_id) AS id FROM sync_outbox')?.id ?? after)
    : after;
  const lastId = batch.last_id ?? after;
  return {
    mutations: batch.mutations ?? EMPTY_ARRAY,
    count: batch.count,
    lastId,
    more: batch.count > 0 && lastId < newest,
    backlog: Math.max(0, newest - after),
  };
}
/**
 * A mutation's bytes in a batch, for the byte cap: its arguments, id, name, createdAt and digest,
 * plus the keys, quotes and commas around them (53 bytes; 64 leaves room for escapes in a name).
 * Counted, not estimated: a batch over the central's body limit would be refused on every retry.
 */
const MUTATION_BYTES =
  'length(CAST(args AS BLOB)) + length(mutation_id) + length(CAST(name AS BLOB)) + length(CAST(created_at AS BLOB)) + coalesce(length(digest), 0) + 64';
const OUTBOX_BATCH_SQL = `
  SELECT CAST('[' || group_concat('{"id":' || mutation_id || ',"name":' || json_quote(name) || ',"args":' || args || ',"createdAt":' || json_quote(created_at) || CASE WHEN digest IS NULL THEN '' ELSE ',"digest":' || json_quote(digest) END || '}', ',' ORDER BY mutation_id) || ']' AS BLOB) AS mutations,
         count(*) AS count, max(mutation_id) AS last_id
  FROM (SELECT mutation_id, name, args, created_at, digest, sum(${MUTATION_BYTES}) OVER (ORDER BY mutation_id) AS bytes
        FROM sync_outbox WHERE mutation_id > ? ORDER BY mutation_id LIMIT ?)
  WHERE bytes <= ? OR mutation_id = (SELECT min(mutation_id) FROM sync_outbox WHERE mutation_id > ?)`;
const EMPTY_ARRAY = Buffer.from('[]');

export interface LastRejection {
  name: string;
  code: string;
  message: string;
  /** Why, as a catalog key and its parameters (common/errors), when the central named one. */
  key?: ErrorKey;
  params?: ErrorParams;
  at: string;
}

export function syncCounters(s: WorkerState): {
  pending: number;
  cursor: number;
  rejected: number;
  lastRejection: LastRejection | null;
} {
  return {
    lastRejection: lastRejection(s),
    pending: s.tx.get<{ n: number }>('SELECT count(*) AS n FROM sync_outbox')?.n ?? 0,
    cursor: Number(getSyncState(s, 'cursor') ?? 0),
    rejected: s.tx.get<{ n: number }>('SELECT count(*) AS n FROM sync_rejected')?.n ?? 0,
  };
}

function lastRejection(s: WorkerState): LastRejection | null {
  const row = s.tx.get<{
    name: string;
    code: string;
    message: string;
    error_key: string | null;
    error_params: string | null;
    at: string;
  }>(
    'SELECT name, code, message, error_key, error_params, at FROM sync_rejected ORDER BY at DESC, mutation_id DESC LIMIT 1',
  );
  if (!row) return null;
  const { name, code, message, at } = row;
  return isErrorKey(row.error_key)
    ? { name, code, message, key: row.error_key, params: JSON.parse(row.error_params ?? '{}') as ErrorParams, at }
    : { name, code, message, at };
}

/**
 * Rejected mutations leave the outbox (so they block nothing) and are kept, visible, in sync_rejected.
 * What a rejected mutation did optimistically is undone: the rows it changed are dropped and the
 * checkpoint goes back to the start, in one transaction, so the next pull restores every row the
 * central has (rows only the rejected mutation made, like the losing counter's call, stay gone)
 * and replays the rest of the outbox on top. Without this the loser of a conflict kept a row no
 * one else has, forever (found by tests/faults/sync-convergence.test.ts). The price is one full
 * re-pull per rejection; rejections are conflicts, rare by nature.
 */
export function recordRejections(s: WorkerState, a: { rejected: Rejection[]; now: string }): void {
  s.db.transaction(() => {
    let undone = false;
    for (const r of a.rejected) {
      const m = s.tx.get<{ name: string; args: string; changed: string | null }>(
        'SELECT name, args, changed FROM sync_outbox WHERE mutation_id = ?',
        r.id,
      );
      if (!m) continue;
      const changed = JSON.parse(m.changed ?? '[]') as { entity: SyncedEntity; id: string }[];
      // Money: a rejected step's pending allocations come back out of the bills and balance they
      // went to; the bill and customer rows themselves stay (the re-pull brings the central's).
      if (
        undoPendingAllocations(
          s.tx,
          changed.filter((c) => c.entity === 'paymentAllocation').map((c) => c.id),
        )
      )
        undone = true;
      for (const c of changed) {
        if (!Object.hasOwn(SYNCED_ENTITIES, c.entity) || isMoneyEntity(c.entity)) continue;
        const { table, key } = SYNCED_ENTITIES[c.entity];
        s.tx.run(`DELETE FROM ${table} WHERE ${key} = ?`, c.id);
        undone = true;
      }
      s.tx.run(
        'INSERT OR REPLACE INTO sync_rejected (mutation_id, name, args, code, message, error_key, error_params, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        r.id,
        m.name,
        m.args,
        r.code,
        r.message,
        r.key ?? null,
        r.key === undefined ? null : JSON.stringify(r.params ?? {}),
        a.now,
      );
      s.tx.run('DELETE FROM sync_outbox WHERE mutation_id = ?', r.id);
    }
    if (undone) {
      setSyncState(s, 'cursor', '0');
      setSyncState(s, 'checkpoint_checksum', '');
    }
  })();
}

export interface AppliedChange {
  entity: SyncedEntity;
  id: string;
  row: Record<string, unknown>;
  isNew: boolean;
}

/** Allowed columns per synced table, read from the schema once: a pulled row cannot name others. */
function columnsOf(s: WorkerState, table: string): Set<string> {
  return new Set(s.tx.all<{ name: string }>(`SELECT name FROM pragma_table_info('${table}')`).map((c) => c.name));
}

/**
 * Apply a pull batch: server rows overwrite local ones, the checkpoint moves in the same
 * transaction, acknowledged mutations leave the outbox, and the rest are replayed on top
 * (Replicache's rebase) so an optimistic local change is not lost under an older server row.
 */
export function applyPull(s: WorkerState, a: { response: PullResponse }): { applied: AppliedChange[]; cursor: number } {
  const r = a.response;
  if (batchChecksum(r.cursor, r.changes, checksumKind(r.checksum)) !== r.checksum)
    throw new Error('pull batch checksum mismatch: refusing to apply');
  return s.db.transaction(() => {
    const applied = applyChanges(s, r.changes);
    setSyncState(s, 'cursor', String(r.cursor));
    setSyncState(s, 'checkpoint_checksum', r.checksum);
    s.tx.run('DELETE FROM sync_outbox WHERE mutation_id <= ?', r.lastMutationId);
    for (const m of outbox(s, { limit: 1_000_000 })) {
      try {
        s.db.transaction(() => applyMutation({ tx: s.tx, side: 'station', changed: () => {} }, m.name, m.args))();
      } catch {
        // It no longer applies locally (e.g. the ticket was called elsewhere); the central will
        // reject it on push and the station shows the rejection.
      }
    }
    return { applied, cursor: r.cursor };
  })();
}

/** Server rows overwrite local ones; a row may carry only its table's columns and must match its id. */
function applyChanges(s: WorkerState, changes: readonly Change[], report = true): AppliedChange[] {
  const columns = new Map<string, Set<string>>();
  const writes = new Map<SyncedEntity, RowWrite>();
  const applied: AppliedChange[] = [];
  for (const c of changes) {
    const { table, key } = SYNCED_ENTITIES[c.entity];
    if (!columns.has(table)) columns.set(table, columnsOf(s, table));
    const allowed = columns.get(table)!;
    if (isMoneyEntity(c.entity)) {
      if (applyMoneyChange(s.tx, c, allowed) && report)
        applied.push({ entity: c.entity, id: c.id, row: c.row, isNew: false });
      continue;
    }
    // Rows of one entity come with the same keys in the same order (the central's JSON of its
    // table): the column list and its statement are worked out once, not per row, and a row whose
    // keys are all columns binds its values as they are. A new station applies its whole snapshot
    // here, in a worker whose JIT is still cold: the less JavaScript per row, the faster it goes.
    const row = c.row;
    let write = writes.get(c.entity);
    if (!write || !sameKeys(row, write.keys)) {
      const keys = Object.keys(row);
      const names = keys.filter((n) => allowed.has(n));
      const sql = `INSERT OR REPLACE INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`;
      write = {
        keys,
        names,
        allColumns: names.length === keys.length,
        statement: s.db.prepare(sql),
        hasKey: names.includes(key),
      };
      writes.set(c.entity, write);
    }
    if (!write.hasKey || row[key] !== c.id) throw new Error(`pull change ${c.version}: row key does not match id`);
    const isNew = report && !s.tx.get(`SELECT 1 FROM ${table} WHERE ${key} = ?`, c.id);
    write.statement.run(write.allColumns ? Object.values(row) : write.names.map((n) => row[n]));
    if (report) applied.push({ entity: c.entity, id: c.id, row, isNew });
  }
  return applied;
}

/** The row's own keys are `keys`, in that order (no array made for the comparison). */
function sameKeys(row: Record<string, unknown>, keys: readonly string[]): boolean {
  let i = 0;
  for (const k in row) if (k !== keys[i++]) return false;
  return i === keys.length;
}

interface RowWrite {
  keys: string[];
  names: string[];
  /** Every key is a column: the row's values bind in key order. */
  allColumns: boolean;
  statement: Statement;
  hasKey: boolean;
}

const SNAPSHOT_PAGE_PREFIX_BYTES = Buffer.from(SNAPSHOT_PAGE_PREFIX);
const SNAPSHOT_CHANGES_BYTES = Buffer.from(SNAPSHOT_CHANGES_KEY);
const CLOSE_BRACE = 0x7d;

/** Where this station stands in a streamed snapshot: `upto` is set while one is unfinished. */
export function snapshotState(s: WorkerState): { cursor: number; upto: number | null } {
  const upto = getSyncState(s, 'snapshot_upto');
  return { cursor: Number(getSyncState(s, 'cursor') ?? 0), upto: upto === null ? null : Number(upto) };
}

/**
 * Apply one snapshot page line with its checkpoint in the same transaction: a station killed
 * between pages resumes after the last page it committed. The line comes to the worker as the
 * bytes read off the wire (or as text); its checksum covers the exact changes text, checked on
 * those bytes before they are decoded, and the line is parsed once, here. The page must continue
 * from the checkpoint, so a page of another snapshot, or a replayed one, is refused whole.
 * Returns counts only: a snapshot replaces history, it does not announce it.
 */
export function applySnapshotPage(
  s: WorkerState,
  a: { upto: number; line: string | Uint8Array },
): { applied: number; cursor: number } {
  const bytes =
    typeof a.line === 'string'
      ? Buffer.from(a.line, 'utf8')
      : Buffer.from(a.line.buffer, a.line.byteOffset, a.line.byteLength);
  const at = bytes.indexOf(SNAPSHOT_CHANGES_BYTES);
  if (
    !bytes.subarray(0, SNAPSHOT_PAGE_PREFIX_BYTES.length).equals(SNAPSHOT_PAGE_PREFIX_BYTES) ||
    at < 0 ||
    bytes.at(-1) !== CLOSE_BRACE
  )
    throw new Error('snapshot page is malformed');
  const page = SnapshotPageEnvelope.parse(JSON.parse(bytes.toString('utf8')));
  if (
    snapshotPageChecksum(
      page.after,
      page.cursor,
      bytes.subarray(at + SNAPSHOT_CHANGES_BYTES.length, -1),
      checksumKind(page.checksum),
    ) !== page.checksum
  )
    throw new Error('snapshot page checksum mismatch: refusing to apply');
  const changes = page.changes.filter(isChange);
  if (changes.length !== page.changes.length) throw new Error('snapshot page has a malformed change');
  return s.db.transaction(() => {
    const state = snapshotState(s);
    if (state.upto !== null && state.upto !== a.upto)
      throw new Error(`snapshot page is of another snapshot (upto ${a.upto}, resuming ${state.upto})`);
    if (
      page.after !== state.cursor ||
      page.cursor > a.upto ||
      page.cursor < page.after ||
      changes.some((c) => c.version <= page.after || c.version > page.cursor)
    ) {
      throw new Error(`snapshot page ${page.after}…${page.cursor} does not follow checkpoint ${state.cursor}`);
    }
    applyChanges(s, changes, false);
    setSyncState(s, 'cursor', String(page.cursor));
    setSyncState(s, 'checkpoint_checksum', page.checksum);
    if (page.cursor >= a.upto) s.tx.run("DELETE FROM sync_state WHERE key = 'snapshot_upto'");
    else setSyncState(s, 'snapshot_upto', String(a.upto));
    return { applied: changes.length, cursor: page.cursor };
  })();
}

/** The credentials this station got at enrollment (token kept in its own database, never logged). */
export function syncCredentials(s: WorkerState): { token: string; role: string } | null {
  const token = getSyncState(s, 'auth_token');
  return token ? { token, role: getSyncState(s, 'auth_role') ?? '' } : null;
}

export function saveSyncCredentials(s: WorkerState, a: { token: string; role: string }): void {
  s.db.transaction(() => {
    setSyncState(s, 'auth_token', a.token);
    setSyncState(s, 'auth_role', a.role);
  })();
}
