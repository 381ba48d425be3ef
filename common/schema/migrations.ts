/**
 * Numbered SQLite migrations shared by the station and the central (both keep the same domain
 * tables; each side also has its own sync bookkeeping tables). Never edit a shipped migration:
 * add the next number. Each migration has its own test in tests/unit/migrations.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'reference data: halls, business types, windows, staff',
    sql: `
      CREATE TABLE halls (id TEXT PRIMARY KEY, name TEXT NOT NULL, address TEXT NOT NULL DEFAULT '');
      CREATE TABLE business_types (
        code TEXT PRIMARY KEY, name TEXT NOT NULL, name_en TEXT NOT NULL, prefix TEXT NOT NULL,
        online_channel TEXT, synonyms TEXT NOT NULL DEFAULT '[]',
        target_wait_min INTEGER NOT NULL DEFAULT 20, daily_cap INTEGER NOT NULL DEFAULT 999
      );
      CREATE TABLE windows (
        hall_id TEXT NOT NULL, window_no INTEGER NOT NULL, name TEXT NOT NULL,
        business_types TEXT NOT NULL, open INTEGER NOT NULL DEFAULT 1,
        PRIMARY KEY (hall_id, window_no)
      );
      CREATE TABLE staff (
        id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, staff_no TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('agent','manager','guide','technician')),
        title TEXT NOT NULL DEFAULT '', photo TEXT NOT NULL DEFAULT '', star_level INTEGER NOT NULL DEFAULT 3,
        skills TEXT NOT NULL DEFAULT '[]', pin_hash TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'customers, bills and payments (personal data encrypted, keyed hashes for lookup)',
    sql: `
      CREATE TABLE customers (
        id INTEGER PRIMARY KEY, hall_id TEXT NOT NULL, account_no TEXT NOT NULL UNIQUE,
        name_masked TEXT NOT NULL, name_enc BLOB NOT NULL,
        id_masked TEXT NOT NULL, id_enc BLOB NOT NULL, id_hash BLOB NOT NULL,
        phone_masked TEXT NOT NULL, phone_enc BLOB NOT NULL, phone_hash BLOB NOT NULL, phone_tail TEXT NOT NULL,
        address_masked TEXT NOT NULL, address_enc BLOB NOT NULL,
        meter_no TEXT NOT NULL, tariff TEXT NOT NULL, usage_type TEXT NOT NULL,
        prepaid INTEGER NOT NULL DEFAULT 0, balance_fen INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX customers_id_hash ON customers (id_hash);
      CREATE INDEX customers_phone_hash ON customers (phone_hash);
      CREATE INDEX customers_phone_tail ON customers (phone_tail);
      CREATE INDEX customers_meter ON customers (meter_no);
      CREATE TABLE bills (
        customer_id INTEGER NOT NULL, period TEXT NOT NULL, kwh INTEGER NOT NULL,
        amount_fen INTEGER NOT NULL, paid_fen INTEGER NOT NULL, due_date TEXT NOT NULL,
        PRIMARY KEY (customer_id, period)
      ) WITHOUT ROWID;
      CREATE TABLE payments (
        id TEXT PRIMARY KEY, customer_id INTEGER NOT NULL, period TEXT, amount_fen INTEGER NOT NULL,
        channel TEXT NOT NULL, status TEXT NOT NULL, paid_at TEXT NOT NULL
      );
      CREATE INDEX payments_customer ON payments (customer_id, paid_at);
    `,
  },
  {
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
  },
  {
    version: 4,
    name: 'station sync bookkeeping: outbox of mutations, checkpoint; local-only state',
    sql: `
      CREATE TABLE sync_outbox (
        mutation_id INTEGER PRIMARY KEY, name TEXT NOT NULL, args TEXT NOT NULL, created_at TEXT NOT NULL
      );
      CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE sync_rejected (
        mutation_id INTEGER PRIMARY KEY, name TEXT NOT NULL, args TEXT NOT NULL, code TEXT NOT NULL, message TEXT NOT NULL, at TEXT NOT NULL
      );
      CREATE TABLE login_attempts (staff_no TEXT PRIMARY KEY, failures INTEGER NOT NULL, locked_until TEXT);
      CREATE TABLE announcements (id INTEGER PRIMARY KEY, ticket_id TEXT NOT NULL, text TEXT NOT NULL, spoken INTEGER NOT NULL, error TEXT, at TEXT NOT NULL);
    `,
  },
  {
    version: 5,
    name: 'central sync bookkeeping: clients and the change log (server version cursor)',
    sql: `
      CREATE TABLE sync_clients (
        client_id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, last_mutation_id INTEGER NOT NULL DEFAULT 0, last_seen TEXT NOT NULL
      );
      CREATE TABLE sync_changes (
        version INTEGER PRIMARY KEY AUTOINCREMENT, hall_id TEXT NOT NULL, entity TEXT NOT NULL, entity_id TEXT NOT NULL, row TEXT NOT NULL
      );
      CREATE INDEX sync_changes_hall ON sync_changes (hall_id, version);
    `,
  },
  {
    version: 6,
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
  },
];
