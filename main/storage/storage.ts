import type { Worker } from 'node:worker_threads';
import { AppFailure } from '@common/result';
import { spawnWorker } from '../../node/worker/spawn-worker';
import { StorageOpenError, type StorageOpenErrorCode } from '../../node/sqlite/open-database';
import type { OpArgs, OpName, OpResult } from './ops';
import type { WorkerReply } from './worker';
import { READ_ONLY_OPS } from './ops/read-only';

function spawnStorageWorker(workerData: unknown): Worker {
  return spawnWorker(import.meta.url, 'worker', { workerData });
}

/**
 * The station's handle on its database: every call is a message to the storage worker and a
 * promise back. Application failures come back as AppFailure; anything else as an Error.
 */
export class Storage {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve(v: unknown): void; reject(e: Error): void; onCommitted?: () => void; on?: Worker }
  >();

  private constructor(
    private readonly worker: Worker,
    readonly stationId: string,
    readonly hallId: string,
    /** The reader connection's worker (READ_ONLY_OPS); null: every op runs on the writer. */
    private readonly reader: Worker | null = null,
  ) {
    this.listen(worker);
    if (reader) this.listen(reader);
  }

  private listen(worker: Worker): void {
    worker.on('message', (m: WorkerReply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      if ('committed' in m) {
        p.onCommitted?.();
        return;
      }
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.value);
      else if (m.error.kind === 'app') p.reject(AppFailure.fromError(m.error));
      else p.reject(Object.assign(new Error(m.error.message), { code: m.error.code }));
    });
    worker.on('error', (e) => this.failAll(worker, e));
    worker.on('exit', () => this.failAll(worker, new Error('storage worker exited')));
  }

  private static async started(worker: Worker) {
    return new Promise<{ ready: boolean; stationId?: string; hallId?: string; code?: string; message?: string }>(
      (resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      },
    );
  }

  /**
   * `extraOps`: the URL of a module whose `OPS` the worker adds to its table, for benches and tests
   * that need ops production must not ship (they reach them with `runExtra`).
   */
  static async open(
    file: string,
    opts: { defaultHallId?: string; extraOps?: string; readerConnection?: boolean } = {},
  ): Promise<Storage> {
    const defaultHallId = opts.defaultHallId ?? 'H001';
    const worker = spawnStorageWorker({ file, defaultHallId, extraOps: opts.extraOps });
    const first = await Storage.started(worker);
    if (!first.ready) {
      await worker.terminate();
      throw new StorageOpenError(
        (first.code ?? 'corrupt') as StorageOpenErrorCode,
        file,
        first.message ?? 'cannot open database',
      );
    }
    // The reader opens after the writer has made the schema and the WAL it reads through. A reader
    // that cannot open leaves every op on the writer: slower reports, never a station that won't start.
    let reader: Worker | null = null;
    if (opts.readerConnection !== false) {
      reader = spawnStorageWorker({ file, defaultHallId, reader: true });
      const ready = await Storage.started(reader).catch(() => ({ ready: false }));
      if (!ready.ready) {
        await reader.terminate();
        reader = null;
      }
    }
    return new Storage(worker, first.stationId!, first.hallId!, reader);
  }

  /** Write a consistent copy of the database to `target` from a short-lived worker of its own. */
  static async backup(file: string, target: string): Promise<void> {
    const worker = spawnStorageWorker({ file, backupTo: target });
    const reply = await new Promise<{ ready: boolean; message?: string }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    if (!reply.ready) throw new Error(`backup of ${file} failed: ${reply.message}`);
  }

  run<N extends OpName>(op: N, ...args: OpArgs<N> extends undefined ? [] : [OpArgs<N>]): Promise<OpResult<N>> {
    const id = this.nextId++;
    const target = this.reader && READ_ONLY_OPS.has(op) ? this.reader : this.worker;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, on: target });
      target.postMessage({ id, op, args: args[0] });
    });
  }

  /** An op of the `extraOps` module this storage was opened with. */
  runExtra(op: string, args?: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, op, args });
    });
  }

  /**
   * `run`, and `onCommitted` as soon as the op's write is committed (ops that call `s.committed()`),
   * before the reply: the caller raises its event while the worker finishes the op's reads.
   */
  runCommitted<N extends OpName>(op: N, args: OpArgs<N>, onCommitted: () => void): Promise<OpResult<N>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onCommitted });
      this.worker.postMessage({ id, op, args });
    });
  }

  async close(): Promise<void> {
    await this.reader?.terminate();
    await new Promise<void>((resolve) => {
      const done = () => resolve();
      this.worker.once('exit', done);
      this.worker.on('message', (m: { closed?: boolean }) => {
        if (m.closed) void this.worker.terminate();
      });
      this.worker.postMessage({ close: true });
    });
  }

  /** A worker that failed or exited takes its own unanswered calls with it (writer: those without `on`). */
  private failAll(worker: Worker, e: Error): void {
    for (const [id, p] of this.pending)
      if ((p.on ?? this.worker) === worker) {
        p.reject(e);
        this.pending.delete(id);
      }
  }
}
