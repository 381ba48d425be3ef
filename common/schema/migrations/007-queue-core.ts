import type { Migration } from './migration';

export const queueCore: Migration = {
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
};
