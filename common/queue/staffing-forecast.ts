import type { StaffingForecast } from '../api/features/staffing';
import { serversNeeded, serviceLevel } from './erlang-c';
import { DEFAULT_TARGET_WAIT_MIN } from './kpi';

export interface ForecastHistory {
  arrivals: { weekday: number; hour: number; perDay: number }[];
  ahtByHour: Record<number, number>;
  rostered: { weekday: number; hour: number; windows: number }[];
  typeMix: Record<string, number>;
  windows: number;
}

export interface ForecastOptions {
  /** The first day forecast ('YYYY-MM-DD'); seven days from it. */
  start: string;
  from: string;
  to: string;
  weeks: number;
  goal: number;
  /** Configured target wait per type, minutes. */
  targets: Record<string, number>;
}

/** Handling time assumed for an hour the history has no finished ticket in. */
export const FALLBACK_AHT_SEC = 360;
const DAY_MS = 86_400_000;
const round1 = (x: number) => Math.round(x * 10) / 10;

/** The hall's target wait, weighted by how many tickets of each type it issues. */
export function weightedTargetMin(mix: Record<string, number>, targets: Record<string, number>): number {
  let n = 0;
  let sum = 0;
  for (const [code, count] of Object.entries(mix)) {
    n += count;
    sum += count * (targets[code] ?? DEFAULT_TARGET_WAIT_MIN);
  }
  return n === 0 ? DEFAULT_TARGET_WAIT_MIN : round1(sum / n);
}

/**
 * Seven days of hourly forecasts: expected arrivals = the mean of the same weekday and hour over the
 * history; windows needed = Erlang C's fewest windows for that load, the hour's mean handling time,
 * the hall's weighted target wait and the goal. The hall is treated as one pool of interchangeable
 * windows, so the figure is a floor: windows restricted to some types need a margin above it.
 */
export function staffingForecast(h: ForecastHistory, o: ForecastOptions): StaffingForecast {
  const targetWaitMin = weightedTargetMin(h.typeMix, o.targets);
  const maxServers = Math.max(1, h.windows);
  const arrivals = new Map(h.arrivals.map((x) => [`${x.weekday}/${x.hour}`, x.perDay]));
  const rostered = new Map(h.rostered.map((x) => [`${x.weekday}/${x.hour}`, x.windows]));
  const days = [];
  for (let i = 0; i < 7; i++) {
    const date = new Date(Date.parse(`${o.start}T00:00:00Z`) + i * DAY_MS);
    const weekday = date.getUTCDay();
    const hours = [];
    for (let hour = 0; hour < 24; hour++) {
      const expected = arrivals.get(`${weekday}/${hour}`) ?? 0;
      if (expected <= 0) continue;
      const ahtSec = h.ahtByHour[hour] ?? FALLBACK_AHT_SEC;
      const need = serversNeeded({
        arrivalsPerHour: expected,
        ahtSec,
        targetWaitSec: targetWaitMin * 60,
        goal: o.goal,
        maxServers,
      });
      const onDuty = rostered.get(`${weekday}/${hour}`) ?? 0;
      const whole = Math.floor(onDuty);
      hours.push({
        hour,
        arrivals: round1(expected),
        ahtSec: Math.round(ahtSec),
        needed: need.servers,
        rostered: round1(onDuty),
        rosteredServiceLevel:
          whole >= 1 ? Math.round(serviceLevel(whole, need.load, ahtSec, targetWaitMin * 60) * 1000) / 1000 : null,
      });
    }
    days.push({ date: date.toISOString().slice(0, 10), weekday, hours });
  }
  return {
    from: o.from,
    to: o.to,
    weeks: o.weeks,
    goal: o.goal,
    targetWaitMin,
    windows: h.windows,
    days,
  };
}
