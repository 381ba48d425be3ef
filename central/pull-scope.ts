import type { SyncedEntity } from '@common/mutators/sql';
import type { PullResponse } from '@common/sync/protocol';
import type { StationRole } from '@common/sync/station-roles';
import { batchChecksum, checksumKind, snapshotPageChecksum } from '../node/sync/checksum';

/** What a calling display shows: the queue, the windows and who sits at them, and the hall's names. */
const DISPLAY_SCOPE = [
  'hall',
  'businessType',
  'window',
  'staff',
  'queueSettings',
  'queueTypeConfig',
  'windowState',
  'windowSession',
  'ticket',
  'call',
] as const satisfies readonly SyncedEntity[];

/**
 * The entities a station of each role receives in pulls and snapshots; `all` for the roles whose
 * screens work on the hall's records. A kiosk issues tickets (appointments checked in by code) and
 * takes bill payments and top-ups with their invoices; it never sees applications, signature
 * strokes, the audit log, contacts, refunds, cash or ratings. A display sees only what it calls.
 * Staff rows reach both without PIN hashes (reference-redaction.ts).
 */
export const ROLE_PULL_SCOPE: Readonly<Record<StationRole, readonly SyncedEntity[] | 'all'>> = {
  kiosk: [
    ...DISPLAY_SCOPE,
    'appointment',
    'paymentOrder',
    'paymentEvent',
    'payment',
    'paymentAllocation',
    'bill',
    'customerBalance',
    'invoiceRequest',
    'invoiceEvent',
  ],
  display: DISPLAY_SCOPE,
  counter: 'all',
  guide: 'all',
  manager: 'all',
  hall: 'all',
};

const scopeSets = new Map<StationRole, ReadonlySet<string> | null>();
/** The entities `role` may receive, or null for all of them. */
export function pullScopeOf(role: StationRole): ReadonlySet<string> | null {
  if (!scopeSets.has(role)) {
    const scope = ROLE_PULL_SCOPE[role];
    scopeSets.set(role, scope === 'all' ? null : new Set(scope));
  }
  return scopeSets.get(role)!;
}

/** A pull batch without the changes `role` may not receive; the cursor still moves past them, the checksum is recomputed. */
export function scopePullForRole(role: StationRole, r: PullResponse): PullResponse {
  const scope = pullScopeOf(role);
  if (!scope || r.changes.every((c) => scope.has(c.entity))) return r;
  const changes = r.changes.filter((c) => scope.has(c.entity));
  return { ...r, changes, checksum: batchChecksum(r.cursor, changes, checksumKind(r.checksum)) };
}

/** A snapshot page line without the changes `role` may not receive (rebuilt in the page format of protocol.ts). */
export function scopeSnapshotLineForRole(role: StationRole, line: Buffer): Buffer {
  const scope = pullScopeOf(role);
  if (!scope) return line;
  const page = JSON.parse(line.toString('utf8')) as {
    after: number;
    cursor: number;
    checksum: string;
    changes: { entity: string }[];
  };
  const kept = page.changes.filter((c) => scope.has(c.entity));
  if (kept.length === page.changes.length) return line;
  const changes = JSON.stringify(kept);
  return Buffer.from(
    `{"type":"page","after":${page.after},"cursor":${page.cursor},"checksum":"${snapshotPageChecksum(page.after, page.cursor, changes, checksumKind(page.checksum))}","changes":${changes}}`,
  );
}
