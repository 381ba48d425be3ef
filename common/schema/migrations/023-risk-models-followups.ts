import type { Migration } from './migration';

export const riskModelsFollowups: Migration = {
  version: 23,
  name: 'fee-recovery risk: trained model versions (tree, holdout figures, or why training failed) and the follow-up log of high-risk customers',
  sql: `
      CREATE TABLE risk_models (
        id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, version INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('active', 'failed')), tree TEXT, metrics TEXT NOT NULL DEFAULT '{}',
        failure TEXT, trained_at TEXT NOT NULL
      );
      CREATE INDEX risk_models_version ON risk_models (hall_id, status, version);
      CREATE TABLE customer_followups (
        id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, customer_id INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('reminder', 'visit', 'paid', 'note')), note TEXT,
        staff_id TEXT NOT NULL, at TEXT NOT NULL
      );
      CREATE INDEX customer_followups_customer ON customer_followups (customer_id, at);
    `,
};
