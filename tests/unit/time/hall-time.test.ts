import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_HALL_TIME_ZONE,
  hallClock,
  hallDate,
  hallDateTime,
  hallMinuteOfDay,
  hallMonthDayClock,
  hallTimeZoneOr,
  hallWeekday,
  isTimeZone,
} from '@common/time/hall-time';
import { clockText, dateTimeOf, setHallTimeZone, timeOf, weekdayText } from '../../../renderer/utils/time';

/** Node reads TZ on every local-time call, so a test can move the process between zones. */
const originalTz = process.env.TZ;
function inProcessZone(tz: string): void {
  process.env.TZ = tz;
}
afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
  setHallTimeZone(null);
});

describe('hall time', () => {
  const evening = '2025-03-01T15:17:42Z'; // 23:17 in the hall

  it.each(['UTC', 'America/New_York', 'Asia/Shanghai'])(
    'shows the hall clock whatever the process zone (TZ=%s)',
    (tz) => {
      inProcessZone(tz);
      // The process really is in that zone: its own local clock reads differently.
      const localHour = new Date(evening).getHours();
      expect(localHour).toBe({ UTC: 15, 'America/New_York': 10, 'Asia/Shanghai': 23 }[tz]);
      expect(hallClock(evening)).toBe('23:17');
      expect(hallClock(evening, undefined, { seconds: true })).toBe('23:17:42');
      expect(hallDate(evening)).toBe('2025-03-01');
      expect(hallDateTime('2025-03-01T23:30:00Z')).toBe('2025-03-02 07:30');
      expect(hallMonthDayClock('2025-12-31T16:05:00Z')).toBe('01-01 00:05');
    },
  );

  it('follows the configured zone, daylight saving included', () => {
    // New York: EST (UTC−5) in January, EDT (UTC−4) in July.
    expect(hallDateTime('2025-01-15T12:00:00Z', 'America/New_York')).toBe('2025-01-15 07:00');
    expect(hallDateTime('2025-07-15T12:00:00Z', 'America/New_York')).toBe('2025-07-15 08:00');
    expect(hallDateTime('2025-07-15T12:00:00Z', 'UTC', { seconds: true })).toBe('2025-07-15 12:00:00');
  });

  it('reads offsets, epoch milliseconds and Dates alike', () => {
    const ms = Date.parse('2025-06-01T00:00:00Z');
    expect(hallDateTime('2025-06-01T08:00:00+08:00')).toBe('2025-06-01 08:00');
    expect(hallDateTime(ms)).toBe('2025-06-01 08:00');
    expect(hallDateTime(new Date(ms))).toBe('2025-06-01 08:00');
    expect(hallMinuteOfDay(ms)).toBe(8 * 60);
    expect(hallWeekday('2025-03-01T16:30:00Z')).toBe(0); // Sunday 00:30 in the hall, Saturday in UTC
  });

  it('midnight is 00:00, never 24:00', () => {
    expect(hallClock('2025-03-01T16:00:00Z')).toBe('00:00');
    expect(hallDate('2025-03-01T16:00:00Z')).toBe('2025-03-02');
  });

  it('keeps seconds and zones apart for instants of the same minute', () => {
    expect(hallClock('2025-03-01T15:17:05Z', 'UTC', { seconds: true })).toBe('15:17:05');
    expect(hallClock('2025-03-01T15:17:59Z', 'Asia/Shanghai', { seconds: true })).toBe('23:17:59');
    expect(hallClock('2025-03-01T15:17:30Z', 'UTC', { seconds: true })).toBe('15:17:30');
  });

  it('refuses what is not an instant', () => {
    expect(() => hallClock('not a time')).toThrow(RangeError);
    expect(() => hallDate(Number.NaN)).toThrow(RangeError);
    expect(() => hallDate(new Date('nope'))).toThrow(RangeError);
  });

  it('knows real zones and falls back to the default for anything else', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    expect(isTimeZone(42)).toBe(false);
    expect(hallTimeZoneOr('Mars/Olympus')).toBe(DEFAULT_HALL_TIME_ZONE);
    expect(hallTimeZoneOr(undefined)).toBe(DEFAULT_HALL_TIME_ZONE);
    expect(hallTimeZoneOr('Europe/Berlin')).toBe('Europe/Berlin');
  });
});

describe('screen times (renderer/utils/time)', () => {
  it('show the hall clock on a PC set to UTC, and follow the station zone', () => {
    inProcessZone('UTC');
    expect(timeOf('2025-03-01T07:17:00Z')).toBe('15:17');
    expect(timeOf('2025-03-01T07:17:09Z', true)).toBe('15:17:09');
    expect(dateTimeOf('2025-03-01T23:30:00Z')).toBe('2025-03-02 07:30');
    expect(weekdayText(new Date('2025-03-01T16:30:00Z'), 'zh-CN')).toBe('星期日');
    setHallTimeZone('Europe/Berlin');
    expect(timeOf('2025-03-01T07:17:00Z')).toBe('08:17');
    setHallTimeZone('Mars/Olympus');
    expect(timeOf('2025-03-01T07:17:00Z')).toBe('15:17');
  });

  it('show a dash for a missing or broken time instead of NaN', () => {
    expect(timeOf(null)).toBe('—');
    expect(dateTimeOf('garbage')).toBe('—');
    expect(clockText(new Date('garbage'))).toBe('—');
  });
});
