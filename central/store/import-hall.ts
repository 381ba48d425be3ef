import Database from 'better-sqlite3';
import type { SqlDialect } from './sql-dialect';
import { writableColumns } from './table-columns';

/**
 * What a central imports from a hall's SQLite database (a `npm run seed` file, or a hall's export):
 * its reference data, queue configuration, booked appointments and customer master — everything a
 * station gets from the central rather than making itself. Tickets and other station-made rows
 * come through sync. Business types are shared by every hall.
 */
export const IMPORTED_TABLES = [
  'halls',
  'business_types',
  'windows',
  'staff',
  'queue_settings',
  'queue_type_config',
  'window_state',
  'appointments',
  'customers',
  'bills',
  // The collection history: when each bill was paid, which the tag rules and the risk model read.
  'payments',
  'customer_flags',
] as const;
const BATCH = 200;

/**
 * Copy a hall database's rows into a central store (SQLite or PostgreSQL) in batches, keeping rows
 * the central already has (so importing twice changes nothing). Returns the rows copied per table.
 * The reference rows then reach the stations once published (CentralServer.publishReferenceData).
 */
export function importHallDatabase(db: SqlDialect, file: string): Record<string, number> {
  const source = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const copied: Record<string, number> = {};
    for (const table of IMPORTED_TABLES) {
      const target = writableColumns(db, table);
      const names = (source.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as { name: string }[])
        .map((c) => c.name)
        .filter((n) => target.has(n));
      const rows = source
        .prepare(`SELECT ${names.join(', ')} FROM ${table}`)
        .raw(true)
        .iterate() as IterableIterator<unknown[]>;
      let batch: unknown[][] = [];
      let n = 0;
      const flush = () => {
        if (!batch.length) return;
        const values = batch.map(() => `(${names.map(() => '?').join(', ')})`).join(', ');
        n += db.tx.run(
          `INSERT INTO ${table} (${names.join(', ')}) VALUES ${values} ON CONFLICT DO NOTHING`,
          ...batch.flat(),
        ).changes;
        batch = [];
      };
      db.transaction(() => {
        for (const row of rows) {
          batch.push(row);
          if (batch.length === BATCH) flush();
        }
        flush();
      });
      copied[table] = n;
    }
    return copied;
  } finally {
    source.close();
  }
}
