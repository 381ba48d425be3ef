import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { AppFailure } from '../../common/result';
import { StorageOpenError, classifyOpenError, openDatabase } from './open-database';
import { OPS, type OpName } from './ops';
import { sqliteTx } from './sqlite-tx';
import type { WorkerState } from './worker-state';

/**
 * The storage worker: the only thread that touches SQLite, so the station's event loop never
 * waits on a query (Signal runs its SQL the same way). Messages: {id, op, args} → {id, ok, ...}.
 */
export interface WorkerRequest {
  id: number;
  op: OpName;
  args: unknown;
}
export type WorkerReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { kind: 'app' | 'internal'; code: string; message: string; field?: string } };

const port = parentPort!;
const { file, defaultHallId } = workerData as { file: string; defaultHallId: string };

let state: WorkerState;
try {
  const db = openDatabase(file);
  const tx = sqliteTx(db);
  let stationId = tx.get<{ value: string }>(`SELECT value FROM sync_state WHERE key = 'client_id'`)?.value;
  if (!stationId) {
    stationId = `st-${randomUUID()}`;
    tx.run(`INSERT INTO sync_state (key, value) VALUES ('client_id', ?)`, stationId);
  }
  const hallId = tx.get<{ id: string }>('SELECT id FROM halls ORDER BY id LIMIT 1')?.id ?? defaultHallId;
  state = { db, tx, hallId, stationId };
  port.postMessage({ ready: true, stationId, hallId });
} catch (e) {
  const typed = e instanceof StorageOpenError ? e : classifyOpenError(file, e);
  port.postMessage({ ready: false, code: typed?.code ?? 'internal', message: typed?.message ?? (e instanceof Error ? e.message : String(e)) });
  process.exit(0);
}

port.on('message', (req: WorkerRequest | { close: true }) => {
  if ('close' in req) {
    state.db.close();
    port.postMessage({ closed: true });
    return;
  }
  let reply: WorkerReply;
  try {
    const op = OPS[req.op] as (s: WorkerState, a: unknown) => unknown;
    if (!op) throw new Error(`unknown storage op ${String(req.op)}`);
    reply = { id: req.id, ok: true, value: op(state, req.args) };
  } catch (e) {
    reply =
      e instanceof AppFailure
        ? { id: req.id, ok: false, error: { kind: 'app', code: e.code, message: e.message, field: e.field } }
        : { id: req.id, ok: false, error: { kind: 'internal', code: (e as { code?: string }).code ?? 'internal', message: e instanceof Error ? e.message : String(e) } };
  }
  port.postMessage(reply);
});
