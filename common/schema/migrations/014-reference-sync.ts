import type { Migration } from './migration';

export const referenceSync: Migration = {
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
};
