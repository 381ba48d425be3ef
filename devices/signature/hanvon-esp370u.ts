/**
 * Hanvon ESP370U (0B57:8420) codec, per docs/devices.md: output report 5 carries two-byte commands
 * (init 88 70, open 11 70, close 22 70, re-sign 33 70); input report 2 is
 * [02, status, X LE u16, Y LE u16, pressure LE u16] with status A0/A1 move, B0 pen down, E0 pen up.
 * A0 is taken as hover and A1 as moving in contact; contact is also implied by pressure > 0.
 */
import { decoded, malformed, type CodecResult } from '../codec-result';
import type { PadRange, PenSample } from './stroke-builder';

export const HANVON_VENDOR_ID = 0x0b57;
export const HANVON_ESP370U_PRODUCT_ID = 0x8420;
export const HANVON_OUTPUT_REPORT = 0x05;
export const HANVON_INPUT_REPORT = 0x02;
export const HANVON_RANGE: PadRange = { maxX: 0x1800, maxY: 0x2000, maxPressure: 0x400 };

export const HANVON_COMMANDS = {
  init: [0x88, 0x70],
  open: [0x11, 0x70],
  close: [0x22, 0x70],
  resign: [0x33, 0x70],
} as const;
export type HanvonCommand = keyof typeof HANVON_COMMANDS;

export const encodeHanvonCommand = (command: HanvonCommand): Uint8Array =>
  Uint8Array.of(HANVON_OUTPUT_REPORT, ...HANVON_COMMANDS[command]);

export function decodeHanvonCommand(bytes: Uint8Array): CodecResult<HanvonCommand> {
  if (bytes.length < 3) return malformed(`command: ${bytes.length} bytes, need 3`, bytes.length);
  if (bytes[0] !== HANVON_OUTPUT_REPORT)
    return malformed(`command: report ID 0x${bytes[0].toString(16)}, expected 05`, 0);
  for (const [name, code] of Object.entries(HANVON_COMMANDS))
    if (bytes[1] === code[0] && bytes[2] === code[1]) return decoded(name as HanvonCommand);
  return malformed(`command: unknown ${bytes[1].toString(16)} ${bytes[2].toString(16)}`, 1);
}

export type HanvonStatus = 'hover' | 'move' | 'down' | 'up';
const STATUS: Record<number, HanvonStatus> = { 0xa0: 'hover', 0xa1: 'move', 0xb0: 'down', 0xe0: 'up' };
const STATUS_BYTE: Record<HanvonStatus, number> = { hover: 0xa0, move: 0xa1, down: 0xb0, up: 0xe0 };

export interface HanvonPen extends PenSample {
  status: HanvonStatus;
}

const le = (b: Uint8Array, at: number): number => b[at] | (b[at + 1] << 8);

export function decodeHanvonReport(bytes: Uint8Array): CodecResult<HanvonPen> {
  if (bytes.length < 8) return malformed(`pen report: ${bytes.length} bytes, need 8`, bytes.length);
  if (bytes[0] !== HANVON_INPUT_REPORT)
    return malformed(`pen report: report ID 0x${bytes[0].toString(16)}, expected 02`, 0);
  const status = STATUS[bytes[1]];
  if (!status) return malformed(`pen report: unknown status 0x${bytes[1].toString(16)}`, 1);
  const x = le(bytes, 2);
  const y = le(bytes, 4);
  const pressure = le(bytes, 6);
  if (x > HANVON_RANGE.maxX || y > HANVON_RANGE.maxY || pressure > HANVON_RANGE.maxPressure)
    return malformed('pen report: value beyond the pad range', 2);
  const tip = status === 'down' || (status === 'move' && pressure > 0);
  return decoded({ status, x, y, pressure, tip, inRange: true });
}

export function encodeHanvonReport(p: { status: HanvonStatus; x: number; y: number; pressure: number }): Uint8Array {
  return Uint8Array.of(
    HANVON_INPUT_REPORT,
    STATUS_BYTE[p.status],
    p.x & 0xff,
    p.x >> 8,
    p.y & 0xff,
    p.y >> 8,
    p.pressure & 0xff,
    p.pressure >> 8,
  );
}
