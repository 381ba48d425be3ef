import { AppFailure } from '@common/result';
import type { SqlTx } from '@common/mutators/sql';
import type { StationRole } from '@common/sync/station-roles';
import type { StationCaller } from './station-auth';

/** Stations where staff sign in with a PIN; a `hall` credential (one-PC hall, relay) is the hall's own anchor. */
const SIGN_IN_STATIONS: readonly StationRole[] = ['counter', 'guide', 'manager'];

/**
 * Audit actions that record a PIN accepted at the station for that staff member: the sign-in, and
 * a manager's staff number and PIN entered at a counter for an approval or a reversal. Each makes
 * its actor present at the station from then on.
 */
const PRESENCE_ACTIONS: ReadonlySet<string> = new Set([
  'auth.login',
  'refund.approve',
  'refund.reject',
  'payment.reverse',
]);

/** Audit actions of a failed or refused attempt: their actor is whoever was typed, not someone who acted. */
const ATTEMPT_ACTIONS: ReadonlySet<string> = new Set([
  'auth.failed',
  'auth.unlockFailed',
  'auth.refusedLocked',
  'auth.rateLimited',
  'refund.approval_failed',
  'payment.reverse_failed',
]);

/**
 * Mutations whose `staffId` is the signed-in staff member doing the work at this station. Others
 * name staff for another reason (a refund paid out to the agent who requested it, the skills being
 * set, an approval whose audit entry follows it) and are bound by other rules.
 */
const ACTS_OF_SIGNED_IN_STAFF: ReadonlySet<string> = new Set([
  'ticket.call',
  'ticket.recall',
  'customer.updateContact',
  'consultation.log',
  'refund.request',
  'invoice.request',
  'cash.declare',
  'application.saveDraft',
  'application.submit',
  'application.setStatus',
  'application.requestSignature',
  'application.amend',
  'application.attach',
]);

/**
 * Which staff a sign-in station may speak for: only those who signed in there. The central learns it
 * from the station's own pushes, in outbox order: a window sign-in (`window.signIn`) or an audit
 * entry of an accepted PIN (PRESENCE_ACTIONS) makes that staff member present at the station
 * (`sync_staff_presence`, committed with the mutation). A later mutation acting as a staff member
 * who never signed in there — a forged actor, or one copied from another station — is refused as
 * `sync.staffNotSignedIn`. The central still cannot see who typed a PIN: a station that forges a
 * sign-in too gets its forged sign-in into the hall's audit log, under its own station id.
 */
export class StaffActorGuard {
  constructor(private readonly tx: SqlTx) {}

  /** Refuse a mutation whose acting staff member has not signed in at the caller's station. */
  check(caller: StationCaller, name: string, args: unknown): void {
    if (!SIGN_IN_STATIONS.includes(caller.role) || typeof args !== 'object' || args === null) return;
    const actor = this.actingStaff(name, args as Record<string, unknown>);
    if (actor === null) return;
    const staff = this.staffOf(actor.name);
    // A name that is no staff member speaks for nobody (a device, the station itself).
    if (staff === null) return;
    const refuse = (): never => {
      throw new AppFailure('forbidden', 'sync.staffNotSignedIn', {
        staff: actor.name.slice(0, 32),
        name: name.slice(0, 64),
      });
    };
    if (staff.hall_id !== caller.hallId) refuse();
    if (actor.presence) return;
    if (
      !this.tx.get('SELECT 1 FROM sync_staff_presence WHERE client_id = ? AND staff_id = ?', caller.clientId, staff.id)
    )
      refuse();
  }

  /** After the mutation applied (inside its transaction): a sign-in or accepted PIN makes its staff member present. */
  record(caller: StationCaller, name: string, args: unknown, now: string): void {
    if (!SIGN_IN_STATIONS.includes(caller.role) || typeof args !== 'object' || args === null) return;
    const actor = this.actingStaff(name, args as Record<string, unknown>);
    if (!actor?.presence) return;
    const staff = this.staffOf(actor.name);
    if (staff === null || staff.hall_id !== caller.hallId) return;
    this.tx.run(
      'INSERT INTO sync_staff_presence (client_id, staff_id, since) VALUES (?, ?, ?) ON CONFLICT (client_id, staff_id) DO NOTHING',
      caller.clientId,
      staff.id,
      now,
    );
  }

  /** The staff member a mutation says acted, and whether this mutation is itself a sign-in; null when it names none. */
  private actingStaff(name: string, a: Record<string, unknown>): { name: string; presence: boolean } | null {
    if (name === 'window.signIn') return typeof a.staffId === 'string' ? { name: a.staffId, presence: true } : null;
    if (name === 'audit.append') {
      if (typeof a.actor !== 'string' || typeof a.action !== 'string' || ATTEMPT_ACTIONS.has(a.action)) return null;
      return { name: a.actor, presence: PRESENCE_ACTIONS.has(a.action) };
    }
    if (ACTS_OF_SIGNED_IN_STAFF.has(name) && typeof a.staffId === 'string') return { name: a.staffId, presence: false };
    return null;
  }

  /** Staff are named by id in mutations and by staff number in the audit log. */
  private staffOf(nameOrNumber: string): { id: string; hall_id: string } | null {
    return (
      this.tx.get<{ id: string; hall_id: string }>(
        'SELECT id, hall_id FROM staff WHERE id = ? OR staff_no = ? LIMIT 1',
        nameOrNumber,
        nameOrNumber,
      ) ?? null
    );
  }
}
