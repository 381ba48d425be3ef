import type Database from 'better-sqlite3';
import type { SqlTx } from '@common/mutators/sql';

/** What every storage operation gets inside the worker thread. */
export interface WorkerState {
  db: Database.Database;
  tx: SqlTx;
  hallId: string;
  stationId: string;
  /**
   * Tell the station now that the op's write is committed, before the op finishes its reads: the
   * station fans the change out to the displays while the worker is still computing the reply.
   */
  committed?(): void;
}
