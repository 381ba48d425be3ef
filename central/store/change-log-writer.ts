import { projectedColumns, SYNCED_ENTITIES, type SyncedEntity } from '@common/mutators/sql';
import { AppFailure } from '@common/result';
import type { SqlDialect } from './sql-dialect';

/**
 * Entities whose rows are never changed once written (audit entries: append-only, one change-log
 * row each, never compacted): their change-log row holds the BY_REFERENCE marker instead of a copy
 * of the row's JSON, and pull and snapshot read the row from its table. Copying ~430 bytes of JSON
 * per pushed audit entry was about a fifth of the central's push time. Log rows written before keep
 * their copy and are read as they are.
 */
const LOGGED_BY_REFERENCE: ReadonlySet<SyncedEntity> = new Set<SyncedEntity>(['audit']);
/** Not JSON, so never a copied row. */
const BY_REFERENCE = '';
const loggedRefsSqls = new Map<number, string>();
const loggedRefsSql = (rows: number): string => {
  let sql = loggedRefsSqls.get(rows);
  if (!sql)
    loggedRefsSqls.set(
      rows,
      (sql = `INSERT INTO sync_changes (hall_id, entity, entity_id, recorded_at, row) VALUES ${Array(rows).fill(`(?, ?, ?, ?, '${BY_REFERENCE}')`).join(', ')}`),
    );
  return sql;
};

/**
 * Rows per multi-row INSERT of by-reference change-log rows, largest first: a batch's run of them
 * is written in a few statements instead of one each (with AUTOINCREMENT, SQLite also writes the
 * sequence once per statement, not per row). Powers of two, so at most seven statements are kept.
 */
const LOGGED_CHUNKS = [64, 32, 16, 8, 4, 2, 1] as const;

/**
 * Writes the central's change log (sync_changes), the rows stations pull by version. A row is
 * logged by value (its JSON, made by the database where the table allows, else by JSON.stringify)
 * or, for an append-only entity, by reference (read from its table when pulled: see loggedRowSql).
 * Versions always follow the order rows are logged in, by-reference rows queued during a batch included.
 */
export class ChangeLogWriter {
  /** By-reference change-log rows not yet written, as (hall, entity, id, recorded_at) quadruples: while a batch applies unguarded, they are written together. */
  private readonly loggedRefs: string[] = [];
  private deferLogged = false;
  private readonly logCopies = new Map<SyncedEntity, { sql: string; hallScoped: boolean } | null>();
  private readonly rowJsonOf = new Map<SyncedEntity, { json: string; hallScoped: boolean } | null>();
  private loggedRow: string | undefined;

  /** The central's time for every row a batch logs: read once per batch, so a batch's rows share it. */
  private batchNow: string | null = null;

  constructor(
    private readonly db: SqlDialect,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The central's clock when a row is logged (`recorded_at`): never the station's, which a station controls. */
  private recordedAt(): string {
    return this.batchNow ?? this.clock().toISOString();
  }

  /**
   * Run `apply` (inside the caller's transaction), then write what it queued. `deferred`: its
   * by-reference rows are queued and written together at the end; otherwise each is written as it
   * comes (a mutation's savepoint rolled back must take its rows with it). When `apply` throws, the
   * transaction rolls back, and what is still queued belongs to it: it is dropped.
   */
  batch<T>(deferred: boolean, apply: () => T): T {
    this.deferLogged = deferred;
    this.batchNow = this.clock().toISOString();
    try {
      const out = apply();
      this.flushLogged();
      return out;
    } finally {
      this.deferLogged = false;
      this.batchNow = null;
      this.loggedRefs.length = 0;
    }
  }

  /**
   * Put an entity's current row in the hall's change log (stations pull it by version). `written`:
   * a mutator has just written the row in this transaction (a row logged by reference then needs
   * no lookup to prove it exists). Nothing is logged for a row that does not exist; a row of another
   * hall is refused.
   */
  logCurrent(hallId: string, entity: SyncedEntity, id: string, written = false): void {
    if (written && LOGGED_BY_REFERENCE.has(entity) && this.rowJson(entity)?.hallScoped === false) {
      this.loggedRefs.push(hallId, entity, id, this.recordedAt());
      if (!this.deferLogged) this.flushLogged();
      return;
    }
    // Versions follow the order of the changes: rows queued before this one get theirs first.
    this.flushLogged();
    const { table, key } = SYNCED_ENTITIES[entity];
    const projection = projectedColumns(entity);
    // The common case in one statement: a row of this hall (or of a table without halls) that
    // exists, copied as JSON made by the database, or for a row that never changes, a reference to
    // it. Anything else takes the path below.
    const copy = this.logCopySql(entity);
    if (
      copy &&
      this.db.tx.run(copy.sql, hallId, entity, id, this.recordedAt(), id, ...(copy.hallScoped ? [hallId] : [])).changes
    )
      return;
    const row = this.db.tx.get<Record<string, unknown>>(
      `SELECT ${projection ? projection.join(', ') : '*'} FROM ${table} WHERE ${key} = ?`,
      id,
    );
    if (!row) return;
    // A station may touch only its own hall's rows (a ticket id of another hall is refused).
    if (row.hall_id !== undefined && row.hall_id !== hallId)
      throw new AppFailure('forbidden', 'sync.recordOtherHall', { record: `${entity} ${id}` });
    this.logRow(hallId, entity, id, JSON.stringify(row));
  }

  /** Log a row the caller made itself, as its JSON text. */
  logRow(hallId: string, entity: SyncedEntity, id: string, json: string): void {
    this.flushLogged();
    this.db.tx.run(
      'INSERT INTO sync_changes (hall_id, entity, entity_id, recorded_at, row) VALUES (?, ?, ?, ?, ?)',
      hallId,
      entity,
      id,
      this.recordedAt(),
      json,
    );
  }

  /** The change-log row as pulled, `c` being sync_changes: the copy, or for a row logged by reference, the row read from its table. */
  loggedRowSql(): string {
    if (this.loggedRow !== undefined) return this.loggedRow;
    const lookups = [...LOGGED_BY_REFERENCE].map((entity) => {
      const { table, key } = SYNCED_ENTITIES[entity];
      const row = this.rowJson(entity)!;
      return `WHEN '${entity}' THEN (SELECT ${row.json} FROM ${table} t WHERE t.${key} = c.entity_id${row.hallScoped ? ' AND t.hall_id = c.hall_id' : ''})`;
    });
    this.loggedRow = lookups.length
      ? `CASE WHEN c.row = '${BY_REFERENCE}' THEN CASE c.entity ${lookups.join(' ')} END ELSE c.row END`
      : 'c.row';
    return this.loggedRow;
  }

  /** Write the queued by-reference rows, in order, in multi-row INSERTs. */
  private flushLogged(): void {
    const refs = this.loggedRefs;
    let at = 0;
    for (const rows of LOGGED_CHUNKS) {
      for (; refs.length - at >= rows * 4; at += rows * 4)
        this.db.tx.run(loggedRefsSql(rows), ...refs.slice(at, at + rows * 4));
    }
    refs.length = 0;
  }

  /**
   * The database's JSON of a row of `table` (SQLite's json_object over the columns in table order,
   * PostgreSQL's row_to_json), for a table whose columns are all text or integer: there the
   * database writes what JSON.stringify of the row read back would (same keys in column order,
   * same values once parsed). Null for tables with REAL or BLOB columns, which keep the JS path:
   * SQLite spells 12.0 and infinities its own way, and a BLOB cannot be JSON. `t` is the table's alias.
   */
  private rowJson(entity: SyncedEntity): { json: string; hallScoped: boolean } | null {
    if (this.rowJsonOf.has(entity)) return this.rowJsonOf.get(entity)!;
    const { table } = SYNCED_ENTITIES[entity];
    // A projection (a customer's balance) copies only its own columns, in its own order.
    const projection = projectedColumns(entity);
    const sqlite = this.db.name === 'sqlite';
    const all = sqlite
      ? this.db.tx.all<{ name: string; type: string }>(`SELECT name, type FROM pragma_table_info('${table}')`)
      : this.db.tx.all<{ name: string; type: string }>(
          'SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position',
          table,
        );
    const columns = projection
      ? projection.map((n) => all.find((c) => c.name === n) ?? { name: n, type: 'missing' })
      : all;
    const plain =
      columns.length > 0 && columns.every((c) => /^(TEXT|INTEGER)$/i.test(c.type) && /^[a-z_][a-z0-9_]*$/.test(c.name));
    const pairs = columns.map((c) => `'${c.name}', t.${c.name}`).join(', ');
    const json = sqlite
      ? `json_object(${pairs})`
      : projection
        ? `json_build_object(${pairs})::text`
        : 'row_to_json(t)::text';
    const out = plain ? { json, hallScoped: columns.some((c) => c.name === 'hall_id') } : null;
    this.rowJsonOf.set(entity, out);
    return out;
  }

  /**
   * `INSERT … SELECT` of the change-log row from the entity's table. For an entity logged by
   * reference (LOGGED_BY_REFERENCE) the row is the empty marker and the pull reads the row itself
   * (loggedRowSql); otherwise the row's JSON is copied.
   */
  private logCopySql(entity: SyncedEntity): { sql: string; hallScoped: boolean } | null {
    if (this.logCopies.has(entity)) return this.logCopies.get(entity)!;
    const { table, key } = SYNCED_ENTITIES[entity];
    const row = this.rowJson(entity);
    const copy = row
      ? {
          sql: `INSERT INTO sync_changes (hall_id, entity, entity_id, recorded_at, row) SELECT ?, ?, ?, ?, ${LOGGED_BY_REFERENCE.has(entity) ? `'${BY_REFERENCE}'` : row.json} FROM ${table} t WHERE ${key} = ?${row.hallScoped ? ' AND hall_id = ?' : ''}`,
          hallScoped: row.hallScoped,
        }
      : null;
    this.logCopies.set(entity, copy);
    return copy;
  }
}
