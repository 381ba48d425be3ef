/**
 * Durable print jobs. A PrintJobStore is the PrintQueue's store plus a short history: `remove` is
 * called only once the printer confirmed a job, so a durable store keeps the job as *printed*
 * (for reprint) instead of forgetting it. Pending jobs survive a restart and are sent first.
 */
import type { PrintQueueStore, QueuedPrintJob } from './print-queue';

export interface StoredPrintJob extends QueuedPrintJob {
  state: 'pending' | 'printed';
  printedAt: string | null;
}

export interface PrintJobStore extends PrintQueueStore {
  /** A job by id, pending or printed (null when unknown or pruned). */
  get(id: string): Promise<StoredPrintJob | null>;
  /** Printed jobs, newest first, for "reprint a recent receipt". */
  recent(limit: number): Promise<StoredPrintJob[]>;
  close(): void;
}
