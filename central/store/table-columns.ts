import type { SqlDialect } from './sql-dialect';

/**
 * The columns of a table a row may be written into, on either backend: a computed column (a
 * window's sync id on PostgreSQL) is read but never written. Cached per dialect and table.
 */
const cache = new WeakMap<SqlDialect, Map<string, Set<string>>>();

export function writableColumns(db: SqlDialect, table: string): Set<string> {
  let byTable = cache.get(db);
  if (!byTable) cache.set(db, (byTable = new Map()));
  let cols = byTable.get(table);
  if (!cols) {
    const rows =
      db.name === 'postgres'
        ? db.tx.all<{ name: string }>(
            "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? AND is_generated = 'NEVER'",
            table,
          )
        : db.tx.all<{ name: string }>(`SELECT name FROM pragma_table_info('${table.replace(/'/g, "''")}')`);
    cols = new Set(rows.map((c) => c.name));
    byTable.set(table, cols);
  }
  return cols;
}

/**
 * Replace the row of `table` whose `key` is `id` with `row`'s writable columns, on either backend
 * (a delete and an insert in the caller's transaction: the tables' unique keys differ between
 * backends, a partitioned PostgreSQL table's include hall_id, so no single ON CONFLICT fits all).
 */
export function replaceRow(db: SqlDialect, table: string, key: string, id: string, row: Record<string, unknown>): void {
  const allowed = writableColumns(db, table);
  const names = Object.keys(row).filter((n) => allowed.has(n));
  db.tx.run(`DELETE FROM ${table} WHERE ${key} = ?`, id);
  db.tx.run(
    `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
    ...names.map((n) => row[n]),
  );
}
