import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { SYNCED_ENTITIES, type SyncedEntity } from '@common/mutators/sql';

/**
 * A digest per synced table, comparable across a station's SQLite, a SQLite central and a
 * PostgreSQL central: rows ordered by key, columns by name, every value as text (PostgreSQL and
 * SQLite differ in how they hand back integers), limited to the columns both sides have.
 */
export type TableRows = Map<string, Record<string, string | null>>;
export type Snapshot = Record<SyncedEntity, TableRows>;

const ENTITIES = Object.keys(SYNCED_ENTITIES) as SyncedEntity[];

const asText = (v: unknown): string | null =>
  v === null || v === undefined ? null : typeof v === 'object' ? JSON.stringify(v) : String(v);

function toRows(entity: SyncedEntity, raw: Record<string, unknown>[]): TableRows {
  const key = SYNCED_ENTITIES[entity].key;
  const rows: TableRows = new Map();
  for (const r of raw) rows.set(String(r[key]), Object.fromEntries(Object.entries(r).map(([k, v]) => [k, asText(v)])));
  return rows;
}

/** Every synced table of a SQLite file (a station's or a central's), read through its own connection. */
export function sqliteSnapshot(file: string): Snapshot {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return Object.fromEntries(
      ENTITIES.map((e) => [
        e,
        toRows(e, db.prepare(`SELECT * FROM ${SYNCED_ENTITIES[e].table}`).all() as Record<string, unknown>[]),
      ]),
    ) as Snapshot;
  } finally {
    db.close();
  }
}

export async function postgresSnapshot(url: string): Promise<Snapshot> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const out: Partial<Snapshot> = {};
    for (const e of ENTITIES)
      out[e] = toRows(
        e,
        (await client.query(`SELECT * FROM ${SYNCED_ENTITIES[e].table}`)).rows as Record<string, unknown>[],
      );
    return out as Snapshot;
  } finally {
    await client.end();
  }
}

/**
 * sha256 of one table's rows, over `columns` (default: all) and, if given, only the row ids in
 * `only` — the PostgreSQL central holds the synced rows but not a station's seeded history.
 */
export function tableDigest(
  rows: TableRows,
  opts: { columns?: readonly string[]; only?: ReadonlySet<string> } = {},
): string {
  const h = createHash('sha256');
  for (const id of [...rows.keys()].sort()) {
    if (opts.only && !opts.only.has(id)) continue;
    const row = rows.get(id)!;
    const cols = (opts.columns ?? Object.keys(row)).slice().sort();
    h.update(JSON.stringify([id, cols.map((c) => [c, row[c] ?? null])]));
  }
  return h.digest('hex');
}

/** Columns present in every snapshot's rows of a table (a station may have local-only columns). */
export function sharedColumns(snapshots: readonly Snapshot[], entity: SyncedEntity): string[] | undefined {
  let shared: string[] | undefined;
  for (const s of snapshots) {
    const first = s[entity].values().next().value;
    if (!first) continue;
    const cols = Object.keys(first);
    shared = shared ? shared.filter((c) => cols.includes(c)) : cols;
  }
  return shared;
}

/** Per table, the digest of each snapshot, over the columns they share. Equal everywhere = converged. */
export function digestsByTable(
  snapshots: readonly Snapshot[],
  only?: (entity: SyncedEntity) => ReadonlySet<string> | undefined,
): Record<SyncedEntity, string[]> {
  return Object.fromEntries(
    ENTITIES.map((e) => {
      const columns = sharedColumns(snapshots, e);
      return [e, snapshots.map((s) => tableDigest(s[e], { columns, only: only?.(e) }))];
    }),
  ) as Record<SyncedEntity, string[]>;
}
