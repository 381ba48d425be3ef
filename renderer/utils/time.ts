/**
 * Time for screens: every instant is shown on the hall's wall clock (common/time/hall-time.ts), not
 * the browser's zone — a counter PC set to UTC still shows the hall's 15:17. The zone comes from the
 * station (station.info) and is reactive, so times already on screen follow when it arrives.
 */
import { shallowRef } from 'vue';
import {
  DEFAULT_HALL_TIME_ZONE,
  hallClock,
  hallDate,
  hallDateTime,
  hallMonthDayClock,
  hallTimeZoneOr,
  hallWeekday,
} from '@common/time/hall-time';

const pad = (n: number): string => String(n).padStart(2, '0');

const zone = shallowRef(DEFAULT_HALL_TIME_ZONE);

/** The station's configured hall zone (unknown zones fall back to the default). */
export function setHallTimeZone(timeZone: string | null | undefined): void {
  zone.value = hallTimeZoneOr(timeZone);
}
export const hallTimeZone = (): string => zone.value;

export function parseTime(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

/** "09:05:07" in hall time ("—" for an invalid date). */
export function clockText(date: Date, seconds = true): string {
  return Number.isNaN(date.getTime()) ? '—' : hallClock(date, zone.value, { seconds });
}

/** "2025-03-14" in hall time ("—" for an invalid date). */
export function dateText(date: Date): string {
  return Number.isNaN(date.getTime()) ? '—' : hallDate(date, zone.value);
}

/** "09:05" of an ISO time, or "—". */
export function timeOf(iso: string | null | undefined, seconds = false): string {
  const t = parseTime(iso);
  return t === null ? '—' : hallClock(t, zone.value, { seconds });
}

/** "2025-03-14 09:05" of an ISO time, or "—". */
export function dateTimeOf(iso: string | null | undefined, seconds = false): string {
  const t = parseTime(iso);
  return t === null ? '—' : hallDateTime(t, zone.value, { seconds });
}

/** "03-14 09:05" of an ISO time, or "—". */
export function monthDayTimeOf(iso: string | null | undefined): string {
  const t = parseTime(iso);
  return t === null ? '—' : hallMonthDayClock(t, zone.value);
}

/** Elapsed time as "m:ss" or "h:mm:ss"; negative spans (clock skew) show as 0:00. */
export function durationText(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

export function since(iso: string | null | undefined, now: number): string {
  const t = parseTime(iso);
  return t === null ? '—' : durationText(now - t);
}

const WEEKDAYS_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export function weekdayText(date: Date, locale: string): string {
  if (Number.isNaN(date.getTime())) return '';
  return (locale === 'en' ? WEEKDAYS_EN : WEEKDAYS_ZH)[hallWeekday(date, zone.value)] ?? '';
}
