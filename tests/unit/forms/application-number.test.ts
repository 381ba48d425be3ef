import { describe, expect, it } from 'vitest';
import { APPLICATION_NO, applicationNumber, parseApplicationNumber } from '@common/forms/application-number';

/** 申请编号 SQ-<hall>-<YYYYMMDD>-<type>-<seq>-<station tag>: given offline, unique per station. */
describe('application numbers', () => {
  it('write the day without dashes, the sequence in four digits and the station tag in capitals', () => {
    expect(applicationNumber('H001', '2026-11-23', 'NEW', 7, '3f9a')).toBe('SQ-H001-20261123-NEW-0007-3F9A');
    expect(applicationNumber('H1', '2026-01-02', 'CAP', 9999, 'AB12')).toBe('SQ-H1-20260102-CAP-9999-AB12');
    expect(applicationNumber('H1', '2026-01-02', 'CAP', 1, 'ab12')).toBe('SQ-H1-20260102-CAP-0001-AB12');
  });

  it.each([0, 10_000, 1.5, Number.NaN])('refuse sequence %s', (seq) => {
    expect(() => applicationNumber('H001', '2026-11-23', 'NEW', seq, 'AAAA')).toThrow(RangeError);
  });

  it('parse back into hall, day, type and sequence', () => {
    expect(parseApplicationNumber('SQ-H001-20261123-NEW-0007-3F9A')).toEqual({
      hallId: 'H001',
      day: '2026-11-23',
      type: 'NEW',
      seq: 7,
    });
    expect(parseApplicationNumber('SQ-ABCDEFGH-20260102-TARIFF-0010-0000')).toEqual({
      hallId: 'ABCDEFGH',
      day: '2026-01-02',
      type: 'TARIFF',
      seq: 10,
    });
  });

  it.each([
    'SQ-bad',
    'XSQ-H001-20261123-NEW-0007-3F9A',
    'SQ-H001-20261123-NEW-0007-3F9A ',
    'SQ--20261123-NEW-0007-3F9A',
    'SQ-ABCDEFGHI-20261123-NEW-0007-3F9A',
    'SQ-h001-20261123-NEW-0007-3F9A',
    'SQ-H001-2026112-NEW-0007-3F9A',
    'SQ-H001-202611230-NEW-0007-3F9A',
    'SQ-H001-2026112x-NEW-0007-3F9A',
    'SQ-H001-20261123-N-0007-3F9A',
    'SQ-H001-20261123-NEWTYPE-0007-3F9A',
    'SQ-H001-20261123-new-0007-3F9A',
    'SQ-H001-20261123-NEW-007-3F9A',
    'SQ-H001-20261123-NEW-00007-3F9A',
    'SQ-H001-20261123-NEW-0007-3F9',
    'SQ-H001-20261123-NEW-0007-3F9AB',
    'SQ-H001-20261123-NEW-0007-3f9a',
  ])('refuse %j', (no) => {
    expect(APPLICATION_NO.test(no)).toBe(false);
    expect(parseApplicationNumber(no)).toBeNull();
  });
});
