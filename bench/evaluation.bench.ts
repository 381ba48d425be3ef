import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DEFAULT_WEIGHTS } from '@common/domain/evaluation-weights';
import { buildEvaluation, previousPeriod } from '@common/evaluation/report';
import { configure, migrate } from '../node/sqlite/migrate';
import { sqliteTx } from '../node/sqlite/sqlite-tx';
import { evaluationFacts } from '../main/storage/ops/evaluation-queries';
import type { WorkerState } from '../main/storage/worker-state';
import { figure, type BenchResult } from './harness';

/**
 * The manager's evaluation over a year of a 30-window hall (≈600k tickets, ≈400k ratings written
 * into the station schema, so the triggers of migration 21 keep the daily and monthly aggregates as
 * they do in service), against the query the page ran before them in the same run: per agent, a count of the
 * served tickets and every rating joined to its ticket with `COALESCE(t.day, …)` — a full scan per
 * agent. Also what the aggregates cost a write: finished tickets with their ratings inserted with
 * and without the triggers.
 */
const HALL = 'H001';
const WINDOWS = 30;
const DAYS = 365;
const PER_WINDOW_DAY = 55; // 30 × 365 × 55 ≈ 602k tickets
const TYPES = ['PAY', 'PAY', 'PAY', 'NEW', 'MOVE', 'CHANGE', 'FAULT', 'ASK'];
const LEVELS = [
  'very_satisfied',
  'very_satisfied',
  'satisfied',
  'satisfied',
  'basic',
  'unsatisfied',
  'very_unsatisfied',
  'none',
];
const FIRST_DAY = Date.parse('2026-01-01T00:00:00Z');

const dayOf = (d: number) => new Date(FIRST_DAY + d * 86_400_000).toISOString().slice(0, 10);

/** mulberry32: independent draws, so each ticket's type, length and rating are mixed as in a real hall. */
function rng(seed: number) {
  let a = seed >>> 0;
  return (n: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

/** The hall's year: staff, then each day's tickets (two in three rated), in one transaction per day. */
export function fill(
  db: Database.Database,
  days = DAYS,
  perWindowDay = PER_WINDOW_DAY,
): { tickets: number; ratings: number } {
  db.prepare(`INSERT OR IGNORE INTO halls (id, name) VALUES (?, '基准营业厅')`).run(HALL);
  const staff = db.prepare(
    `INSERT OR IGNORE INTO staff (id, hall_id, staff_no, name, role, pin_hash) VALUES (?, ?, ?, ?, 'agent', 'x')`,
  );
  for (let w = 1; w <= WINDOWS; w++) staff.run(`B${w}`, HALL, `9${String(w).padStart(3, '0')}`, `坐席${w}`);
  const ticket = db.prepare(
    `INSERT INTO tickets (id, hall_id, day, number, business_type, status, issued_at, issued_by, window_no, staff_id, started_at, finished_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'bench', ?, ?, ?, ?)`,
  );
  const rating = db.prepare(
    `INSERT INTO ratings (id, ticket_id, ticket_no, window_no, staff_id, level, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const r = rng(42);
  let tickets = 0;
  let ratings = 0;
  const oneDay = db.transaction((d: number) => {
    const day = dayOf(d);
    const open = FIRST_DAY + d * 86_400_000 + 1 * 3_600_000; // 09:00 in the hall
    for (let w = 1; w <= WINDOWS; w++) {
      let at = open;
      for (let k = 0; k < perWindowDay; k++) {
        const id = `t${d}-${w}-${k}`;
        const noShow = r(25) === 0;
        const handle = 120 + r(900);
        const started = new Date(at).toISOString();
        const finished = new Date(at + handle * 1000).toISOString();
        ticket.run(
          id,
          HALL,
          day,
          `W${w}-${k}`,
          TYPES[r(TYPES.length)],
          noShow ? 'no_show' : 'finished',
          new Date(at - 600_000).toISOString(),
          w,
          `B${w}`,
          noShow ? null : started,
          noShow ? null : finished,
        );
        tickets++;
        at += (handle + 30) * 1000;
        if (noShow || r(3) === 0) continue;
        const level = LEVELS[r(LEVELS.length)]!;
        rating.run(
          `r-${id}`,
          id,
          `W${w}-${k}`,
          w,
          `B${w}`,
          level,
          level.includes('unsatisfied') ? '等候太久' : null,
          finished,
        );
        ratings++;
      }
    }
  });
  for (let d = 0; d < days; d++) oneDay(d);
  return { tickets, ratings };
}

/** The evaluation as the service computes it: this year's facts and the previous year's, then the report. */
function evaluate(s: WorkerState, from: string, to: string) {
  const current = evaluationFacts(s, { from, to });
  const previous = evaluationFacts(s, previousPeriod(from, to));
  return buildEvaluation({ from, to, weights: DEFAULT_WEIGHTS, current, previous });
}

/** The page's query before the aggregates: per agent, every rating joined to its ticket and filtered by COALESCE(day). */
function fullScan(db: Database.Database, from: string, to: string): number {
  const agents = db.prepare(`SELECT id FROM staff WHERE hall_id = ? AND role IN ('agent','manager')`).all(HALL) as {
    id: string;
  }[];
  const served = db.prepare(
    `SELECT count(*) AS n FROM tickets WHERE staff_id = ? AND status = 'finished' AND day BETWEEN ? AND ?`,
  );
  const ratings = db.prepare(
    `SELECT r.* FROM ratings r LEFT JOIN tickets t ON t.id = r.ticket_id
      WHERE r.staff_id = ? AND COALESCE(t.day, substr(r.created_at, 1, 10)) BETWEEN ? AND ? ORDER BY r.created_at DESC`,
  );
  let n = 0;
  for (const a of agents) {
    n += (served.get(a.id, from, to) as { n: number }).n;
    n += ratings.all(a.id, from, to).length;
  }
  return n;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function time(fn: () => unknown, runs: number): number {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

function openAt(dir: string, name: string, version?: number): Database.Database {
  const db = new Database(path.join(dir, name));
  configure(db);
  migrate(db, undefined, version);
  return db;
}

export async function evaluationBench(opts: { days?: number } = {}): Promise<BenchResult> {
  const days = opts.days ?? DAYS;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-evaluation-'));
  try {
    const db = openAt(dir, 'station.db');
    const t0 = performance.now();
    const { tickets, ratings } = fill(db, days);
    const fillSec = (performance.now() - t0) / 1000;
    db.pragma('optimize');
    const s: WorkerState = { db, tx: sqliteTx(db), hallId: HALL, stationId: 'bench' };
    const from = dayOf(0);
    const to = dayOf(days - 1);

    // Both answer the same served and rated counts, or the comparison means nothing.
    const report = evaluate(s, from, to);
    const viaScanServed = (
      db
        .prepare(`SELECT count(*) AS n FROM tickets WHERE status = 'finished' AND day BETWEEN ? AND ?`)
        .get(from, to) as {
        n: number;
      }
    ).n;
    if (report.totals.served !== viaScanServed) throw new Error(`served ${report.totals.served} ≠ ${viaScanServed}`);

    const evaluationMs = time(() => evaluate(s, from, to), 15);
    const scanMs = time(() => fullScan(db, from, to), 3);
    const dayMs = time(() => evaluate(s, to, to), 30);
    // A custom period that starts and ends inside a month: whole months monthly, the edges daily.
    const customFrom = dayOf(14);
    const customTo = dayOf(days - 12);
    const customMs = time(() => evaluate(s, customFrom, customTo), 15);

    // What the triggers cost a write: a day of the hall's tickets and ratings, with and without them.
    const plain = openAt(dir, 'plain.db', 20);
    const withTriggers = openAt(dir, 'triggers.db');
    const writeDays = 5;
    const t1 = performance.now();
    const w = fill(plain, writeDays);
    const plainMs = performance.now() - t1;
    const t2 = performance.now();
    fill(withTriggers, writeDays);
    const triggersMs = performance.now() - t2;
    const perRow = (ms: number) => (ms * 1000) / (w.tickets + w.ratings);
    plain.close();
    withTriggers.close();
    db.close();

    return {
      bench: 'evaluation',
      figures: [
        figure(
          `evaluation of a year (${days} days, ${tickets.toLocaleString('en-US')} tickets, ${ratings.toLocaleString('en-US')} ratings, 30 agents) with the previous year beside it`,
          evaluationMs,
          'ms',
          { name: 'per-agent full scan with COALESCE(t.day, …), the year alone', value: scanMs },
          { target: '< 150 ms', note: 'median of 15 runs (scan: of 3)' },
        ),
        figure('evaluation of one day with the previous day', dayMs, 'ms', undefined, { note: 'median of 30 runs' }),
        figure(
          `evaluation of ${customFrom} to ${customTo} (partial first and last months) with the previous period`,
          customMs,
          'ms',
          undefined,
          { note: 'median of 15 runs' },
        ),
        figure(
          'write of a finished ticket or a rating, with the aggregate triggers',
          perRow(triggersMs),
          'µs',
          { name: 'the same writes without them', value: perRow(plainMs) },
          { note: `${(w.tickets + w.ratings).toLocaleString('en-US')} rows, a transaction per day` },
        ),
        figure('filling the year into the schema', fillSec, 's', undefined, { note: 'setup, for scale' }),
      ],
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
