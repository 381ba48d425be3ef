import type { StaffSession } from '@common/api/schemas';
import { AppFailure } from '@common/result';
import { sourceOf, type CallerContext } from './caller';
import { lockedNow, StaffPinGate } from '../security/staff-pin-gate';
import { toStaffPublic } from '../storage/rows';
import type { ServiceContext } from './context';
import type { CounterPresence } from './counter-presence';

export interface AuthServiceDeps {
  ctx: ServiceContext;
  /** Every PIN check of the station goes through it (one per account at a time, budgeted per source). */
  pins: StaffPinGate;
  /** Counters logged in here (the customer screen's pad follows its counter's station). */
  presence?: CounterPresence;
}

/**
 * Staff login by staff number and PIN (scrypt-hashed). Five wrong PINs lock the account for
 * 15 minutes (StaffPinGate); the lockout is stored, so restarting the station does not reset it.
 */
export class AuthService {
  private readonly ctx: ServiceContext;
  private readonly pins: StaffPinGate;
  private readonly presence?: CounterPresence;

  constructor(deps: AuthServiceDeps) {
    this.ctx = deps.ctx;
    this.pins = deps.pins;
    this.presence = deps.presence;
  }

  async login(
    caller: CallerContext,
    input: { staffNo: string; pin: string; windowNo?: number },
  ): Promise<StaffSession> {
    const outcome = await this.pins.check(caller, {
      staffNo: input.staffNo,
      pin: input.pin,
      failAction: 'auth.failed',
    });
    if ('wrong' in outcome)
      throw outcome.lockedNow ? lockedNow() : new AppFailure('unauthenticated', 'access.wrongCredentials', {}, 'pin');
    const { staff } = outcome;
    if (caller.role === 'counter' && staff.role !== 'agent' && staff.role !== 'manager')
      throw new AppFailure('forbidden', 'access.notCounterStaff');
    if (caller.role === 'manager' && staff.role !== 'manager') throw new AppFailure('forbidden', 'access.managersOnly');
    if (caller.role === 'devices' && staff.role !== 'technician' && staff.role !== 'manager')
      throw new AppFailure('forbidden', 'access.techniciansOnly');

    const windowNo = caller.role === 'counter' ? caller.windowNo : null;
    // One agent, one window, once: a second browser is refused, not given a twin of the first.
    if (windowNo !== null && this.presence?.elsewhere(caller, staff.id, windowNo))
      throw new AppFailure('conflict', 'access.signedInElsewhere', { windowNo });
    let sessionId: string | null = null;
    if (windowNo !== null) {
      sessionId = this.ctx.newId('ws');
      await this.ctx.mutate('window.signIn', {
        id: sessionId,
        hallId: this.ctx.hallId,
        windowNo,
        staffId: staff.id,
        at: this.ctx.nowIso(),
      });
    }
    await this.ctx.audit(staff.staff_no, 'auth.login', { role: caller.role, windowNo, source: sourceOf(caller) });
    const session: StaffSession = { staff: toStaffPublic(staff), role: staff.role, windowNo };
    caller.session = { ...session, staffId: staff.id, windowSessionId: sessionId };
    if (windowNo !== null) this.presence?.add(caller);
    this.ctx.events.emit('queue.changed', { day: this.ctx.today() });
    return session;
  }

  async logout(caller: CallerContext): Promise<Record<string, never>> {
    const s = caller.session;
    if (s?.windowSessionId) await this.ctx.mutate('window.signOut', { id: s.windowSessionId, at: this.ctx.nowIso() });
    if (s) await this.ctx.audit(s.staff.staffNo, 'auth.logout', { role: caller.role });
    caller.session = null;
    this.ctx.events.emit('queue.changed', { day: this.ctx.today() });
    return {};
  }

  /** The agent steps away: the window stays signed in (the ticket stays theirs), staff calls are refused. */
  async lock(caller: CallerContext): Promise<{ locked: true }> {
    const s = caller.session;
    if (!s) throw new AppFailure('unauthenticated', 'access.loginRequired');
    if (!s.locked) await this.ctx.audit(s.staff.staffNo, 'auth.lock', { role: caller.role, windowNo: s.windowNo });
    s.locked = true;
    return { locked: true };
  }

  /** Only the agent who locked the screen unlocks it, with their PIN; wrong PINs count towards the lockout. */
  async unlock(caller: CallerContext, input: { pin: string }): Promise<{ locked: false }> {
    const s = caller.session;
    if (!s) throw new AppFailure('unauthenticated', 'access.loginRequired');
    if (!s.locked) return { locked: false };
    const outcome = await this.pins.check(caller, {
      staffNo: s.staff.staffNo,
      pin: input.pin,
      failAction: 'auth.unlockFailed',
    });
    if ('wrong' in outcome) {
      if (outcome.lockedNow) {
        // Five wrong PINs at a locked counter: the session ends, as a login lockout would.
        await this.logout(caller);
        throw lockedNow();
      }
      throw new AppFailure('unauthenticated', 'access.wrongPin', {}, 'pin');
    }
    await this.ctx.audit(s.staff.staffNo, 'auth.unlock', { role: caller.role, windowNo: s.windowNo });
    s.locked = false;
    return { locked: false };
  }

  session(caller: CallerContext): StaffSession | null {
    if (!caller.session) return null;
    const { staff, role, windowNo } = caller.session;
    return { staff, role, windowNo };
  }
}
