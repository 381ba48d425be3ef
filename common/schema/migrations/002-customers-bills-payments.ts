import type { Migration } from './migration';

export const customersBillsPayments: Migration = {
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
};
