import type { Migration } from './migration';

export const stationSyncBookkeeping: Migration = {
  version: 4,
  name: 'station sync bookkeeping: outbox of mutations, checkpoint; local-only state',
  sql: `
      CREATE TABLE sync_outbox (
        mutation_id INTEGER PRIMARY KEY, name TEXT NOT NULL, args TEXT NOT NULL, created_at TEXT NOT NULL
      );
      CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE sync_rejected (
        mutation_id INTEGER PRIMARY KEY, name TEXT NOT NULL, args TEXT NOT NULL, code TEXT NOT NULL, message TEXT NOT NULL, at TEXT NOT NULL
      );
      CREATE TABLE login_attempts (staff_no TEXT PRIMARY KEY, failures INTEGER NOT NULL, locked_until TEXT);
      CREATE TABLE announcements (id INTEGER PRIMARY KEY, ticket_id TEXT NOT NULL, text TEXT NOT NULL, spoken INTEGER NOT NULL, error TEXT, at TEXT NOT NULL);
    `,
};
