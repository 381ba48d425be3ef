import { AppFailure } from '../result';
import type { MutationContext } from './sql';

/**
 * Append-only facts (ratings, payments, signatures, audit) are never overwritten. A second write
 * under an existing id is a replay when it says the same thing (a no-op) and a conflict when it
 * says anything else: the first write stands and the second is rejected, visibly.
 * Returns true when the row already exists (the caller stops there).
 */
export function alreadyAppended(ctx: MutationContext, table: string, id: string, fields: Record<string, unknown>): boolean {
  const existing = ctx.tx.get<Record<string, unknown>>(`SELECT * FROM ${table} WHERE id = ?`, id);
  if (!existing) return false;
  const differing = Object.keys(fields).filter((k) => String(existing[k] ?? null) !== String(fields[k] ?? null));
  if (differing.length) throw new AppFailure('conflict', `${table} ${id} 已存在，不可覆盖 (append-only: ${differing.join(', ')} differ)`);
  return true;
}
