import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { AppFailure, type AppError } from '@common/result';
import { StorageOpenError, classifyOpenError, openDatabase } from '../../node/sqlite/open-database';
import { idleCheckpointer } from './idle-checkpoint';
import { OPS } from './ops';
import { READ_ONLY_OPS } from './ops/read-only';
import { sqliteTx } from '../../node/sqlite/sqlite-tx';
import type { WorkerState } from './worker-state';

/**
 * The storage worker: the only thread that touches SQLite, so the station's event loop never
 * waits on a query (Signal runs its SQL the same way). Messages: {id, op, args} → {id, ok, ...}.
 */
export interface WorkerRequest {
  id: number;
  /** An op of OPS, or of the extra module the storage was opened with. */
  op: string;
  args: unknown;
}
export type WorkerReply =
  | { id: number; committed: true }
  | { id: number; ok: true; value: unknown }
  | {
      id: number;
      ok: false;
      error: ({ kind: 'app' } & AppError) | { kind: 'internal'; code: string; message: string };
    };

const port = parentPort!;
const { file, defaultHallId, backupTo, extraOps, reader } = workerData as {
  file: string;
  defaultHallId: string;
  backupTo?: string;
  /** Reader mode: a read-only connection that runs only READ_ONLY_OPS (long report queries). */
  reader?: boolean;
  /** A module whose `OPS` a bench or test adds to the production table (never names one of it). */
  extraOps?: string;
};
type Op = (s: WorkerState, a: never) => unknown;
let ops: Readonly<Record<string, Op>> = OPS;

if (backupTo) {
  // Backup mode: a separate reader connection (WAL lets it run beside the writer), one consistent
  // copy with VACUUM INTO, then exit. The storage worker's queries never wait on it.
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    db.prepare('VACUUM INTO ?').run(backupTo);
    db.close();
    port.postMessage({ ready: true, backedUp: backupTo });
  } catch (e) {
    port.postMessage({ ready: false, code: 'internal', message: e instanceof Error ? e.message : String(e) });
  }
  process.exit(0);
}

let state: WorkerState;
let checkpoints: Pick<ReturnType<typeof idleCheckpointer>, 'served' | 'stop'>;

/**
 * Reader mode: opened after the writer (which made the schema, the WAL and the client id), read-only;
 * it waits out a writer's checkpoint rather than failing, and checkpoints nothing itself.
 */
function openReader(): void {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    const tx = sqliteTx(db);
    const stationId = tx.get<{ value: string }>(`SELECT value FROM sync_state WHERE key = 'client_id'`)?.value ?? '';
    const hallId = tx.get<{ id: string }>('SELECT id FROM halls ORDER BY id LIMIT 1')?.id ?? defaultHallId;
    state = { db, tx, hallId, stationId, committed: () => {} };
    checkpoints = { served: () => {}, stop: () => {} };
    ops = Object.fromEntries(Object.entries(OPS).filter(([name]) => READ_ONLY_OPS.has(name)));
    port.postMessage({ ready: true, stationId, hallId });
  } catch (e) {
    port.postMessage({ ready: false, code: 'internal', message: e instanceof Error ? e.message : String(e) });
    process.exit(0);
  }
}

function open(): void {
  if (reader) return openReader();
  try {
    const db = openDatabase(file);
    checkpoints = idleCheckpointer(db);
    const tx = sqliteTx(db);
    let stationId = tx.get<{ value: string }>(`SELECT value FROM sync_state WHERE key = 'client_id'`)?.value;
    if (!stationId) {
      stationId = `st-${randomUUID()}`;
      tx.run(`INSERT INTO sync_state (key, value) VALUES ('client_id', ?)`, stationId);
    }
    const hallId = tx.get<{ id: string }>('SELECT id FROM halls ORDER BY id LIMIT 1')?.id ?? defaultHallId;
    state = { db, tx, hallId, stationId, committed: () => {} };
    port.postMessage({ ready: true, stationId, hallId });
  } catch (e) {
    const typed = e instanceof StorageOpenError ? e : classifyOpenError(file, e);
    port.postMessage({
      ready: false,
      code: typed?.code ?? 'internal',
      message: typed?.message ?? (e instanceof Error ? e.message : String(e)),
    });
    process.exit(0);
  }
}

// Requests come only after `ready`, so the extra ops are in the table before the first one.
if (extraOps)
  import(extraOps)
    .then((m: { OPS: Record<string, Op> }) => {
      const clash = Object.keys(m.OPS).find((name) => Object.hasOwn(OPS, name));
      if (clash) throw new Error(`extra storage op ${clash} would replace a production op`);
      ops = { ...OPS, ...m.OPS };
    })
    .then(open, (e: unknown) => {
      port.postMessage({ ready: false, code: 'internal', message: `extra storage ops: ${String(e)}` });
      process.exit(0);
    });
else open();

port.on('message', (req: WorkerRequest | { close: true }) => {
  if ('close' in req) {
    checkpoints.stop();
    state.db.close();
    port.postMessage({ closed: true });
    return;
  }
  const fail = (e: unknown): WorkerReply => {
    const failure = e instanceof AppFailure ? e : storageFull(e);
    return failure
      ? { id: req.id, ok: false, error: { kind: 'app', ...failure.toError() } }
      : {
          id: req.id,
          ok: false,
          error: {
            kind: 'internal',
            code: (e as { code?: string }).code ?? 'internal',
            message: e instanceof Error ? e.message : String(e),
          },
        };
  };
  checkpoints.served();
  let value: unknown;
  let notified = false;
  state.committed = () => {
    if (notified) return;
    notified = true;
    port.postMessage({ id: req.id, committed: true } satisfies WorkerReply);
  };
  try {
    const op = Object.hasOwn(ops, req.op) ? ops[req.op] : undefined;
    if (!op) throw new Error(`unknown storage op ${String(req.op)}`);
    value = (op as (s: WorkerState, a: unknown) => unknown)(state, req.args);
  } catch (e) {
    port.postMessage(fail(e));
    return;
  }
  // An op that waits for work the worker does in slices (the name index build) answers later.
  if (value instanceof Promise)
    value.then(
      (v: unknown) => port.postMessage({ id: req.id, ok: true, value: v }),
      (e: unknown) => port.postMessage(fail(e)),
    );
  else port.postMessage({ id: req.id, ok: true, value } satisfies WorkerReply);
});

/** A full disk is an operating condition, not a bug: a typed error the station can show and retry. */
function storageFull(e: unknown): AppFailure | null {
  const code = (e as { code?: string }).code;
  if (code !== 'SQLITE_FULL' && code !== 'ENOSPC') return null;
  return new AppFailure('storage_error', 'station.storageFull');
}
