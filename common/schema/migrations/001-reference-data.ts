import type { Migration } from './migration';

export const referenceData: Migration = {
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
};
