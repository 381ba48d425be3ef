/** Time formatting for screens (local time of the hall PC). Pure. */
const pad = (n: number): string => String(n).padStart(2, '0');

export function parseTime(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

/** "09:05:07" */
export function clockText(date: Date, seconds = true): string {
  const base = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  return seconds ? `${base}:${pad(date.getSeconds())}` : base;
}

/** "2025-03-14" */
export function dateText(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** "09:05" of an ISO time, or "—". */
export function timeOf(iso: string | null | undefined, seconds = false): string {
  const t = parseTime(iso);
  return t === null ? '—' : clockText(new Date(t), seconds);
}

/** "2025-03-14 09:05" of an ISO time, or "—". */
export function dateTimeOf(iso: string | null | undefined): string {
  const t = parseTime(iso);
  return t === null ? '—' : `${dateText(new Date(t))} ${clockText(new Date(t), false)}`;
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
  return (locale === 'en' ? WEEKDAYS_EN : WEEKDAYS_ZH)[date.getDay()] ?? '';
}
