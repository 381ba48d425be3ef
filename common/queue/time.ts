/**
 * Time for the queue core. Nothing here reads the clock: every function takes the instant it works on,
 * as an ISO-8601 string (with an offset or Z) or epoch milliseconds.
 */
export type Instant = string | number;

/** China Standard Time (Asia/Shanghai): UTC+8, no daylight saving since 1991. */
export const SHANGHAI_OFFSET_MIN = 480;

const MS_PER_MIN = 60_000;
const MS_PER_DAY = 86_400_000;

/** Epoch milliseconds of an instant; NaN when the string is not a date. */
export function toMs(at: Instant): number {
  if (typeof at === 'number') return Number.isFinite(at) ? at : Number.NaN;
  return Date.parse(at);
}

export const isValidInstant = (at: Instant): boolean => Number.isFinite(toMs(at));

/** Days since 1970-01-01 in the civil calendar → 'YYYY-MM-DD' (Howard Hinnant's civil_from_days). */
function civilFromDays(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The hall's business day of an instant, 'YYYY-MM-DD', for a fixed UTC offset in minutes (default Asia/Shanghai). */
export function dayKey(at: Instant, offsetMin = SHANGHAI_OFFSET_MIN): string {
  const ms = toMs(at);
  if (!Number.isFinite(ms)) throw new RangeError(`invalid instant ${String(at)}`);
  return civilFromDays(Math.floor((ms + offsetMin * MS_PER_MIN) / MS_PER_DAY));
}

/** 'YYYY-MM-DD HH:MM' in hall time: what a slip or a screen shows for an instant. */
export function localDateTime(at: Instant, offsetMin = SHANGHAI_OFFSET_MIN): string {
  const minute = localMinuteOfDay(at, offsetMin);
  return `${dayKey(at, offsetMin)} ${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** Minutes since local midnight (0‥1439) of an instant at a fixed UTC offset. */
export function localMinuteOfDay(at: Instant, offsetMin = SHANGHAI_OFFSET_MIN): number {
  const ms = toMs(at);
  if (!Number.isFinite(ms)) throw new RangeError(`invalid instant ${String(at)}`);
  const local = ms + offsetMin * MS_PER_MIN;
  return Math.floor((((local % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / MS_PER_MIN);
}

/** Local hour (0‥23) of an instant at a fixed UTC offset. */
export const localHour = (at: Instant, offsetMin = SHANGHAI_OFFSET_MIN): number =>
  Math.floor(localMinuteOfDay(at, offsetMin) / 60);

/** 'HH:MM' → minutes since midnight; '24:00' is allowed as the end of the day. */
export function parseHhMm(s: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(s);
  if (!m) throw new RangeError(`invalid time of day ${s}`);
  const v = Number(m[1]) * 60 + Number(m[2]);
  if (Number(m[2]) > 59 || v > 1440) throw new RangeError(`invalid time of day ${s}`);
  return v;
}
