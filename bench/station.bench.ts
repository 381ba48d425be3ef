import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { startStationHost } from '../main/host';
import { Storage } from '../main/storage/storage';
import { seedDataDir, stationDbPath } from '../hall/seed/data-dir';
import { figure, type BenchResult } from './harness';

/**
 * Station figures: start-to-ready with 1,000,000 customers against an empty hall (same run), and
 * the main event loop's delay p99 while the storage worker writes 100,000 rows, against idle
 * (and against the same burst run on the main thread, to show what the worker buys).
 */
const ROOT = path.resolve(import.meta.dirname, '..');

function ensureHall(customers: number): string {
  const dir = path.join(ROOT, '.data', `bench-${customers}`);
  if (!fs.existsSync(stationDbPath(dir))) {
    console.log(`seeding ${customers.toLocaleString()} customers into ${dir} (one-time)…`);
    seedDataDir({ dataDir: dir, customers });
  }
  return path.dirname(stationDbPath(dir));
}

async function startToReadyMs(stationDir: string, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const host = await startStationHost({
      dataDir: stationDir,
      http: { port: 0, rendererDir: path.join(ROOT, 'out/renderer') },
    });
    // Ready means the API answers a real query.
    const snap = await host.router.call(
      { connectionId: 'b', source: 'local:test', role: 'display', windowNo: null, session: null },
      'queue.snapshot',
      {},
    );
    times.push(performance.now() - t0);
    if (!snap.ok) throw new Error('station not ready');
    await host.close();
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

/** p99 of the main loop's delay over a fixed window while `work` runs again and again. */
async function loopDelayP99(
  windowMs: number,
  work: (() => Promise<unknown>) | null,
): Promise<{ p99: number; rounds: number }> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  const t0 = performance.now();
  let rounds = 0;
  while (performance.now() - t0 < windowMs) {
    if (work) {
      await work();
      rounds++;
    }
    await new Promise((r) => setTimeout(r, work ? 0 : 20));
  }
  h.disable();
  return { p99: h.percentile(99) / 1e6, rounds };
}

export async function stationBench(opts: { customers: number }): Promise<BenchResult> {
  const bigDir = ensureHall(opts.customers);
  const emptyDir = ensureHall(0);
  const big = await startToReadyMs(bigDir, 5);
  const empty = await startToReadyMs(emptyDir, 5);

  const WINDOW_MS = 4000;
  // The station's storage worker, with the bench's write-burst op added (production has none).
  const storage = await Storage.open(path.join(emptyDir, 'station.db'), {
    extraOps: new URL('./write-burst.ops.ts', import.meta.url).href,
  });
  const idle = await loopDelayP99(WINDOW_MS, null);
  const burst = await loopDelayP99(WINDOW_MS, () => storage.runExtra('writeBurst', { rows: 100_000 }));
  await storage.close();

  const mainThreadDb = new Database(':memory:');
  mainThreadDb.exec('CREATE TABLE bench_burst (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)');
  const ins = mainThreadDb.prepare('INSERT INTO bench_burst (payload) VALUES (?)');
  const onMain = await loopDelayP99(WINDOW_MS, async () => {
    mainThreadDb.transaction(() => {
      for (let i = 0; i < 100_000; i++) ins.run(`row-${i}-${'x'.repeat(64)}`);
    })();
  });
  mainThreadDb.close();

  return {
    bench: 'station',
    figures: [
      figure(
        `start-to-ready, ${opts.customers.toLocaleString()} customers (median of 5)`,
        big,
        'ms',
        { name: 'empty hall', value: empty },
        { note: 'open worker + migrate check + HTTP listen + first queue snapshot' },
      ),
      figure(
        'main event-loop delay p99 while the storage worker runs 100,000-row write bursts',
        burst.p99,
        'ms',
        { name: 'idle loop', value: idle.p99 },
        { target: '< 2×', note: `${burst.rounds} bursts in a ${WINDOW_MS / 1000} s window` },
      ),
      figure(
        'main event-loop delay p99, the same bursts on the main thread (what the worker avoids)',
        onMain.p99,
        'ms',
        { name: 'idle loop', value: idle.p99 },
        { note: `${onMain.rounds} bursts in a ${WINDOW_MS / 1000} s window` },
      ),
    ],
  };
}
