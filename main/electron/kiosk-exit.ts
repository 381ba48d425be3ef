import type { StaffRole } from '@common/api/roles';
import type { WindowMode } from './roles-config';

/*
 * Leaving a kiosk or a full-screen display: pure policy, no electron. shell.ts applies it to the
 * windows (keys, close, leaving full screen) and asks the page for a technician's or the manager's PIN.
 */

/** The unattended screens the public stands in front of: no way out without a PIN. */
export const isGuardedMode = (mode: WindowMode): boolean =>
  mode === 'kiosk' || mode === 'fullscreen' || mode === 'frameless-fullscreen';

/** The part of Electron's `Input` (before-input-event) the policy reads. */
export interface KeyInput {
  readonly type: string;
  readonly key: string;
  readonly control: boolean;
  readonly alt: boolean;
  readonly shift: boolean;
  readonly meta: boolean;
}

/** The technician's gesture that asks for the exit PIN: Ctrl+Shift+Alt+E. */
export const EXIT_GESTURE = 'Ctrl+Shift+Alt+E';

/**
 * What a key does on a guarded window: the exit gesture asks for the PIN; the keys that close,
 * reload or leave full screen (Alt+F4, Ctrl+W/Q/R, F5, F11, Esc, DevTools) do nothing; the rest type.
 */
export function keyAction(input: KeyInput): 'pass' | 'block' | 'ask-pin' {
  if (input.type !== 'keyDown') return 'pass';
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  if (input.control && input.shift && input.alt && key === 'e') return 'ask-pin';
  if (key === 'F4' && input.alt) return 'block';
  if (key === 'F11' || key === 'F5' || key === 'F12' || key === 'Escape') return 'block';
  if ((input.control || input.meta) && ['w', 'q', 'r', 'n', 't'].includes(key)) return 'block';
  if ((input.control || input.meta) && input.shift && (key === 'i' || key === 'j')) return 'block';
  return 'pass';
}

export type ExitDecision =
  { ok: true; staffNo: string } | { ok: false; reason: 'wrongPin' | 'notAllowed' | 'locked'; retryAfterMs?: number };

export interface KioskExitGateOptions {
  /** The staff role of this staff number if the PIN is right, else null. */
  verify(staffNo: string, pin: string): Promise<StaffRole | null>;
  now?: () => number;
  maxFailures?: number;
  lockoutMs?: number;
}

/** Only these may take a screen out of kiosk or full screen. */
const EXIT_ROLES: readonly StaffRole[] = ['technician', 'manager'];

/**
 * Decides an exit attempt: the PIN of a technician or the manager. Wrong PINs at this window are
 * counted, and after `maxFailures` the window refuses every attempt for `lockoutMs` (a customer
 * trying PINs at a kiosk gets nowhere).
 */
export class KioskExitGate {
  readonly #verify: KioskExitGateOptions['verify'];
  readonly #now: () => number;
  readonly #maxFailures: number;
  readonly #lockoutMs: number;
  #failures = 0;
  #lockedUntil = 0;

  constructor(o: KioskExitGateOptions) {
    this.#verify = o.verify;
    this.#now = o.now ?? Date.now;
    this.#maxFailures = o.maxFailures ?? 5;
    this.#lockoutMs = o.lockoutMs ?? 5 * 60_000;
  }

  async attempt(staffNo: unknown, pin: unknown): Promise<ExitDecision> {
    const now = this.#now();
    if (now < this.#lockedUntil) return { ok: false, reason: 'locked', retryAfterMs: this.#lockedUntil - now };
    const wellFormed =
      typeof staffNo === 'string' && /^\d{4,8}$/.test(staffNo) && typeof pin === 'string' && /^\d{4,8}$/.test(pin);
    const role = wellFormed ? await this.#verify(staffNo, pin) : null;
    if (!role) {
      if (++this.#failures >= this.#maxFailures) {
        this.#failures = 0;
        this.#lockedUntil = now + this.#lockoutMs;
        return { ok: false, reason: 'locked', retryAfterMs: this.#lockoutMs };
      }
      return { ok: false, reason: 'wrongPin' };
    }
    this.#failures = 0;
    if (!EXIT_ROLES.includes(role)) return { ok: false, reason: 'notAllowed' };
    return { ok: true, staffNo: staffNo as string };
  }
}
