import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import Database from 'better-sqlite3';
import { startStationHost, type StationHost } from '../main/host';
import { openDatabase } from '../node/sqlite/open-database';
import { SyncClient } from '../main/sync/sync-client';
import { makeTempDir, seededDataDir } from '../tests/support/hall-fixture';
import { outboxEntry } from '../node/sync/mutation-digest';
import { MAX_PUSH_BATCH, SNAPSHOT_PAGE } from '@common/sync/protocol';
import { figure, percentile, writeResults, type BenchResult, type Figure } from './harness';
import { paymentRecord, RECORD_AT } from './payment-record';

/**
 * Sync at scale: one workload of ~300-byte payment records (audit.append mutations of
 * `payment.recorded`) at N = 10k, 100k, 1M, side by side in the same run with
 * PouchDB 9 (LevelDB client) replicating to express-pouchdb (LevelDB on disk), each server in its
 * own process, over loopback. Push = a station's outbox of N records until the central holds them
 * and the outbox is clear; initial pull = a new station until it holds all N. The raw limit is a
 * bulk insert of the same rows into a fresh server database plus the same bytes over loopback.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
interface PouchDb {
  bulkDocs(docs: object[]): Promise<unknown>;
  replicate: {
    to(url: string, o: object): Promise<{ docs_written: number }>;
    from(url: string, o: object): Promise<{ docs_written: number }>;
  };
  info(): Promise<{ doc_count: number }>;
  close(): Promise<void>;
}
const PouchDB = require('pouchdb') as new (name: string) => PouchDb;

export interface SyncBenchOptions {
  maxN: number;
  /** PouchDB stops here: above it the baseline is not run, and BENCHMARKS.md says so. */
  pouchMaxN: number;
  command: string;
  /** Rounds per system at N = 100k (10k runs at least SHORT_RUN_ROUNDS, 1M once). */
  rounds: number;
}

const SIZES = [10_000, 100_000, 1_000_000];
const AT = RECORD_AT;
const record = paymentRecord;
const RECORD_BYTES = Buffer.byteLength(JSON.stringify({ id: 1, name: 'audit.append', args: record(0), createdAt: AT }));

function waitForLine(child: ChildProcess, re: RegExp, what: string): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = out.match(re);
      if (m) {
        child.stdout!.off('data', onData);
        resolve(m);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${what} exited (${code}) before it was ready: ${out}`)));
  });
}

async function startCentralProcess(dir: string): Promise<{ url: string; codes: string[]; stop(): void }> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : []),
      '--import',
      'tsx',
      path.join(ROOT, 'central/cli.ts'),
      '--port',
      '0',
      '--data-dir',
      dir,
      ...['H001', 'H001', WARM_UP_HALL, WARM_UP_HALL].flatMap((hall) => ['--issue-code', `${hall}:hall`]),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const codes: string[] = [];
  child.stdout!.on('data', (d: Buffer) =>
    codes.push(...[...d.toString().matchAll(/of H00[01]: (\S+) \(valid/g)].map((m) => m[1]!)),
  );
  const m = await waitForLine(child, /central ready: (http:\/\/\S+)/, 'central');
  return { url: m[1]!, codes, stop: () => child.kill('SIGTERM') };
}

async function startPouchServer(dir: string): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/pouchdb-server.ts'), dir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const m = await waitForLine(child, /ready (\d+)/, 'express-pouchdb');
  return { url: `http://127.0.0.1:${m[1]}`, stop: () => child.kill('SIGTERM') };
}

/** A station whose outbox holds n payment records made offline (rows and outbox written as the mutate op does). */
async function stationWithOutbox(n: number, first = 0, hall?: string): Promise<{ host: StationHost; dataDir: string }> {
  const dataDir = hall ? stationOfHall(hall) : seededDataDir('station.db', makeTempDir('bench-sync-push-'));
  const db = new Database(path.join(dataDir, 'station.db'));
  const row = db.prepare('INSERT INTO audit_log (id, at, station_id, actor, action, detail) VALUES (?, ?, ?, ?, ?, ?)');
  const out = db.prepare(
    'INSERT INTO sync_outbox (mutation_id, name, args, created_at, digest) VALUES (?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const r = record(first + i);
      row.run(r.id, r.at, r.stationId, r.actor, r.action, JSON.stringify(r.detail));
      const entry = outboxEntry('audit.append', r); // as the mutate op stores it
      out.run(i + 1, 'audit.append', entry.args, AT, entry.digest);
    }
  })();
  db.close();
  return { host: await startStationHost({ dataDir }), dataDir };
}

function syncClient(
  host: StationHost,
  centralUrl: string,
  enrollCode: string,
  onPushed?: (id: number) => void,
): SyncClient {
  return new SyncClient({
    storage: host.storage,
    centralUrl,
    enrollCode,
    onApplied: () => {},
    onStatus: () => {},
    onPushed,
  });
}

async function cycle(client: SyncClient): Promise<void> {
  client.trigger();
  await client.idle();
  const s = await client.status();
  if (!s.online) throw new Error(`sync cycle failed: ${s.lastError}`);
}

const count = (dataDir: string): number => {
  const db = new Database(path.join(dataDir, 'station.db'), { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'payment.recorded'").get() as { n: number })
      .n;
  } finally {
    db.close();
  }
};

/** Peak RSS growth over `run`, sampled every 20 ms, after a GC so earlier garbage is not counted; `ms` times `run` alone, not the GC. */
async function rssGrowth<T>(run: () => Promise<T>): Promise<{ value: T; growthMb: number; ms: number }> {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const t0 = performance.now();
    const value = await run();
    const ms = performance.now() - t0;
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, growthMb: (peak - before) / 2 ** 20, ms };
  } finally {
    clearInterval(timer);
  }
}

/**
 * Records each server is given before anything is timed, so that what is measured is a running
 * server, not a just-started process optimising its code (a hall's central runs for months):
 * ours pushed by one more station and pulled by another, in a hall of their own; PouchDB's
 * replicated to and from a database of its own on the same server. Their ids are far from the
 * measured ones.
 */
const WARM_UP = 10_000;
/** The warm-up runs in a hall of its own, so the measured hall's snapshot holds the measured records only. */
const WARM_UP_HALL = 'H000';

/** A seeded station database whose hall is `hall` (a station takes the first hall of its database). */
function stationOfHall(hall: string): string {
  const dataDir = seededDataDir('station.db', makeTempDir('bench-sync-warm-'));
  const db = new Database(path.join(dataDir, 'station.db'));
  db.prepare("INSERT INTO halls (id, name) VALUES (?, '预热营业厅')").run(hall);
  db.close();
  return dataDir;
}
/** Ours: push batches of up to MAX_PUSH_BATCH, snapshot pages of SNAPSHOT_PAGE (both 2,000). */
const POUCH_BATCH = Math.max(MAX_PUSH_BATCH, SNAPSHOT_PAGE);
const WARM_UP_FIRST = 90_000_000;

async function warmUpOurs(central: { url: string; codes: string[] }): Promise<void> {
  const pusher = await stationWithOutbox(WARM_UP, WARM_UP_FIRST, WARM_UP_HALL);
  const puller = await startStationHost({ dataDir: stationOfHall(WARM_UP_HALL) });
  try {
    await cycle(syncClient(pusher.host, central.url, central.codes[2]!));
    await cycle(syncClient(puller, central.url, central.codes[3]!));
  } finally {
    await pusher.host.close();
    await puller.close();
  }
}

async function ours(
  n: number,
): Promise<{ push: number; clear: number; pull: number; pullGrowthMb: number; noopMedianMs: number }> {
  const central = await startCentralProcess(makeTempDir('bench-sync-central-'));
  await warmUpOurs(central);
  const pusher = await stationWithOutbox(n);
  const puller = { dataDir: seededDataDir('station.db', makeTempDir('bench-sync-pull-')) } as {
    dataDir: string;
    host?: StationHost;
  };
  // At 1M the initial pull runs in a station process of its own, so its memory is its own (see sync-pull.child.ts).
  const pullInChild = n >= 1_000_000;
  if (!pullInChild) puller.host = await startStationHost({ dataDir: puller.dataDir });
  try {
    let ackedAt = 0;
    const a = syncClient(pusher.host, central.url, central.codes[0]!, (id) => {
      if (id >= n && !ackedAt) ackedAt = performance.now();
    });
    // Both enrol before anything is timed (and a 1M push outlasts an enrollment code's 10 minutes).
    await a.admin('GET', '/v1/stations');
    const b = pullInChild ? null : syncClient(puller.host!, central.url, central.codes[1]!);
    await b?.admin('GET', '/v1/stations');
    let t0 = performance.now();
    await cycle(a);
    // Push: until the central acknowledged the last record. Clear: until the pull covering them emptied the outbox.
    const pushMs = ackedAt - t0;
    const clearMs = performance.now() - t0;
    if ((await a.status()).pending !== 0) throw new Error('push left mutations in the outbox');

    const { growthMb, ms: pullMs } = b
      ? await rssGrowth(() => cycle(b))
      : await pullInChildProcess(puller.dataDir, central.url, central.codes[1]!);
    const got = count(puller.dataDir);
    // The no-op resyncs below run in this process, on the station the child pulled into (enrolled: its credentials are saved).
    puller.host ??= await startStationHost({ dataDir: puller.dataDir });
    const resync = b ?? syncClient(puller.host, central.url, central.codes[1]!);
    if (got < n) throw new Error(`initial pull delivered ${got} of ${n} records`);

    const noop: number[] = [];
    for (let i = 0; i < 30; i++) {
      t0 = performance.now();
      await cycle(resync);
      noop.push(performance.now() - t0);
    }
    return {
      push: n / (pushMs / 1000),
      clear: n / (clearMs / 1000),
      pull: n / (pullMs / 1000),
      pullGrowthMb: growthMb,
      noopMedianMs: percentile(
        noop.sort((x, y) => x - y),
        50,
      ),
    };
  } finally {
    await pusher.host.close();
    await puller.host?.close();
    central.stop();
  }
}

function pullInChildProcess(
  dataDir: string,
  centralUrl: string,
  code: string,
): Promise<{ ms: number; growthMb: number }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'bench/sync-pull.child.ts'), dataDir, centralUrl, code],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return waitForLine(child, /(\{"ms":.*\})/, 'initial pull process').then(
    (m) => JSON.parse(m[1]!) as { ms: number; growthMb: number },
  );
}

async function pouch(n: number): Promise<{ push: number; pull: number }> {
  const server = await startPouchServer(makeTempDir('bench-pouch-server-'));
  const remote = `${server.url}/payments`;
  const local = new PouchDB(path.join(makeTempDir('bench-pouch-a-'), 'payments'));
  const fresh = new PouchDB(path.join(makeTempDir('bench-pouch-b-'), 'payments'));
  try {
    const warm = new PouchDB(path.join(makeTempDir('bench-pouch-warm-'), 'warmup'));
    await warm.bulkDocs(
      Array.from({ length: WARM_UP }, (_, i) => ({ ...record(WARM_UP_FIRST + i), _id: record(WARM_UP_FIRST + i).id })),
    );
    const warmPull = new PouchDB(path.join(makeTempDir('bench-pouch-warm-pull-'), 'warmup'));
    await warm.replicate.to(`${server.url}/warmup`, { batch_size: POUCH_BATCH });
    await warmPull.replicate.from(`${server.url}/warmup`, { batch_size: POUCH_BATCH });
    await warm.close();
    await warmPull.close();
    for (let i = 0; i < n; i += 5000)
      await local.bulkDocs(
        Array.from({ length: Math.min(5000, n - i) }, (_, j) => ({ ...record(i + j), _id: record(i + j).id })),
      );
    // The same batch size as our push and snapshot pages (2,000), not PouchDB's default 100: the kinder baseline.
    let t0 = performance.now();
    const pushed = await local.replicate.to(remote, { batch_size: POUCH_BATCH });
    const pushMs = performance.now() - t0;
    if (pushed.docs_written !== n) throw new Error(`PouchDB pushed ${pushed.docs_written} of ${n}`);
    t0 = performance.now();
    const pulled = await fresh.replicate.from(remote, { batch_size: POUCH_BATCH });
    const pullMs = performance.now() - t0;
    if (pulled.docs_written !== n) throw new Error(`PouchDB pulled ${pulled.docs_written} of ${n}`);
    return { push: n / (pushMs / 1000), pull: n / (pullMs / 1000) };
  } finally {
    await local.close();
    await fresh.close();
    server.stop();
  }
}

/** The raw limit: the same rows bulk-inserted into a fresh server database, plus the same bytes over loopback. */
async function rawLimit(n: number): Promise<number> {
  const db = openDatabase(path.join(makeTempDir('bench-sync-raw-'), 'central.db'));
  const ins = db.prepare('INSERT INTO audit_log (id, at, station_id, actor, action, detail) VALUES (?, ?, ?, ?, ?, ?)');
  const rows = Array.from({ length: n }, (_, i) => record(i));
  let t0 = performance.now();
  db.transaction(() => {
    for (const r of rows) ins.run(r.id, r.at, r.stationId, r.actor, r.action, JSON.stringify(r.detail));
  })();
  const insertMs = performance.now() - t0;
  db.close();

  const total = n * RECORD_BYTES;
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  const received = new Promise<void>((resolve) =>
    server.once('connection', (s) => {
      let got = 0;
      s.on('data', (d) => {
        got += d.length;
        if (got >= total) resolve();
      });
    }),
  );
  const chunk = Buffer.alloc(MB_CHUNK, 0x61);
  t0 = performance.now();
  const socket = net.connect(port, '127.0.0.1');
  for (let sent = 0; sent < total; sent += chunk.length) {
    if (!socket.write(sent + chunk.length > total ? chunk.subarray(0, total - sent) : chunk))
      await new Promise((r) => socket.once('drain', r));
  }
  await received;
  const netMs = performance.now() - t0;
  socket.destroy();
  server.close();
  return n / ((insertMs + netMs) / 1000);
}
const MB_CHUNK = 1 << 20;

const SHORT_RUN_ROUNDS = 5;

export async function syncBench(o: SyncBenchOptions): Promise<BenchResult> {
  const figures: Figure[] = [];
  for (const n of SIZES.filter((s) => s <= o.maxN)) {
    // Written after each size: a 1M run takes long, and what was measured before it must not be lost.
    if (figures.length) writeResults([{ bench: 'sync', figures }], `${o.command} (partial: sizes below N=${n})`, ROOT);
    const label = n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`;
    // Each system `rounds` times, interleaved, the best throughput of each kept (the raw limit's
    // best too, which makes our ratio to it stricter), the worst memory and resync: one shared
    // 2-core VM swings ±25% between runs, and a single round measured the neighbours as much as us.
    // At 10k a timed run lasts ~0.15 s, short enough for one descheduling to move it by a third:
    // there every system runs at least SHORT_RUN_ROUNDS times (a round takes seconds), still interleaved.
    const rounds = n >= 1_000_000 ? 1 : n <= 10_000 ? Math.max(o.rounds, SHORT_RUN_ROUNDS) : o.rounds;
    const runs: {
      us: Awaited<ReturnType<typeof ours>>;
      raw: number;
      base: Awaited<ReturnType<typeof pouch>> | null;
    }[] = [];
    for (let r = 1; r <= rounds; r++) {
      console.log(`  N=${label}: ours (round ${r} of ${rounds})…`);
      const us = await ours(n);
      const raw = await rawLimit(n);
      const base =
        n <= o.pouchMaxN ? (console.log(`  N=${label}: PouchDB (round ${r} of ${rounds})…`), await pouch(n)) : null;
      runs.push({ us, raw, base });
    }
    const best = (f: (x: (typeof runs)[number]) => number) => Math.max(...runs.map(f));
    const us = {
      push: best((x) => x.us.push),
      pull: best((x) => x.us.pull),
      clear: best((x) => x.us.clear),
      pullGrowthMb: best((x) => x.us.pullGrowthMb),
      noopMedianMs: best((x) => x.us.noopMedianMs),
    };
    const raw = best((x) => x.raw);
    const base = runs[0]!.base ? { push: best((x) => x.base!.push), pull: best((x) => x.base!.pull) } : null;
    const vsPouch = (name: string, v: number, p: number | undefined) =>
      p === undefined
        ? figure(`${name} N=${label}`, v, 'records/s', undefined, {
            target: '≥ 10× PouchDB',
            note: `PouchDB not run at N=${label} (--pouch-max-n ${o.pouchMaxN}): no ratio claimed`,
          })
        : figure(
            `${name} N=${label}`,
            v,
            'records/s',
            { name: 'PouchDB 9 → express-pouchdb', value: p },
            { target: '≥ 10×' },
          );
    figures.push(vsPouch('push', us.push, base?.push), vsPouch('initial pull', us.pull, base?.pull));
    figures.push(
      figure(
        `push until outbox clear N=${label}`,
        us.clear,
        'records/s',
        base ? { name: 'PouchDB push', value: base.push } : undefined,
        { note: 'push plus the pull that covers it (the station pulls its own rows back)' },
      ),
    );
    figures.push(
      figure(`raw limit ÷ push N=${label}`, raw / us.push, '×', undefined, {
        target: '≤ 3×',
        note: `raw ${Math.round(raw).toLocaleString('en-US')} records/s (bulk insert + ${((n * RECORD_BYTES) / 2 ** 20).toFixed(0)} MiB over loopback)`,
      }),
      figure(`raw limit ÷ initial pull N=${label}`, raw / us.pull, '×', undefined, { target: '≤ 3×' }),
      figure(`initial pull client RSS growth N=${label}`, us.pullGrowthMb, 'MiB', undefined, {
        target: n >= 1_000_000 ? '< 200 MiB' : undefined,
      }),
      figure(`no-op resync median N=${label}`, us.noopMedianMs, 'ms', undefined, { target: '< 20 ms' }),
    );
  }
  return { bench: 'sync', figures };
}
