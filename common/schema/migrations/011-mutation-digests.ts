import type { Migration } from './migration';

export const mutationDigests: Migration = {
  version: 11,
  name: 'sync: digest of each applied mutation (central, refuses altered replays); rows each outbox mutation changed (station, undone on rejection)',
  sql: `
      CREATE TABLE sync_mutation_digests (
        client_id TEXT NOT NULL, mutation_id INTEGER NOT NULL, digest TEXT NOT NULL,
        PRIMARY KEY (client_id, mutation_id)
      ) WITHOUT ROWID;
      ALTER TABLE sync_outbox ADD COLUMN changed TEXT;
    `,
};
