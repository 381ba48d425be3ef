import type { SqlTx } from '@common/mutators/sql';

/**
 * The seam between the central's sync logic and its database. Mutators and the store speak SQL
 * with `?` placeholders through `tx`; each backend supplies transactions (nested ones become
 * savepoints) and binds the hall a batch belongs to, so rows land in that hall's partition.
 */
export interface SqlDialect {
  readonly name: 'sqlite' | 'postgres';
  readonly tx: SqlTx;
  transaction<T>(fn: () => T): T;
  /** Within a transaction: the hall whose partition rows without an explicit hall_id belong to. */
  bindHall(hallId: string): void;
  close(): void;
}
