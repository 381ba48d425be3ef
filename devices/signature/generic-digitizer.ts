/**
 * Any HID pen digitizer, decoded from its report descriptor: finds the input report that has tip
 * switch, X and Y (plus in-range and tip pressure when present) and decodes those reports into pen
 * samples. Usages: digitizer page 0x0D — tip pressure 0x30, in range 0x32, tip switch
 * 0x42; generic desktop page 0x01 — X 0x30, Y 0x31.
 */
import { decoded, malformed, type CodecResult } from '../codec-result';
import { readBits, type ReportDescriptor, type ReportField } from './hid-report-descriptor';
import type { PadRange, PenSample } from './stroke-builder';

export const DIGITIZER_PAGE = 0x0d;
export const GENERIC_DESKTOP_PAGE = 0x01;
export const USAGE = { tipPressure: 0x30, inRange: 0x32, tipSwitch: 0x42, x: 0x30, y: 0x31 } as const;

interface Locator {
  bitOffset: number;
  size: number;
  logicalMin: number;
  logicalMax: number;
}

export interface DigitizerLayout {
  reportId: number;
  usesReportIds: boolean;
  /** Bytes of report data after the ID byte. */
  reportBytes: number;
  x: Locator;
  y: Locator;
  tipSwitch: Locator;
  inRange: Locator | null;
  pressure: Locator | null;
  range: PadRange;
}

function locate(fields: ReportField[], page: number, id: number): Locator | null {
  for (const f of fields) {
    if (f.constant) continue;
    const index = f.usages.findIndex((u) => u.page === page && u.id === id);
    if (index < 0) continue;
    // Array fields do not carry values per usage; only variables are positions and switches.
    if (!f.variable) continue;
    const element = Math.min(index, f.count - 1);
    return {
      bitOffset: f.bitOffset + element * f.size,
      size: f.size,
      logicalMin: f.logicalMin,
      logicalMax: f.logicalMax,
    };
  }
  return null;
}

/** The first input report with tip switch, X and Y; a typed error when the descriptor has none. */
export function findDigitizerLayout(descriptor: ReportDescriptor): CodecResult<DigitizerLayout, 'not_a_digitizer'> {
  const ids = [...new Set(descriptor.fields.filter((f) => f.reportType === 'input').map((f) => f.reportId))];
  for (const reportId of ids) {
    const fields = descriptor.fields.filter((f) => f.reportType === 'input' && f.reportId === reportId);
    const tipSwitch = locate(fields, DIGITIZER_PAGE, USAGE.tipSwitch);
    const x = locate(fields, GENERIC_DESKTOP_PAGE, USAGE.x);
    const y = locate(fields, GENERIC_DESKTOP_PAGE, USAGE.y);
    if (!tipSwitch || !x || !y || x.logicalMax <= x.logicalMin || y.logicalMax <= y.logicalMin) continue;
    const pressure = locate(fields, DIGITIZER_PAGE, USAGE.tipPressure);
    return decoded({
      reportId,
      usesReportIds: descriptor.usesReportIds,
      reportBytes: descriptor.reportBytes.get(`input:${reportId}`) ?? 0,
      x,
      y,
      tipSwitch,
      inRange: locate(fields, DIGITIZER_PAGE, USAGE.inRange),
      pressure,
      range: {
        maxX: x.logicalMax - x.logicalMin,
        maxY: y.logicalMax - y.logicalMin,
        maxPressure:
          pressure && pressure.logicalMax > pressure.logicalMin ? pressure.logicalMax - pressure.logicalMin : 0,
      },
    });
  }
  return {
    ok: false,
    error: { code: 'not_a_digitizer', message: 'no input report with tip switch, X and Y', offset: 0 },
  };
}

function value(data: Uint8Array, l: Locator): number {
  const raw = readBits(data, l.bitOffset, l.size);
  // Sign-extend when the logical range is signed.
  const v = l.logicalMin < 0 && l.size < 53 && raw >= 2 ** (l.size - 1) ? raw - 2 ** l.size : raw;
  return v - l.logicalMin;
}

/**
 * One input report (with its ID byte when the device uses IDs) → a pen sample, or `null` for a
 * report of another ID (the device's mouse or keyboard collection).
 */
export function decodeDigitizerReport(layout: DigitizerLayout, report: Uint8Array): CodecResult<PenSample | null> {
  let data = report;
  if (layout.usesReportIds) {
    if (report.length < 1) return malformed('empty report', 0);
    if (report[0] !== layout.reportId) return decoded(null);
    data = report.subarray(1);
  }
  if (data.length < layout.reportBytes)
    return malformed(`report has ${data.length} bytes, descriptor says ${layout.reportBytes}`, report.length);
  const tip = value(data, layout.tipSwitch) !== 0;
  return decoded({
    x: Math.min(layout.range.maxX, Math.max(0, value(data, layout.x))),
    y: Math.min(layout.range.maxY, Math.max(0, value(data, layout.y))),
    pressure: layout.pressure
      ? Math.min(layout.range.maxPressure, Math.max(0, value(data, layout.pressure)))
      : tip
        ? 1
        : 0,
    tip,
    inRange: layout.inRange ? value(data, layout.inRange) !== 0 || tip : true,
  });
}

/** The inverse, for simulators and tests: writes a sample into a zeroed report. */
export function encodeDigitizerReport(
  layout: DigitizerLayout,
  sample: { x: number; y: number; pressure: number; tip: boolean; inRange: boolean },
): Uint8Array {
  const head = layout.usesReportIds ? 1 : 0;
  const report = new Uint8Array(head + layout.reportBytes);
  if (head) report[0] = layout.reportId;
  const data = report.subarray(head);
  const write = (l: Locator | null, v: number): void => {
    if (!l) return;
    let raw = v + l.logicalMin;
    if (raw < 0) raw += 2 ** l.size;
    for (let i = 0; i < l.size; i++)
      if (Math.floor(raw / 2 ** i) % 2) data[(l.bitOffset + i) >> 3] |= 1 << ((l.bitOffset + i) & 7);
  };
  write(layout.x, sample.x);
  write(layout.y, sample.y);
  write(layout.tipSwitch, sample.tip ? 1 : 0);
  write(layout.inRange, sample.inRange ? 1 : 0);
  write(layout.pressure, sample.pressure);
  return report;
}
