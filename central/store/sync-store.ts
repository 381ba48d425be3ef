import { applyMutation } from '../../common/mutators';
import { SYNCED_ENTITIES, type SyncedEntity } from '../../common/mutators/sql';
import { batchChecksum } from '../../common/sync/checksum';
import { MAX_PULL_BATCH, type PullResponse, type PushRequest, type PushResponse, type Rejection } from '../../common/sync/protocol';
import { AppFailure } from '../../common/result';
import { roleMayPush } from '../../common/sync/station-roles';
import { HttpError } from '../http-util';
import type { SqlDialect } from './sql-dialect';
import { NumberLeases } from './number-leases';
import { StationAuth, type StationCaller } from './station-auth';
import { CentralCustomers } from './customer-lookup';

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
  /** 跨区域办理: customers of any hall, and their tags and risk. */
  readonly customers: CentralCustomers;
  /** Apply a batch as `caller` (whose token the server checked): its hall, its role's mutations. */
  push(req: PushRequest, now: string, caller: StationCaller): PushResponse & { version: number };
  pull(clientId: string, hallId: string, cursor: number): PullResponse;
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
  private readonly tx;

  constructor(private readonly db: SqlDialect) {
    this.backend = db.name;
    this.tx = db.tx;
    this.auth = new StationAuth(db);
    this.leases = new NumberLeases(db);
    this.customers = new CentralCustomers(db);
  }

  push(req: PushRequest, now: string, caller: StationCaller): PushResponse & { version: number } {
    if (req.clientId !== caller.clientId) throw new HttpError(403, 'wrong_client', 'the batch names another client than the token');
    if (req.hallId !== caller.hallId) throw new HttpError(403, 'wrong_hall', 'the batch names another hall than the token');
    return this.db.transaction(() => {
      this.db.bindHall(req.hallId);
      const client = this.tx.get<{ hall_id: string; last_mutation_id: number }>('SELECT hall_id, last_mutation_id FROM sync_clients WHERE client_id = ?', req.clientId);
      if (client && client.hall_id !== req.hallId) throw new HttpError(403, 'wrong_hall', 'client belongs to another hall');
      let last = client?.last_mutation_id ?? 0;
      const rejected: Rejection[] = [];
      for (const m of req.mutations) {
        if (m.id <= last) continue; // already applied: replay changes nothing
        if (m.id !== last + 1) throw new HttpError(409, 'gap', `mutation ${m.id} follows ${last}: a mutation is missing`);
        try {
          // Each mutation in its own savepoint: a rejected one leaves no trace.
          this.db.transaction(() => {
            if (!roleMayPush(caller.role, m.name)) throw new AppFailure('forbidden', `终端角色 ${caller.role} 不可提交 ${m.name.slice(0, 64)} (role may not push this mutation)`);
            this.applyOne(req.hallId, m.name, m.args);
          });
        } catch (e) {
          // A mutation that always fails must not block the queue: reject it visibly and move on.
          if (!(e instanceof AppFailure)) throw e;
          rejected.push({ id: m.id, code: e.code, message: e.message });
        }
        last = m.id;
      }
      this.tx.run(
        `INSERT INTO sync_clients (client_id, hall_id, last_mutation_id, last_seen) VALUES (?, ?, ?, ?)
         ON CONFLICT(client_id) DO UPDATE SET last_mutation_id = excluded.last_mutation_id, last_seen = excluded.last_seen`,
        req.clientId,
        req.hallId,
        last,
        now,
      );
      return { lastMutationId: last, rejected, version: this.version() };
    });
  }

  private applyOne(hallId: string, name: string, args: unknown): void {
    const claimed = (args as { hallId?: unknown } | null)?.hallId;
    if (claimed !== undefined && claimed !== hallId) throw new AppFailure('forbidden', 'mutation names another hall');
    const changed: { entity: SyncedEntity; id: string }[] = [];
    applyMutation({ tx: this.tx, side: 'central', changed: (entity, id) => changed.push({ entity, id }) }, name, args);
    for (const c of changed) this.logChange(hallId, c.entity, c.id);
  }

  pull(clientId: string, hallId: string, cursor: number): PullResponse {
    const rows = this.tx.all<{ version: number; entity: SyncedEntity; entity_id: string; row: string }>(
      'SELECT version, entity, entity_id, row FROM sync_changes WHERE hall_id = ? AND version > ? ORDER BY version LIMIT ?',
      hallId,
      cursor,
      MAX_PULL_BATCH + 1,
    );
    const more = rows.length > MAX_PULL_BATCH;
    const changes = rows.slice(0, MAX_PULL_BATCH).map((r) => ({ version: r.version, entity: r.entity, id: r.entity_id, row: JSON.parse(r.row) as Record<string, unknown> }));
    const next = changes.at(-1)?.version ?? cursor;
    const lastMutationId = this.tx.get<{ last_mutation_id: number }>('SELECT last_mutation_id FROM sync_clients WHERE client_id = ? AND hall_id = ?', clientId, hallId)?.last_mutation_id ?? 0;
    return { cursor: next, lastMutationId, changes, more, checksum: batchChecksum(next, changes) };
  }

  version(): number {
    return this.tx.get<{ v: number | null }>('SELECT max(version) AS v FROM sync_changes')?.v ?? 0;
  }

  clients(hallId: string): StationContact[] {
    return this.tx.all<StationContact>('SELECT client_id, last_mutation_id, last_seen FROM sync_clients WHERE hall_id = ? ORDER BY client_id', hallId);
  }

  close(): void {
    this.db.close();
  }

  private logChange(hallId: string, entity: SyncedEntity, id: string): void {
    const { table, key } = SYNCED_ENTITIES[entity];
    const row = this.tx.get<Record<string, unknown>>(`SELECT * FROM ${table} WHERE ${key} = ?`, id);
    if (!row) return;
    // A station may touch only its own hall's rows (a ticket id of another hall is refused).
    if (row.hall_id !== undefined && row.hall_id !== hallId) throw new AppFailure('forbidden', `${entity} ${id} belongs to another hall`);
    this.tx.run('INSERT INTO sync_changes (hall_id, entity, entity_id, row) VALUES (?, ?, ?, ?)', hallId, entity, id, JSON.stringify(row));
  }
}
