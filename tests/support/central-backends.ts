import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import type { StationRole } from '@common/sync/station-roles';
import { REFERENCE_ENTITIES } from '@common/sync/reference-data';
import { startCentral, type CentralOptions, type CentralServer } from '../../central/server';
import { makeTempDir, seededDataDir } from './hall-fixture';
import { postgresUnavailable, startTestPostgres, type TestPostgres } from './postgres';

/**
 * The central on each backend, for suites that must pass on both: SQLite (a seeded file) and
 * PostgreSQL (a fresh database per central on a real server, see ./postgres.ts). Registers the
 * suite's hooks; when no PostgreSQL server can run here, the PostgreSQL half of each suite is
 * reported as skipped, with the reason in its title (describeEachBackend).
 */
export type Backend = 'sqlite' | 'postgres';
export const ALL_BACKENDS: readonly Backend[] = ['sqlite', 'postgres'];

/** describe.each over both backends; `%s` in the title is the backend. */
export function describeEachBackend(title: string, suite: (backend: Backend) => void): void {
  for (const backend of ALL_BACKENDS) {
    const name = title.replace('%s', backend);
    if (backend === 'postgres' && postgresUnavailable)
      describe.skip(`${name} — skipped: ${postgresUnavailable}`, () => suite(backend));
    else describe(name, () => suite(backend));
  }
}

export function useCentralBackends() {
  let postgres: TestPostgres | null = null;
  const cleanups: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    if (!postgresUnavailable) postgres = await startTestPostgres();
  }, 60_000);
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  afterAll(async () => {
    await postgres?.stop();
  });

  const dbOf = new WeakMap<CentralServer, string>();
  const start = async (dbFile: string, port?: number, opts: Partial<CentralOptions> = {}): Promise<CentralServer> => {
    const c = await startCentral({ ...opts, dbFile, port });
    dbOf.set(c, dbFile);
    cleanups.push(c.close);
    return c;
  };
  /** `opts`: the central's options besides its database and port (a test's clock, limits). */
  const centralOn = async (backend: Backend, opts: Partial<CentralOptions> = {}): Promise<CentralServer> => {
    if (backend === 'sqlite')
      return start(path.join(seededDataDir('central.db', makeTempDir('central-')), 'central.db'), undefined, opts);
    const c = await start(await postgres!.freshDatabase(), undefined, opts);
    // The PostgreSQL central starts empty and loads the seeded hall as `--import-hall` does.
    c.importHallDatabase(path.join(seededDataDir('central.db', makeTempDir('ref-')), 'central.db'));
    return c;
  };
  /** Stop a central (its stations see it unreachable); `restart` brings it back on the same port and data. */
  const stop = async (c: CentralServer): Promise<{ restart(): Promise<CentralServer> }> => {
    await c.close();
    cleanups.splice(cleanups.indexOf(c.close), 1);
    return { restart: () => start(dbOf.get(c)!, Number(new URL(c.url).port)) };
  };
  /** The SQLite file or PostgreSQL URL a central runs on (the fault suite reads its tables directly). */
  const dbFileOf = (c: CentralServer): string => dbOf.get(c)!;
  /** A new database for a central of its own (a relay's): a seeded SQLite file, or an empty PostgreSQL database. */
  const freshDb = async (backend: Backend): Promise<string> =>
    backend === 'sqlite'
      ? path.join(seededDataDir('central.db', makeTempDir('central-')), 'central.db')
      : postgres!.freshDatabase();
  return {
    freshDb,
    centralOn,
    stop,
    cleanups,
    dbFileOf,
  };
}

/** The wire protocol spoken directly, as a station (or an attacker) would. */
export class RawClient {
  constructor(
    readonly central: CentralServer,
    readonly clientId: string,
    public token: string,
  ) {}

  static async enroll(
    c: CentralServer,
    clientId: string,
    role: StationRole = 'hall',
    hallId = 'H001',
  ): Promise<RawClient> {
    const res = await fetch(`${c.url}/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: c.issueEnrollmentCode(hallId, role), clientId }),
    });
    if (res.status !== 200) throw new Error(`enrollment failed: ${res.status} ${await res.text()}`);
    return new RawClient(c, clientId, ((await res.json()) as { token: string }).token);
  }

  async call(
    method: 'GET' | 'POST',
    pathAndQuery: string,
    body?: unknown,
  ): Promise<{ status: number; json: Record<string, unknown> }> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.central.url}${pathAndQuery}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  }

  push(mutations: unknown[], hallId = 'H001') {
    return this.call('POST', '/v1/push', { clientId: this.clientId, hallId, mutations });
  }

  /** A pull, with only the rows stations wrote: the reference rows the central publishes (REFERENCE_ENTITIES) are left out. */
  async pull(cursor = 0) {
    const r = await this.pullIncludingReference(cursor);
    return { ...r, changes: r.changes.filter((ch) => !(REFERENCE_ENTITIES as readonly string[]).includes(ch.entity)) };
  }

  /** A pull exactly as the central answers it. */
  async pullIncludingReference(cursor = 0) {
    return (await this.call('GET', `/v1/pull?cursor=${cursor}`)).json as {
      changes: { entity: string; id: string; row: Record<string, unknown> }[];
      cursor: number;
      lastMutationId: number;
    };
  }
}
