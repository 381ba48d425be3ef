import type { Migration } from './migration';

export const billSync: Migration = {
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
};
