import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
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

/**
 * Applies the kiosk-exit policy to guarded windows: blocked keys, no close and no leaving full
 * screen until a technician's or the manager's PIN was given on that window (then it becomes a
 * normal window). Thin on purpose: the decisions are in kiosk-exit.ts.
 */
export class KioskExitGuard {
  readonly #windows = new Map<number, { win: BrowserWindow; gate: KioskExitGate; released: boolean }>();
  #quitting = false;

  constructor(
    private readonly verify: (staffNo: string, pin: string) => Promise<string | null>,
    private readonly log: (line: string) => void,
  ) {}

  /** The app is quitting: guarded windows close with it. */
  quitting(): void {
    this.#quitting = true;
  }

  guard(win: BrowserWindow, mode: WindowMode): void {
    if (!isGuardedMode(mode)) return;
    const id = win.webContents.id;
    const entry = {
      win,
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
      if (!decision.ok) {
        this.log(`kiosk exit refused on window ${event.sender.id}: ${decision.reason}`);
        return decision;
      }
      this.log(`kiosk exit by staff ${decision.staffNo} on window ${event.sender.id}`);
      entry.released = true;
      entry.win.setKiosk(false);
      entry.win.setFullScreen(false);
      return { ok: true };
    });
  }
}
