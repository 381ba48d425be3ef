import { describe, expect, it } from 'vitest';
import { DEFAULT_AHT_SEC, estimateWaits } from '@common/queue/wait-estimate';

const L = (hms: string) => `2026-11-23T${hms}+08:00`;
const tk = (id: string, type: string, hms: string, priority = 'normal') => ({
  id,
  number: id,
  businessType: type,
  priority,
  issuedAt: L(hms),
});

describe('wait estimates for the guide desk', () => {
  const windows = [
    { windowNo: 1, open: true, businessTypes: ['PAY', 'INV'] },
    { windowNo: 2, open: true, businessTypes: ['PAY'] },
    { windowNo: 3, open: false, businessTypes: ['NEW'] },
  ];
  const waiting = [
    tk('A001', 'PAY', '09:00:00'),
    tk('A002', 'PAY', '09:15:00', 'green'),
    tk('A003', 'PAY', '09:30:00'),
    tk('B001', 'NEW', '09:10:00'),
  ];
  const [pay, inv, nw] = estimateWaits({
    types: ['PAY', 'INV', 'NEW'],
    waiting,
    windows,
    ahtSec: { PAY: 300 },
    now: L('09:31:00'),
  });

  it('counts waiting tickets and open windows per type', () => {
    expect(pay).toMatchObject({ code: 'PAY', waiting: 3, servers: 2, longestWaitSec: 31 * 60 });
    expect(inv).toMatchObject({ waiting: 0, servers: 1, longestWaitSec: null, overdue: [] });
    expect(nw).toMatchObject({ waiting: 1, servers: 0 });
  });

  it('estimates ⌊waiting ÷ windows⌋ + ½ rounds of the mean handling time', () => {
    // 3 waiting over 2 windows: 1 full round + half a round of 300 s.
    expect(pay!.estimatedWaitSec).toBe(450);
    // Nobody waiting, one window, no history: half a round of the default.
    expect(inv!.estimatedWaitSec).toBe(DEFAULT_AHT_SEC / 2);
  });

  it('gives no estimate when no open window serves the type', () => {
    expect(nw!.estimatedWaitSec).toBeNull();
  });

  it('flags tickets waiting beyond the type target, longest first', () => {
    // PAY target 20 min: A001 (31 min) and A002 (16 min)? only A001 is over.
    expect(pay!.overdue).toEqual([{ id: 'A001', number: 'A001', priority: 'normal', waitedSec: 31 * 60 }]);
    const later = estimateWaits({
      types: ['PAY'],
      waiting,
      windows,
      now: L('09:40:00'),
      targetWaitMin: { PAY: 10 },
    })[0]!;
    expect(later.overdue.map((o) => o.number)).toEqual(['A001', 'A002']);
    expect(later.targetWaitMin).toBe(10);
  });
});
