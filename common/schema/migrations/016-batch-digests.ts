import type { Migration } from './migration';

export const batchDigests: Migration = {
  version: 16,
  name: 'central: replay digests kept one row per applied push batch (not one row per mutation)',
  sql: `
      CREATE TABLE sync_batch_digests (
        client_id TEXT NOT NULL, last_id INTEGER NOT NULL, first_id INTEGER NOT NULL, digests TEXT NOT NULL,
        PRIMARY KEY (client_id, last_id)
      ) WITHOUT ROWID;
    `,
};
