/*
 * `window.kioskExit` for the station's guarded windows (kiosk, full-screen display): the main process
 * asks the page for a technician's or the manager's PIN, the page answers. The channel names MUST
 * equal KIOSK_EXIT_REQUEST / KIOSK_EXIT_CHANNEL in main/electron/kiosk-exit-glue.ts.
 */
const REQUEST_CHANNEL = 'kiosk:exit-requested';
const SUBMIT_CHANNEL = 'kiosk:exit';

type Listener = (event: unknown, ...args: unknown[]) => void;
export interface KioskExitIpcLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: Listener): unknown;
  removeListener(channel: string, listener: Listener): unknown;
}

/** The answer to a PIN: allowed, or why not (wrongPin, notAllowed, locked). */
export type KioskExitAnswer = { ok: true } | { ok: false; reason: string; retryAfterMs?: number };

export function createKioskExitBridge(ipc: KioskExitIpcLike) {
  return Object.freeze({
    /** Called when the technician's gesture asks to leave; returns the unsubscribe. */
    onRequest(callback: () => void): () => void {
      const listener: Listener = () => callback();
      ipc.on(REQUEST_CHANNEL, listener);
      return () => void ipc.removeListener(REQUEST_CHANNEL, listener);
    },
    async submit(staffNo: string, pin: string): Promise<KioskExitAnswer> {
      try {
        return (await ipc.invoke(SUBMIT_CHANNEL, String(staffNo), String(pin))) as KioskExitAnswer;
      } catch {
        return { ok: false, reason: 'unavailable' };
      }
    },
  });
}
