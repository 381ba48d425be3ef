/**
 * Hall time: how every screen, slip, receipt, export and report shows an instant — on the wall clock
 * of the hall's time zone, whatever zone the PC, the browser or the server process runs in. Storage
 * and sync keep UTC ISO strings; only this module turns them into dates and clock times for people.
 * Intl.DateTimeFormat with an explicit `timeZone` does the zone arithmetic (daylight saving included).
 */

/** The zone a hall uses unless its station is configured otherwise (China Standard Time). */
export const DEFAULT_HALL_TIME_ZONE = 'Asia/Shanghai';

/** An instant: a UTC ISO-8601 string (with Z or an offset), epoch milliseconds, or a Date. */
export type HallInstant = string | number | Date;

/** The wall-clock reading of an instant in a zone. Month 1‥12, weekday 0 (Sunday)‥6. */
export interface HallClockParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    formats.set(timeZone, f);
  }
  return f;
}

/** Whether `zone` is an IANA time zone this runtime knows ("Asia/Shanghai", "UTC", …). */
export function isTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone.trim() === '') return false;
  try {
    formatFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** The configured zone when it is a real one, else the default: a typo must not stop the hall. */
export function hallTimeZoneOr(zone: string | null | undefined): string {
  return isTimeZone(zone) ? zone : DEFAULT_HALL_TIME_ZONE;
}

/** Epoch milliseconds of an instant, or NaN when it is not one. */
export function instantMs(at: HallInstant | null | undefined): number {
  if (at === null || at === undefined) return Number.NaN;
  if (at instanceof Date) return at.getTime();
  if (typeof at === 'number') return Number.isFinite(at) ? at : Number.NaN;
  return Date.parse(at);
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

// Zone offsets are whole minutes, so one minute's reading serves every second of it: lists and
// exports format many instants of the same minute.
const lastMinute = new Map<string, { minute: number; parts: HallClockParts }>();

/** The hall's wall-clock reading of an instant; RangeError when it is not an instant. */
export function hallClockParts(at: HallInstant, timeZone: string = DEFAULT_HALL_TIME_ZONE): HallClockParts {
  const ms = instantMs(at);
  if (!Number.isFinite(ms)) throw new RangeError(`not an instant: ${String(at)}`);
  const minute = Math.floor(ms / 60_000);
  const second = Math.floor((ms - minute * 60_000) / 1000);
  const cached = lastMinute.get(timeZone);
  if (cached && cached.minute === minute) return { ...cached.parts, second };
  const read: Record<string, string> = {};
  for (const p of formatFor(timeZone).formatToParts(new Date(minute * 60_000))) read[p.type] = p.value;
  const parts: HallClockParts = {
    year: Number(read.year),
    month: Number(read.month),
    day: Number(read.day),
    hour: Number(read.hour) % 24,
    minute: Number(read.minute),
    second: 0,
    weekday: WEEKDAYS[read.weekday ?? ''] ?? 0,
  };
  lastMinute.set(timeZone, { minute, parts });
  return { ...parts, second };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** "2025-03-14": the hall's calendar day of an instant. */
export function hallDate(at: HallInstant, timeZone?: string): string {
  const p = hallClockParts(at, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** "09:05", or "09:05:07" with seconds. */
export function hallClock(at: HallInstant, timeZone?: string, o: { seconds?: boolean } = {}): string {
  const p = hallClockParts(at, timeZone);
  const hm = `${pad(p.hour)}:${pad(p.minute)}`;
  return o.seconds ? `${hm}:${pad(p.second)}` : hm;
}

/** "2025-03-14 09:05", or "2025-03-14 09:05:07" with seconds. */
export function hallDateTime(at: HallInstant, timeZone?: string, o: { seconds?: boolean } = {}): string {
  return `${hallDate(at, timeZone)} ${hallClock(at, timeZone, o)}`;
}

/** "03-14 09:05": a recent instant where the year goes without saying. */
export function hallMonthDayClock(at: HallInstant, timeZone?: string): string {
  const p = hallClockParts(at, timeZone);
  return `${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** Day of the week in the hall, 0 = Sunday. */
export const hallWeekday = (at: HallInstant, timeZone?: string): number => hallClockParts(at, timeZone).weekday;

/** Minutes since the hall's midnight (0‥1439). */
export function hallMinuteOfDay(at: HallInstant, timeZone?: string): number {
  const p = hallClockParts(at, timeZone);
  return p.hour * 60 + p.minute;
}
