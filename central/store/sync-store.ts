import { applyMutation, type MutationContext } from '@common/mutators';
import { projectedColumns, SYNCED_ENTITIES, type SyncedEntity } from '@common/mutators/sql';
import { batchChecksum, snapshotPageChecksum, type ChecksumKind } from '../../node/sync/checksum';
import {
  MAX_PULL_BATCH,
  type ClientMutation,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type Rejection,
} from '@common/sync/protocol';
import { AppFailure } from '@common/result';
import { roleMayPush } from '@common/sync/station-roles';
import { HttpError } from '../http-util';
import type { SqlDialect } from './sql-dialect';
import { BATCH_DIGEST_CHARS, batchDigest, mutationDigest } from '../../node/sync/mutation-digest';
import { NumberLeases } from './number-leases';
import { StationAuth, type StationCaller } from './station-auth';
import { RelayLedger } from '../relay/relay-ledger';
import { CentralCustomers } from './customer-lookup';
import { ReferenceData } from './reference-data';
import { ChangeLogCompaction } from './change-log-compaction';
import { customerHomeHall } from './money-publish';

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
      (sql = `INSERT INTO sync_changes (hall_id, entity, entity_id, row) VALUES ${Array(rows).fill(`(?, ?, ?, '${BY_REFERENCE}')`).join(', ')}`),
    );
  return sql;
};

const CLOSE_BRACE = Buffer.from('}');

/**
 * Rows per multi-row INSERT of by-reference change-log rows, largest first: a batch's run of them
 * is written in a few statements instead of one each (with AUTOINCREMENT, SQLite also writes the
 * sequence once per statement, not per row). Powers of two, so at most seven statements are kept.
 */
const LOGGED_CHUNKS = [64, 32, 16, 8, 4, 2, 1] as const;

export interface StationContact {
  client_id: string;
  last_mutation_id: number;
  last_seen: string;
}

/**
 * What the central server needs of its storage. One implementation of the sync rules runs over
 * either backend through the SqlDialect seam; a future store (a relay's, a streamed snapshot's
 * pager) implements the same surface.
 */
export interface CentralStore {
  readonly backend: SqlDialect['name'];
  readonly auth: StationAuth;
  readonly leases: NumberLeases;
  /** A hall relay's upstream bookkeeping; null on a provincial (or stand-alone) central. */
  readonly relay: RelayLedger | null;
  /** 跨区域办理: customers of any hall, and their tags and risk. */
  readonly customers: CentralCustomers;
  /** Reference data (types, windows, staff, queue config) published into each hall's change log. */
  readonly reference: ReferenceData;
  /** Retention of the change log, and the horizon a pull cursor must not be behind. */
  readonly changeLog: ChangeLogCompaction;
  /** Apply a batch as `caller` (whose token the server checked): its hall, its role's mutations. */
  push(req: PushRequest, now: string, caller: StationCaller): PushResponse & { version: number };
  /** Changes after `cursor`, with a checksum of the kind the station asked for. */
  pull(clientId: string, hallId: string, cursor: number, checksum?: ChecksumKind): PullResponse;
  /** The newest change version of a hall: what a snapshot started now covers. */
  hallVersion(hallId: string): number;
  /** One page of a snapshot: the newest row per entity with `after < version ≤ upto`, in version order, as its NDJSON line. */
  snapshotPage(
    hallId: string,
    after: number,
    upto: number,
    limit: number,
    checksum?: ChecksumKind,
  ): { cursor: number; line: Buffer };
  version(): number;
  clients(hallId: string): StationContact[];
  close(): void;
}

/**
 * The central's authoritative store: applies pushed mutations in server order and keeps the
 * change log that stations pull by version. A batch's effects, the client's last mutation id and
 * the change-log rows commit in one transaction, so a replayed push changes nothing.
 */
export class SyncStore implements CentralStore {
  readonly backend;
  readonly auth: StationAuth;
  readonly leases: NumberLeases;
  readonly customers: CentralCustomers;
  readonly reference: ReferenceData;
  readonly changeLog: ChangeLogCompaction;
  private readonly tx;

  /** Set when this central is a hall relay: what it applies is also queued for the provincial central. */
  readonly relay: RelayLedger | null;

  constructor(
    private readonly db: SqlDialect,
    opts: { relay?: boolean } = {},
  ) {
    this.backend = db.name;
    this.tx = db.tx;
    this.auth = new StationAuth(db);
    this.leases = new NumberLeases(db);
    this.relay = opts.relay ? new RelayLedger(db, (hallId, entity, id) => this.logChange(hallId, entity, id)) : null;
    this.customers = new CentralCustomers(db);
    this.reference = new ReferenceData(db);
    this.changeLog = new ChangeLogCompaction(db);
    this.mutationContext = {
      tx: db.tx,
      side: 'central',
      changed: (entity, id) => void this.touched.push({ entity, id }),
    };
  }

  push(req: PushRequest, now: string, caller: StationCaller): PushResponse & { version: number } {
    if (req.clientId !== caller.clientId)
      throw new HttpError(403, 'wrong_client', 'the batch names another client than the token');
    if (req.hallId !== caller.hallId)
      throw new HttpError(403, 'wrong_hall', 'the batch names another hall than the token');
    // Optimistic: the whole batch in one transaction, no savepoint per mutation (a savepoint makes
    // SQLite keep a sub-journal of every page it touches). Nearly every batch applies cleanly; on the
    // first rejected mutation the transaction is rolled back and the batch replayed with a savepoint
    // per mutation, so the rejected one leaves no trace and the ones behind it still apply.
    try {
      return this.db.transaction(() => this.pushBatch(req, now, caller, false));
    } catch (e) {
      if (!(e instanceof AppFailure)) throw e;
      return this.db.transaction(() => this.pushBatch(req, now, caller, true));
    }
  }

  private pushBatch(
    req: PushRequest,
    now: string,
    caller: StationCaller,
    guarded: boolean,
  ): PushResponse & { version: number } {
    this.db.bindHall(req.hallId);
    const client = this.tx.get<{ hall_id: string; last_mutation_id: number }>(
      'SELECT hall_id, last_mutation_id FROM sync_clients WHERE client_id = ?',
      req.clientId,
    );
    if (client && client.hall_id !== req.hallId)
      throw new HttpError(403, 'wrong_hall', 'client belongs to another hall');
    // Unguarded, by-reference change-log rows are queued and written together at the end of the batch.
    // Guarded, each is written as it comes: a mutation's savepoint rolled back must take its rows with it.
    this.deferLogged = !guarded;
    let applied;
    try {
      applied = this.applyBatch(req, caller, client?.last_mutation_id ?? 0, guarded);
      this.flushLogged();
    } finally {
      // After a failure the transaction rolls back: what is still queued belongs to it.
      this.deferLogged = false;
      this.loggedRefs.length = 0;
    }
    const { last, rejected } = applied;
    this.tx.run(
      `INSERT INTO sync_clients (client_id, hall_id, last_mutation_id, last_seen) VALUES (?, ?, ?, ?)
       ON CONFLICT(client_id) DO UPDATE SET last_mutation_id = excluded.last_mutation_id, last_seen = excluded.last_seen`,
      req.clientId,
      req.hallId,
      last,
      now,
    );
    return { lastMutationId: last, rejected, version: this.version() };
  }

  /**
   * Apply a batch's mutations after `first`. Unguarded, a rejected mutation throws (the caller
   * rolls the batch back and replays it guarded); guarded, each mutation runs in its own savepoint
   * and a rejected one is reported and skipped.
   */
  private applyBatch(
    req: PushRequest,
    caller: StationCaller,
    first: number,
    guarded: boolean,
  ): { last: number; rejected: Rejection[] } {
    let last = first;
    const rejected: Rejection[] = [];
    // The replay digests of the mutations this batch applies, first..last in order: one row for them all.
    let firstApplied = 0;
    let digests = '';
    for (const m of req.mutations) {
      if (m.id <= last) {
        // Already applied: the same mutation again changes nothing; other content under its id is refused.
        const kept =
          firstApplied && m.id >= firstApplied
            ? digests.slice((m.id - firstApplied) * BATCH_DIGEST_CHARS, (m.id - firstApplied + 1) * BATCH_DIGEST_CHARS)
            : null;
        this.refuseAlteredReplay(req.clientId, m, kept);
        continue;
      }
      if (m.id !== last + 1) throw new HttpError(409, 'gap', `mutation ${m.id} follows ${last}: a mutation is missing`);
      // No closure per mutation on the fast path: with tsx's keepNames each one cost a helper call.
      if (!guarded) this.applyPushed(req, caller, m);
      else {
        try {
          this.db.transaction(() => this.applyPushed(req, caller, m));
        } catch (e) {
          // A mutation that always fails must not block the queue: reject it visibly and move on.
          if (!(e instanceof AppFailure)) throw e;
          rejected.push({ id: m.id, code: e.code, message: e.message });
        }
      }
      firstApplied ||= m.id;
      digests += m.digest ?? batchDigest(m.name, m.args);
      last = m.id;
    }
    if (firstApplied)
      this.tx.run(
        'INSERT INTO sync_batch_digests (client_id, last_id, first_id, digests) VALUES (?, ?, ?, ?)',
        req.clientId,
        last,
        firstApplied,
        digests,
      );
    return { last, rejected };
  }

  /** One pushed mutation, if the station's role may make it; a hall relay also queues it for upstream. */
  private applyPushed(req: PushRequest, caller: StationCaller, m: ClientMutation): void {
    if (!roleMayPush(caller.role, m.name))
      throw new AppFailure(
        'forbidden',
        `终端角色 ${caller.role} 不可提交 ${m.name.slice(0, 64)} (role may not push this mutation)`,
      );
    const touched = this.applyOne(req.hallId, m.name, m.args);
    this.relay?.record(req.hallId, req.clientId, m, touched);
  }

  /**
   * A replayed id must carry what was applied under it. `kept` is its digest when this same batch
   * applied it; otherwise the digest is read from the batch row that covers it, or (for mutations
   * applied before batch rows existed) from the row kept per mutation.
   */
  private refuseAlteredReplay(clientId: string, m: ClientMutation, kept: string | null): void {
    let same: boolean | null = kept === null ? null : kept === batchDigest(m.name, m.args);
    if (same === null) {
      const batch = this.tx.get<{ first_id: number; digests: string }>(
        'SELECT first_id, digests FROM sync_batch_digests WHERE client_id = ? AND last_id >= ? ORDER BY last_id LIMIT 1',
        clientId,
        m.id,
      );
      if (batch && batch.first_id <= m.id) {
        const at = (m.id - batch.first_id) * BATCH_DIGEST_CHARS;
        same = batch.digests.slice(at, at + BATCH_DIGEST_CHARS) === batchDigest(m.name, m.args);
      } else {
        const legacy = this.tx.get<{ digest: string }>(
          'SELECT digest FROM sync_mutation_digests WHERE client_id = ? AND mutation_id = ?',
          clientId,
          m.id,
        );
        // Mutations applied before digests were kept have none: nothing to compare, so the replay stays a no-op.
        if (legacy) same = legacy.digest === mutationDigest(m.name, m.args);
      }
    }
    if (same === false) {
      throw new HttpError(
        409,
        'replay_mismatch',
        `重放的变更与已应用的不同 (mutation ${m.id} was already applied with different content): batch refused, nothing applied`,
      );
    }
  }

  /** What the mutation being applied changed; one context for all of them (a closure per mutation showed in the profile). */
  private readonly touched: { entity: SyncedEntity; id: string }[] = [];
  private readonly mutationContext: MutationContext;

  private applyOne(hallId: string, name: string, args: unknown): { entity: SyncedEntity; id: string }[] {
    const claimed = (args as { hallId?: unknown } | null)?.hallId;
    if (claimed !== undefined && claimed !== hallId) throw new AppFailure('forbidden', 'mutation names another hall');
    this.touched.length = 0;
    applyMutation(this.mutationContext, name, args);
    const changed = this.relay ? [...this.touched] : this.touched;
    for (const c of changed) {
      this.logChange(hallId, c.entity, c.id, true);
      // 跨区域办理: a bill or balance of another hall's customer paid here reaches that hall's stations too.
      const home = customerHomeHall(this.tx, c.entity, c.id);
      if (home !== null && home !== hallId) this.logChange(home, c.entity, c.id);
    }
    return changed;
  }

  pull(clientId: string, hallId: string, cursor: number, checksum: ChecksumKind = 'fnv1a'): PullResponse {
    const rows = this.tx.all<{ version: number; entity: SyncedEntity; entity_id: string; row: string }>(
      `SELECT c.version, c.entity, c.entity_id, ${this.loggedRowSql()} AS row FROM sync_changes c WHERE c.hall_id = ? AND c.version > ? ORDER BY c.version LIMIT ?`,
      hallId,
      cursor,
      MAX_PULL_BATCH + 1,
    );
    const more = rows.length > MAX_PULL_BATCH;
    const changes = rows.slice(0, MAX_PULL_BATCH).map((r) => ({
      version: r.version,
      entity: r.entity,
      id: r.entity_id,
      row: JSON.parse(r.row) as Record<string, unknown>,
    }));
    const next = changes.at(-1)?.version ?? cursor;
    const lastMutationId =
      this.tx.get<{ last_mutation_id: number }>(
        'SELECT last_mutation_id FROM sync_clients WHERE client_id = ? AND hall_id = ?',
        clientId,
        hallId,
      )?.last_mutation_id ?? 0;
    return { cursor: next, lastMutationId, changes, more, checksum: batchChecksum(next, changes, checksum) };
  }

  hallVersion(hallId: string): number {
    return (
      this.tx.get<{ v: number | null }>('SELECT max(version) AS v FROM sync_changes WHERE hall_id = ?', hallId)?.v ?? 0
    );
  }

  snapshotPage(
    hallId: string,
    after: number,
    upto: number,
    limit: number,
    checksum: ChecksumKind = 'fnv1a',
  ): { cursor: number; line: Buffer } {
    // Keyset paging on version: each page is one short query, so no read stays open across the
    // stream (an open better-sqlite3 iterator would make the connection busy for pushes). Rows at
    // or below `upto` never change (the log is append-only), so pages read at different times
    // still form one consistent snapshot; a row superseded by a newer version ≤ upto is skipped.
    // The database writes the page's changes array itself, as UTF-8 bytes, from the log's JSON
    // text: nothing is decoded into JS strings, parsed, joined or encoded again on the way to the
    // socket, and the checksum runs over those bytes.
    const page = this.tx.get<{ changes: Uint8Array; n: number; last: number | null }>(
      this.snapshotPageSql(),
      hallId,
      after,
      upto,
      upto,
      limit,
    )!;
    const changes = Buffer.from(page.changes.buffer, page.changes.byteOffset, page.changes.byteLength);
    const cursor = page.n < limit ? upto : page.last!;
    const head = `{"type":"page","after":${after},"cursor":${cursor},"checksum":"${snapshotPageChecksum(after, cursor, changes, checksum)}","changes":`;
    return { cursor, line: Buffer.concat([Buffer.from(head), changes, CLOSE_BRACE]) };
  }

  private pageSql: string | undefined;

  /** One snapshot page's changes array (as bytes), its row count and its last version. */
  private snapshotPageSql(): string {
    if (this.pageSql) return this.pageSql;
    const sqlite = this.backend === 'sqlite';
    const change = `'{"version":' || version || ',"entity":"' || entity || '","id":' || ${sqlite ? 'json_quote(entity_id)' : 'to_json(entity_id)::text'} || ',"row":' || row || '}'`;
    const joined = sqlite
      ? `group_concat(${change}, ',' ORDER BY version)`
      : `string_agg(${change}, ',' ORDER BY version)`;
    const array = `'[' || coalesce(${joined}, '') || ']'`;
    this.pageSql = `SELECT ${sqlite ? `CAST(${array} AS BLOB)` : `convert_to(${array}, 'UTF8')`} AS changes, count(*) AS n, max(version) AS last
      FROM (SELECT c.version, c.entity, c.entity_id, ${this.loggedRowSql()} AS row FROM sync_changes c
            WHERE c.hall_id = ? AND c.version > ? AND c.version <= ?
              AND NOT EXISTS (SELECT 1 FROM sync_changes d WHERE d.hall_id = c.hall_id AND d.entity = c.entity AND d.entity_id = c.entity_id AND d.version > c.version AND d.version <= ?)
            ORDER BY c.version LIMIT ?) page`;
    return this.pageSql;
  }

  version(): number {
    return this.tx.get<{ v: number | null }>('SELECT max(version) AS v FROM sync_changes')?.v ?? 0;
  }

  clients(hallId: string): StationContact[] {
    return this.tx.all<StationContact>(
      'SELECT client_id, last_mutation_id, last_seen FROM sync_clients WHERE hall_id = ? ORDER BY client_id',
      hallId,
    );
  }

  close(): void {
    this.db.close();
  }

  /**
   * Put an entity's current row in the hall's change log (stations pull it by version). `written`:
   * a mutator has just written the row in this transaction (a row logged by reference then needs
   * no lookup to prove it exists).
   */
  private logChange(hallId: string, entity: SyncedEntity, id: string, written = false): void {
    if (written && LOGGED_BY_REFERENCE.has(entity) && this.rowJson(entity)?.hallScoped === false) {
      this.loggedRefs.push(hallId, entity, id);
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
    if (copy && this.tx.run(copy.sql, hallId, entity, id, id, ...(copy.hallScoped ? [hallId] : [])).changes) return;
    const row = this.tx.get<Record<string, unknown>>(
      `SELECT ${projection ? projection.join(', ') : '*'} FROM ${table} WHERE ${key} = ?`,
      id,
    );
    if (!row) return;
    // A station may touch only its own hall's rows (a ticket id of another hall is refused).
    if (row.hall_id !== undefined && row.hall_id !== hallId)
      throw new AppFailure('forbidden', `${entity} ${id} belongs to another hall`);
    this.tx.run(
      'INSERT INTO sync_changes (hall_id, entity, entity_id, row) VALUES (?, ?, ?, ?)',
      hallId,
      entity,
      id,
      JSON.stringify(row),
    );
  }

  /** By-reference change-log rows not yet written, as (hall, entity, id) triples: while a batch applies unguarded, they are written together. */
  private readonly loggedRefs: string[] = [];
  private deferLogged = false;

  /** Write the queued by-reference rows, in order, in multi-row INSERTs. */
  private flushLogged(): void {
    const refs = this.loggedRefs;
    let at = 0;
    for (const rows of LOGGED_CHUNKS) {
      for (; refs.length - at >= rows * 3; at += rows * 3)
        this.tx.run(loggedRefsSql(rows), ...refs.slice(at, at + rows * 3));
    }
    refs.length = 0;
  }

  private readonly logCopies = new Map<SyncedEntity, { sql: string; hallScoped: boolean } | null>();
  private readonly rowJsonOf = new Map<SyncedEntity, { json: string; hallScoped: boolean } | null>();
  private loggedRow: string | undefined;

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
    const sqlite = this.backend === 'sqlite';
    const all = sqlite
      ? this.tx.all<{ name: string; type: string }>(`SELECT name, type FROM pragma_table_info('${table}')`)
      : this.tx.all<{ name: string; type: string }>(
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
          sql: `INSERT INTO sync_changes (hall_id, entity, entity_id, row) SELECT ?, ?, ?, ${LOGGED_BY_REFERENCE.has(entity) ? `'${BY_REFERENCE}'` : row.json} FROM ${table} t WHERE ${key} = ?${row.hallScoped ? ' AND hall_id = ?' : ''}`,
          hallScoped: row.hallScoped,
        }
      : null;
    this.logCopies.set(entity, copy);
    return copy;
  }

  /** The change-log row as pulled, `c` being sync_changes: the copy, or for a row logged by reference, the row read from its table. */
  private loggedRowSql(): string {
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
}
