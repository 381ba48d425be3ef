import { batchChecksum, checksumKind, snapshotPageChecksum } from '../node/sync/checksum';
import type { PullResponse } from '@common/sync/protocol';
import type { StationRole } from '@common/sync/station-roles';
import { LOGIN_STATION_ROLES, redactStaffRow } from '@common/sync/reference-data';

/*
 * What the central sends a station of a role without staff login: staff rows without PIN hashes,
 * with the checksum recomputed in the kind the station was sent (docs/sync.md "Reference data through sync").
 */

/** A pull batch as a station of `role` may see it (its checksum recomputed when a row was redacted). */
export function redactPullForRole(role: StationRole, r: PullResponse): PullResponse {
  if (LOGIN_STATION_ROLES.includes(role) || !r.changes.some((c) => c.entity === 'staff')) return r;
  const changes = r.changes.map((c) => (c.entity === 'staff' ? { ...c, row: redactStaffRow(role, c.row) } : c));
  return { ...r, changes, checksum: batchChecksum(r.cursor, changes, checksumKind(r.checksum)) };
}

/**
 * A snapshot page line as a station of `role` may see it. Pages without staff rows (nearly all)
 * pass as the exact bytes the central read; one with staff rows is rebuilt in the page format
 * (protocol.ts, SNAPSHOT_PAGE_PREFIX) with its checksum over the new changes text.
 */
export function redactSnapshotLineForRole(role: StationRole, line: Buffer): Buffer {
  if (LOGIN_STATION_ROLES.includes(role) || !line.includes(STAFF_CHANGE)) return line;
  const page = JSON.parse(line.toString('utf8')) as {
    after: number;
    cursor: number;
    checksum: string;
    changes: { entity: string; row: Record<string, unknown> }[];
  };
  const changes = JSON.stringify(
    page.changes.map((c) => (c.entity === 'staff' ? { ...c, row: redactStaffRow(role, c.row) } : c)),
  );
  return Buffer.from(
    `{"type":"page","after":${page.after},"cursor":${page.cursor},"checksum":"${snapshotPageChecksum(page.after, page.cursor, changes, checksumKind(page.checksum))}","changes":${changes}}`,
  );
}
const STAFF_CHANGE = '"entity":"staff"';
