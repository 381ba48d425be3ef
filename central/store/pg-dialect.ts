import { MessageChannel, receiveMessageOnPort, type Worker } from 'node:worker_threads';
import type { SqlTx } from '@common/mutators/sql';
import { spawnWorker } from '../../node/worker/spawn-worker';
import { PG_SCHEMA } from './pg-schema';
import type { SqlDialect } from './sql-dialect';

type Reply =
  { ok: true; rows: Record<string, unknown>[]; changes: number } | { ok: false; message: string; code: string | null };

/** A PostgreSQL error carried back across the bridge (SQLSTATE in `sqlState`). */
export class PgQueryError extends Error {
  constructor(
    message: string,
    readonly sqlState: string | null,
  ) {
    super(message);
  }
}

const QUERY_TIMEOUT_MS = 30_000;

function spawnPgWorker(workerData: unknown, transfer: Transferable[]): Worker {
  return spawnWorker(import.meta.url, 'pg-worker', { workerData, transferList: transfer as never });
}

/** `?` placeholders → `$1…$n` (the mutators' SQL has no `?` inside string literals). */
export function toPgPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/**
 * PostgreSQL behind the same synchronous SqlTx the mutators are written against: queries go to a
 * worker thread running `pg`, and this thread blocks on a shared flag until the answer is back.
 * The central already serialises every batch in one transaction, so blocking costs nothing the
 * SQLite backend does not cost too, and the mutators stay one code path for both backends.
 */
export function pgDialect(url: string): SqlDialect {
  const flag = new SharedArrayBuffer(4);
  const signal = new Int32Array(flag);
  const { port1, port2 } = new MessageChannel();
  const worker = spawnPgWorker({ url, port: port2, flag }, [port2]);
  worker.unref();
  let closed = false;

  const exchange = (message: unknown): Reply => {
    if (closed) throw new Error('postgres store is closed');
    Atomics.store(signal, 0, 0);
    port1.postMessage(message);
    if (Atomics.wait(signal, 0, 0, QUERY_TIMEOUT_MS) === 'timed-out') throw new Error('postgres query timed out');
    const got = receiveMessageOnPort(port1);
    if (!got) throw new Error('postgres bridge: no reply');
    return got.message as Reply;
  };
  const query = (sql: string, params: unknown[]): { rows: Record<string, unknown>[]; changes: number } => {
    const r = exchange({ sql: toPgPlaceholders(sql), params });
    if (!r.ok) throw new PgQueryError(r.message, r.code);
    return r;
  };

  const tx: SqlTx = {
    get: <T>(sql: string, ...params: unknown[]) => query(sql, params).rows[0] as T | undefined,
    all: <T>(sql: string, ...params: unknown[]) => query(sql, params).rows as T[],
    run: (sql: string, ...params: unknown[]) => ({ changes: query(sql, params).changes }),
  };

  let depth = 0;
  const transaction = <T>(fn: () => T): T => {
    const sp = `sp${depth}`;
    query(depth === 0 ? 'BEGIN' : `SAVEPOINT ${sp}`, []);
    depth++;
    try {
      const out = fn();
      depth--;
      query(depth === 0 ? 'COMMIT' : `RELEASE SAVEPOINT ${sp}`, []);
      return out;
    } catch (e) {
      depth--;
      query(depth === 0 ? 'ROLLBACK' : `ROLLBACK TO SAVEPOINT ${sp}`, []);
      throw e;
    }
  };

  for (const statement of PG_SCHEMA) query(statement, []);
  return {
    name: 'postgres',
    tx,
    transaction,
    bindHall: (hallId) => void query("SELECT set_config('hall.id', ?, true)", [hallId]),
    close: () => {
      if (closed) return;
      exchange({ close: true });
      closed = true;
      port1.close();
      void worker.terminate();
    },
  };
}
