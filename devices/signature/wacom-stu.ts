/**
 * Wacom STU codec (VID 056A), per docs/devices.md "Signature pads": feature reports 03 status, 04 reset,
 * 08 information, 09 capability, 20 clear, 21 inking mode, 25/26/27 image start/block/end, 2A
 * handwriting area, 2D pen colour and width; input reports 01 (pen data) and 34 (pen data with
 * timestamp). Every report here starts with its report ID. Decoders return CodecResult, never throw.
 *
 * Layouts docs/devices.md leaves open follow the STU SDK: information = model name (7 ASCII bytes),
 * firmware major, minor; status = status code, last result code, status word (BE u16); image start
 * = encoding mode (00 monochrome); image block = length LE u16 + data; image end = 00 commit;
 * handwriting area = 4 × LE u16; pen colour = RGB565 LE u16 + width. The pen-data proximity (0x80)
 * and switch (0x10) bits are decoded but, as docs/devices.md warns, contact is taken from pressure > 0 so
 * an unverified bit cannot break capture. Encrypted pen-data reports are not listed in docs/devices.md and
 * are not implemented.
 */
import { decoded, malformed, type CodecResult } from '../codec-result';
import type { PenSample } from './stroke-builder';

export const WACOM_VENDOR_ID = 0x056a;

export const STU_REPORT = {
  penData: 0x01,
  status: 0x03,
  reset: 0x04,
  information: 0x08,
  capability: 0x09,
  clearScreen: 0x20,
  inkingMode: 0x21,
  imageStart: 0x25,
  imageBlock: 0x26,
  imageEnd: 0x27,
  handwritingArea: 0x2a,
  penColorAndWidth: 0x2d,
  penDataTimed: 0x34,
} as const;

/** Largest image block payload the STU accepts in one 0x26 report. */
export const STU_IMAGE_BLOCK_MAX = 253;

export interface StuCapability {
  maxX: number;
  maxY: number;
  maxPressure: number;
  screenWidth: number;
  screenHeight: number;
}

export interface StuInformation {
  modelName: string;
  firmwareMajor: number;
  firmwareMinor: number;
}

export interface StuStatus {
  statusCode: number;
  /** ready, image (receiving an image), capture, calculation, image_boot, system_reset, or unknown. */
  state: 'ready' | 'image' | 'capture' | 'calculation' | 'image_boot' | 'system_reset' | 'unknown';
  lastResultCode: number;
  statusWord: number;
}

export interface StuPenData extends PenSample {
  /** Raw bits as sent (see the header: not relied on for contact). */
  proximityBit: boolean;
  switchBit: boolean;
}

const be16 = (b: Uint8Array, at: number): number => (b[at] << 8) | b[at + 1];
const le16 = (n: number): [number, number] => [n & 0xff, (n >> 8) & 0xff];
const u16ok = (n: number): boolean => Number.isInteger(n) && n >= 0 && n <= 0xffff;

function expectReport(bytes: Uint8Array, id: number, length: number, name: string): CodecResult<true> {
  if (bytes.length < 1) return malformed(`${name}: empty report`, 0);
  if (bytes[0] !== id)
    return malformed(`${name}: report ID 0x${bytes[0].toString(16)}, expected 0x${id.toString(16)}`, 0);
  if (bytes.length < length) return malformed(`${name}: ${bytes.length} bytes, need ${length}`, bytes.length);
  return decoded(true);
}

// ---- host → pad (feature reports) ----

export const stuGetFeature = (id: number): Uint8Array => Uint8Array.of(id);
export const encodeStuReset = (hardware = false): Uint8Array => Uint8Array.of(STU_REPORT.reset, hardware ? 1 : 0);
export const encodeStuClearScreen = (): Uint8Array => Uint8Array.of(STU_REPORT.clearScreen, 0x00);
export const encodeStuInkingMode = (on: boolean): Uint8Array => Uint8Array.of(STU_REPORT.inkingMode, on ? 1 : 0);
/** Encoding 00: 1-bit monochrome, rows top to bottom, MSB first, 1 = ink (the only one implemented). */
export const encodeStuImageStart = (): Uint8Array => Uint8Array.of(STU_REPORT.imageStart, 0x00);
export const encodeStuImageEnd = (abandon = false): Uint8Array => Uint8Array.of(STU_REPORT.imageEnd, abandon ? 1 : 0);

export function encodeStuImageBlock(data: Uint8Array): Uint8Array {
  if (data.length === 0 || data.length > STU_IMAGE_BLOCK_MAX)
    throw new RangeError(`image block must be 1..${STU_IMAGE_BLOCK_MAX} bytes, got ${data.length}`);
  const report = new Uint8Array(3 + STU_IMAGE_BLOCK_MAX);
  report[0] = STU_REPORT.imageBlock;
  [report[1], report[2]] = le16(data.length);
  report.set(data, 3);
  return report;
}

export function encodeStuHandwritingArea(area: { x1: number; y1: number; x2: number; y2: number }): Uint8Array {
  if (![area.x1, area.y1, area.x2, area.y2].every(u16ok)) throw new RangeError('handwriting area corners must be u16');
  return Uint8Array.of(
    STU_REPORT.handwritingArea,
    ...le16(area.x1),
    ...le16(area.y1),
    ...le16(area.x2),
    ...le16(area.y2),
  );
}

export function encodeStuPenColorAndWidth(rgb565: number, width: number): Uint8Array {
  if (!u16ok(rgb565) || !Number.isInteger(width) || width < 0 || width > 255)
    throw new RangeError('pen colour is RGB565, width 0..255');
  return Uint8Array.of(STU_REPORT.penColorAndWidth, ...le16(rgb565), width);
}

/** The whole upload: start, blocks of ≤253 bytes, end. */
export function encodeStuImageUpload(bitmap: Uint8Array): Uint8Array[] {
  const reports = [encodeStuImageStart()];
  for (let at = 0; at < bitmap.length; at += STU_IMAGE_BLOCK_MAX)
    reports.push(encodeStuImageBlock(bitmap.subarray(at, at + STU_IMAGE_BLOCK_MAX)));
  reports.push(encodeStuImageEnd());
  return reports;
}

// ---- pad → host ----

export function decodeStuCapability(bytes: Uint8Array): CodecResult<StuCapability> {
  const ok = expectReport(bytes, STU_REPORT.capability, 11, 'capability');
  if (!ok.ok) return ok;
  const value = {
    maxX: be16(bytes, 1),
    maxY: be16(bytes, 3),
    maxPressure: be16(bytes, 5),
    screenWidth: be16(bytes, 7),
    screenHeight: be16(bytes, 9),
  };
  if (value.maxX === 0 || value.maxY === 0) return malformed('capability: zero tablet size', 1);
  if (value.screenWidth === 0 || value.screenHeight === 0) return malformed('capability: zero screen size', 7);
  return decoded(value);
}

export function encodeStuCapability(c: StuCapability): Uint8Array {
  const out = new Uint8Array(11);
  out[0] = STU_REPORT.capability;
  [c.maxX, c.maxY, c.maxPressure, c.screenWidth, c.screenHeight].forEach((n, i) => {
    out[1 + i * 2] = (n >> 8) & 0xff;
    out[2 + i * 2] = n & 0xff;
  });
  return out;
}

export function decodeStuInformation(bytes: Uint8Array): CodecResult<StuInformation> {
  const ok = expectReport(bytes, STU_REPORT.information, 10, 'information');
  if (!ok.ok) return ok;
  let name = '';
  for (let i = 1; i < 8 && bytes[i] !== 0; i++) {
    if (bytes[i] < 0x20 || bytes[i] > 0x7e) return malformed('information: model name is not printable ASCII', i);
    name += String.fromCharCode(bytes[i]);
  }
  return decoded({ modelName: name, firmwareMajor: bytes[8], firmwareMinor: bytes[9] });
}

export function encodeStuInformation(info: StuInformation): Uint8Array {
  const out = new Uint8Array(10);
  out[0] = STU_REPORT.information;
  for (let i = 0; i < Math.min(7, info.modelName.length); i++) out[1 + i] = info.modelName.charCodeAt(i) & 0x7f;
  out[8] = info.firmwareMajor;
  out[9] = info.firmwareMinor;
  return out;
}

const STATES: Record<number, StuStatus['state']> = {
  0: 'ready',
  1: 'image',
  2: 'capture',
  3: 'calculation',
  4: 'image_boot',
  0x10: 'system_reset',
};

export function decodeStuStatus(bytes: Uint8Array): CodecResult<StuStatus> {
  const ok = expectReport(bytes, STU_REPORT.status, 5, 'status');
  if (!ok.ok) return ok;
  return decoded({
    statusCode: bytes[1],
    state: STATES[bytes[1]] ?? 'unknown',
    lastResultCode: bytes[2],
    statusWord: be16(bytes, 3),
  });
}

export const encodeStuStatus = (statusCode: number, lastResultCode = 0, statusWord = 0): Uint8Array =>
  Uint8Array.of(STU_REPORT.status, statusCode, lastResultCode, statusWord >> 8, statusWord & 0xff);

/** Input report 01 (7 bytes) or 34 (pen data + device time BE u16 in ms at 7). */
export function decodeStuPenData(bytes: Uint8Array): CodecResult<StuPenData> {
  if (bytes.length < 1) return malformed('pen data: empty report', 0);
  const timed = bytes[0] === STU_REPORT.penDataTimed;
  if (bytes[0] !== STU_REPORT.penData && !timed) return malformed(`pen data: report ID 0x${bytes[0].toString(16)}`, 0);
  const need = timed ? 9 : 7;
  if (bytes.length < need) return malformed(`pen data: ${bytes.length} bytes, need ${need}`, bytes.length);
  const d = bytes.subarray(1);
  const pressure = ((d[0] & 0x0f) << 8) | d[1];
  const sample: StuPenData = {
    pressure,
    x: be16(d, 2),
    y: be16(d, 4),
    proximityBit: (d[0] & 0x80) !== 0,
    switchBit: (d[0] & 0x10) !== 0,
    tip: pressure > 0,
    inRange: pressure > 0 || (d[0] & 0x80) !== 0,
  };
  if (timed) sample.deviceTimeMs = be16(d, 6);
  return decoded(sample);
}

export function encodeStuPenData(p: {
  x: number;
  y: number;
  pressure: number;
  proximity: boolean;
  timeMs?: number;
}): Uint8Array {
  const timed = p.timeMs !== undefined;
  const out = new Uint8Array(timed ? 9 : 7);
  out[0] = timed ? STU_REPORT.penDataTimed : STU_REPORT.penData;
  out[1] = (p.proximity ? 0x80 : 0) | (p.pressure > 0 ? 0x10 : 0) | ((p.pressure >> 8) & 0x0f);
  out[2] = p.pressure & 0xff;
  out[3] = (p.x >> 8) & 0xff;
  out[4] = p.x & 0xff;
  out[5] = (p.y >> 8) & 0xff;
  out[6] = p.y & 0xff;
  if (timed) {
    out[7] = ((p.timeMs as number) >> 8) & 0xff;
    out[8] = (p.timeMs as number) & 0xff;
  }
  return out;
}
