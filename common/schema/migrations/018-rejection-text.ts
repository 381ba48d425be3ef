import type { Migration } from './migration';

export const rejectionText: Migration = {
  version: 18,
  name: 'station: a rejected mutation keeps the catalog key and parameters of why (a screen shows it in its language)',
  sql: `
      ALTER TABLE sync_rejected ADD COLUMN error_key TEXT;
      ALTER TABLE sync_rejected ADD COLUMN error_params TEXT;
    `,
};
