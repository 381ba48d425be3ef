import type Database from 'better-sqlite3';
import type { SqlTx } from '../../common/mutators/sql';

/** What every storage operation gets inside the worker thread. */
export interface WorkerState {
  db: Database.Database;
  tx: SqlTx;
  hallId: string;
  stationId: string;
}
