import type { Migration } from './migration';

export const centralChangeLog: Migration = {
  version: 5,
  name: 'central sync bookkeeping: clients and the change log (server version cursor)',
  sql: `
      CREATE TABLE sync_clients (
        client_id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, last_mutation_id INTEGER NOT NULL DEFAULT 0, last_seen TEXT NOT NULL
      );
      CREATE TABLE sync_changes (
        version INTEGER PRIMARY KEY AUTOINCREMENT, hall_id TEXT NOT NULL, entity TEXT NOT NULL, entity_id TEXT NOT NULL, row TEXT NOT NULL
      );
      CREATE INDEX sync_changes_hall ON sync_changes (hall_id, version);
    `,
};
