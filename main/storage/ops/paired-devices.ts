import type { Role } from '@common/api/roles';
import type { WorkerState } from '../worker-state';

/** One paired screen's credential as stored: the token itself is never kept, only its SHA-256. */
export interface PairedDeviceRow {
  id: string;
  role: Role;
  windowNo: number | null;
  label: string;
  pairedAt: string;
  pairedBy: string;
  pairedFrom: string;
  lastUsedAt: string | null;
  lastSource: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
}

const COLUMNS = `id, role, window_no AS windowNo, label, paired_at AS pairedAt, paired_by AS pairedBy,
  paired_from AS pairedFrom, last_used_at AS lastUsedAt, last_source AS lastSource,
  revoked_at AS revokedAt, revoked_by AS revokedBy`;

export function pairedDevices(s: WorkerState): PairedDeviceRow[] {
  return s.tx.all<PairedDeviceRow>(
    `SELECT ${COLUMNS} FROM paired_devices ORDER BY revoked_at IS NOT NULL, paired_at DESC LIMIT 500`,
  );
}

export function pairedDeviceById(s: WorkerState, a: { id: string }): PairedDeviceRow | null {
  return s.tx.get<PairedDeviceRow>(`SELECT ${COLUMNS} FROM paired_devices WHERE id = ?`, a.id) ?? null;
}

/** The live credential with this token hash, its use recorded (when and from where) in the same step. */
export function usePairedDevice(
  s: WorkerState,
  a: { tokenHash: string; at: string; source: string },
): PairedDeviceRow | null {
  const row = s.tx.get<PairedDeviceRow>(
    `SELECT ${COLUMNS} FROM paired_devices WHERE token_hash = ? AND revoked_at IS NULL`,
    a.tokenHash,
  );
  if (!row) return null;
  s.tx.run('UPDATE paired_devices SET last_used_at = ?, last_source = ? WHERE id = ?', a.at, a.source, row.id);
  return { ...row, lastUsedAt: a.at, lastSource: a.source };
}

/**
 * Stores a new credential. With `replaceBinding`, every live credential of the same role and window
 * is revoked in the same transaction (a window has one customer screen): the ids revoked are returned.
 */
export function addPairedDevice(
  s: WorkerState,
  a: {
    id: string;
    tokenHash: string;
    role: Role;
    windowNo: number | null;
    label: string;
    at: string;
    by: string;
    from: string;
    replaceBinding: boolean;
  },
): { revoked: string[] } {
  return s.db.transaction(() => {
    const revoked = a.replaceBinding
      ? s.tx
          .all<{ id: string }>(
            'SELECT id FROM paired_devices WHERE role = ? AND window_no IS ? AND revoked_at IS NULL',
            a.role,
            a.windowNo,
          )
          .map((r) => r.id)
      : [];
    for (const id of revoked)
      s.tx.run('UPDATE paired_devices SET revoked_at = ?, revoked_by = ? WHERE id = ?', a.at, a.by, id);
    s.tx.run(
      `INSERT INTO paired_devices (id, token_hash, role, window_no, label, paired_at, paired_by, paired_from)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      a.id,
      a.tokenHash,
      a.role,
      a.windowNo,
      a.label,
      a.at,
      a.by,
      a.from,
    );
    return { revoked };
  })();
}

export function revokePairedDevice(s: WorkerState, a: { id: string; at: string; by: string }): boolean {
  return (
    s.tx.run(
      'UPDATE paired_devices SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL',
      a.at,
      a.by,
      a.id,
    ).changes > 0
  );
}

/** The live credential bound to this role and window, if any (what approving a new one would replace). */
export function liveBinding(s: WorkerState, a: { role: Role; windowNo: number | null }): PairedDeviceRow | null {
  return (
    s.tx.get<PairedDeviceRow>(
      `SELECT ${COLUMNS} FROM paired_devices WHERE role = ? AND window_no IS ? AND revoked_at IS NULL
       ORDER BY paired_at DESC LIMIT 1`,
      a.role,
      a.windowNo,
    ) ?? null
  );
}
