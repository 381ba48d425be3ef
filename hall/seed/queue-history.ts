/**
 * Past days of the hall for the demo, so the manager's charts, evaluation and forecast have a year
 * to show: morning and afternoon peaks, quiet lunch and weekends, busier winter and summer months,
 * longer waits at the peaks, a few no-shows and walk-aways; every finished service with its rating
 * (about four in five rated; bad ratings with a reason), the agents' oral consultations and their
 * pauses (lunch, stepping away) as the audit log records them. Each day is a small simulation
 * (arrivals by hour, each ticket served at the staffed window serving its type that frees first), so
 * wait, walk, handling time and time in hall stay consistent. Deterministic: same seed and days →
 * same rows. One transaction of prepared statements: a year is a few seconds.
 */
import type Database from 'better-sqlite3';
import { BUSINESS_TYPES } from '@common/domain/business-types';
import { needsReason } from '@common/domain/ratings';
import { Rng } from './prng';
import { STAFF, WINDOWS } from './hall';
import {
  afterPauses,
  badReason,
  CONSULTATION_TOPICS,
  dayPauses,
  RATED_SHARE,
  ratingDimensions,
  ratingLevel,
  type Pause,
} from './service-history';

export interface QueueHistoryOptions {
  hallId: string;
  /** The first day NOT seeded ('YYYY-MM-DD', normally today): history ends the day before. */
  until: string;
  /** Days of history; a year by default. */
  days?: number;
  seed?: number;
}

export interface QueueHistoryStats {
  tickets: number;
  calls: number;
  ratings: number;
  consultations: number;
  pauses: number;
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
/** Which windows are staffed first: one per series, the 综合 window, then the rest. */
const WINDOW_ORDER = [1, 5, 7, 10, 11, 3, 2, 6, 8, 12, 4, 9];
/** Windows staffed per weekday (Sunday first): all twelve on Monday, a skeleton crew at weekends. */
export const STAFFED_BY_WEEKDAY: readonly number[] = [4, 12, 10, 10, 10, 10, 6];
const ARRIVALS_PER_HOUR = 44;

const dayMs = (day: string): number => Date.parse(`${day}T00:00:00+08:00`);
const iso = (ms: number): string => new Date(ms).toISOString();
const dayOf = (ms: number): string => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

interface StaffedWindow {
  windowNo: number;
  businessTypes: string[];
  agent: string;
  freeAt: number;
  pauses: Pause[];
}

export function seedQueueHistory(db: Database.Database, o: QueueHistoryOptions): QueueHistoryStats {
  const rng = new Rng(o.seed ?? 5150);
  const days = o.days ?? 365;
  const agents = STAFF.filter((s) => s.role === 'agent');
  // Each agent's own pace and how customers take to them: the evaluation has differences to show.
  const pace = new Map(agents.map((a) => [a.id, 0.8 + 0.5 * rng.next()]));
  const tilt = new Map(agents.map((a) => [a.id, rng.next() * 2 - 1]));
  const types = BUSINESS_TYPES.map((t) => ({ t, w: TYPE_WEIGHTS[t.code] ?? 1 }));
  const totalWeight = types.reduce((n, x) => n + x.w, 0);
  const pickType = () => {
    let r = rng.next() * totalWeight;
    for (const x of types) if ((r -= x.w) < 0) return x.t;
    return types[0]!.t;
  };
  const insTicket = db.prepare(
    `INSERT INTO tickets (id, hall_id, day, number, business_type, priority, status, issued_at, issued_by, called_at, call_count, window_no, staff_id, started_at, finished_at, no_show_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'seed', ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insCall = db.prepare(
    'INSERT INTO calls (id, ticket_id, ticket_no, window_no, staff_id, recall, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insRating = db.prepare(
    `INSERT INTO ratings (id, ticket_id, ticket_no, window_no, staff_id, level, dimensions, reason, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insConsultation = db.prepare(
    'INSERT INTO consultations (id, hall_id, staff_id, window_no, ticket_id, topic, note, at) VALUES (?, ?, ?, ?, NULL, ?, NULL, ?)',
  );
  const insAudit = db.prepare(
    `INSERT INTO audit_log (id, at, station_id, actor, action, detail) VALUES (?, ?, 'seed', ?, ?, ?)`,
  );
  const stats: QueueHistoryStats = { tickets: 0, calls: 0, ratings: 0, consultations: 0, pauses: 0 };
  const until = dayMs(o.until);

  /** Today's staffed windows, each with an agent who has the skills for it (no agent at two windows). */
  const staffDay = (start: number, weekday: number, dayIndex: number): StaffedWindow[] => {
    const used = new Set<string>();
    return WINDOW_ORDER.slice(0, STAFFED_BY_WEEKDAY[weekday])
      .map((no) => WINDOWS.find((w) => w.windowNo === no)!)
      .map((w, i) => {
        const able = agents.filter((a) => w.businessTypes.some((t) => a.skills.includes(t)) && !used.has(a.id));
        const pool = able.length ? able : agents.filter((a) => !used.has(a.id));
        const agent = pool[(dayIndex + i * 3) % pool.length]!;
        used.add(agent.id);
        return {
          windowNo: w.windowNo,
          businessTypes: [...w.businessTypes],
          agent: agent.id,
          freeAt: start + 8.5 * 3600_000,
          pauses: dayPauses(rng, start),
        };
      });
  };

  db.transaction(() => {
    for (let d = days; d >= 1; d--) {
      const start = until - d * 86_400_000;
      const day = dayOf(start);
      const date = new Date(start + 8 * 3600_000);
      const weekday = date.getUTCDay();
      const month = date.getUTCMonth();
      // Heating in winter and air conditioning in summer bring more bills and questions.
      const season = month <= 1 || month === 11 ? 1.12 : month === 6 || month === 7 ? 1.15 : 1;
      const load = (weekday === 0 ? 0.45 : weekday === 6 ? 0.6 : weekday === 1 ? 1.2 : 1) * season;
      const windows = staffDay(start, weekday, days - d);
      for (const w of windows)
        for (const p of w.pauses) {
          const detail = JSON.stringify({ windowNo: w.windowNo, reason: p.reason });
          insAudit.run(`hist-au-${day}-${w.windowNo}-${p.from}-p`, iso(p.from), w.agent, 'window.paused', detail);
          insAudit.run(
            `hist-au-${day}-${w.windowNo}-${p.from}-o`,
            iso(p.to),
            w.agent,
            'window.open',
            JSON.stringify({ windowNo: w.windowNo, reason: null }),
          );
          stats.pauses++;
        }
      const arrivals: number[] = [];
      HOURLY.forEach((weight, i) => {
        const n = Math.round(ARRIVALS_PER_HOUR * weight * load * (0.8 + 0.4 * rng.next()));
        for (let k = 0; k < n; k++) arrivals.push(start + (8 + i) * 3600_000 + Math.floor(rng.next() * 3600_000));
      });
      arrivals.sort((a, b) => a - b);
      const counters: Record<string, number> = {};
      for (const arrival of arrivals) {
        const type = pickType();
        const seq = (counters[type.prefix] = (counters[type.prefix] ?? 0) + 1);
        const number = `${type.prefix}${String(seq).padStart(3, '0')}`;
        const id = `hist-${day}-${number}`;
        const priority = rng.chance(0.06) ? 'green' : 'normal';
        const serving = windows.filter((w) => w.businessTypes.includes(type.code));
        const pool = serving.length ? serving : windows;
        const free = (w: StaffedWindow) => afterPauses(Math.max(arrival + 20_000, w.freeAt), w.pauses);
        const win = pool.reduce((a, b) => (free(b) < free(a) ? b : a), pool[0]!);
        const callAt = free(win);
        const waitMin = (callAt - arrival) / 60_000;
        stats.tickets++;
        // Long waits drive people away; a few leave anyway.
        if ((waitMin > 35 && rng.chance(Math.min(0.6, (waitMin - 35) / 40))) || rng.chance(0.01)) {
          const status = rng.chance(0.5) ? 'abandoned' : 'cancelled';
          insTicket.run(
            id,
            o.hallId,
            day,
            number,
            type.code,
            priority,
            status,
            iso(arrival),
            null,
            0,
            null,
            null,
            null,
            null,
            null,
          );
          continue;
        }
        insCall.run(`${id}-c1`, id, number, win.windowNo, win.agent, 0, iso(callAt));
        stats.calls++;
        if (rng.chance(0.04)) {
          insCall.run(`${id}-c2`, id, number, win.windowNo, win.agent, 1, iso(callAt + 60_000));
          stats.calls++;
          win.freeAt = callAt + 150_000;
          const noShowAt = iso(callAt + 120_000);
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
            noShowAt,
          );
          continue;
        }
        const startAt = callAt + (20 + Math.floor(rng.next() * 70)) * 1000;
        const mean = (SERVICE_MIN[type.prefix] ?? 6) * pace.get(win.agent)!;
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
          null,
        );
        const ratedAt = iso(finishAt + rng.int(5, 40) * 1000);
        if (rng.chance(RATED_SHARE)) {
          const level = ratingLevel(rng, waitMin, tilt.get(win.agent)!);
          const reason = needsReason(level) ? badReason(rng, waitMin) : null;
          insRating.run(
            `hist-r-${id}`,
            id,
            number,
            win.windowNo,
            win.agent,
            level,
            JSON.stringify(ratingDimensions(rng, level)),
            reason,
            ratedAt,
          );
          stats.ratings++;
        } else if (rng.chance(0.5)) {
          // The rating screen timed out: recorded as not rated.
          insRating.run(`hist-r-${id}`, id, number, win.windowNo, win.agent, 'none', '{}', null, ratedAt);
        }
      }
      // Questions answered at the counter without a ticket of their own (口头咨询).
      for (const w of windows) {
        const n = rng.int(1, 8);
        for (let k = 0; k < n; k++) {
          const at = start + (8.5 + rng.next() * 9) * 3600_000;
          insConsultation.run(
            `hist-q-${day}-${w.windowNo}-${k}`,
            o.hallId,
            w.agent,
            w.windowNo,
            rng.pick(CONSULTATION_TOPICS),
            iso(at),
          );
          stats.consultations++;
        }
      }
    }
  })();
  return stats;
}
