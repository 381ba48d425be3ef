import type { Migration } from './migration';

export const queueRatingsAudit: Migration = {
  version: 3,
  name: 'queue: tickets, calls, window sessions; ratings; audit',
  sql: `
      CREATE TABLE tickets (
        id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, day TEXT NOT NULL, number TEXT NOT NULL,
        business_type TEXT NOT NULL, priority TEXT NOT NULL DEFAULT 'normal', status TEXT NOT NULL,
        issued_at TEXT NOT NULL, issued_by TEXT NOT NULL, called_at TEXT, call_count INTEGER NOT NULL DEFAULT 0,
        window_no INTEGER, staff_id TEXT, started_at TEXT, finished_at TEXT
      );
      CREATE INDEX tickets_day_status ON tickets (hall_id, day, status);
      CREATE UNIQUE INDEX tickets_day_number ON tickets (hall_id, day, number);
      CREATE TABLE calls (
        id TEXT PRIMARY KEY, ticket_id TEXT NOT NULL, ticket_no TEXT NOT NULL, window_no INTEGER NOT NULL,
        staff_id TEXT NOT NULL, recall INTEGER NOT NULL, at TEXT NOT NULL
      );
      CREATE INDEX calls_at ON calls (at);
      CREATE TABLE ratings (
        id TEXT PRIMARY KEY, ticket_id TEXT NOT NULL UNIQUE, ticket_no TEXT NOT NULL, window_no INTEGER NOT NULL,
        staff_id TEXT NOT NULL, level TEXT NOT NULL, dimensions TEXT NOT NULL DEFAULT '{}', reason TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX ratings_staff ON ratings (staff_id, created_at);
      CREATE TABLE window_sessions (
        id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, window_no INTEGER NOT NULL, staff_id TEXT NOT NULL,
        signed_in_at TEXT NOT NULL, signed_out_at TEXT
      );
      CREATE INDEX window_sessions_window ON window_sessions (hall_id, window_no, signed_in_at);
      CREATE TABLE audit_log (
        id TEXT PRIMARY KEY, at TEXT NOT NULL, station_id TEXT NOT NULL, actor TEXT, action TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '{}'
      );
    `,
};
