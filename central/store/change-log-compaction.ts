import { HttpError } from '../http-util';
import type { SqlDialect } from './sql-dialect';

export interface CompactionResult {
  hallId: string;
  /** Log rows at or below this version may have been dropped; a pull cursor behind it gets `cursor_too_old`. */
  horizon: number;
  dropped: number;
}

/**
 * Change-log compaction (docs/sync.md "Change-log compaction"). The log keeps the newest row of every
 * entity forever, so append-only facts (ratings, payments, signatures, audit — one log row each,
 * never superseded) are never lost; what goes are older versions of entities changed again later,
 * once they are past the retention horizon. The horizon is kept per hall: a station whose cursor
 * is behind it would replay a rewritten history, so it is told `cursor_too_old` and re-syncs from
 * the streamed snapshot instead. The time horizon comes from marks (hall version at a time)
 * recorded by each run, so the hot-path log rows carry no timestamp.
 */
export class ChangeLogCompaction {
  /**
   * Horizons read once per hall and kept current by compact(): the check on every pull costs no
   * query. (A second central process on the same database would see a newer horizon late; a pull
   * from behind it is then still correct, since the newest row of every entity is never dropped.)
   */
  private readonly horizons = new Map<string, number>();

  constructor(private readonly db: SqlDialect) {}

  horizon(hallId: string): number {
    let h = this.horizons.get(hallId);
    if (h === undefined) {
      h =
        this.db.tx.get<{ horizon: number }>('SELECT horizon FROM sync_horizon WHERE hall_id = ?', hallId)?.horizon ?? 0;
      this.horizons.set(hallId, h);
    }
    return h;
  }

  /** Refuse a pull from a cursor the log no longer covers (cursor 0 is a new station: it takes the snapshot anyway). */
  requireCovered(hallId: string, cursor: number): void {
    const horizon = this.horizon(hallId);
    if (cursor > 0 && cursor < horizon) {
      throw new HttpError(410, 'cursor_too_old', 'sync.cursorTooOld', { cursor, horizon });
    }
  }

  /**
   * Mark the hall's current version at `now`, then compact up to the newest mark at least
   * `retentionMs` old. The first run on a hall only marks.
   */
  compactOlderThan(hallId: string, retentionMs: number, now: Date): CompactionResult {
    const version =
      this.db.tx.get<{ v: number | null }>('SELECT max(version) AS v FROM sync_changes WHERE hall_id = ?', hallId)?.v ??
      0;
    this.db.transaction(() => {
      this.db.tx.run(
        'INSERT INTO sync_compaction_marks (hall_id, version, at) VALUES (?, ?, ?) ON CONFLICT (hall_id, version) DO NOTHING',
        hallId,
        version,
        now.toISOString(),
      );
    });
    const cutoff = new Date(now.getTime() - retentionMs).toISOString();
    const mark =
      this.db.tx.get<{ v: number | null }>(
        'SELECT max(version) AS v FROM sync_compaction_marks WHERE hall_id = ? AND at <= ?',
        hallId,
        cutoff,
      )?.v ?? 0;
    return this.compact(hallId, mark);
  }

  /** Drop log rows at or below `horizon` that a newer row of the same entity supersedes; the horizon only moves forward. */
  compact(hallId: string, horizon: number): CompactionResult {
    const result = this.db.transaction((): CompactionResult => {
      this.db.bindHall(hallId);
      const kept = Math.max(horizon, this.horizon(hallId));
      if (kept === 0) return { hallId, horizon: 0, dropped: 0 };
      const { changes } = this.db.tx.run(
        `DELETE FROM sync_changes AS c WHERE c.hall_id = ? AND c.version <= ?
           AND EXISTS (SELECT 1 FROM sync_changes d WHERE d.hall_id = c.hall_id AND d.entity = c.entity AND d.entity_id = c.entity_id AND d.version > c.version)`,
        hallId,
        kept,
      );
      this.db.tx.run(
        'INSERT INTO sync_horizon (hall_id, horizon) VALUES (?, ?) ON CONFLICT (hall_id) DO UPDATE SET horizon = excluded.horizon',
        hallId,
        kept,
      );
      this.db.tx.run('DELETE FROM sync_compaction_marks WHERE hall_id = ? AND version < ?', hallId, kept);
      return { hallId, horizon: kept, dropped: changes };
    });
    // Only once committed: a rolled-back run leaves the horizon where it was.
    this.horizons.set(hallId, result.horizon);
    return result;
  }

  /** Halls with a change log: what a scheduled run compacts. */
  halls(): string[] {
    return this.db.tx
      .all<{ hall_id: string }>('SELECT DISTINCT hall_id FROM sync_credentials ORDER BY hall_id')
      .map((r) => r.hall_id);
  }
}
