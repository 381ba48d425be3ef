import { describe, expect, it } from 'vitest';
import { LEASE_BLOCK, LEASE_LOW_WATER, LEASE_MAX_BLOCK, leaseSizing } from '@common/sync/number-leases';

describe('lease sizing from a kiosk’s own issuing rate', () => {
  it('holds the standard block for a quiet kiosk', () => {
    expect(leaseSizing(0)).toEqual({ size: LEASE_BLOCK, lowWater: LEASE_LOW_WATER });
    expect(leaseSizing(10)).toEqual({ size: LEASE_BLOCK, lowWater: LEASE_LOW_WATER });
  });

  it('covers half an hour of a busy kiosk and renews with a quarter left', () => {
    expect(leaseSizing(120)).toEqual({ size: 60, lowWater: 15 });
  });

  it('never takes more than one block’s maximum, whatever the rate', () => {
    expect(leaseSizing(10_000)).toEqual({ size: LEASE_MAX_BLOCK, lowWater: LEASE_MAX_BLOCK / 4 });
  });
});
