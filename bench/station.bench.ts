import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { startStationHost } from '../main/host';
import { seedDataDir, stationDbPath } from '../scripts/seed';
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
    const host = await startStationHost({ dataDir: stationDir, http: { port: 0, rendererDir: path.join(ROOT, 'out/renderer') } });
    // Ready means the API answers a real query.
    const snap = await host.router.call({ connectionId: 'b', role: 'display', windowNo: null, session: null }, 'queue.snapshot', {});
    times.push(performance.now() - t0);
    if (!snap.ok) throw new Error('station not ready');
    await host.close();
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

async function loopDelayP99(during: () => Promise<unknown>, minMs = 0): Promise<number> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  const t0 = performance.now();
  await during();
  // Keep sampling at least as long as the reference window, so idle and burst compare like for like.
  while (performance.now() - t0 < minMs) await new Promise((r) => setTimeout(r, 5));
  h.disable();
  return h.percentile(99) / 1e6;
}

export async function stationBench(opts: { customers: number }): Promise<BenchResult> {
  const bigDir = ensureHall(opts.customers);
  const emptyDir = ensureHall(0);
  const big = await startToReadyMs(bigDir, 5);
  const empty = await startToReadyMs(emptyDir, 5);

  const host = await startStationHost({ dataDir: emptyDir });
  let burstMs = 0;
  const burst = await loopDelayP99(async () => {
    const t0 = performance.now();
    await host.storage.run('writeBurst', { rows: 100_000 });
    burstMs = performance.now() - t0;
  });
  const idle = await loopDelayP99(async () => {}, burstMs);
  await host.close();

  const mainThreadDb = new Database(':memory:');
  mainThreadDb.exec('CREATE TABLE bench_burst (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)');
  const onMain = await loopDelayP99(async () => {
    const ins = mainThreadDb.prepare('INSERT INTO bench_burst (payload) VALUES (?)');
    // Interleave with timers so the histogram sees the loop blocked, as a UI would.
    setImmediate(() => {});
    mainThreadDb.transaction(() => {
      for (let i = 0; i < 100_000; i++) ins.run(`row-${i}-${'x'.repeat(64)}`);
    })();
  }, burstMs);
  mainThreadDb.close();

  return {
    bench: 'station',
    figures: [
      figure(`start-to-ready, ${opts.customers.toLocaleString()} customers (median of 5)`, big, 'ms', { name: 'empty hall', value: empty }, { note: 'open worker + migrate check + HTTP listen + first queue snapshot' }),
      figure('event-loop delay p99 during a 100,000-row write burst in the storage worker', burst, 'ms', { name: 'idle loop, same duration', value: idle }, { target: '< 2×', note: `burst took ${burstMs.toFixed(0)} ms` }),
      figure('event-loop delay p99, the same burst on the main thread (what the worker avoids)', onMain, 'ms', { name: 'idle loop, same duration', value: idle }),
    ],
  };
}
