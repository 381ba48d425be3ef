/** The hall's calendar day (tickets reset at local midnight, Asia/Shanghai by default). */
export function hallDay(at: Date, timeZone = 'Asia/Shanghai'): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
