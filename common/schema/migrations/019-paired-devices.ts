import type { Migration } from './migration';

export const pairedDevices: Migration = {
  version: 19,
  name: 'station: credentials of paired browser screens (hashed), bound to a role and window, revocable',
  sql: `
      CREATE TABLE paired_devices (
        id TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL,
        window_no INTEGER,
        label TEXT NOT NULL,
        paired_at TEXT NOT NULL,
        paired_by TEXT NOT NULL,
        paired_from TEXT NOT NULL,
        last_used_at TEXT,
        last_source TEXT,
        revoked_at TEXT,
        revoked_by TEXT
      );
      CREATE INDEX paired_devices_binding ON paired_devices (role, window_no) WHERE revoked_at IS NULL;
    `,
};
