import type { AppFailure } from '@common/result';
import { RateLimit, type Budget } from '../../node/limits/rate-limit';

/**
 * The station's request budgets, per source (the caller's address or Electron window). Each is far
 * above what a person at the screen can do and far below what a script can.
 */
export interface StationLimitSettings {
  /**
   * Login and PIN attempts per source (a successful one is given back). Two accounts' lockouts'
   * worth in five minutes: spraying guesses across many accounts from one screen stops there.
   */
  loginAttempts: readonly Budget[];
  /**
   * Tickets per kiosk or guide screen. A customer at a kiosk takes 15–20 s per ticket, so a busy
   * kiosk issues 3–4 a minute and about 150 an hour; 30 a minute and 300 an hour leave room for a
   * family taking several, while a script cannot use up a day's numbers in seconds.
   */
  tickets: readonly Budget[];
  /**
   * Customer lookups (search, view, and so the kiosk's identify) per screen and login. An agent
   * looks up a few customers a minute; bulk reading of the directory is what this stops.
   */
  customerLookups: readonly Budget[];
}

export const DEFAULT_STATION_LIMITS: StationLimitSettings = {
  loginAttempts: [{ points: 10, seconds: 5 * 60 }],
  tickets: [
    { points: 30, seconds: 60 },
    { points: 300, seconds: 60 * 60 },
  ],
  customerLookups: [
    { points: 30, seconds: 60 },
    { points: 300, seconds: 60 * 60 },
  ],
};

export interface StationLimits {
  readonly loginAttempts: RateLimit;
  readonly tickets: RateLimit;
  readonly customerLookups: RateLimit;
}

export function stationLimits(settings: Partial<StationLimitSettings> = {}): StationLimits {
  const s = { ...DEFAULT_STATION_LIMITS, ...settings };
  return {
    loginAttempts: new RateLimit('login', s.loginAttempts),
    tickets: new RateLimit('tickets', s.tickets),
    customerLookups: new RateLimit('lookups', s.customerLookups),
  };
}

/**
 * Count one event for `key` (null: an in-process caller, not budgeted); over budget, refuse with
 * `refusal(seconds)`. The first refusal of a window is audited (later ones in the same window repeat
 * it and would only fill the log).
 */
export async function spendOrRefuse(
  limit: RateLimit,
  key: string | null,
  refusal: (seconds: number) => AppFailure,
  audit: (detail: { limit: string; key: string; retryAfterSeconds: number }) => Promise<void>,
): Promise<void> {
  if (key === null) return;
  const t = await limit.take(key);
  if (t.allowed) return;
  if (t.firstRefusal) await audit({ limit: limit.name, key, retryAfterSeconds: t.retryAfterSeconds });
  throw refusal(t.retryAfterSeconds);
}
