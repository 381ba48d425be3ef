import { AppFailure } from '@common/result';
import { hallClock } from '@common/time/hall-time';
import type { RateLimit } from '../../node/limits/rate-limit';
import { budgetKey, sourceOf, type CallerContext } from '../services/caller';
import type { ServiceContext } from '../services/context';
import type { StaffRow } from '../storage/rows';
import { hashPinAsync, verifyPinAsync } from './pin';
import { spendOrRefuse } from './station-limits';

export const MAX_LOGIN_FAILURES = 5;
export const LOCKOUT_MINUTES = 15;

/** A lockout's end as the hall reads a clock (Asia/Shanghai), in either language. */

export interface PinAttempt {
  staffNo: string;
  pin: string;
  /** The audit action of a wrong PIN (e.g. `auth.failed`, `refund.approval_failed`). */
  failAction: string;
  /** More for the audit entry of a wrong PIN (what was being approved). */
  detail?: Record<string, unknown>;
}

export type PinOutcome = { staff: StaffRow } | { wrong: true; lockedNow: boolean };

/**
 * Every check of a staff PIN on this station: logins, the counter's unlock, a manager's PIN at the
 * counter. One check per account at a time, so the failure count read, the scrypt and the count
 * written are one step and a burst of parallel guesses is checked one by one: the fifth wrong PIN
 * locks the account and every guess queued behind it is refused without running scrypt. Attempts
 * are also budgeted per source, so guesses spread across accounts stop too. Every failure is audited
 * with its source.
 */
export class StaffPinGate {
  readonly #ctx: ServiceContext;
  readonly #perSource: RateLimit;
  readonly #queues = new Map<string, Promise<unknown>>();
  #decoy: Promise<string> | null = null;

  constructor(deps: { ctx: ServiceContext; perSource: RateLimit }) {
    this.#ctx = deps.ctx;
    this.#perSource = deps.perSource;
  }

  /**
   * The staff member when the PIN is theirs; `wrong` when it is not (the caller picks the words).
   * Throws `rate_limited` when the source is over budget and `locked` while the account is locked.
   */
  async check(caller: CallerContext, attempt: PinAttempt): Promise<PinOutcome> {
    const source = sourceOf(caller);
    const key = budgetKey(caller);
    await spendOrRefuse(
      this.#perSource,
      key,
      (seconds) => new AppFailure('rate_limited', 'access.tooManyAttempts', { seconds }),
      (d) => this.#ctx.audit(attempt.staffNo, 'auth.rateLimited', { ...d, role: caller.role, source }),
    );
    const outcome = await this.#oneAtATime(attempt.staffNo, () => this.#checkOnce(caller, attempt, source));
    if ('staff' in outcome && key !== null) await this.#perSource.giveBack(key);
    return outcome;
  }

  async #oneAtATime<T>(staffNo: string, run: () => Promise<T>): Promise<T> {
    const before = this.#queues.get(staffNo) ?? Promise.resolve();
    const mine = before.then(run, run);
    const settled = mine.catch(() => {});
    this.#queues.set(staffNo, settled);
    try {
      return await mine;
    } finally {
      if (this.#queues.get(staffNo) === settled) this.#queues.delete(staffNo);
    }
  }

  async #checkOnce(caller: CallerContext, attempt: PinAttempt, source: string): Promise<PinOutcome> {
    const { storage } = this.#ctx;
    const { staffNo } = attempt;
    const now = this.#ctx.clock.now();
    const detail = { ...attempt.detail, role: caller.role, source };
    const attempts = await storage.run('loginAttempts', { staffNo });
    if (attempts.lockedUntil && new Date(attempts.lockedUntil) > now) {
      await this.#ctx.audit(staffNo, 'auth.refusedLocked', { ...detail, attempted: attempt.failAction });
      throw new AppFailure('locked', 'access.lockedUntil', {
        time: hallClock(attempts.lockedUntil, this.#ctx.timeZone, { seconds: true }),
      });
    }
    const staff = await storage.run('staffByNo', { staffNo });
    // An unknown staff number costs the same scrypt as a known one, so timing does not tell them apart.
    const valid = await verifyPinAsync(attempt.pin, staff?.pin_hash ?? (await this.#decoyHash()));
    if (staff && valid) {
      if (attempts.failures > 0 || attempts.lockedUntil)
        await storage.run('setLoginAttempts', { staffNo, failures: 0, lockedUntil: null });
      return { staff };
    }
    const failures = attempts.failures + 1;
    const lockedUntil =
      failures >= MAX_LOGIN_FAILURES ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() : null;
    await storage.run('setLoginAttempts', { staffNo, failures: lockedUntil ? 0 : failures, lockedUntil });
    await this.#ctx.audit(staffNo, attempt.failAction, { ...detail, locked: lockedUntil !== null });
    return { wrong: true, lockedNow: lockedUntil !== null };
  }

  #decoyHash(): Promise<string> {
    this.#decoy ??= hashPinAsync('000000');
    return this.#decoy;
  }
}

/** The refusal of an attempt that just locked the account. */
export const lockedNow = (): AppFailure => new AppFailure('locked', 'access.lockedFor', { minutes: LOCKOUT_MINUTES });
