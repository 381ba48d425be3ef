import { createHash, randomBytes, randomInt } from 'node:crypto';
import { ADMIN_ROLES, type StationRole } from '@common/sync/station-roles';
import { HttpError } from '../http-util';
import type { SqlDialect } from './sql-dialect';

/** Who is calling, as established from a bearer token. */
export interface StationCaller {
  clientId: string;
  hallId: string;
  role: StationRole;
}

export interface EnrolledStation {
  clientId: string;
  role: StationRole;
  enrolledAt: string;
  revokedAt: string | null;
  lastContact: string | null;
  backlog: number;
  lastMutationId: number;
}

/** Unambiguous on a screen and over the phone: no 0/O, 1/I/L. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const ENROLLMENT_CODE_LENGTH = 8;
export const ENROLLMENT_CODE_TTL_MS = 10 * 60_000;

/** Only hashes are stored: a stolen central database yields no usable code or token. */
export const secretHash = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

/**
 * Enrollment and station credentials: a manager obtains a short-lived code; a new station trades
 * it (once) for a client id and a bearer token bound to its hall and role; a manager can revoke.
 */
export class StationAuth {
  constructor(private readonly db: SqlDialect) {}

  issueCode(
    hallId: string,
    role: StationRole,
    now: Date,
    ttlMs = ENROLLMENT_CODE_TTL_MS,
  ): { code: string; expiresAt: string } {
    const code = Array.from(
      { length: ENROLLMENT_CODE_LENGTH },
      () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)],
    ).join('');
    const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
    this.db.tx.run(
      'INSERT INTO sync_enrollment_codes (code_hash, hall_id, role, expires_at) VALUES (?, ?, ?, ?)',
      secretHash(code),
      hallId,
      role,
      expiresAt,
    );
    return { code, expiresAt };
  }

  /** Trade a code for a token; the code is spent in the same transaction that stores the credential. */
  enroll(code: string, clientId: string, now: Date): StationCaller & { token: string } {
    return this.db.transaction(() => {
      const row = this.db.tx.get<{ hall_id: string; role: StationRole; expires_at: string; used_by: string | null }>(
        'SELECT hall_id, role, expires_at, used_by FROM sync_enrollment_codes WHERE code_hash = ?',
        secretHash(code.trim().toUpperCase()),
      );
      if (!row) throw new HttpError(403, 'invalid_code', 'sync.enrollCodeUnknown');
      // The station that used the code may present it again while it is valid: its first answer can
      // be lost on the way back (a WAN cut, a timeout), and a retry must not strand it unenrolled.
      if (row.used_by && row.used_by !== clientId) throw new HttpError(403, 'invalid_code', 'sync.enrollCodeUsed');
      if (row.expires_at <= now.toISOString()) throw new HttpError(403, 'invalid_code', 'sync.enrollCodeExpired');
      const other = this.db.tx.get<{ hall_id: string; revoked_at: string | null }>(
        'SELECT hall_id, revoked_at FROM sync_credentials WHERE client_id = ?',
        clientId,
      );
      if (other && other.hall_id !== row.hall_id) throw new HttpError(403, 'wrong_hall', 'sync.enrolledElsewhere');
      // A client id with a live credential is that station's identity: a fresh code does not hand it
      // to whoever presents it. Only the retry above (this code, already used by this id) re-issues;
      // a station whose credential was revoked may enrol again under its id.
      if (other && other.revoked_at === null && row.used_by !== clientId)
        throw new HttpError(409, 'client_id_taken', 'sync.clientIdTaken');
      const token = randomBytes(32).toString('base64url');
      this.db.tx.run(
        'UPDATE sync_enrollment_codes SET used_by = ? WHERE code_hash = ?',
        clientId,
        secretHash(code.trim().toUpperCase()),
      );
      // Re-enrolling a station replaces its token (and lifts a revocation: a manager issued the code).
      this.db.tx.run(
        `INSERT INTO sync_credentials (client_id, hall_id, role, token_hash, enrolled_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(client_id) DO UPDATE SET role = excluded.role, token_hash = excluded.token_hash, enrolled_at = excluded.enrolled_at, revoked_at = NULL`,
        clientId,
        row.hall_id,
        row.role,
        secretHash(token),
        now.toISOString(),
      );
      return { clientId, hallId: row.hall_id, role: row.role, token };
    });
  }

  /** The caller behind an `Authorization: Bearer …` header, or a typed 401. */
  authenticate(authorization: string | undefined): StationCaller {
    const m = /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(authorization ?? '');
    if (!m) throw new HttpError(401, 'unauthenticated', 'sync.tokenMissing');
    const row = this.db.tx.get<{ client_id: string; hall_id: string; role: StationRole; revoked_at: string | null }>(
      'SELECT client_id, hall_id, role, revoked_at FROM sync_credentials WHERE token_hash = ?',
      secretHash(m[1]!),
    );
    if (!row) throw new HttpError(401, 'unauthenticated', 'sync.tokenUnknown');
    if (row.revoked_at) throw new HttpError(401, 'revoked', 'sync.stationRevoked', { revokedAt: row.revoked_at });
    return { clientId: row.client_id, hallId: row.hall_id, role: row.role };
  }

  requireAdmin(caller: StationCaller): void {
    if (!ADMIN_ROLES.includes(caller.role))
      throw new HttpError(403, 'forbidden', 'sync.adminRoleRefused', { role: caller.role });
  }

  /** Last contact and the backlog the station reported (its outbox length). */
  touch(clientId: string, now: string, backlog: number | null): void {
    if (backlog === null)
      this.db.tx.run('UPDATE sync_credentials SET last_contact = ? WHERE client_id = ?', now, clientId);
    else
      this.db.tx.run(
        'UPDATE sync_credentials SET last_contact = ?, backlog = ? WHERE client_id = ?',
        now,
        backlog,
        clientId,
      );
  }

  revoke(hallId: string, clientId: string, now: string): boolean {
    return (
      this.db.tx.run(
        'UPDATE sync_credentials SET revoked_at = ? WHERE client_id = ? AND hall_id = ? AND revoked_at IS NULL',
        now,
        clientId,
        hallId,
      ).changes > 0
    );
  }

  stations(hallId: string): EnrolledStation[] {
    return this.db.tx
      .all<{
        client_id: string;
        role: StationRole;
        enrolled_at: string;
        revoked_at: string | null;
        last_contact: string | null;
        backlog: number;
        last_mutation_id: number | null;
      }>(
        `SELECT c.client_id, c.role, c.enrolled_at, c.revoked_at, c.last_contact, c.backlog, s.last_mutation_id
         FROM sync_credentials c LEFT JOIN sync_clients s ON s.client_id = c.client_id
         WHERE c.hall_id = ? ORDER BY c.enrolled_at, c.client_id`,
        hallId,
      )
      .map((r) => ({
        clientId: r.client_id,
        role: r.role,
        enrolledAt: r.enrolled_at,
        revokedAt: r.revoked_at,
        lastContact: r.last_contact,
        backlog: r.backlog,
        lastMutationId: r.last_mutation_id ?? 0,
      }));
  }
}
