/**
 * PrintJobStore in its own small SQLite file (print-jobs.db in the station's data dir), not in
 * station.db: station.db belongs to the storage worker and its tables are synced mutators; a print
 * job is local to this station's printer, never synced, must be written before the bytes leave
 * (even while the worker is busy) and needs no shared migration. Writes are tiny, so a synchronous
 * connection on the main thread with synchronous=FULL costs little and survives power loss.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import type { PrintJobStore, StoredPrintJob } from '../../devices/printer/print-job-store';
import type { QueuedPrintJob } from '../../devices/printer/print-queue';

interface Row {
  id: string;
  kind: string;
  bytes: Buffer;
  enqueued_at: string;
  attempts: number;
  state: 'pending' | 'printed';
  printed_at: string | null;
}

const toJob = (r: Row): StoredPrintJob => ({
  id: r.id,
  kind: r.kind,
  bytes: new Uint8Array(r.bytes),
  enqueuedAt: r.enqueued_at,
  attempts: r.attempts,
  state: r.state,
  printedAt: r.printed_at,
});

export interface SqlitePrintJobStoreOptions {
  /** Printed jobs kept for reprint; older ones are pruned. */
  keepPrinted?: number;
  now?: () => Date;
}

export class SqlitePrintJobStore implements PrintJobStore {
  private readonly db: Database.Database;
  private readonly keepPrinted: number;
  private readonly now: () => Date;
  /** Insertion order: enqueuedAt can tie within a millisecond. */
  private readonly statements;

  static inDataDir(dataDir: string, options: SqlitePrintJobStoreOptions = {}): SqlitePrintJobStore {
    return new SqlitePrintJobStore(path.join(dataDir, 'print-jobs.db'), options);
  }

  constructor(file: string, options: SqlitePrintJobStoreOptions = {}) {
    this.keepPrinted = options.keepPrinted ?? 50;
    this.now = options.now ?? (() => new Date());
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS print_job (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL,
      bytes BLOB NOT NULL,
      enqueued_at TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      state TEXT NOT NULL CHECK (state IN ('pending', 'printed')),
      printed_at TEXT
    )`);
    this.statements = {
      pending: this.db.prepare<[], Row>(`SELECT * FROM print_job WHERE state = 'pending' ORDER BY seq`),
      add: this.db.prepare(
        `INSERT OR IGNORE INTO print_job (id, kind, bytes, enqueued_at, attempts, state) VALUES (?, ?, ?, ?, ?, 'pending')`,
      ),
      update: this.db.prepare(`UPDATE print_job SET attempts = ? WHERE id = ? AND state = 'pending'`),
      printed: this.db.prepare(`UPDATE print_job SET state = 'printed', printed_at = ? WHERE id = ?`),
      prune: this.db.prepare(
        `DELETE FROM print_job WHERE state = 'printed' AND seq NOT IN (SELECT seq FROM print_job WHERE state = 'printed' ORDER BY printed_at DESC, seq DESC LIMIT ?)`,
      ),
      get: this.db.prepare<[string], Row>(`SELECT * FROM print_job WHERE id = ?`),
      recent: this.db.prepare<[number], Row>(
        `SELECT * FROM print_job WHERE state = 'printed' ORDER BY printed_at DESC, seq DESC LIMIT ?`,
      ),
    };
  }

  async list(): Promise<QueuedPrintJob[]> {
    return this.statements.pending.all().map(toJob);
  }
  async add(job: QueuedPrintJob): Promise<void> {
    this.statements.add.run(job.id, job.kind, Buffer.from(job.bytes), job.enqueuedAt, job.attempts);
  }
  async update(job: QueuedPrintJob): Promise<void> {
    this.statements.update.run(job.attempts, job.id);
  }
  /** Called by the queue once the printer confirmed the job: kept as printed, for reprint. */
  async remove(id: string): Promise<void> {
    this.db.transaction(() => {
      this.statements.printed.run(this.now().toISOString(), id);
      this.statements.prune.run(this.keepPrinted);
    })();
  }
  async get(id: string): Promise<StoredPrintJob | null> {
    const row = this.statements.get.get(id);
    return row ? toJob(row) : null;
  }
  async recent(limit: number): Promise<StoredPrintJob[]> {
    return this.statements.recent.all(limit).map(toJob);
  }
  close(): void {
    if (this.db.open) this.db.close();
  }
}
