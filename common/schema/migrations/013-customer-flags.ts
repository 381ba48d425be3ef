import type { Migration } from './migration';

export const customerFlags: Migration = {
  version: 13,
  name: 'customer tags and fee-recovery risk (set by the central, synced down); customers of other halls cached at the counter',
  sql: `
      CREATE TABLE customer_flags (
        id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, customer_id INTEGER NOT NULL, tags TEXT NOT NULL DEFAULT '[]',
        risk_level TEXT NOT NULL DEFAULT 'none' CHECK (risk_level IN ('none', 'low', 'medium', 'high')), risk_note TEXT,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX customer_flags_customer ON customer_flags (customer_id);
      CREATE TABLE customer_remote (
        customer_id INTEGER PRIMARY KEY, hall_id TEXT NOT NULL, hall_name TEXT NOT NULL, fetched_at TEXT NOT NULL
      );
    `,
};
