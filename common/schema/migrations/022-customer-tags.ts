import type { Migration } from './migration';

export const customerTags: Migration = {
  version: 22,
  name: "customer tags as data: the hall's tag catalogue (rule or manual, validity, owner) and each customer's tag history with its evidence",
  sql: `
      CREATE TABLE tag_definitions (
        id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, code TEXT NOT NULL, name_zh TEXT NOT NULL, name_en TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('rule', 'manual')), rule TEXT, valid_days INTEGER, owner TEXT NOT NULL,
        hint TEXT, active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)), version INTEGER NOT NULL DEFAULT 1,
        updated_by TEXT NOT NULL, updated_at TEXT NOT NULL, UNIQUE (hall_id, code)
      );
      CREATE TABLE customer_tags (
        id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, customer_id INTEGER NOT NULL, code TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('rule', 'manual')), evidence TEXT NOT NULL DEFAULT '[]', reason TEXT,
        set_by TEXT, started_at TEXT NOT NULL, valid_until TEXT, ended_at TEXT, end_reason TEXT
      );
      CREATE INDEX customer_tags_customer ON customer_tags (customer_id, ended_at);
      CREATE INDEX customer_tags_open_code ON customer_tags (code) WHERE ended_at IS NULL;
    `,
};
