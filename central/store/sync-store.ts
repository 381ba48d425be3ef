import { HallComparisons } from './hall-comparison';
import { applyMutation, type MutationContext } from '@common/mutators';
import type { SyncedEntity } from '@common/mutators/sql';
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
import { TicketAuthority } from './ticket-authority';
import { StationAuth, type StationCaller } from './station-auth';
import { RelayLedger } from '../relay/relay-ledger';
import { CentralCustomers } from './customer-lookup';
import { CentralRiskModels } from '../risk/risk-models';
import { CentralTagRecompute } from '../risk/tag-recompute';
import { ReferenceData } from './reference-data';
import { ChangeLogCompaction } from './change-log-compaction';
import { ChangeLogWriter } from './change-log-writer';
import { customerHomeHall } from './money-publish';
import { HallScopeGuard } from './hall-scope';
import { checkPushIdentity } from './push-identity';
import { checkRatingRecordedTime, DEFAULT_RATING_TOLERANCE_MS } from './rating-recorded-time';
import { StaffActorGuard } from './staff-actors';

const CLOSE_BRACE = Buffer.from('}');

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
  /** Online ticket numbers: assigned and recorded here, one round trip per ticket. */
  readonly tickets: TicketAuthority;
  /** A hall relay's upstream bookkeeping; null on a provincial (or stand-alone) central. */
  readonly relay: RelayLedger | null;
  /** 跨区域办理: customers of any hall, and their tags and risk. */
  readonly customers: CentralCustomers;
  /** Fee-recovery risk model versions, trained here and pulled by the stations. */
  readonly risk: CentralRiskModels;
  /** Customers' rule tags recomputed here (nightly, or for a day's payments), their history logged. */
  readonly tags: CentralTagRecompute;
  /** Reference data (types, windows, staff, queue config) published into each hall's change log. */
  readonly reference: ReferenceData;
  /** Retention of the change log, and the horizon a pull cursor must not be behind. */
  readonly changeLog: ChangeLogCompaction;
  /** Per-hall aggregates for a regional manager (counts and rates only). */
  readonly comparisons: HallComparisons;
  /** Apply a batch as `caller` (whose token the server checked): its hall, its role's mutations. */
  push(req: PushRequest, now: string, caller: StationCaller): PushResponse & { version: number };
  /** Changes after `cursor`, with a checksum of the kind the station asked for. */
  pull(clientId: string, hallId: string, cursor: number, checksum?: ChecksumKind): PullResponse;
  /**
   * The station has pushed what it had and now pulls: at `now` (the central's clock) every mutation
   * it had made was handed over, so one arriving later was made later.
   */
  markCaughtUp(clientId: string, now: string): void;
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
export interface SyncStoreOptions {
  relay?: boolean;
  /** The central's clock: change-log `recorded_at` and the judgement of ratings by it. */
  clock?: () => Date;
  /** Slack past a rating's window, by the central's clock (DEFAULT_RATING_TOLERANCE_MS). */
  ratingToleranceMs?: number;
}

export class SyncStore implements CentralStore {
  readonly backend;
  readonly auth: StationAuth;
  readonly leases: NumberLeases;
  readonly tickets: TicketAuthority;
  readonly customers: CentralCustomers;
  readonly risk: CentralRiskModels;
  readonly tags: CentralTagRecompute;
  readonly reference: ReferenceData;
  readonly changeLog: ChangeLogCompaction;
  readonly comparisons: HallComparisons;
  private readonly tx;
  private readonly logWriter: ChangeLogWriter;
  private readonly hallScope: HallScopeGuard;
  private readonly staffActors: StaffActorGuard;

  /** Set when this central is a hall relay: what it applies is also queued for the provincial central. */
  readonly relay: RelayLedger | null;

  private readonly ratingToleranceMs: number;
  private readonly clock: () => Date;

  constructor(
    private readonly db: SqlDialect,
    opts: SyncStoreOptions = {},
  ) {
    this.backend = db.name;
    this.tx = db.tx;
    this.ratingToleranceMs = opts.ratingToleranceMs ?? DEFAULT_RATING_TOLERANCE_MS;
    this.clock = opts.clock ?? (() => new Date());
    this.logWriter = new ChangeLogWriter(db, opts.clock);
    this.hallScope = new HallScopeGuard(db);
    this.staffActors = new StaffActorGuard(db.tx);
    this.auth = new StationAuth(db);
    this.leases = new NumberLeases(db);
    this.relay = opts.relay
      ? new RelayLedger(db, (hallId, entity, id) => this.logWriter.logCurrent(hallId, entity, id))
      : null;
    this.tickets = new TicketAuthority(db, (caller, args) =>
      this.logWriter.batch(false, () => {
        const touched = this.applyOne(caller.hallId, 'ticket.issue', args);
        this.relay?.recordIssued(caller.hallId, caller.clientId, args, touched);
      }),
    );
    this.customers = new CentralCustomers(db, this.logWriter);
    this.risk = new CentralRiskModels(db, this.logWriter);
    this.tags = new CentralTagRecompute(db, this.logWriter);
    this.reference = new ReferenceData(db, this.logWriter);
    this.changeLog = new ChangeLogCompaction(db);
    this.comparisons = new HallComparisons(db);
    this.mutationContext = {
      tx: db.tx,
      side: 'central',
      changed: (entity, id) => void this.touched.push({ entity, id }),
    };
  }

  push(req: PushRequest, now: string, caller: StationCaller): PushResponse & { version: number } {
    if (req.clientId !== caller.clientId) throw new HttpError(403, 'wrong_client', 'sync.batchOtherStation');
    if (req.hallId !== caller.hallId) throw new HttpError(403, 'wrong_hall', 'sync.batchOtherHall');
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
    if (client && client.hall_id !== req.hallId) throw new HttpError(403, 'wrong_hall', 'sync.enrolledElsewhere');
    // Unguarded, by-reference change-log rows are queued and written together at the end of the batch.
    // Guarded, each is written as it comes: a mutation's savepoint rolled back must take its rows with it.
    const { last, rejected } = this.logWriter.batch(!guarded, () =>
      this.applyBatch(req, caller, client?.last_mutation_id ?? 0, guarded),
    );
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
      if (m.id !== last + 1)
        throw new HttpError(409, 'gap', 'sync.mutationMissing', { mutationId: m.id, expected: last + 1 });
      // No closure per mutation on the fast path: with tsx's keepNames each one cost a helper call.
      if (!guarded) this.applyPushed(req, caller, m);
      else {
        try {
          this.db.transaction(() => this.applyPushed(req, caller, m));
        } catch (e) {
          // A mutation that always fails must not block the queue: reject it visibly and move on.
          if (!(e instanceof AppFailure)) throw e;
          const { code, message, key, params } = e.toError();
          rejected.push({ id: m.id, code, message, key, params });
          if (key === 'sync.ratingRecordedLate') this.auditRefusal(req, caller, m, key);
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
      throw new AppFailure('forbidden', 'sync.rolePushRefused', { role: caller.role, name: m.name.slice(0, 64) });
    checkPushIdentity(caller, m.name, m.args);
    this.staffActors.check(caller, m.name, m.args);
    // A `hall` credential (a relay forwarding its stations, a one-PC hall) has judged its ratings
    // when its stations pushed them; its own catch-ups say nothing about when they were made.
    if (m.name === 'rating.record' && caller.role !== 'hall')
      checkRatingRecordedTime(this.tx, req.hallId, caller.clientId, m.args, this.ratingToleranceMs);
    const touched = this.applyOne(req.hallId, m.name, m.args);
    this.staffActors.record(caller, m.name, m.args, this.clock().toISOString());
    // A ticket this relay numbered is already queued for upstream; the kiosk's push of it is a replay.
    if (m.name === 'ticket.issue' && touched.length === 0) return;
    this.relay?.record(req.hallId, req.clientId, m, touched);
  }

  /**
   * A refusal the hall's manager must see in the audit log, not only the station in its rejections:
   * who pushed what, by the central's clock. One entry per refused mutation (its id is the station's
   * mutation id), appended like any audit entry, so it syncs to the hall's stations.
   */
  private auditRefusal(req: PushRequest, caller: StationCaller, m: ClientMutation, key: string): void {
    const args = (m.args ?? {}) as { id?: unknown; ticketId?: unknown; at?: unknown };
    const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 64) : null);
    this.applyOne(req.hallId, 'audit.append', {
      id: `central-refusal:${caller.clientId}:${m.id}`,
      at: this.clock().toISOString(),
      stationId: caller.clientId,
      actor: null,
      action: 'sync.refused',
      detail: {
        reason: key,
        mutation: m.name,
        mutationId: m.id,
        record: text(args.id),
        ticketId: text(args.ticketId),
        stationTime: text(args.at),
      },
    });
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
      throw new HttpError(409, 'replay_mismatch', 'sync.replayMismatch', { mutationId: m.id });
    }
  }

  /** What the mutation being applied changed; one context for all of them (a closure per mutation showed in the profile). */
  private readonly touched: { entity: SyncedEntity; id: string }[] = [];
  private readonly mutationContext: MutationContext;

  private applyOne(hallId: string, name: string, args: unknown): { entity: SyncedEntity; id: string }[] {
    const claimed = (args as { hallId?: unknown } | null)?.hallId;
    if (claimed !== undefined && claimed !== hallId) throw new AppFailure('forbidden', 'sync.mutationOtherHall');
    this.touched.length = 0;
    applyMutation(this.mutationContext, name, args);
    const changed = this.relay ? [...this.touched] : this.touched;
    // Every row the mutation changed must be this hall's, and so must every row it refers to.
    for (const c of changed) this.hallScope.check(hallId, c.entity, c.id);
    for (const c of changed) {
      this.logWriter.logCurrent(hallId, c.entity, c.id, true);
      // 跨区域办理: a bill or balance of another hall's customer paid here reaches that hall's stations too.
      const home = customerHomeHall(this.tx, c.entity, c.id);
      if (home !== null && home !== hallId) this.logWriter.logCurrent(home, c.entity, c.id);
    }
    return changed;
  }

  pull(clientId: string, hallId: string, cursor: number, checksum: ChecksumKind = 'fnv1a'): PullResponse {
    const rows = this.tx.all<{ version: number; entity: SyncedEntity; entity_id: string; row: string }>(
      `SELECT c.version, c.entity, c.entity_id, ${this.logWriter.loggedRowSql()} AS row FROM sync_changes c WHERE c.hall_id = ? AND c.version > ? ORDER BY c.version LIMIT ?`,
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

  markCaughtUp(clientId: string, now: string): void {
    this.tx.run('UPDATE sync_clients SET caught_up_at = ? WHERE client_id = ?', now, clientId);
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
      FROM (SELECT c.version, c.entity, c.entity_id, ${this.logWriter.loggedRowSql()} AS row FROM sync_changes c
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
}
