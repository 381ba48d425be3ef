import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * A real PostgreSQL for the central's tests: `HALL_PG_URL` if set (CI's server), otherwise a
 * throwaway cluster from Debian's binaries (initdb + pg_ctl in a temp dir, on a free port, as the
 * `postgres` user when running as root, since initdb refuses root). Each test gets its own database.
 */
const PG_VERSIONS = ['17', '16', '15', '14', '13'];
export const PG_BIN =
  PG_VERSIONS.map((v) => `/usr/lib/postgresql/${v}/bin`).find((d) => fs.existsSync(path.join(d, 'initdb'))) ?? null;

/** Why the PostgreSQL runs cannot happen here, or null when they can. */
export const postgresUnavailable: string | null =
  process.env.HALL_PG_URL || PG_BIN
    ? null
    : 'no HALL_PG_URL and no PostgreSQL binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql)';

export interface TestPostgres {
  /** URL of the server's maintenance database. */
  url: string;
  /** A fresh, empty database on the server; its URL. */
  freshDatabase(): Promise<string>;
  stop(): Promise<void>;
}

/** A port nothing listens on now (the fault suite restarts its central on the same one). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function asPostgresUser(cmd: string, args: string[], runAsRoot: boolean): void {
  const full = runAsRoot ? ['-u', 'postgres', '--', cmd, ...args] : args;
  const r = spawnSync(runAsRoot ? 'runuser' : cmd, full, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
}

let counter = 0;
function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function createDatabase(adminUrl: string): Promise<string> {
  const name = `hall_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(`CREATE DATABASE ${name}`);
  } finally {
    await c.end();
  }
  return withDatabase(adminUrl, name);
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const given = process.env.HALL_PG_URL;
  if (given) return { url: given, freshDatabase: () => createDatabase(given), stop: async () => {} };
  if (!PG_BIN) throw new Error(postgresUnavailable!);
  const root = os.userInfo().uid === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hall-pg-'));
  if (root) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  const data = path.join(dir, 'data');
  const port = await freePort();
  asPostgresUser(
    path.join(PG_BIN, 'initdb'),
    ['-D', data, '-U', 'hall', '--auth=trust', '-E', 'UTF8', '--no-sync'],
    root,
  );
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  asPostgresUser(
    path.join(PG_BIN, 'pg_ctl'),
    ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', 'start'],
    root,
  );
  const url = `postgres://hall@127.0.0.1:${port}/postgres`;
  return {
    url,
    freshDatabase: () => createDatabase(url),
    stop: async () => {
      asPostgresUser(path.join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], root);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
