import { randomUUID } from 'node:crypto';
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import type { Role } from '@common/api/roles';
import { verifyPinAsync } from '../security/pin';
import type { Storage } from '../storage/storage';
import { isGuardedMode, keyAction, KioskExitGate, type ExitDecision } from './kiosk-exit';
import type { WindowMode } from './roles-config';

/** Channels shared with preload/kiosk-exit-bridge.ts (which duplicates the names: it bundles no project code). */
export const KIOSK_EXIT_REQUEST = 'kiosk:exit-requested';
export const KIOSK_EXIT_CHANNEL = 'kiosk:exit';

/** A staff member's role if this is their PIN; the station database says. */
export function staffPinVerifier(storage: Pick<Storage, 'run'>) {
  return async (staffNo: string, pin: string) => {
    const staff = await storage.run('staffByNo', { staffNo });
    return staff && (await verifyPinAsync(pin, staff.pin_hash)) ? staff.role : null;
  };
}

/** One exit attempt, for the audit log: what was asked on which screen, and how it ended. */
export interface KioskExitAttempt {
  role: Role;
  windowNo: number | null;
  /** The staff number typed, when it looked like one. */
  staffNo: string | null;
  outcome: 'released' | ExitDecisionFailure;
}
type ExitDecisionFailure = Extract<ExitDecision, { ok: false }>['reason'];

/**
 * Writes each exit attempt as an audit entry of this station (`kiosk.exit` when the window was
 * released, `kiosk.exitRefused` otherwise), which syncs like every audit entry. The staff number
 * goes in the detail, not as the actor: a kiosk or display station speaks for no staff member at the
 * central, and a refused attempt names whoever was typed.
 */
export function stationExitAudit(
  storage: Pick<Storage, 'run' | 'stationId'>,
  onMutation: () => void,
  now: () => Date = () => new Date(),
) {
  return async (a: KioskExitAttempt): Promise<void> => {
    const at = now().toISOString();
    await storage.run('mutate', {
      name: 'audit.append',
      args: {
        id: `au-${randomUUID()}`,
        at,
        stationId: storage.stationId,
        actor: null,
        action: a.outcome === 'released' ? 'kiosk.exit' : 'kiosk.exitRefused',
        detail: {
          role: a.role,
          windowNo: a.windowNo,
          staffNo: a.staffNo,
          ...(a.outcome === 'released' ? {} : { reason: a.outcome }),
        },
      },
      now: at,
    });
    onMutation();
  };
}

/**
 * Applies the kiosk-exit policy to guarded windows: blocked keys, no close and no leaving full
 * screen until a technician's or the manager's PIN was given on that window (then it becomes a
 * normal window). Thin on purpose: the decisions are in kiosk-exit.ts.
 */
export class KioskExitGuard {
  readonly #windows = new Map<
    number,
    { win: BrowserWindow; gate: KioskExitGate; released: boolean; role: Role; windowNo: number | null }
  >();
  #quitting = false;

  constructor(
    private readonly verify: (staffNo: string, pin: string) => Promise<string | null>,
    private readonly log: (line: string) => void,
    /** Every attempt, released or refused, becomes an audit entry (stationExitAudit). */
    private readonly audit: (attempt: KioskExitAttempt) => Promise<void>,
  ) {}

  /** The app is quitting: guarded windows close with it. */
  quitting(): void {
    this.#quitting = true;
  }

  guard(win: BrowserWindow, mode: WindowMode, screen: { role: Role; windowNo: number | null }): void {
    if (!isGuardedMode(mode)) return;
    const id = win.webContents.id;
    const entry = {
      win,
      ...screen,
      released: false,
      gate: new KioskExitGate({ verify: this.verify as ConstructorParameters<typeof KioskExitGate>[0]['verify'] }),
    };
    this.#windows.set(id, entry);
    win.webContents.on('before-input-event', (event, input) => {
      if (entry.released) return;
      const action = keyAction(input);
      if (action === 'pass') return;
      event.preventDefault();
      if (action === 'ask-pin') win.webContents.send(KIOSK_EXIT_REQUEST);
    });
    win.on('close', (event) => {
      if (!entry.released && !this.#quitting) event.preventDefault();
    });
    win.on('leave-full-screen', () => {
      if (!entry.released && !this.#quitting) win.setFullScreen(true);
    });
    win.on('closed', () => this.#windows.delete(id));
  }

  detach(ipcMain: Pick<IpcMain, 'removeHandler'>): void {
    ipcMain.removeHandler(KIOSK_EXIT_CHANNEL);
  }

  attach(ipcMain: Pick<IpcMain, 'handle'>): void {
    ipcMain.handle(KIOSK_EXIT_CHANNEL, async (event: IpcMainInvokeEvent, staffNo: unknown, pin: unknown) => {
      const entry = this.#windows.get(event.sender.id);
      if (!entry) return { ok: false, reason: 'notAllowed' };
      const decision: ExitDecision = await entry.gate.attempt(staffNo, pin);
      const typed = typeof staffNo === 'string' && /^\d{1,16}$/.test(staffNo) ? staffNo : null;
      const attempt = { role: entry.role, windowNo: entry.windowNo, staffNo: typed };
      if (!decision.ok) {
        this.log(`kiosk exit refused on window ${event.sender.id}: ${decision.reason}`);
        await this.#audited({ ...attempt, outcome: decision.reason });
        return decision;
      }
      this.log(`kiosk exit by staff ${decision.staffNo} on window ${event.sender.id}`);
      // Written before the window opens, so the entry exists by the time anyone acts outside the kiosk.
      await this.#audited({ ...attempt, outcome: 'released' });
      entry.released = true;
      entry.win.setKiosk(false);
      entry.win.setFullScreen(false);
      return { ok: true };
    });
  }

  /** An audit write that fails (storage closing) is logged; the decision stands either way. */
  async #audited(attempt: KioskExitAttempt): Promise<void> {
    try {
      await this.audit(attempt);
    } catch (e) {
      this.log(`kiosk exit attempt not audited: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
