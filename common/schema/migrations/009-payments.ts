import type { Migration } from './migration';

export const payments: Migration = {
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
};
