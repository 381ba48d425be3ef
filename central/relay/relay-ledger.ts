import { projectedColumns, SYNCED_ENTITIES, type SyncedEntity } from '@common/mutators/sql';
import { batchChecksum, checksumKind } from '../../node/sync/checksum';
import type { ClientMutation, PullResponse } from '@common/sync/protocol';
import type { SqlDialect } from '../store/sql-dialect';
import { replaceRow, writableColumns } from '../store/table-columns';

type Touched = { entity: SyncedEntity; id: string }[];

/** relay_state key of the last upstream mutation id handed out. */
const OUTBOX_SEQ = 'outbox_seq';

/**
 * A hall relay's side of the upstream link, in the relay's own database. Every station mutation
 * the relay applies is queued in relay_outbox in the same transaction (its seq is the relay's
 * mutation id upstream, so each station mutation maps to exactly one upstream id and a replayed
 * upstream push changes nothing). The seq comes from a counter in relay_state, written in that same
 * transaction: a PostgreSQL sequence is not rolled back with a push that is replayed after a
 * rejection, and the provincial central refuses the gap it would leave. Rows pulled from the provincial central are applied
 * with the upstream cursor in one transaction and logged for the hall's stations.
 */
export class RelayLedger {
  constructor(
    private readonly db: SqlDialect,
    private readonly logChange: (hallId: string, entity: SyncedEntity, id: string) => void,
  ) {}

  /** Inside the push transaction: queue an applied station mutation for the provincial central. */
  record(hallId: string, clientId: string, m: ClientMutation, touched: Touched): void {
    const seq = this.nextSeq();
    this.db.tx.run(
      'INSERT INTO relay_outbox (seq, hall_id, client_id, mutation_id, name, args, created_at, touched) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      seq,
      hallId,
      clientId,
      m.id,
      m.name,
      JSON.stringify(m.args),
      m.createdAt,
      JSON.stringify(touched.map((t) => `${t.entity}/${t.id}`)),
    );
  }

  /**
   * Inside the issue transaction: queue a ticket this relay numbered (POST /v1/tickets/issue) for the
   * provincial central. It is no station mutation, so it is keyed by its own seq.
   */
  recordIssued(hallId: string, clientId: string, args: { issuedAt: string }, touched: Touched): void {
    const seq = this.nextSeq();
    this.db.tx.run(
      'INSERT INTO relay_outbox (seq, hall_id, client_id, mutation_id, name, args, created_at, touched) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      seq,
      hallId,
      `${clientId}/issued`,
      seq,
      'ticket.issue',
      JSON.stringify(args),
      args.issuedAt,
      JSON.stringify(touched.map((t) => `${t.entity}/${t.id}`)),
    );
  }

  private nextSeq(): number {
    const last = Math.max(
      Number(this.state(OUTBOX_SEQ) ?? 0),
      Number(this.db.tx.get<{ n: number | string | null }>('SELECT max(seq) AS n FROM relay_outbox')?.n ?? 0),
    );
    this.setState(OUTBOX_SEQ, String(last + 1));
    return last + 1;
  }

  /** The next mutations to push upstream, numbered by their relay seq. */
  pending(hallId: string, limit: number): ClientMutation[] {
    return this.db.tx
      .all<{ seq: number; name: string; args: string; created_at: string }>(
        'SELECT seq, name, args, created_at FROM relay_outbox WHERE hall_id = ? ORDER BY seq LIMIT ?',
        hallId,
        limit,
      )
      .map((r) => ({ id: r.seq, name: r.name, args: JSON.parse(r.args) as unknown, createdAt: r.created_at }));
  }

  backlog(hallId: string): number {
    return this.db.tx.get<{ n: number }>('SELECT count(*) AS n FROM relay_outbox WHERE hall_id = ?', hallId)?.n ?? 0;
  }

  /** The provincial central has applied everything up to `lastSeq`. */
  acknowledged(hallId: string, lastSeq: number): void {
    this.db.tx.run('DELETE FROM relay_outbox WHERE hall_id = ? AND seq <= ?', hallId, lastSeq);
  }

  state(key: string): string | null {
    return this.db.tx.get<{ value: string }>('SELECT value FROM relay_state WHERE key = ?', key)?.value ?? null;
  }

  setState(key: string, value: string): void {
    this.db.tx.run(
      'INSERT INTO relay_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      key,
      value,
    );
  }

  /**
   * Apply a pull from the provincial central. A row equal to the relay's is skipped (the echo of
   * the relay's own push costs the stations nothing); a row that a still-unpushed mutation touched
   * is left alone, since the provincial central will send it again once it has applied that mutation
   * (and a rejection upstream resets the cursor, see RelayUpstream). Returns how many rows changed.
   */
  applyUpstream(hallId: string, r: PullResponse): number {
    if (batchChecksum(r.cursor, r.changes, checksumKind(r.checksum)) !== r.checksum)
      throw new Error('upstream pull checksum mismatch: refusing to apply');
    return this.db.transaction(() => {
      this.db.bindHall(hallId);
      const pending = new Set<string>();
      for (const row of this.db.tx.all<{ touched: string }>(
        'SELECT touched FROM relay_outbox WHERE hall_id = ?',
        hallId,
      )) {
        for (const t of JSON.parse(row.touched) as string[]) pending.add(t);
      }
      let changed = 0;
      for (const c of r.changes) {
        if (pending.has(`${c.entity}/${c.id}`)) continue;
        const { table, key } = SYNCED_ENTITIES[c.entity];
        if (projectedColumns(c.entity)) {
          if (this.applyProjection(c)) {
            this.logChange(hallId, c.entity, c.id);
            changed++;
          }
          continue;
        }
        const allowed = writableColumns(this.db, table);
        const names = Object.keys(c.row).filter((n) => allowed.has(n));
        // The key may be a computed column (a window's id on PostgreSQL): checked on the row, not among the written columns.
        if (c.row[key] !== c.id) throw new Error(`upstream change ${c.version}: row key does not match id`);
        if (c.row.hall_id !== undefined && c.row.hall_id !== hallId)
          throw new Error(`upstream change ${c.version}: a row of another hall`);
        const current = this.db.tx.get<Record<string, unknown>>(`SELECT * FROM ${table} WHERE ${key} = ?`, c.id);
        if (current && names.every((n) => current[n] === c.row[n])) continue;
        replaceRow(this.db, table, key, c.id, c.row);
        this.logChange(hallId, c.entity, c.id);
        changed++;
      }
      this.setState('upstream_cursor', String(r.cursor));
      return changed;
    });
  }

  /**
   * A projection (a customer's balance) updates only its columns of a row the relay holds; the
   * rest of the row (the encrypted customer master) never travels. True when something changed.
   */
  private applyProjection(c: PullResponse['changes'][number]): boolean {
    const { table, key } = SYNCED_ENTITIES[c.entity];
    const names = (projectedColumns(c.entity) ?? []).filter((n) => n !== key);
    if (String(c.row[key]) !== c.id || names.some((n) => !(n in c.row)))
      throw new Error(`upstream change ${c.version}: malformed ${c.entity}`);
    const current = this.db.tx.get<Record<string, unknown>>(
      `SELECT ${names.join(', ')} FROM ${table} WHERE ${key} = ?`,
      c.id,
    );
    if (!current || names.every((n) => current[n] === c.row[n])) return false;
    this.db.tx.run(
      `UPDATE ${table} SET ${names.map((n) => `${n} = ?`).join(', ')} WHERE ${key} = ?`,
      ...names.map((n) => c.row[n]),
      c.id,
    );
    return true;
  }
}
