/**
 * Past days of the queue for the demo, so the KPI charts show a real hall's shape: morning and
 * afternoon peaks, quiet lunch and weekends, longer waits at the peaks, a few no-shows and
 * walk-aways. Each day is a small simulation (arrivals by hour, each ticket served at the window
 * serving its type that frees first), so wait, walk, handling time and time in hall stay consistent.
 * Deterministic: same seed and days → same rows.
 */
import type Database from 'better-sqlite3';
import { BUSINESS_TYPES } from '@common/domain/business-types';
import { Rng } from './prng';
import { STAFF, WINDOWS } from './hall';

export interface QueueHistoryOptions {
  hallId: string;
  /** The first day NOT seeded ('YYYY-MM-DD', normally today): history ends the day before. */
  until: string;
  days?: number;
  seed?: number;
}

/** Relative arrivals per local hour (08 … 17). */
const HOURLY = [0.5, 1.6, 1.9, 1.2, 0.6, 0.8, 1.4, 1.5, 1.0, 0.3];
const TYPE_WEIGHTS: Record<string, number> = {
  PAY: 34,
  CARD: 8,
  INV: 10,
  NEW: 6,
  CAP: 2,
  PV: 3,
  EV: 4,
  XFER: 5,
  RENAME: 2,
  TARIFF: 4,
  SUSP: 1,
  CLOSE: 2,
  METER: 3,
  FAULT: 5,
  ASK: 11,
};
/** Mean handling minutes by ticket prefix. */
const SERVICE_MIN: Record<string, number> = { A: 4, B: 16, C: 11, D: 8, E: 5 };
/** The windows staffed on an ordinary day: counters for A, B, C and D types and one for everything. */
const OPEN_WINDOWS = [1, 4, 5, 7, 10, 11];
const ARRIVALS_PER_HOUR = 31;

const dayMs = (day: string): number => Date.parse(`${day}T00:00:00+08:00`);
const iso = (ms: number): string => new Date(ms).toISOString();
const dayOf = (ms: number): string => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

export function seedQueueHistory(db: Database.Database, o: QueueHistoryOptions): { tickets: number; calls: number } {
  const rng = new Rng(o.seed ?? 5150);
  const days = o.days ?? 28;
  const agents = STAFF.filter((s) => s.role === 'agent');
  const windows = WINDOWS.filter((w) => OPEN_WINDOWS.includes(w.windowNo)).map((w, i) => ({
    ...w,
    agent: agents[i % agents.length]!.id,
    freeAt: 0,
  }));
  const types = BUSINESS_TYPES.map((t) => ({ t, w: TYPE_WEIGHTS[t.code] ?? 1 }));
  const totalWeight = types.reduce((n, x) => n + x.w, 0);
  const pickType = () => {
    let r = rng.next() * totalWeight;
    for (const x of types) if ((r -= x.w) < 0) return x.t;
    return types[0]!.t;
  };
  const insTicket = db.prepare(
    `INSERT INTO tickets (id, hall_id, day, number, business_type, priority, status, issued_at, issued_by, called_at, call_count, window_no, staff_id, started_at, finished_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'seed', ?, ?, ?, ?, ?, ?)`,
  );
  const insCall = db.prepare(
    'INSERT INTO calls (id, ticket_id, ticket_no, window_no, staff_id, recall, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  let tickets = 0;
  let calls = 0;
  const until = dayMs(o.until);
  db.transaction(() => {
    for (let d = days; d >= 1; d--) {
      const start = until - d * 86_400_000;
      const day = dayOf(start);
      const weekday = new Date(start + 8 * 3600_000).getUTCDay();
      const load = weekday === 0 ? 0.45 : weekday === 6 ? 0.6 : weekday === 1 ? 1.2 : 1;
      for (const w of windows) w.freeAt = start + 8.5 * 3600_000;
      const arrivals: number[] = [];
      HOURLY.forEach((weight, i) => {
        const n = Math.round(ARRIVALS_PER_HOUR * weight * load * (0.8 + 0.4 * rng.next()));
        for (let k = 0; k < n; k++) arrivals.push(start + (8 + i) * 3600_000 + Math.floor(rng.next() * 3600_000));
      });
      arrivals.sort((a, b) => a - b);
      const counters: Record<string, number> = {};
      for (const arrival of arrivals) {
        const type = pickType();
        const number = `${type.prefix}${String((counters[type.prefix] = (counters[type.prefix] ?? 0) + 1)).padStart(3, '0')}`;
        const id = `hist-${day}-${number}`;
        const priority = rng.chance(0.06) ? 'green' : 'normal';
        const serving = windows.filter((w) => w.businessTypes.includes(type.code));
        const win = serving.reduce((a, b) => (b.freeAt < a.freeAt ? b : a), serving[0] ?? windows[0]!);
        const callAt = Math.max(arrival + 20_000, win.freeAt);
        const waitMin = (callAt - arrival) / 60_000;
        tickets++;
        // Long waits drive people away; a few leave anyway.
        if ((waitMin > 35 && rng.chance(Math.min(0.6, (waitMin - 35) / 40))) || rng.chance(0.01)) {
          insTicket.run(
            id,
            o.hallId,
            day,
            number,
            type.code,
            priority,
            rng.chance(0.5) ? 'abandoned' : 'cancelled',
            iso(arrival),
            null,
            0,
            null,
            null,
            null,
            null,
          );
          continue;
        }
        insCall.run(`${id}-c1`, id, number, win.windowNo, win.agent, 0, iso(callAt));
        calls++;
        if (rng.chance(0.04)) {
          insCall.run(`${id}-c2`, id, number, win.windowNo, win.agent, 1, iso(callAt + 60_000));
          calls++;
          win.freeAt = callAt + 150_000;
          insTicket.run(
            id,
            o.hallId,
            day,
            number,
            type.code,
            priority,
            'no_show',
            iso(arrival),
            iso(callAt + 60_000),
            2,
            win.windowNo,
            win.agent,
            null,
            null,
          );
          continue;
        }
        const startAt = callAt + (20 + Math.floor(rng.next() * 70)) * 1000;
        const mean = SERVICE_MIN[type.prefix] ?? 6;
        const finishAt = startAt + Math.round(mean * 60_000 * (0.4 + 1.2 * rng.next()));
        win.freeAt = finishAt + 15_000;
        insTicket.run(
          id,
          o.hallId,
          day,
          number,
          type.code,
          priority,
          'finished',
          iso(arrival),
          iso(callAt),
          1,
          win.windowNo,
          win.agent,
          iso(startAt),
          iso(finishAt),
        );
      }
    }
  })();
  return { tickets, calls };
}
