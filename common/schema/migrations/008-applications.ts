import type { Migration } from './migration';

export const applications: Migration = {
  version: 8,
  name: 'applications on electronic forms: drafts, submitted applications (values encrypted), status history',
  sql: `
      CREATE TABLE applications (
        id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, application_no TEXT UNIQUE, type TEXT NOT NULL, form_version INTEGER NOT NULL,
        customer_id INTEGER, status TEXT NOT NULL, values_enc TEXT NOT NULL, summary TEXT NOT NULL, content_hash TEXT,
        staff_id TEXT NOT NULL, window_no INTEGER, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, submitted_at TEXT
      );
      CREATE INDEX applications_customer ON applications (customer_id, created_at);
      CREATE INDEX applications_status ON applications (hall_id, status, updated_at);
      CREATE TABLE application_events (
        id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, application_id TEXT NOT NULL, status TEXT NOT NULL, note TEXT, staff_id TEXT NOT NULL, at TEXT NOT NULL
      );
      CREATE INDEX application_events_app ON application_events (application_id, at);
    `,
};
