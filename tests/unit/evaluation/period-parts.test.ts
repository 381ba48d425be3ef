import { describe, expect, it } from 'vitest';
import { periodParts } from '../../../main/storage/ops/evaluation-queries';

describe('a period split into whole months and the days around them', () => {
  it('reads whole months monthly and only the edges daily', () => {
    expect(periodParts('2026-01-01', '2026-12-31')).toEqual({ months: ['2026-01', '2026-12'], days: [] });
    expect(periodParts('2026-01-15', '2026-04-10')).toEqual({
      months: ['2026-02', '2026-03'],
      days: [
        ['2026-01-15', '2026-01-31'],
        ['2026-04-01', '2026-04-10'],
      ],
    });
    expect(periodParts('2028-02-01', '2028-02-29')).toEqual({ months: ['2028-02', '2028-02'], days: [] });
  });

  it('keeps a period inside one month, or across two partial ones, daily', () => {
    expect(periodParts('2026-03-02', '2026-03-02')).toEqual({ months: null, days: [['2026-03-02', '2026-03-02']] });
    expect(periodParts('2026-03-20', '2026-04-05')).toEqual({ months: null, days: [['2026-03-20', '2026-04-05']] });
    expect(periodParts('2026-03-01', '2026-03-30')).toEqual({ months: null, days: [['2026-03-01', '2026-03-30']] });
  });
});
