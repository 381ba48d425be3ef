/**
 * Printer status bytes, both directions (the driver parses, the simulator encodes):
 * - real-time status DLE EOT n (10 04 n), one reply byte with (b & 0x93) == 0x12;
 * - Automatic Status Back (GS a n, 1D 61 n): 4 bytes on every change, first byte (b & 0x93) == 0x10,
 *   the other three with bits 4 and 7 clear — which is what tells them apart from real-time replies.
 */
import { decoded, malformed, type CodecResult } from '../codec-result';

export type StatusRequest = 1 | 2 | 3 | 4;

export const statusRequest = (n: StatusRequest): Uint8Array => Uint8Array.of(0x10, 0x04, n);
/** GS a 0xFF: report drawer, online/offline, errors, paper sensors and panel switch on every change. */
export const ENABLE_AUTOMATIC_STATUS_BACK = Uint8Array.of(0x1d, 0x61, 0xff);
export const DISABLE_AUTOMATIC_STATUS_BACK = Uint8Array.of(0x1d, 0x61, 0x00);

const bit = (byte: number, n: number): boolean => (byte & (1 << n)) !== 0;
/** Two-bit sensor fields: some models set one bit of the pair, Epson sets both; either means "yes". */
const anyBits = (byte: number, mask: number): boolean => (byte & mask) !== 0;

export const isRealtimeStatusByte = (b: number): boolean => (b & 0x93) === 0x12;
export const isAutomaticStatusFirstByte = (b: number): boolean => (b & 0x93) === 0x10;
const isAutomaticStatusTailByte = (b: number): boolean => (b & 0x90) === 0x00;

/** n = 1, printer status. */
export interface PrinterInfoStatus {
  request: 1;
  drawerPin3High: boolean;
  offline: boolean;
  waitingForOnlineRecovery: boolean;
  feedButtonPressed: boolean;
}
/** n = 2, offline cause. */
export interface OfflineCauseStatus {
  request: 2;
  coverOpen: boolean;
  feedingByButton: boolean;
  stoppedAtPaperEnd: boolean;
  error: boolean;
}
/** n = 3, error cause. */
export interface ErrorCauseStatus {
  request: 3;
  autocutterError: boolean;
  unrecoverableError: boolean;
  autoRecoverableError: boolean;
}
/** n = 4, roll paper sensor. */
export interface PaperSensorStatus {
  request: 4;
  paperNearEnd: boolean;
  paperOut: boolean;
}
export type RealtimeStatus = PrinterInfoStatus | OfflineCauseStatus | ErrorCauseStatus | PaperSensorStatus;

export function parseRealtimeStatus(n: number, byte: number): CodecResult<RealtimeStatus> {
  if (!Number.isInteger(byte) || byte < 0 || byte > 0xff) return malformed(`status byte ${byte} is not a byte`, 0);
  if (!isRealtimeStatusByte(byte)) {
    return malformed(`0x${byte.toString(16).padStart(2, '0')} is not a real-time status reply ((b & 0x93) != 0x12)`, 0);
  }
  switch (n) {
    case 1:
      return decoded({
        request: 1,
        drawerPin3High: bit(byte, 2),
        offline: bit(byte, 3),
        waitingForOnlineRecovery: bit(byte, 5),
        feedButtonPressed: bit(byte, 6),
      });
    case 2:
      return decoded({
        request: 2,
        coverOpen: bit(byte, 2),
        feedingByButton: bit(byte, 3),
        stoppedAtPaperEnd: bit(byte, 5),
        error: bit(byte, 6),
      });
    case 3:
      return decoded({
        request: 3,
        autocutterError: bit(byte, 3),
        unrecoverableError: bit(byte, 5),
        autoRecoverableError: bit(byte, 6),
      });
    case 4:
      return decoded({ request: 4, paperNearEnd: anyBits(byte, 0x0c), paperOut: anyBits(byte, 0x60) });
    default:
      return malformed(`unknown real-time status request n=${n}`, 0);
  }
}

/** The combined view drivers and the UI work with. */
export interface PrinterStatus {
  offline: boolean;
  coverOpen: boolean;
  paperOut: boolean;
  paperNearEnd: boolean;
  autocutterError: boolean;
  unrecoverableError: boolean;
  autoRecoverableError: boolean;
}

export const READY_STATUS: PrinterStatus = Object.freeze({
  offline: false,
  coverOpen: false,
  paperOut: false,
  paperNearEnd: false,
  autocutterError: false,
  unrecoverableError: false,
  autoRecoverableError: false,
});

export const hasError = (s: PrinterStatus): boolean =>
  s.autocutterError || s.unrecoverableError || s.autoRecoverableError;

/**
 * Why a job can't print now, most specific first: a printer with no paper or an open cover also
 * reports itself offline, and the hall staff need to know which flap to open.
 */
export function notReadyReason(s: PrinterStatus): 'paper_out' | 'cover_open' | 'offline' | null {
  if (s.paperOut) return 'paper_out';
  if (s.coverOpen) return 'cover_open';
  if (s.offline || hasError(s)) return 'offline';
  return null;
}

export const sameStatus = (a: PrinterStatus, b: PrinterStatus): boolean =>
  (Object.keys(READY_STATUS) as (keyof PrinterStatus)[]).every((key) => a[key] === b[key]);

/** Folds one real-time reply into the combined status. */
export function applyRealtimeStatus(status: PrinterStatus, reply: RealtimeStatus): PrinterStatus {
  switch (reply.request) {
    case 1:
      return { ...status, offline: reply.offline };
    case 2: {
      const next = { ...status, coverOpen: reply.coverOpen, paperOut: status.paperOut || reply.stoppedAtPaperEnd };
      if (!reply.error)
        return { ...next, autocutterError: false, unrecoverableError: false, autoRecoverableError: false };
      // n=2 only says *that* an error exists; n=3 says which. Until asked, assume the worst.
      return hasError(next) ? next : { ...next, unrecoverableError: true };
    }
    case 3:
      return {
        ...status,
        autocutterError: reply.autocutterError,
        unrecoverableError: reply.unrecoverableError,
        autoRecoverableError: reply.autoRecoverableError,
      };
    case 4:
      return { ...status, paperNearEnd: reply.paperNearEnd, paperOut: reply.paperOut };
  }
}

/** Simulator side: the byte a printer in state `s` answers to DLE EOT n. */
export function encodeRealtimeStatus(n: StatusRequest, s: PrinterStatus): number {
  const base = 0x12;
  switch (n) {
    case 1:
      return base | (s.offline ? 0x08 : 0);
    case 2:
      return base | (s.coverOpen ? 0x04 : 0) | (s.paperOut ? 0x20 : 0) | (hasError(s) ? 0x40 : 0);
    case 3:
      return (
        base | (s.autocutterError ? 0x08 : 0) | (s.unrecoverableError ? 0x20 : 0) | (s.autoRecoverableError ? 0x40 : 0)
      );
    case 4:
      return base | (s.paperNearEnd ? 0x0c : 0) | (s.paperOut ? 0x60 : 0);
  }
}

/** Automatic Status Back message, decoded. */
export interface AutomaticStatus extends PrinterStatus {
  drawerPin3High: boolean;
  feedButtonPressed: boolean;
}

export function parseAutomaticStatus(bytes: Uint8Array): CodecResult<AutomaticStatus> {
  if (bytes.length !== 4) return malformed(`automatic status is 4 bytes, got ${bytes.length}`, 0);
  const [b1, b2, b3, b4] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if (!isAutomaticStatusFirstByte(b1)) return malformed('first automatic status byte must have (b & 0x93) == 0x10', 0);
  for (const [index, b] of [b2, b3, b4].entries()) {
    if (!isAutomaticStatusTailByte(b))
      return malformed(`automatic status byte ${index + 2} must have bits 4 and 7 clear`, index + 1);
  }
  return decoded({
    drawerPin3High: bit(b1, 2),
    offline: bit(b1, 3),
    coverOpen: bit(b1, 5),
    feedButtonPressed: bit(b1, 6),
    autocutterError: bit(b2, 3),
    unrecoverableError: bit(b2, 5),
    autoRecoverableError: bit(b2, 6),
    paperNearEnd: anyBits(b3, 0x03),
    paperOut: anyBits(b3, 0x0c),
  });
}

export function encodeAutomaticStatus(s: PrinterStatus): Uint8Array {
  return Uint8Array.of(
    0x10 | (s.offline ? 0x08 : 0) | (s.coverOpen ? 0x20 : 0),
    (s.autocutterError ? 0x08 : 0) | (s.unrecoverableError ? 0x20 : 0) | (s.autoRecoverableError ? 0x40 : 0),
    (s.paperNearEnd ? 0x03 : 0) | (s.paperOut ? 0x0c : 0),
    0x00,
  );
}

export type StatusMessage =
  | { type: 'realtime'; byte: number }
  | { type: 'automatic'; status: AutomaticStatus }
  | { type: 'unexpected'; byte: number };

/**
 * Splits what a printer sends back into real-time replies and ASB messages. Chunks may split an ASB
 * message anywhere; bytes that fit neither shape are reported, not dropped silently.
 */
export class StatusStreamReader {
  private pending: number[] = [];

  push(chunk: Uint8Array): StatusMessage[] {
    const out: StatusMessage[] = [];
    for (const b of chunk) {
      if (this.pending.length > 0) {
        if (isAutomaticStatusTailByte(b)) {
          this.pending.push(b);
          if (this.pending.length === 4) {
            const parsed = parseAutomaticStatus(Uint8Array.from(this.pending));
            const first = this.pending[0];
            this.pending = [];
            out.push(parsed.ok ? { type: 'automatic', status: parsed.value } : { type: 'unexpected', byte: first });
          }
          continue;
        }
        // A broken ASB message: report its bytes and look at this one afresh.
        for (const stale of this.pending) out.push({ type: 'unexpected', byte: stale });
        this.pending = [];
      }
      if (isAutomaticStatusFirstByte(b)) this.pending.push(b);
      else if (isRealtimeStatusByte(b)) out.push({ type: 'realtime', byte: b });
      else out.push({ type: 'unexpected', byte: b });
    }
    return out;
  }
}
