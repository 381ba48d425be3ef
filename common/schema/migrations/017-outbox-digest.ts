import type { Migration } from './migration';

export const outboxDigest: Migration = {
  version: 17,
  name: 'station: each outbox mutation keeps its replay digest, made when the mutation was (the central stores it as sent)',
  sql: `
      ALTER TABLE sync_outbox ADD COLUMN digest TEXT;
    `,
};
