import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { BUSINESS_TYPES } from '@common/domain/business-types';
import type { CallerContext } from '../main/services/caller';
import { startStationHost, type StationHost } from '../main/host';
import { makeTempDir, seededDataDir } from '../tests/support/hall-fixture';
import { figure, percentile, type BenchResult } from './harness';

/**
 * Reports never starve the hall: a kiosk's ticket issue (through the router, as the kiosk calls it)
 * idle and while a manager's year of queue KPIs runs, on a station holding a year of a 30-window hall
 * (~600,000 tickets and their calls). Two ways in one run on the same database: the report on the
 * storage's reader connection (its own worker, the default) and everything on the one storage worker.
 * Then the daily operations report of the busiest day, printed to PDF by headless Chromium.
 */
const kiosk: CallerContext = {
  connectionId: 'bench-kiosk',
  source: 'local:test',
  role: 'kiosk',
  windowNo: null,
  session: null,
};
const manager: CallerContext = {
  connectionId: 'bench-manager',
  source: 'local:test',
  role: 'manager',
  windowNo: null,
  session: null,
};
const TYPES = [...new Map(BUSINESS_TYPES.map((t) => [t.prefix, t.code])).values()];
const WINDOWS = 30;
const PER_DAY = 1650;
const IDLE_SAMPLES = 40;
const ARRIVAL_MS = 100;

const hallDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** A year of tickets and calls up to yesterday, written straight into the station database. */
function seedYear(file: string, today: string): { tickets: number; from: string } {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  const hall = (db.prepare('SELECT id FROM halls LIMIT 1').get() as { id: string }).id;
  const staff = (db.prepare(`SELECT id FROM staff WHERE role IN ('agent','manager')`).all() as { id: string }[]).map(
    (r) => r.id,
  );
  const ins = db.prepare(
    `INSERT INTO tickets (id, hall_id, day, number, business_type, priority, status, issued_at, issued_by, called_at, call_count, window_no, staff_id, started_at, finished_at)
     VALUES (?, ?, ?, ?, ?, 'normal', ?, ?, 'bench', ?, 1, ?, ?, ?, ?)`,
  );
  const call = db.prepare(
    'INSERT INTO calls (id, ticket_id, ticket_no, window_no, staff_id, recall, at) VALUES (?, ?, ?, ?, ?, 0, ?)',
  );
  const from = addDays(today, -365);
  let tickets = 0;
  db.transaction(() => {
    for (let d = 0; d < 365; d++) {
      const day = addDays(from, d);
      const open = Date.parse(`${day}T08:30:00+08:00`);
      for (let i = 0; i < PER_DAY; i++) {
        const issued = open + Math.floor((i / PER_DAY) * 8.5 * 3_600_000);
        const called = issued + ((i * 7919) % 40) * 60_000;
        const done = called + (3 + (i % 12)) * 60_000;
        const id = `Y${d}-${i}`;
        const no = `Y${String(i).padStart(4, '0')}`;
        const window = 1 + (i % WINDOWS);
        const agent = staff[i % staff.length]!;
        const status = i % 29 === 0 ? 'no_show' : 'finished';
        const iso = (ms: number) => new Date(ms).toISOString();
        ins.run(
          id,
          hall,
          day,
          no,
          TYPES[i % TYPES.length]!,
          status,
          iso(issued),
          iso(called),
          window,
          agent,
          status === 'finished' ? iso(called) : null,
          status === 'finished' ? iso(done) : null,
        );
        call.run(`${id}-c`, id, no, window, agent, iso(called));
        tickets++;
      }
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { tickets, from: addDays(today, -364) };
}

async function issue(s: StationHost, i: number): Promise<number> {
  const t0 = performance.now();
  const r = await s.router.call(kiosk, 'queue.issueTicket', { businessType: TYPES[i % TYPES.length]! });
  if (!r.ok) throw new Error(`issue failed: ${r.error.message}`);
  return performance.now() - t0;
}

/** Issue latency idle, then while one year's KPI report runs; one kiosk arrival every ARRIVAL_MS in both. */
async function measure(s: StationHost, from: string, to: string) {
  for (let i = 0; i < 10; i++) await issue(s, i);
  const idle: number[] = [];
  for (let i = 0; i < IDLE_SAMPLES; i++) {
    idle.push(await issue(s, i));
    await new Promise((resolve) => setTimeout(resolve, ARRIVAL_MS));
  }
  const during: number[] = [];
  const t0 = performance.now();
  let done = false;
  const report = s.router.call(manager, 'manager.kpis', { from, to }).finally(() => (done = true));
  // Kiosk arrivals every 100 ms while the report runs (a busy hall issues one every few seconds; the
  // types' daily caps bound how many one day takes).
  for (let i = 0; !done; i++) {
    during.push(await issue(s, i));
    await new Promise((resolve) => setTimeout(resolve, ARRIVAL_MS));
  }
  const answer = await report;
  if (!answer.ok) throw new Error(`report failed: ${answer.error.message}`);
  const issued = answer.value.report.overall.issued;
  return {
    idle: idle.sort((a, b) => a - b),
    during: during.sort((a, b) => a - b),
    reportMs: performance.now() - t0,
    issued,
  };
}

export async function reportContentionBench(): Promise<BenchResult> {
  const template = seededDataDir('station.db', makeTempDir('bench-report-'));
  const today = hallDay(new Date());
  console.log('  seeding a year of a 30-window hall…');
  const seeded = seedYear(path.join(template, 'station.db'), today);
  console.log(`  ${seeded.tickets} tickets`);
  const copy = () => {
    const dir = makeTempDir('bench-report-run-');
    for (const f of fs.readdirSync(template)) fs.cpSync(path.join(template, f), path.join(dir, f), { recursive: true });
    return dir;
  };
  const run = async (storageReader: boolean) => {
    const host = await startStationHost({
      dataDir: copy(),
      storageReader,
      reports: { schedule: false },
      log: (line) => line.includes('internal error') && console.log(`  ${line}`),
    });
    try {
      const login = await host.router.call(manager, 'auth.login', { staffNo: '1001', pin: '123456' });
      if (!login.ok) throw new Error(login.error.message);
      const r = await measure(host, seeded.from, today);
      let pdfMs = NaN;
      if (storageReader) {
        const made = await host.router.call(manager, 'manager.generateReport', {
          kind: 'daily',
          day: addDays(today, -1),
        });
        if (!made.ok) throw new Error(made.error.message);
        pdfMs = made.value.ms;
      }
      return { ...r, pdfMs };
    } finally {
      await host.close();
    }
  };
  console.log('  report on the reader connection…');
  const reader = await run(true);
  console.log('  report on the one storage worker…');
  const single = await run(false);
  const p = (xs: number[], q: number) => percentile(xs, q);
  const note = (r: typeof reader) =>
    `${r.during.length} issues during a ${(r.reportMs / 1000).toFixed(1)} s report of ${r.issued.toLocaleString('en')} tickets; ${r.idle.length} idle`;
  return {
    bench: 'report-contention',
    figures: [
      figure(
        'kiosk issue p50 during a year’s KPI report, reader connection',
        p(reader.during, 50),
        'ms',
        { name: 'idle p50', value: p(reader.idle, 50) },
        { target: '≤ 2×', note: note(reader) },
      ),
      figure('kiosk issue max during a year’s KPI report, reader connection', reader.during.at(-1)!, 'ms', {
        name: 'idle max',
        value: reader.idle.at(-1)!,
      }),
      figure(
        'kiosk issue p50 during the same report, one storage worker',
        p(single.during, 50),
        'ms',
        { name: 'idle p50', value: p(single.idle, 50) },
        { note: note(single) },
      ),
      figure('year’s KPI report, reader connection', reader.reportMs, 'ms', {
        name: 'one storage worker',
        value: single.reportMs,
      }),
      figure('daily operations report PDF (busiest-size day, headless Chromium)', reader.pdfMs, 'ms', undefined, {
        note: 'gather KPIs and evaluations, ECharts SSR, launch Chromium, print A4, write to reports/',
      }),
    ],
  };
}
