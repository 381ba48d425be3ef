import { describe, expect, it } from 'vitest';
import { FEATURED_TYPES, kioskViewport, ticketNumberPx } from '../../../renderer/areas/kiosk/kiosk-layout';
import { BUSINESS_TYPES } from '@common/domain/business-types';

describe('kiosk layout', () => {
  it('puts 电费缴纳 first among the three featured services, all of them real business types', () => {
    expect(FEATURED_TYPES[0]).toBe('PAY');
    expect(FEATURED_TYPES).toHaveLength(3);
    for (const code of FEATURED_TYPES) expect(BUSINESS_TYPES.some((t) => t.code === code)).toBe(true);
  });

  it('shows every service on the home screen at 100 % and folds the others away at 200 %', () => {
    expect(kioskViewport(1080, 1920, 1)).toMatchObject({ landscape: false, roomy: true });
    expect(kioskViewport(1920, 1080, 1)).toMatchObject({ landscape: true, roomy: true });
    expect(kioskViewport(1080, 1920, 2)).toMatchObject({ landscape: false, roomy: false, width: 540, height: 960 });
    expect(kioskViewport(1920, 1080, 2)).toMatchObject({ landscape: true, roomy: false });
    expect(kioskViewport(1920, 1080, 1.5).roomy).toBe(false);
  });

  it('sizes a ticket number to stay on one line, never above the cap', () => {
    expect(ticketNumberPx('A001', 1080)).toBe(200);
    const tight = ticketNumberPx('D001', 540);
    expect(tight).toBeLessThan(200);
    // Four characters at about 0.62 em each fit in the width.
    expect(4 * 0.62 * tight).toBeLessThanOrEqual(540);
    expect(ticketNumberPx('PV0123', 540)).toBeLessThan(tight);
  });
});
