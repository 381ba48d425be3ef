import type { StaffSession } from '@common/api/schemas';
import { AppFailure } from '@common/result';
import type { CallerContext } from './caller';
import { verifyPinAsync } from '../security/pin';
import { toStaffPublic } from '../storage/rows';
import type { ServiceContext } from './context';
import type { CounterPresence } from './counter-presence';

/** A lockout's end as the hall reads a clock (Asia/Shanghai), in either language. */
const hallTime = (iso: string): string => new Date(iso).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai' });

export interface AuthServiceDeps {
  ctx: ServiceContext;
  /** Counters logged in here (the customer screen's pad follows its counter's station). */
  presence?: CounterPresence;
}

export const MAX_LOGIN_FAILURES = 5;
export const LOCKOUT_MINUTES = 15;

/**
 * Staff login by staff number and PIN (scrypt-hashed). Five wrong PINs lock the account for
 * 15 minutes; the lockout is stored, so restarting the station does not reset it.
 */
export class AuthService {
  private readonly ctx: ServiceContext;
  private readonly presence?: CounterPresence;

  constructor(deps: AuthServiceDeps) {
    this.ctx = deps.ctx;
    this.presence = deps.presence;
  }

  async login(
    caller: CallerContext,
    input: { staffNo: string; pin: string; windowNo?: number },
  ): Promise<StaffSession> {
    const { storage } = this.ctx;
    const now = this.ctx.clock.now();
    const attempts = await storage.run('loginAttempts', { staffNo: input.staffNo });
    if (attempts.lockedUntil && new Date(attempts.lockedUntil) > now) {
      throw new AppFailure('locked', 'access.lockedUntil', { time: hallTime(attempts.lockedUntil) });
    }
    const staff = await storage.run('staffByNo', { staffNo: input.staffNo });
    const valid = staff ? await verifyPinAsync(input.pin, staff.pin_hash) : false;
    if (!staff || !valid) {
      const failures = attempts.failures + 1;
      const lockedUntil =
        failures >= MAX_LOGIN_FAILURES ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() : null;
      await storage.run('setLoginAttempts', {
        staffNo: input.staffNo,
        failures: lockedUntil ? 0 : failures,
        lockedUntil,
      });
      await this.ctx.audit(input.staffNo, 'auth.failed', { role: caller.role, locked: lockedUntil !== null });
      throw lockedUntil
        ? new AppFailure('locked', 'access.lockedFor', { minutes: LOCKOUT_MINUTES })
        : new AppFailure('unauthenticated', 'access.wrongCredentials', {}, 'pin');
    }
    if (caller.role === 'counter' && staff.role !== 'agent' && staff.role !== 'manager')
      throw new AppFailure('forbidden', 'access.notCounterStaff');
    if (caller.role === 'manager' && staff.role !== 'manager') throw new AppFailure('forbidden', 'access.managersOnly');
    if (caller.role === 'devices' && staff.role !== 'technician' && staff.role !== 'manager')
      throw new AppFailure('forbidden', 'access.techniciansOnly');
    await storage.run('setLoginAttempts', { staffNo: input.staffNo, failures: 0, lockedUntil: null });

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
    await this.ctx.audit(staff.staff_no, 'auth.login', { role: caller.role, windowNo });
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
    const now = this.ctx.clock.now();
    const { storage } = this.ctx;
    const attempts = await storage.run('loginAttempts', { staffNo: s.staff.staffNo });
    if (attempts.lockedUntil && new Date(attempts.lockedUntil) > now)
      throw new AppFailure('locked', 'access.lockedUntil', { time: hallTime(attempts.lockedUntil) });
    const staff = await storage.run('staffByNo', { staffNo: s.staff.staffNo });
    if (!staff || !(await verifyPinAsync(input.pin, staff.pin_hash))) {
      const failures = attempts.failures + 1;
      const lockedUntil =
        failures >= MAX_LOGIN_FAILURES ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() : null;
      await storage.run('setLoginAttempts', {
        staffNo: s.staff.staffNo,
        failures: lockedUntil ? 0 : failures,
        lockedUntil,
      });
      await this.ctx.audit(s.staff.staffNo, 'auth.unlockFailed', { role: caller.role, locked: lockedUntil !== null });
      if (lockedUntil) {
        // Five wrong PINs at a locked counter: the session ends, as a login lockout would.
        await this.logout(caller);
        throw new AppFailure('locked', 'access.lockedFor', { minutes: LOCKOUT_MINUTES });
      }
      throw new AppFailure('unauthenticated', 'access.wrongPin', {}, 'pin');
    }
    await storage.run('setLoginAttempts', { staffNo: s.staff.staffNo, failures: 0, lockedUntil: null });
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
