import type { Worker } from 'node:worker_threads';
import { AppFailure } from '@common/result';
import { spawnWorker } from '../../node/worker/spawn-worker';
import { StorageOpenError, type StorageOpenErrorCode } from '../../node/sqlite/open-database';
import type { OpArgs, OpName, OpResult } from './ops';
import type { WorkerReply } from './worker';

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
    { resolve(v: unknown): void; reject(e: Error): void; onCommitted?: () => void }
  >();

  private constructor(
    private readonly worker: Worker,
    readonly stationId: string,
    readonly hallId: string,
  ) {
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
    worker.on('error', (e) => this.failAll(e));
    worker.on('exit', () => this.failAll(new Error('storage worker exited')));
  }

  /**
   * `extraOps`: the URL of a module whose `OPS` the worker adds to its table, for benches and tests
   * that need ops production must not ship (they reach them with `runExtra`).
   */
  static async open(file: string, opts: { defaultHallId?: string; extraOps?: string } = {}): Promise<Storage> {
    const worker = spawnStorageWorker({ file, defaultHallId: opts.defaultHallId ?? 'H001', extraOps: opts.extraOps });
    const first = await new Promise<{
      ready: boolean;
      stationId?: string;
      hallId?: string;
      code?: string;
      message?: string;
    }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    if (!first.ready) {
      await worker.terminate();
      throw new StorageOpenError(
        (first.code ?? 'corrupt') as StorageOpenErrorCode,
        file,
        first.message ?? 'cannot open database',
      );
    }
    return new Storage(worker, first.stationId!, first.hallId!);
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
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, op, args: args[0] });
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
    await new Promise<void>((resolve) => {
      const done = () => resolve();
      this.worker.once('exit', done);
      this.worker.on('message', (m: { closed?: boolean }) => {
        if (m.closed) void this.worker.terminate();
      });
      this.worker.postMessage({ close: true });
    });
  }

  private failAll(e: Error): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }
}
