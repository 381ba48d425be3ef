import { AppFailure } from '../result';
import { sameColumns, type MutationContext } from './sql';

/**
 * Append-only facts (ratings, payments, signatures, audit) are never overwritten. A second write
 * under an existing id is a replay when it says the same thing (a no-op) and a conflict when it
 * says anything else: the first write stands and the second is rejected, visibly.
 * Returns true when the row already exists (the caller stops there).
 */
export function alreadyAppended(
  ctx: MutationContext,
  table: string,
  id: string,
  fields: Record<string, unknown>,
): boolean {
  const existing = ctx.tx.get<Record<string, unknown>>(`SELECT * FROM ${table} WHERE id = ?`, id);
  if (!existing) return false;
  const differing = Object.keys(fields).filter((k) => String(existing[k] ?? null) !== String(fields[k] ?? null));
  if (differing.length)
    throw new AppFailure('conflict', 'sync.appendOnlyDiffers', {
      record: `${table} ${id}`,
      fields: differing.join(', '),
    });
  return true;
}

/**
 * Append a fact in one statement when it is new (the common case): the row is inserted unless its
 * id exists, and only then is the existing row read and compared as alreadyAppended does (a
 * replay is a no-op, other content a conflict). Returns true when the row already existed.
 */
export function appendRow(
  ctx: MutationContext,
  table: string,
  row: Record<string, unknown>,
  compared: Record<string, unknown>,
): boolean {
  const { columns, sql } = insertFor(table, Object.keys(row));
  const inserted = ctx.tx.run(sql, ...columns.map((c) => row[c])).changes;
  if (inserted) return false;
  if (alreadyAppended(ctx, table, String(row.id), compared)) return true;
  // Nothing under this id, yet the insert was refused: another unique rule of the table holds.
  throw new AppFailure('conflict', 'sync.appendOnlyUnique', { record: `${table} ${String(row.id)}` });
}

/** The INSERT for a table and column list, kept per table while its callers keep passing the same columns (they do: one call site each). */
const inserts = new Map<string, { columns: string[]; sql: string }>();
function insertFor(table: string, columns: string[]): { columns: string[]; sql: string } {
  const kept = inserts.get(table);
  if (kept && sameColumns(kept.columns, columns)) return kept;
  const made = {
    columns,
    sql: `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ON CONFLICT DO NOTHING`,
  };
  inserts.set(table, made);
  return made;
}
