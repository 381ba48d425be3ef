import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canIssue,
  dayKey,
  defaultIssueConfig,
  formatTicketNumber,
  lastSeq,
  localHour,
  localMinuteOfDay,
  parseTicketNumber,
  seriesKey,
  TypeIssueConfig,
  withinHours,
} from '@common/queue';
import { expectCatalogued } from '../../support/catalogued';

const PAY = TypeIssueConfig.parse({
  code: 'PAY',
  prefix: 'A',
  dailyCap: 5,
  hours: [
    { from: '08:30', to: '12:00' },
    { from: '13:30', to: '17:00' },
  ],
  waitingWarnAt: 3,
});
const counts = (issuedOfType = 0, lastSeqOfPrefix = 0, waitingOfType = 0) => ({
  issuedOfType,
  lastSeqOfPrefix,
  waitingOfType,
});
/** A Shanghai local time on 2026-11-23 as an ISO instant. */
const local = (hhmm: string) => `2026-11-23T${hhmm}:00+08:00`;

describe('day key and local time (fixed offset, no Intl)', () => {
  it('Shanghai midnight boundaries', () => {
    expect(dayKey('2026-11-22T15:59:59.999Z')).toBe('2026-11-22');
    expect(dayKey('2026-11-22T16:00:00Z')).toBe('2026-11-23');
    expect(dayKey('2024-02-28T16:00:00Z')).toBe('2024-02-29');
    expect(dayKey('2026-12-31T16:00:00Z')).toBe('2027-01-01');
    expect(dayKey('2026-11-23T01:00:00Z', 0)).toBe('2026-11-23');
    expect(dayKey('2026-11-23T01:00:00Z', -300)).toBe('2026-11-22');
    expect(localMinuteOfDay(local('08:30'))).toBe(510);
    expect(localHour('2026-11-22T16:00:00Z')).toBe(0);
    expect(() => dayKey('garbage')).toThrow(RangeError);
  });

  it('agrees with Date arithmetic for any instant and offset', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -2_000_000_000_000, max: 8_000_000_000_000 }),
        fc.integer({ min: -720, max: 840 }),
        (ms, off) => {
          const shifted = new Date(ms + off * 60_000);
          expect(dayKey(ms, off)).toBe(shifted.toISOString().slice(0, 10));
          expect(localMinuteOfDay(ms, off)).toBe(shifted.getUTCHours() * 60 + shifted.getUTCMinutes());
        },
      ),
    );
  });
});

describe('ticket numbers', () => {
  it('prefix + three digits, parsed back, series key per hall/day/prefix', () => {
    expect(formatTicketNumber('A', 1)).toBe('A001');
    expect(formatTicketNumber('B', 42)).toBe('B042');
    expect(parseTicketNumber('C999')).toEqual({ prefix: 'C', seq: 999 });
    expect(parseTicketNumber('A1')).toBeNull();
    expect(lastSeq(['A001', 'A007', 'B009', 'A003', 'junk'], 'A')).toBe(7);
    expect(lastSeq([], 'A')).toBe(0);
    expect(seriesKey('H01', '2026-11-23', 'A')).toBe('H01/2026-11-23/A');
  });

  it('default issue configs come from docs/domain.md', () => {
    expect(defaultIssueConfig('PAY')).toMatchObject({
      prefix: 'A',
      dailyCap: 999,
      hours: [{ from: '08:30', to: '17:00' }],
    });
    expect(defaultIssueConfig('NEW')).toMatchObject({ prefix: 'B', dailyCap: 300 });
    expect(defaultIssueConfig('NOPE')).toBeNull();
  });

  it('rejects bad configs', () => {
    expect(TypeIssueConfig.safeParse({ code: 'X', prefix: 'AA', dailyCap: 1 }).success).toBe(false);
    expect(
      TypeIssueConfig.safeParse({ code: 'X', prefix: 'A', dailyCap: 1, hours: [{ from: '17:00', to: '08:00' }] })
        .success,
    ).toBe(false);
    expect(
      TypeIssueConfig.safeParse({ code: 'X', prefix: 'A', dailyCap: 1, hours: [{ from: '25:00', to: '26:00' }] })
        .success,
    ).toBe(false);
  });
});

describe('canIssue', () => {
  it('issues the next number of the prefix series with the day key', () => {
    expect(canIssue(PAY, counts(2, 7, 0), local('09:15'))).toEqual({
      ok: true,
      day: '2026-11-23',
      seq: 8,
      number: 'A008',
      warning: null,
    });
    // just after midnight UTC+8 is the new day
    const r = canIssue(
      TypeIssueConfig.parse({ code: 'X', prefix: 'E', dailyCap: 9, hours: [{ from: '00:00', to: '24:00' }] }),
      counts(),
      '2026-11-22T16:00:30Z',
    );
    expect(r).toMatchObject({ ok: true, day: '2026-11-23', number: 'E001' });
  });

  it('outside issuing hours, including the lunch break and the closing minute', () => {
    for (const t of ['08:29', '12:00', '12:45', '13:29', '17:00', '23:59', '00:00']) {
      const r = canIssue(PAY, counts(), local(t));
      expect(r.ok, t).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('outside_hours');
        expectCatalogued(r.error);
        expect(r.error.message).toContain('08:30–12:00、13:30–17:00');
      }
    }
    for (const t of ['08:30', '11:59', '13:30', '16:59']) expect(canIssue(PAY, counts(), local(t)).ok, t).toBe(true);
    expect(withinHours({ hours: [] }, local('10:00'))).toBe(false);
  });

  it('past the daily cap (hours are checked first)', () => {
    const r = canIssue(PAY, counts(5, 5), local('10:00'));
    expect(r).toMatchObject({ ok: false, error: { code: 'cap_reached' } });
    if (!r.ok) expectCatalogued(r.error);
    expect(canIssue(PAY, counts(5, 5), local('07:00'))).toMatchObject({ ok: false, error: { code: 'outside_hours' } });
    expect(canIssue(PAY, counts(4, 4), local('10:00')).ok).toBe(true);
  });

  it('the prefix series runs out at 999 even when the type has room (shared prefixes)', () => {
    const big = TypeIssueConfig.parse({ code: 'CARD', prefix: 'A', dailyCap: 999 });
    expect(canIssue(big, counts(10, 999), local('10:00'))).toMatchObject({
      ok: false,
      error: { code: 'series_exhausted' },
    });
    expect(canIssue(big, counts(10, 998), local('10:00'))).toMatchObject({ ok: true, number: 'A999' });
  });

  it('warns when the waiting count passes the threshold, but still issues', () => {
    expect(canIssue(PAY, counts(0, 0, 2), local('10:00'))).toMatchObject({ ok: true, warning: null });
    const r = canIssue(PAY, counts(0, 0, 3), local('10:00'));
    expect(r).toMatchObject({ ok: true, warning: { code: 'waiting_high', waiting: 4, threshold: 3 } });
    if (r.ok) expectCatalogued(r.warning!);
  });

  it('an invalid time', () => {
    expect(canIssue(PAY, counts(), 'nope')).toMatchObject({ ok: false, error: { code: 'invalid_time' } });
  });

  it('property: never issues past the cap or outside hours; numbers are consecutive', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.array(fc.integer({ min: 0, max: 1439 }), { minLength: 1, maxLength: 80 }),
        (cap, minutes) => {
          const cfg = TypeIssueConfig.parse({
            code: 'PAY',
            prefix: 'A',
            dailyCap: cap,
            hours: [{ from: '08:30', to: '17:00' }],
          });
          let issued = 0;
          for (const m of [...minutes].sort((a, b) => a - b)) {
            const at = Date.parse('2026-11-22T16:00:00Z') + m * 60_000;
            const r = canIssue(cfg, counts(issued, issued), at);
            const inHours = m >= 510 && m < 1020;
            if (r.ok) {
              expect(inHours).toBe(true);
              expect(issued).toBeLessThan(cap);
              issued += 1;
              expect(r.number).toBe(formatTicketNumber('A', issued));
              expect(r.day).toBe('2026-11-23');
            } else {
              expect(r.error.code).toBe(inHours ? 'cap_reached' : 'outside_hours');
            }
          }
        },
      ),
    );
  });
});
