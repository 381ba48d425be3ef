import type { SyncedEntity } from '../mutators/sql';
import { batchChecksum, checksumKind, snapshotPageChecksum } from './checksum';
import type { PullResponse } from './protocol';
import type { StationRole } from './station-roles';

/**
 * Reference data through sync (README "Reference data through sync"): what the central publishes
 * into each hall's change log so that a station enrolled with an empty database can work.
 * Each hall's log holds only that hall's rows (business types, shared by all halls, go into every
 * hall's log), so a staff member's PIN hash never reaches another hall.
 */
export const REFERENCE_ENTITIES = ['hall', 'businessType', 'window', 'staff', 'queueSettings', 'queueTypeConfig', 'windowState', 'appointment'] as const satisfies readonly SyncedEntity[];

/**
 * Station roles with a window where staff log in (common/api/capabilities.ts: counter, guide and
 * manager windows have auth.login; a `hall` station runs all of them). A kiosk or a calling
 * display has no login, so it gets staff rows without the PIN hash.
 */
export const LOGIN_STATION_ROLES: readonly StationRole[] = ['counter', 'guide', 'manager', 'hall'];

/** What a staff row looks like on a station that has no login: everything the screens show, no PIN hash. */
export function redactStaffRow(role: StationRole, row: Record<string, unknown>): Record<string, unknown> {
  if (LOGIN_STATION_ROLES.includes(role) || !('pin_hash' in row)) return row;
  return { ...row, pin_hash: '' };
}

/** A pull batch as a station of `role` may see it (its checksum recomputed when a row was redacted). */
export function redactPullForRole(role: StationRole, r: PullResponse): PullResponse {
  if (LOGIN_STATION_ROLES.includes(role) || !r.changes.some((c) => c.entity === 'staff')) return r;
  const changes = r.changes.map((c) => (c.entity === 'staff' ? { ...c, row: redactStaffRow(role, c.row) } : c));
  return { ...r, changes, checksum: batchChecksum(r.cursor, changes, checksumKind(r.checksum)) };
}

/**
 * A snapshot page line as a station of `role` may see it. Pages without staff rows (nearly all)
 * pass as the exact text the central read; one with staff rows is rebuilt in the page format
 * (protocol.ts, SNAPSHOT_PAGE_PREFIX) with its checksum over the new changes text.
 */
export function redactSnapshotLineForRole(role: StationRole, line: string): string {
  if (LOGIN_STATION_ROLES.includes(role) || !line.includes('"entity":"staff"')) return line;
  const page = JSON.parse(line) as { after: number; cursor: number; checksum: string; changes: { entity: string; row: Record<string, unknown> }[] };
  const changes = JSON.stringify(page.changes.map((c) => (c.entity === 'staff' ? { ...c, row: redactStaffRow(role, c.row) } : c)));
  return `{"type":"page","after":${page.after},"cursor":${page.cursor},"checksum":"${snapshotPageChecksum(page.after, page.cursor, changes, checksumKind(page.checksum))}","changes":${changes}}`;
}
