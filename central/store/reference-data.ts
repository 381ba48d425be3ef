import { SYNCED_ENTITIES, type SyncedEntity } from '@common/mutators/sql';
import { REFERENCE_ENTITIES } from '@common/sync/reference-data';
import { importHallDatabase } from './import-hall';
import type { ChangeLogWriter } from './change-log-writer';
import type { SqlDialect } from './sql-dialect';

/** Each reference entity's rows for one hall (`?` is the hall id); business types are shared by all halls. */
const HALL_ROWS: Record<(typeof REFERENCE_ENTITIES)[number], string> = {
  hall: 'SELECT * FROM halls WHERE id = ?',
  businessType: 'SELECT * FROM business_types WHERE CAST(? AS TEXT) IS NOT NULL ORDER BY code',
  window: 'SELECT * FROM windows WHERE hall_id = ? ORDER BY window_no',
  staff: 'SELECT * FROM staff WHERE hall_id = ? ORDER BY id',
  queueSettings: 'SELECT * FROM queue_settings WHERE hall_id = ?',
  queueTypeConfig: 'SELECT * FROM queue_type_config WHERE hall_id = ? ORDER BY id',
  windowState: 'SELECT * FROM window_state WHERE hall_id = ? ORDER BY id',
  // Appointments are hall data, not configuration; the ones still ahead are published so a new kiosk can check them in.
  appointment: "SELECT * FROM appointments WHERE hall_id = ? AND status = 'booked' ORDER BY id",
};

/**
 * The central's side of reference data through sync: rows written at the central outside any
 * mutation (seeded, imported, edited by an administrator) are put in their hall's change log, so
 * stations pull them like any synced row. Publishing is idempotent: a row equal to the newest one
 * logged for its entity is not logged again, so it runs at every central start.
 */
export class ReferenceData {
  constructor(
    private readonly db: SqlDialect,
    private readonly changes: ChangeLogWriter,
  ) {}

  /** Load a hall's SQLite database (reference data and customers) into this central; rows it has are kept. */
  importFrom(file: string): Record<string, number> {
    return importHallDatabase(this.db, file);
  }

  /** Log every reference row of every hall that differs from its newest logged version; returns how many were logged. */
  publishAll(): number {
    const halls = this.db.tx.all<{ id: string }>('SELECT id FROM halls ORDER BY id');
    return halls.reduce((n, h) => n + this.publish(h.id), 0);
  }

  publish(hallId: string): number {
    return this.db.transaction(() => {
      this.db.bindHall(hallId);
      let logged = 0;
      for (const entity of REFERENCE_ENTITIES) {
        const key = SYNCED_ENTITIES[entity].key;
        for (const row of this.db.tx.all<Record<string, unknown>>(HALL_ROWS[entity], hallId)) {
          if (this.logIfChanged(hallId, entity, String(row[key]), row)) logged++;
        }
      }
      return logged;
    });
  }

  private logIfChanged(hallId: string, entity: SyncedEntity, id: string, row: Record<string, unknown>): boolean {
    const json = JSON.stringify(row);
    const last = this.db.tx.get<{ row: string }>(
      'SELECT row FROM sync_changes WHERE hall_id = ? AND entity = ? AND entity_id = ? ORDER BY version DESC LIMIT 1',
      hallId,
      entity,
      id,
    );
    if (last?.row === json) return false;
    this.changes.logRow(hallId, entity, id, json);
    return true;
  }
}
