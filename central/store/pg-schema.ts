import { referenceData } from '@common/schema/migrations/001-reference-data';
import { customersBillsPayments } from '@common/schema/migrations/002-customers-bills-payments';
import { payments } from '@common/schema/migrations/009-payments';
import { customerTags } from '@common/schema/migrations/022-customer-tags';
import { riskModelsFollowups } from '@common/schema/migrations/023-risk-models-followups';
import type { Migration } from '@common/schema/migrations';
/**
 * The central's PostgreSQL schema. Every hall-owned table carries hall_id in its primary key and
 * is hash-partitioned by it, so a hall's rows live together (and with Citus, hall_id becomes the
 * distribution column unchanged). Rows written by mutators that do not name a hall (calls,
 * ratings, audit) take it from the transaction's bound hall (`hall.id`, set per batch).
 * Column names and types follow the station's SQLite schema, so pulled rows are identical.
 */
const PARTITIONS = 4;
const boundHall = "current_setting('hall.id')";

function partitioned(name: string, columns: string): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS ${name} (${columns}) PARTITION BY HASH (hall_id)`,
    ...Array.from(
      { length: PARTITIONS },
      (_, i) =>
        `CREATE TABLE IF NOT EXISTS ${name}_p${i} PARTITION OF ${name} FOR VALUES WITH (MODULUS ${PARTITIONS}, REMAINDER ${i})`,
    ),
  ];
}

export const PG_SCHEMA: string[] = [
  ...partitioned(
    'tickets',
    `id TEXT NOT NULL, hall_id TEXT NOT NULL, day TEXT NOT NULL, number TEXT NOT NULL,
     business_type TEXT NOT NULL, priority TEXT NOT NULL DEFAULT 'normal', status TEXT NOT NULL,
     issued_at TEXT NOT NULL, issued_by TEXT NOT NULL, called_at TEXT, call_count INTEGER NOT NULL DEFAULT 0,
     window_no INTEGER, staff_id TEXT, started_at TEXT, finished_at TEXT,
     version INTEGER NOT NULL DEFAULT 0, round_calls INTEGER NOT NULL DEFAULT 0, parked_at TEXT, no_show_at TEXT,
     ended_at TEXT, target_window INTEGER, target_agent TEXT, transferred_from TEXT, transfers INTEGER NOT NULL DEFAULT 0,
     appointment_id TEXT, appointment_at TEXT, note TEXT,
     PRIMARY KEY (hall_id, id), UNIQUE (hall_id, day, number)`,
  ),
  ...partitioned(
    'calls',
    `hall_id TEXT NOT NULL DEFAULT ${boundHall}, id TEXT NOT NULL, ticket_id TEXT NOT NULL, ticket_no TEXT NOT NULL,
     window_no INTEGER NOT NULL, staff_id TEXT NOT NULL, recall INTEGER NOT NULL, at TEXT NOT NULL,
     PRIMARY KEY (hall_id, id)`,
  ),
  ...partitioned(
    'ratings',
    `hall_id TEXT NOT NULL DEFAULT ${boundHall}, id TEXT NOT NULL, ticket_id TEXT NOT NULL, ticket_no TEXT NOT NULL,
     window_no INTEGER NOT NULL, staff_id TEXT NOT NULL, level TEXT NOT NULL, dimensions TEXT NOT NULL DEFAULT '{}',
     reason TEXT, created_at TEXT NOT NULL,
     PRIMARY KEY (hall_id, id), UNIQUE (hall_id, ticket_id)`,
  ),
  ...partitioned(
    'window_sessions',
    `id TEXT NOT NULL, hall_id TEXT NOT NULL, window_no INTEGER NOT NULL, staff_id TEXT NOT NULL,
     signed_in_at TEXT NOT NULL, signed_out_at TEXT,
     PRIMARY KEY (hall_id, id)`,
  ),
  ...partitioned(
    'audit_log',
    `hall_id TEXT NOT NULL DEFAULT ${boundHall}, id TEXT NOT NULL, at TEXT NOT NULL, station_id TEXT NOT NULL,
     actor TEXT, action TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '{}',
     PRIMARY KEY (hall_id, id)`,
  ),
  ...partitioned(
    'sync_changes',
    `version BIGINT GENERATED ALWAYS AS IDENTITY, hall_id TEXT NOT NULL, entity TEXT NOT NULL,
     entity_id TEXT NOT NULL, row TEXT NOT NULL,
     PRIMARY KEY (hall_id, version)`,
  ),
  `CREATE TABLE IF NOT EXISTS sync_clients (
     client_id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, last_mutation_id INTEGER NOT NULL DEFAULT 0, last_seen TEXT NOT NULL
   )`,
  'CREATE INDEX IF NOT EXISTS sync_clients_hall ON sync_clients (hall_id)',
  `CREATE TABLE IF NOT EXISTS sync_enrollment_codes (
     code_hash TEXT PRIMARY KEY, hall_id TEXT NOT NULL, role TEXT NOT NULL, expires_at TEXT NOT NULL, used_by TEXT
   )`,
  `CREATE TABLE IF NOT EXISTS sync_credentials (
     client_id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, role TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE,
     enrolled_at TEXT NOT NULL, revoked_at TEXT, last_contact TEXT, backlog INTEGER NOT NULL DEFAULT 0
   )`,
  ...partitioned(
    'number_leases',
    `hall_id TEXT NOT NULL, day TEXT NOT NULL, prefix TEXT NOT NULL, first INTEGER NOT NULL, last INTEGER NOT NULL,
     client_id TEXT NOT NULL, leased_at TEXT NOT NULL, next INTEGER,
     PRIMARY KEY (hall_id, day, prefix, first)`,
  ),
  ...partitioned(
    'customer_contacts',
    `id TEXT NOT NULL, hall_id TEXT NOT NULL, customer_id INTEGER NOT NULL,
        phone_enc TEXT, phone_hash TEXT, phone_masked TEXT, phone_tail TEXT, phone_edit TEXT, phone_at TEXT, phone_version INTEGER NOT NULL DEFAULT 0,
        address_enc TEXT, address_masked TEXT, address_edit TEXT, address_at TEXT, address_version INTEGER NOT NULL DEFAULT 0,
     PRIMARY KEY (hall_id, id)`,
  ),
  // Queue state and configuration (station migration 7), partitioned like every hall table.
  // Window state and type config are tiny and upserted by id (which already names the hall), so
  // they are plain tables: PostgreSQL's ON CONFLICT needs a unique key without the partition column.
  `CREATE TABLE IF NOT EXISTS window_state (
     id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, window_no INTEGER NOT NULL,
     status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','paused','closed')), reason TEXT,
     types TEXT, fairness TEXT, updated_at TEXT NOT NULL, UNIQUE (hall_id, window_no)
   )`,
  ...partitioned(
    'queue_settings',
    `hall_id TEXT NOT NULL, config TEXT NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (hall_id)`,
  ),
  `CREATE TABLE IF NOT EXISTS queue_type_config (
     id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, code TEXT NOT NULL, prefix TEXT NOT NULL, daily_cap INTEGER NOT NULL,
     hours TEXT NOT NULL, waiting_warn_at INTEGER NOT NULL, target_wait_min INTEGER NOT NULL, updated_at TEXT NOT NULL,
     UNIQUE (hall_id, code)
   )`,
  // appointments.phone_hash is the hex of the keyed hash (TEXT, not BYTEA): it travels in the JSON change log.
  ...partitioned(
    'appointments',
    `id TEXT NOT NULL, hall_id TEXT NOT NULL, code TEXT NOT NULL, phone_tail TEXT NOT NULL, phone_hash TEXT,
     business_type TEXT NOT NULL, slot_at TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'booked', ticket_id TEXT,
     PRIMARY KEY (hall_id, id), UNIQUE (hall_id, code)`,
  ),
  // Reference data the mutators consult (types, windows, staff): small, so plain tables — with
  // Citus these become reference tables replicated to every node.
  `CREATE TABLE IF NOT EXISTS business_types (
     code TEXT PRIMARY KEY, name TEXT NOT NULL, name_en TEXT NOT NULL, prefix TEXT NOT NULL,
     online_channel TEXT, synonyms TEXT NOT NULL DEFAULT '[]',
     target_wait_min INTEGER NOT NULL DEFAULT 20, daily_cap INTEGER NOT NULL DEFAULT 999
   )`,
  `CREATE TABLE IF NOT EXISTS windows (
     hall_id TEXT NOT NULL, window_no INTEGER NOT NULL, name TEXT NOT NULL,
     business_types TEXT NOT NULL, open INTEGER NOT NULL DEFAULT 1, PRIMARY KEY (hall_id, window_no)
   )`,
  `CREATE TABLE IF NOT EXISTS staff (
     id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, staff_no TEXT NOT NULL UNIQUE, name TEXT NOT NULL, role TEXT NOT NULL,
     title TEXT NOT NULL DEFAULT '', photo TEXT NOT NULL DEFAULT '', star_level INTEGER NOT NULL DEFAULT 3,
     skills TEXT NOT NULL DEFAULT '[]', pin_hash TEXT NOT NULL
   )`,
  // Applications on e-forms (station migration 8). Upserted by id (ids are globally unique), so
  // plain tables keyed by id; values stay encrypted exactly as the station wrote them.
  `CREATE TABLE IF NOT EXISTS applications (
     id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, application_no TEXT UNIQUE, type TEXT NOT NULL, form_version INTEGER NOT NULL,
     customer_id INTEGER, status TEXT NOT NULL, values_enc TEXT NOT NULL, summary TEXT NOT NULL, content_hash TEXT,
     staff_id TEXT NOT NULL, window_no INTEGER, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, submitted_at TEXT
   )`,
  'CREATE INDEX IF NOT EXISTS applications_hall ON applications (hall_id, status, updated_at)',
  `CREATE TABLE IF NOT EXISTS application_events (
     id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, application_id TEXT NOT NULL, status TEXT NOT NULL, note TEXT, staff_id TEXT NOT NULL, at TEXT NOT NULL
   )`,
  // Counter flow (station migration 10): signature requests, signatures, attachments; keyed by id like applications.
  `CREATE TABLE IF NOT EXISTS signature_requests (
     id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, application_id TEXT NOT NULL, window_no INTEGER NOT NULL, ticket_id TEXT,
     content_hash TEXT NOT NULL, review TEXT NOT NULL, staff_id TEXT NOT NULL, requested_at TEXT NOT NULL
   )`,
  `CREATE TABLE IF NOT EXISTS application_signatures (
     id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, application_id TEXT NOT NULL, request_id TEXT NOT NULL UNIQUE,
     content_hash TEXT NOT NULL, source TEXT NOT NULL, strokes TEXT NOT NULL, signed_at TEXT NOT NULL
   )`,
  `CREATE TABLE IF NOT EXISTS application_attachments (
     id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, application_id TEXT NOT NULL, kind TEXT NOT NULL, file_name TEXT NOT NULL,
     mime TEXT NOT NULL, size INTEGER NOT NULL CHECK (size > 0), sha256 TEXT NOT NULL, data_enc TEXT NOT NULL,
     staff_id TEXT NOT NULL, at TEXT NOT NULL
   )`,
  // What each applied mutation contained (SQLite migration 11): a replayed id is checked against it.
  `CREATE TABLE IF NOT EXISTS sync_mutation_digests (
     client_id TEXT NOT NULL, mutation_id INTEGER NOT NULL, digest TEXT NOT NULL, PRIMARY KEY (client_id, mutation_id)
   )`,
  // Replay digests per applied batch (SQLite migration 16): the digest of mutation first_id + k is digests[k].
  `CREATE TABLE IF NOT EXISTS sync_batch_digests (
     client_id TEXT NOT NULL, last_id INTEGER NOT NULL, first_id INTEGER NOT NULL, digests TEXT NOT NULL, PRIMARY KEY (client_id, last_id)
   )`,
  // The streamed snapshot looks up the newest version of each entity (see SyncStore.snapshotPage).
  'CREATE INDEX IF NOT EXISTS sync_changes_entity ON sync_changes (hall_id, entity, entity_id, version)',
  // Customer tags and fee-recovery risk (station migration 13), set at the central and pulled down.
  `CREATE TABLE IF NOT EXISTS customer_flags (
     id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, customer_id INTEGER NOT NULL, tags TEXT NOT NULL DEFAULT '[]',
     risk_level TEXT NOT NULL DEFAULT 'none' CHECK (risk_level IN ('none', 'low', 'medium', 'high')), risk_note TEXT, updated_at TEXT NOT NULL
   )`,
];

/**
 * Tables the station's SQLite migrations define in portable SQL, taken as they are: the customer
 * master (customers, bills, payments — migration 2) and the counter's money (migration 9). Plain
 * tables keyed like the station's (their mutators upsert by id), BLOB read as BYTEA.
 */
function fromStationMigration(migration: Migration, tables: readonly string[]): string[] {
  return migration.sql
    .split(';')
    .map((s) => s.trim())
    .filter((s) => tables.some((t) => new RegExp(`^CREATE (TABLE|INDEX \\w+ ON) ${t}\\b`).test(s)))
    .map((s) =>
      s
        .replace(/^CREATE TABLE /, 'CREATE TABLE IF NOT EXISTS ')
        .replace(/^CREATE INDEX /, 'CREATE INDEX IF NOT EXISTS ')
        .replace(/\bBLOB\b/g, 'BYTEA')
        .replace(/\)\s*WITHOUT ROWID$/, ')'),
    );
}

PG_SCHEMA.push(
  ...fromStationMigration(customersBillsPayments, ['customers', 'bills', 'payments']),
  ...fromStationMigration(payments, [
    'payment_orders',
    'payment_events',
    'payment_allocations',
    'refund_requests',
    'refund_decisions',
    'invoice_requests',
    'invoice_events',
    'cash_declarations',
    'consultations',
  ]),
);

// Reference data through sync and change-log compaction (station migration 14): the hall row, a
// window's sync id (computed, so every writer gets it), compaction marks and horizon; a hall
// relay's upstream outbox and state (station migration 12) so a relay can run on PostgreSQL too.
PG_SCHEMA.push(
  ...fromStationMigration(referenceData, ['halls']),
  "ALTER TABLE windows ADD COLUMN IF NOT EXISTS id TEXT GENERATED ALWAYS AS (hall_id || '/' || window_no::text) STORED",
  'CREATE UNIQUE INDEX IF NOT EXISTS windows_id ON windows (id)',
  'CREATE TABLE IF NOT EXISTS sync_compaction_marks (hall_id TEXT NOT NULL, version BIGINT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (hall_id, version))',
  'CREATE TABLE IF NOT EXISTS sync_horizon (hall_id TEXT PRIMARY KEY, horizon BIGINT NOT NULL)',
  `CREATE TABLE IF NOT EXISTS relay_outbox (
     seq BIGINT PRIMARY KEY, hall_id TEXT NOT NULL, client_id TEXT NOT NULL, mutation_id INTEGER NOT NULL,
     name TEXT NOT NULL, args TEXT NOT NULL, created_at TEXT NOT NULL, touched TEXT NOT NULL DEFAULT '[]', UNIQUE (client_id, mutation_id)
   )`,
  'CREATE TABLE IF NOT EXISTS relay_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)',
);

// Bills and balances across stations (station migration 15): a bill's sync id, computed as on the
// station (customer_id/period); a payment allocation's pending flag (always 0 here: the central's
// allocations are the authoritative ones).
PG_SCHEMA.push(
  "ALTER TABLE bills ADD COLUMN IF NOT EXISTS id TEXT GENERATED ALWAYS AS (customer_id::text || '/' || period) STORED",
  'CREATE UNIQUE INDEX IF NOT EXISTS bills_id ON bills (id)',
  'ALTER TABLE payment_allocations ADD COLUMN IF NOT EXISTS pending INTEGER NOT NULL DEFAULT 0',
  'CREATE INDEX IF NOT EXISTS payment_allocations_applied_by ON payment_allocations (applied_by)',
);

// The central's own clock (station migration 20): when it logged each change, and when each station
// last caught up (pushed what it had, then pulled); the staff who signed in at each station.
PG_SCHEMA.push(
  'ALTER TABLE sync_changes ADD COLUMN IF NOT EXISTS recorded_at TEXT',
  'ALTER TABLE sync_clients ADD COLUMN IF NOT EXISTS caught_up_at TEXT',
  `CREATE TABLE IF NOT EXISTS sync_staff_presence (
     client_id TEXT NOT NULL, staff_id TEXT NOT NULL, since TEXT NOT NULL, PRIMARY KEY (client_id, staff_id)
   )`,
);

// Staff evaluation (station migration 21): appeals against bad ratings, their decisions (both
// append-only, keyed by id) and the hall's score weights (one row per hall). The station's daily
// aggregates are not kept here: the central answers no evaluation.
PG_SCHEMA.push(
  `CREATE TABLE IF NOT EXISTS rating_appeals (
     id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, rating_id TEXT NOT NULL UNIQUE, staff_id TEXT NOT NULL,
     reason TEXT NOT NULL, filed_at TEXT NOT NULL
   )`,
  `CREATE TABLE IF NOT EXISTS appeal_decisions (
     id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, decision TEXT NOT NULL CHECK (decision IN ('accepted','rejected')),
     manager_id TEXT NOT NULL, note TEXT NOT NULL, decided_at TEXT NOT NULL
   )`,
  `CREATE TABLE IF NOT EXISTS evaluation_weights (
     hall_id TEXT PRIMARY KEY, weights TEXT NOT NULL, updated_by TEXT NOT NULL, updated_at TEXT NOT NULL
   )`,
);

// Customer tags, risk models and follow-ups (station migrations 22 and 23), as on the station.
PG_SCHEMA.push(
  ...fromStationMigration(customerTags, ['tag_definitions', 'customer_tags']),
  ...fromStationMigration(riskModelsFollowups, ['risk_models', 'customer_followups']),
);
