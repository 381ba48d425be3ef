/** The hall's calendar day (tickets reset at local midnight, Asia/Shanghai by default). */
export function hallDay(at: Date, timeZone = 'Asia/Shanghai'): string {
  // Every API call asks for the day and Intl formatting costs tens of µs on the issuing path; time
  // zone offsets are whole minutes, so the day can only change on a minute boundary: one per minute.
  const minute = Math.floor(at.getTime() / 60_000);
  const last = lastDay.get(timeZone);
  if (last && last.minute === minute) return last.day;
  const day = dayFormat(timeZone).format(at);
  lastDay.set(timeZone, { minute, day });
  return day;
}
const lastDay = new Map<string, { minute: number; day: string }>();

// Building a DateTimeFormat costs ~0.5 ms; every API call asks for the day, so keep one per zone.
const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let f = dayFormats.get(timeZone);
  if (!f) {
    // en-CA formats as YYYY-MM-DD.
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, f);
  }
  return f;
}

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
