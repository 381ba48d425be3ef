/**
 * Print jobs in order, none lost: a job leaves the queue only after the printer took it *and* a
 * status check afterwards found the printer still able to print. If paper ran out (or the cover
 * opened) the job stays at the head and is sent again once the printer recovers — a reprinted
 * ticket is a nuisance, a lost one is a customer without a number.
 *
 * Storage is pluggable: in memory here; the station persists it in SQLite so a restart keeps jobs.
 */
import { DeviceError, Emitter, toDeviceError, type Unsubscribe } from '../transport/transport';
import { notReadyError } from './receipt-printer';
import type { PrinterStatus } from './printer-status';
import { reportDeviceFault } from '../fault-sink';

export interface PrintJob {
  id: string;
  /** e.g. 'ticket', 'payment_receipt' — for the UI and the audit trail. */
  kind: string;
  bytes: Uint8Array;
}

export interface QueuedPrintJob extends PrintJob {
  enqueuedAt: string;
  attempts: number;
}

export interface PrintQueueStore {
  /** Oldest first. */
  list(): Promise<QueuedPrintJob[]>;
  add(job: QueuedPrintJob): Promise<void>;
  update(job: QueuedPrintJob): Promise<void>;
  remove(id: string): Promise<void>;
}

export class MemoryPrintQueueStore implements PrintQueueStore {
  private readonly jobs = new Map<string, QueuedPrintJob>();

  async list(): Promise<QueuedPrintJob[]> {
    return [...this.jobs.values()].map((job) => ({ ...job }));
  }
  async add(job: QueuedPrintJob): Promise<void> {
    if (!this.jobs.has(job.id)) this.jobs.set(job.id, { ...job });
  }
  async update(job: QueuedPrintJob): Promise<void> {
    if (this.jobs.has(job.id)) this.jobs.set(job.id, { ...job });
  }
  async remove(id: string): Promise<void> {
    this.jobs.delete(id);
  }
}

/** What the queue needs from a printer (ReceiptPrinter provides it; tests may fake it). */
export interface PrinterPort {
  print(bytes: Uint8Array): Promise<void>;
  queryStatus(): Promise<PrinterStatus>;
  waitUntilReady(signal?: AbortSignal): Promise<PrinterStatus | null>;
}

export type PrintJobEvent =
  | { type: 'queued'; job: QueuedPrintJob }
  | { type: 'printed'; job: QueuedPrintJob }
  /** The job is still queued when `willRetry` (always, today: printing never gives up by itself). */
  | { type: 'failed'; job: QueuedPrintJob; error: DeviceError; willRetry: boolean };

export interface PrintQueueOptions {
  /** Pause before retrying after a link error (timeouts, disconnects). */
  retryDelayMs?: number;
  now?: () => Date;
}

/** Waking the pump without losing a wake-up that lands between "list is empty" and "wait". */
class Wakeup {
  private version = 0;
  private waiters: (() => void)[] = [];
  get current(): number {
    return this.version;
  }
  notify(): void {
    this.version += 1;
    for (const wake of this.waiters.splice(0)) wake();
  }
  wait(seen: number, signal: AbortSignal): Promise<void> {
    if (this.version !== seen || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.waiters.push(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}

/** A timer the queue's stop() can cut short (listeners removed, so a long-lived signal doesn't leak). */
const delay = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

const NEEDS_ATTENTION = new Set(['paper_out', 'cover_open', 'offline']);

export class PrintQueue {
  private readonly events = new Emitter<PrintJobEvent>();
  private readonly wakeup = new Wakeup();
  private readonly retryDelayMs: number;
  private readonly now: () => Date;
  private controller: AbortController | null = null;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly printer: PrinterPort,
    private readonly store: PrintQueueStore = new MemoryPrintQueueStore(),
    options: PrintQueueOptions = {},
  ) {
    this.retryDelayMs = options.retryDelayMs ?? 5000;
    this.now = options.now ?? (() => new Date());
  }

  onJob(listener: (event: PrintJobEvent) => void): Unsubscribe {
    return this.events.on(listener);
  }

  /** Idempotent by id: enqueuing a job already queued changes nothing. */
  async enqueue(job: PrintJob): Promise<QueuedPrintJob> {
    const existing = (await this.store.list()).find((queued) => queued.id === job.id);
    if (existing) return existing;
    const queued: QueuedPrintJob = {
      id: job.id,
      kind: job.kind,
      bytes: job.bytes,
      enqueuedAt: this.now().toISOString(),
      attempts: 0,
    };
    await this.store.add(queued);
    this.events.emit({ type: 'queued', job: queued });
    this.wakeup.notify();
    return queued;
  }

  /**
   * Drops a job not printed yet: its customer has gone, and a slip coming out later would be
   * for nobody. False when it already left the queue (printed).
   */
  async cancel(id: string): Promise<boolean> {
    const found = (await this.store.list()).some((queued) => queued.id === id);
    if (found) await this.store.remove(id);
    return found;
  }

  pending(): Promise<QueuedPrintJob[]> {
    return this.store.list();
  }

  /** Starts sending; jobs already in the store (from before a restart) go first. */
  start(): void {
    if (this.loop) return;
    const controller = new AbortController();
    this.controller = controller;
    this.loop = this.run(controller.signal);
  }

  /** Stops after the job in flight (if any) settles; queued jobs stay in the store. */
  async stop(): Promise<void> {
    this.controller?.abort();
    await this.loop;
    this.loop = null;
    this.controller = null;
  }

  private async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.step(signal);
      } catch (error) {
        // Only the store can throw here (printer errors come back as values); keep the jobs, retry.
        reportDeviceFault('print queue storage failed', error);
        await delay(this.retryDelayMs, signal);
      }
    }
  }

  /** One pass: wait for a job, or try the head job once and recover if it failed. */
  private async step(signal: AbortSignal): Promise<void> {
    const seen = this.wakeup.current;
    const [job] = await this.store.list();
    if (!job) {
      await this.wakeup.wait(seen, signal);
      return;
    }
    const error = await this.attempt(job);
    if (!error) {
      await this.store.remove(job.id);
      this.events.emit({ type: 'printed', job });
      return;
    }
    this.events.emit({ type: 'failed', job, error, willRetry: true });
    await this.recover(error, signal);
  }

  /** One try: send, then confirm with a status query. Returns the reason it did not print. */
  private async attempt(job: QueuedPrintJob): Promise<DeviceError | null> {
    job.attempts += 1;
    await this.store.update(job);
    try {
      await this.printer.print(job.bytes);
      const after = await this.printer.queryStatus();
      const problem = notReadyError(after);
      if (problem)
        return new DeviceError(
          problem.code,
          `${problem.message} after the job was sent; it stays queued to print again`,
        );
      return null;
    } catch (error) {
      return toDeviceError(error, 'write_failed');
    }
  }

  private async recover(error: DeviceError, signal: AbortSignal): Promise<void> {
    if (NEEDS_ATTENTION.has(error.code)) {
      try {
        await this.printer.waitUntilReady(signal);
        return;
      } catch {
        // The link dropped while waiting: fall through to the timed retry.
      }
    }
    await delay(this.retryDelayMs, signal);
  }
}
