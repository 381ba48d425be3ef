import type { Migration } from './migration';

export const snapshotIndexRelay: Migration = {
  version: 12,
  name: "central: change-log index for the streamed snapshot; a hall relay's upstream outbox and state",
  sql: `
      CREATE INDEX sync_changes_entity ON sync_changes (hall_id, entity, entity_id, version);
      CREATE TABLE relay_outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, hall_id TEXT NOT NULL, client_id TEXT NOT NULL, mutation_id INTEGER NOT NULL,
        name TEXT NOT NULL, args TEXT NOT NULL, created_at TEXT NOT NULL, touched TEXT NOT NULL DEFAULT '[]',
        UNIQUE (client_id, mutation_id)
      );
      CREATE TABLE relay_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `,
};
