import type { SyncedEntity } from '../mutators/sql';
import type { StationRole } from './station-roles';

/**
 * Reference data through sync (docs/sync.md "Reference data through sync"): what the central publishes
 * into each hall's change log so that a station enrolled with an empty database can work.
 * Each hall's log holds only that hall's rows (business types, shared by all halls, go into every
 * hall's log), so a staff member's PIN hash never reaches another hall.
 */
export const REFERENCE_ENTITIES = [
  'hall',
  'businessType',
  'window',
  'staff',
  'queueSettings',
  'queueTypeConfig',
  'windowState',
  'appointment',
] as const satisfies readonly SyncedEntity[];

/**
 * Station roles with a window where staff log in (common/api/features/auth.ts: counter, guide and
 * manager windows have auth.login; a `hall` station runs all of them). A kiosk or a calling
 * display has no login, so it gets staff rows without the PIN hash.
 */
export const LOGIN_STATION_ROLES: readonly StationRole[] = ['counter', 'guide', 'manager', 'hall'];

/** What a staff row looks like on a station that has no login: everything the screens show, no PIN hash. */
export function redactStaffRow(role: StationRole, row: Record<string, unknown>): Record<string, unknown> {
  if (LOGIN_STATION_ROLES.includes(role) || !('pin_hash' in row)) return row;
  return { ...row, pin_hash: '' };
}
