/** One numbered SQLite migration: applied once, in its own transaction, above the database's user_version. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
