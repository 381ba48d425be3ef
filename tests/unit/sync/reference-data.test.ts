import { describe, expect, it } from 'vitest';
import { SYNCED_ENTITIES } from '@common/mutators';
import { LOGIN_STATION_ROLES, REFERENCE_ENTITIES, redactStaffRow } from '@common/sync/reference-data';
import { STATION_ROLES } from '@common/sync/station-roles';

/** What a freshly enrolled station receives to work with, and the staff rows a station without a login gets. */
describe('reference data', () => {
  it('gives a new station its hall, business types, windows, staff, queue settings, window states and appointments', () => {
    expect([...REFERENCE_ENTITIES].sort()).toEqual(
      [
        'appointment',
        'businessType',
        'hall',
        'queueSettings',
        'queueTypeConfig',
        'staff',
        'window',
        'windowState',
      ].sort(),
    );
    for (const e of REFERENCE_ENTITIES) expect(Object.hasOwn(SYNCED_ENTITIES, e)).toBe(true);
  });

  it('keeps the PIN hash for the stations where staff log in: counter, guide, manager and the whole hall', () => {
    expect([...LOGIN_STATION_ROLES].sort()).toEqual(['counter', 'guide', 'hall', 'manager']);
    const row = { id: 'S1', name: '王丽娟', pin_hash: 'scrypt$a$b' };
    for (const role of LOGIN_STATION_ROLES) expect(redactStaffRow(role, row)).toBe(row);
  });

  it('blanks the PIN hash, and only it, for every other station, leaving the row it was given untouched', () => {
    const row = { id: 'S1', name: '王丽娟', pin_hash: 'scrypt$a$b' };
    const others = STATION_ROLES.filter((r) => !LOGIN_STATION_ROLES.includes(r));
    expect(others.length).toBeGreaterThan(0);
    for (const role of others) {
      expect(redactStaffRow(role, row)).toEqual({ id: 'S1', name: '王丽娟', pin_hash: '' });
      expect(row.pin_hash).toBe('scrypt$a$b');
    }
  });

  it('passes a row without a PIN hash through as it is, adding none', () => {
    const row = { id: 'S1', name: '王丽娟' };
    const kiosk = STATION_ROLES.find((r) => !LOGIN_STATION_ROLES.includes(r))!;
    expect(redactStaffRow(kiosk, row)).toBe(row);
  });
});
