import type { Migration } from './migration';

export const enrollmentLeasesContactEdits: Migration = {
  version: 6,
  name: 'sync enrollment and auth (token hashes only), offline ticket-number leases, customer contact edits (per-field versions)',
  sql: `
      CREATE TABLE sync_enrollment_codes (
        code_hash TEXT PRIMARY KEY, hall_id TEXT NOT NULL, role TEXT NOT NULL, expires_at TEXT NOT NULL, used_by TEXT
      );
      CREATE TABLE sync_credentials (
        client_id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, role TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE,
        enrolled_at TEXT NOT NULL, revoked_at TEXT, last_contact TEXT, backlog INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE number_leases (
        hall_id TEXT NOT NULL, day TEXT NOT NULL, prefix TEXT NOT NULL, first INTEGER NOT NULL, last INTEGER NOT NULL,
        client_id TEXT NOT NULL, leased_at TEXT NOT NULL, next INTEGER,
        PRIMARY KEY (hall_id, day, prefix, first)
      );
      CREATE TABLE customer_contacts (
        id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, customer_id INTEGER NOT NULL,
        phone_enc TEXT, phone_hash TEXT, phone_masked TEXT, phone_tail TEXT, phone_edit TEXT, phone_at TEXT, phone_version INTEGER NOT NULL DEFAULT 0,
        address_enc TEXT, address_masked TEXT, address_edit TEXT, address_at TEXT, address_version INTEGER NOT NULL DEFAULT 0
      );
    `,
};
