/** The report descriptor parser and the generic digitizer decoder on real-world-shaped descriptors. */
import { describe, expect, it } from 'vitest';
import {
  COMPOSITE_PUSH_POP_DESCRIPTOR,
  PEN_TABLET_DESCRIPTOR,
  TOUCH_SCREEN_DESCRIPTOR,
} from '../../../devices/simulators/hid-descriptors';
import {
  decodeDigitizerReport,
  encodeDigitizerReport,
  findDigitizerLayout,
  type DigitizerLayout,
} from '../../../devices/signature/generic-digitizer';
import {
  parseReportDescriptor,
  readBits,
  type ReportDescriptor,
} from '../../../devices/signature/hid-report-descriptor';
import { hex } from './helpers';

function parse(bytes: Uint8Array): ReportDescriptor {
  const result = parseReportDescriptor(bytes);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

function layoutOf(bytes: Uint8Array): DigitizerLayout {
  const found = findDigitizerLayout(parse(bytes));
  if (!found.ok) throw new Error(found.error.message);
  return found.value;
}

describe('HID report descriptor parser', () => {
  it('pen tablet: report ID 2, five switch bits, padding, 16-bit X/Y with physical extents, 10-bit pressure', () => {
    const d = parse(PEN_TABLET_DESCRIPTOR);
    expect(d.usesReportIds).toBe(true);
    expect(d.reportBytes.get('input:2')).toBe(7);
    const [switches, pad, x, y, pressure] = d.fields;
    expect(switches).toMatchObject({ reportId: 2, bitOffset: 0, size: 1, count: 5, variable: true, constant: false });
    expect(switches.usages.map((u) => u.id)).toEqual([0x42, 0x44, 0x45, 0x3c, 0x32]);
    expect(pad).toMatchObject({ bitOffset: 5, size: 1, count: 3, constant: true, usages: [] });
    expect(x).toMatchObject({
      bitOffset: 8,
      size: 16,
      logicalMin: 0,
      logicalMax: 9600,
      physicalMax: 9600,
      usages: [{ page: 1, id: 0x30 }],
    });
    expect(y).toMatchObject({ bitOffset: 24, logicalMax: 6000, physicalMax: 6000 });
    expect(pressure).toMatchObject({ bitOffset: 40, logicalMax: 1023, usages: [{ page: 0x0d, id: 0x30 }] });
    expect(x.collections.map((c) => [c.page, c.id])).toEqual([
      [0x0d, 0x02],
      [0x0d, 0x20],
    ]);
  });

  it('touch screen: no report IDs, 12-bit X/Y packed across bytes, contact id, no pressure', () => {
    const d = parse(TOUCH_SCREEN_DESCRIPTOR);
    expect(d.usesReportIds).toBe(false);
    expect(d.reportBytes.get('input:0')).toBe(5);
    const xy = d.fields.find((f) => f.usages.some((u) => u.page === 1 && u.id === 0x30))!;
    expect(xy).toMatchObject({ bitOffset: 16, size: 12, count: 2, logicalMax: 4095 });
    const layout = layoutOf(TOUCH_SCREEN_DESCRIPTOR);
    expect(layout.x.bitOffset).toBe(16);
    expect(layout.y.bitOffset).toBe(28);
    expect(layout.pressure).toBeNull();
    // Tip + in range, contact 5, X = 0xABC, Y = 0x123: bytes 03 05 BC 3A 12.
    expect(decodeDigitizerReport(layout, hex('03 05 BC 3A 12'))).toEqual({
      ok: true,
      value: { x: 0xabc, y: 0x123, pressure: 1, tip: true, inRange: true },
    });
  });

  it('composite with report IDs and Push/Pop: the pen X/Y reuse the pushed 16-bit signed globals; the mouse is not the digitizer', () => {
    const d = parse(COMPOSITE_PUSH_POP_DESCRIPTOR);
    const mouse = d.fields.filter((f) => f.reportId === 1);
    expect(mouse.map((f) => f.size)).toEqual([1, 5, 8]);
    expect(mouse[2]).toMatchObject({ logicalMin: -127, logicalMax: 127, relative: true });
    expect(mouse[0].usages.map((u) => `${u.page}:${u.id}`)).toEqual(['9:1', '9:2', '9:3']);
    const pen = d.fields.filter((f) => f.reportId === 3);
    expect(pen.map((f) => [f.bitOffset, f.size, f.count])).toEqual([
      [0, 1, 2],
      [2, 1, 6],
      [8, 16, 2],
      [40, 16, 1],
    ]);
    expect(pen[2]).toMatchObject({ logicalMin: -16384, logicalMax: 16383 });
    const layout = layoutOf(COMPOSITE_PUSH_POP_DESCRIPTOR);
    expect(layout.reportId).toBe(3);
    expect(layout.range).toEqual({ maxX: 32767, maxY: 32767, maxPressure: 2047 });
    // X = −16384 (left edge) → 0; Y = 0 → 16384; pressure 2047.
    expect(decodeDigitizerReport(layout, hex('03 03 00 C0 00 00 FF 07'))).toEqual({
      ok: true,
      value: { x: 0, y: 16384, pressure: 2047, tip: true, inRange: true },
    });
    // A mouse report is not pen data.
    expect(decodeDigitizerReport(layout, hex('01 01 05 FB'))).toEqual({ ok: true, value: null });
  });

  it('one-byte Logical Maximum 255 is unsigned, as descriptors mean it', () => {
    const d = parse(hex('05 01 09 30 15 00 25 FF 75 08 95 01 81 02'));
    expect(d.fields[0]).toMatchObject({ logicalMin: 0, logicalMax: 255 });
  });

  it('4-byte usages carry their own page; long items are skipped', () => {
    const d = parse(hex('05 01 0B 42 00 0D 00 FE 02 00 AA BB 75 01 95 01 81 02'));
    expect(d.fields[0].usages).toEqual([{ page: 0x0d, id: 0x42 }]);
  });

  it('broken descriptors are typed errors with the offset', () => {
    expect(parseReportDescriptor(hex('05 0D 09 02 A1 01 81 02'))).toMatchObject({
      ok: false,
      error: { code: 'unbalanced', offset: 8 },
    });
    expect(parseReportDescriptor(hex('05 0D C0'))).toMatchObject({
      ok: false,
      error: { code: 'unbalanced', offset: 2 },
    });
    expect(parseReportDescriptor(hex('05 0D B4'))).toMatchObject({
      ok: false,
      error: { code: 'unbalanced', offset: 2 },
    });
    expect(parseReportDescriptor(hex('05 0D 26 FF'))).toMatchObject({
      ok: false,
      error: { code: 'truncated', offset: 2 },
    });
    expect(parseReportDescriptor(hex('85 00'))).toMatchObject({ ok: false, error: { code: 'malformed' } });
    expect(parseReportDescriptor(hex('75 08 97 00 00 01 00 81 02'))).toMatchObject({
      ok: false,
      error: { code: 'too_large' },
    });
    expect(parseReportDescriptor(hex('0C'))).toMatchObject({ ok: false, error: { code: 'malformed' } });
  });

  it('a keyboard is not a digitizer', () => {
    const keyboard = hex('05 01 09 06 A1 01 05 07 19 E0 29 E7 15 00 25 01 75 01 95 08 81 02 95 01 75 08 81 01 C0');
    expect(findDigitizerLayout(parse(keyboard))).toMatchObject({ ok: false, error: { code: 'not_a_digitizer' } });
  });

  it('encode → decode round-trips through every digitizer layout', () => {
    for (const bytes of [PEN_TABLET_DESCRIPTOR, TOUCH_SCREEN_DESCRIPTOR, COMPOSITE_PUSH_POP_DESCRIPTOR]) {
      const layout = layoutOf(bytes);
      const sample = {
        x: Math.floor(layout.range.maxX * 0.3),
        y: Math.floor(layout.range.maxY * 0.7),
        pressure: layout.pressure ? 17 : 1,
        tip: true,
        inRange: true,
      };
      expect(decodeDigitizerReport(layout, encodeDigitizerReport(layout, sample))).toEqual({ ok: true, value: sample });
    }
  });

  it('readBits reads LSB-first across byte boundaries', () => {
    expect(readBits(hex('BC 3A 12'), 0, 12)).toBe(0xabc);
    expect(readBits(hex('BC 3A 12'), 12, 12)).toBe(0x123);
  });
});
