import type { Migration } from './migration';

export const counterFlow: Migration = {
  version: 10,
  name: 'counter flow: signature requests to the customer screen, signatures bound to content, attachments (encrypted)',
  sql: `
      CREATE TABLE signature_requests (
        id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, application_id TEXT NOT NULL, window_no INTEGER NOT NULL, ticket_id TEXT,
        content_hash TEXT NOT NULL, review TEXT NOT NULL, staff_id TEXT NOT NULL, requested_at TEXT NOT NULL
      );
      CREATE INDEX signature_requests_window ON signature_requests (hall_id, window_no, requested_at);
      CREATE TABLE application_signatures (
        id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, application_id TEXT NOT NULL, request_id TEXT NOT NULL UNIQUE,
        content_hash TEXT NOT NULL, source TEXT NOT NULL, strokes TEXT NOT NULL, signed_at TEXT NOT NULL
      );
      CREATE INDEX application_signatures_app ON application_signatures (application_id, signed_at);
      CREATE TABLE application_attachments (
        id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, application_id TEXT NOT NULL, kind TEXT NOT NULL, file_name TEXT NOT NULL,
        mime TEXT NOT NULL, size INTEGER NOT NULL CHECK (size > 0), sha256 TEXT NOT NULL, data_enc TEXT NOT NULL,
        staff_id TEXT NOT NULL, at TEXT NOT NULL
      );
      CREATE INDEX application_attachments_app ON application_attachments (application_id, at);
    `,
};
