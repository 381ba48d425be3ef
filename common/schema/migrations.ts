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
  },
  {
    version: 7,
    name: 'queue core: ticket state-machine columns, window state and fairness, queue configuration, appointments',
    sql: `
      ALTER TABLE tickets ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE tickets ADD COLUMN round_calls INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE tickets ADD COLUMN parked_at TEXT;
      ALTER TABLE tickets ADD COLUMN no_show_at TEXT;
      ALTER TABLE tickets ADD COLUMN ended_at TEXT;
      ALTER TABLE tickets ADD COLUMN target_window INTEGER;
      ALTER TABLE tickets ADD COLUMN target_agent TEXT;
      ALTER TABLE tickets ADD COLUMN transferred_from TEXT;
      ALTER TABLE tickets ADD COLUMN transfers INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE tickets ADD COLUMN appointment_id TEXT;
      ALTER TABLE tickets ADD COLUMN appointment_at TEXT;
      ALTER TABLE tickets ADD COLUMN note TEXT;
      CREATE TABLE window_state (
        id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, window_no INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','paused','closed')), reason TEXT,
        types TEXT, fairness TEXT, updated_at TEXT NOT NULL, UNIQUE (hall_id, window_no)
      );
      CREATE TABLE queue_settings (hall_id TEXT PRIMARY KEY, config TEXT NOT NULL, updated_at TEXT NOT NULL);
      CREATE TABLE queue_type_config (
        id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, code TEXT NOT NULL, prefix TEXT NOT NULL, daily_cap INTEGER NOT NULL,
        hours TEXT NOT NULL, waiting_warn_at INTEGER NOT NULL, target_wait_min INTEGER NOT NULL, updated_at TEXT NOT NULL,
        UNIQUE (hall_id, code)
      );
      CREATE TABLE appointments (
        id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, code TEXT NOT NULL UNIQUE, phone_tail TEXT NOT NULL, phone_hash BLOB,
        business_type TEXT NOT NULL, slot_at TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'booked' CHECK (status IN ('booked','checked_in','cancelled')),
        ticket_id TEXT
      );
      CREATE INDEX appointments_phone ON appointments (hall_id, phone_tail, slot_at);
      CREATE INDEX tickets_window_status ON tickets (hall_id, window_no, status);
      CREATE INDEX tickets_day_type ON tickets (hall_id, day, business_type, status);
    `,
  },
  {
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
  },
  {
    version: 9,
    name: 'payments: orders and their append-only state events, bill allocations, refunds with approval, e-invoices, cash declarations, oral consultations',
    sql: `
      CREATE TABLE payment_orders (
        id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, idem_key TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('bill','topup','refund')),
        channel TEXT NOT NULL CHECK (channel IN ('cash','bank_card','qr','prepaid_card')),
        customer_id INTEGER NOT NULL, account_no TEXT NOT NULL, amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
        tendered_fen INTEGER, refund_of TEXT, staff_id TEXT NOT NULL, window_no INTEGER, ticket_id TEXT, created_at TEXT NOT NULL
      );
      CREATE INDEX payment_orders_staff ON payment_orders (staff_id, created_at);
      CREATE INDEX payment_orders_customer ON payment_orders (customer_id, created_at);
      CREATE TABLE payment_events (
        id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, payment_id TEXT NOT NULL, seq INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('created','pending','succeeded','failed','timed_out','reversed')),
        gateway_ref TEXT, note TEXT, staff_id TEXT NOT NULL, at TEXT NOT NULL, UNIQUE (payment_id, seq)
      );
      CREATE TABLE payment_allocations (
        id TEXT PRIMARY KEY, source_payment_id TEXT NOT NULL, applied_by TEXT NOT NULL, customer_id INTEGER NOT NULL,
        target TEXT NOT NULL, amount_fen INTEGER NOT NULL
      );
      CREATE INDEX payment_allocations_source ON payment_allocations (source_payment_id);
      CREATE TABLE refund_requests (
        id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, payment_id TEXT NOT NULL, amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
        reason TEXT NOT NULL, requested_by TEXT NOT NULL, requested_at TEXT NOT NULL
      );
      CREATE INDEX refund_requests_payment ON refund_requests (payment_id);
      CREATE TABLE refund_decisions (
        id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, decision TEXT NOT NULL CHECK (decision IN ('approved','rejected')),
        manager_id TEXT NOT NULL, note TEXT, refund_payment_id TEXT, at TEXT NOT NULL
      );
      CREATE TABLE invoice_requests (
        id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, payment_id TEXT NOT NULL UNIQUE, buyer_title TEXT NOT NULL, tax_id TEXT,
        email TEXT, requested_by TEXT NOT NULL, requested_at TEXT NOT NULL
      );
      CREATE TABLE invoice_events (
        id TEXT PRIMARY KEY, invoice_id TEXT NOT NULL, status TEXT NOT NULL CHECK (status IN ('issued','failed')), invoice_no TEXT, at TEXT NOT NULL
      );
      CREATE TABLE cash_declarations (
        id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, staff_id TEXT NOT NULL, day TEXT NOT NULL, declared_fen INTEGER NOT NULL CHECK (declared_fen >= 0),
        note TEXT, at TEXT NOT NULL
      );
      CREATE INDEX cash_declarations_staff_day ON cash_declarations (staff_id, day, at);
      CREATE TABLE consultations (
        id TEXT PRIMARY KEY, hall_id TEXT NOT NULL, staff_id TEXT NOT NULL, window_no INTEGER, ticket_id TEXT,
        topic TEXT NOT NULL, note TEXT, at TEXT NOT NULL
      );
      CREATE INDEX consultations_staff ON consultations (staff_id, at);
    `,
  },
  {
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
  },
  {
    version: 11,
    name: 'sync: digest of each applied mutation (central, refuses altered replays); rows each outbox mutation changed (station, undone on rejection)',
    sql: `
      CREATE TABLE sync_mutation_digests (
        client_id TEXT NOT NULL, mutation_id INTEGER NOT NULL, digest TEXT NOT NULL,
        PRIMARY KEY (client_id, mutation_id)
      ) WITHOUT ROWID;
      ALTER TABLE sync_outbox ADD COLUMN changed TEXT;
    `,
  },
  {
    version: 12,
    name: "central: change-log index for the streamed snapshot; a hall relay's upstream outbox and state",
    sql: `
      CREATE INDEX sync_changes_entity ON sync_changes (hall_id, entity, entity_id, version);
      CREATE TABLE relay_outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, hall_id TEXT NOT NULL, client_id TEXT NOT NULL, mutation_id INTEGER NOT NULL,
        name TEXT NOT NULL, args TEXT NOT NULL, created_at TEXT NOT NULL, touched TEXT NOT NULL DEFAULT '[]',
        UNIQUE (client_id, mutation_id)
      );
      CREATE TABLE relay_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `,
  },
  {
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
  },
  {
    version: 14,
    name: 'reference data through sync: windows get a sync id; central change-log compaction marks and horizon',
    sql: `
      ALTER TABLE windows ADD COLUMN id TEXT;
      UPDATE windows SET id = hall_id || '/' || window_no;
      CREATE UNIQUE INDEX windows_id ON windows (id);
      CREATE TRIGGER windows_sync_id AFTER INSERT ON windows WHEN NEW.id IS NULL
      BEGIN UPDATE windows SET id = NEW.hall_id || '/' || NEW.window_no WHERE hall_id = NEW.hall_id AND window_no = NEW.window_no; END;
      CREATE TABLE sync_compaction_marks (hall_id TEXT NOT NULL, version INTEGER NOT NULL, at TEXT NOT NULL, PRIMARY KEY (hall_id, version));
      CREATE TABLE sync_horizon (hall_id TEXT PRIMARY KEY, horizon INTEGER NOT NULL);
    `,
  },
  {
    version: 15,
    name: 'bills and balances across stations: bills get a sync id; a payment allocation is pending until the central sends its own',
    sql: `
      ALTER TABLE bills ADD COLUMN id TEXT;
      UPDATE bills SET id = customer_id || '/' || period;
      CREATE UNIQUE INDEX bills_id ON bills (id);
      CREATE TRIGGER bills_sync_id AFTER INSERT ON bills WHEN NEW.id IS NULL
      BEGIN UPDATE bills SET id = NEW.customer_id || '/' || NEW.period WHERE customer_id = NEW.customer_id AND period = NEW.period; END;
      ALTER TABLE payment_allocations ADD COLUMN pending INTEGER NOT NULL DEFAULT 0 CHECK (pending IN (0, 1));
      CREATE INDEX payment_allocations_pending ON payment_allocations (customer_id, target) WHERE pending = 1;
      CREATE INDEX payment_allocations_applied_by ON payment_allocations (applied_by);
    `,
  },
  {
    version: 16,
    name: 'central: replay digests kept one row per applied push batch (not one row per mutation)',
    sql: `
      CREATE TABLE sync_batch_digests (
        client_id TEXT NOT NULL, last_id INTEGER NOT NULL, first_id INTEGER NOT NULL, digests TEXT NOT NULL,
        PRIMARY KEY (client_id, last_id)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 17,
    name: 'station: each outbox mutation keeps its replay digest, made when the mutation was (the central stores it as sent)',
    sql: `
      ALTER TABLE sync_outbox ADD COLUMN digest TEXT;
    `,
  },
];
