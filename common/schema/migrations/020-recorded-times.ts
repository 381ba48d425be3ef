import type { Migration } from './migration';

export const recordedTimes: Migration = {
  version: 20,
  name: "central: its own clock on the change log (recorded_at), each station's last catch-up (caught_up_at), the staff who signed in at each station",
  sql: `
      ALTER TABLE sync_changes ADD COLUMN recorded_at TEXT;
      ALTER TABLE sync_clients ADD COLUMN caught_up_at TEXT;
      CREATE TABLE sync_staff_presence (
        client_id TEXT NOT NULL, staff_id TEXT NOT NULL, since TEXT NOT NULL, PRIMARY KEY (client_id, staff_id)
      );
      INSERT OR IGNORE INTO sync_staff_presence (client_id, staff_id, since)
        SELECT a.station_id, s.id, min(a.at) FROM audit_log a JOIN staff s ON s.staff_no = a.actor
        WHERE a.action IN ('auth.login', 'refund.approve', 'refund.reject', 'payment.reverse')
        GROUP BY a.station_id, s.id;
    `,
};
