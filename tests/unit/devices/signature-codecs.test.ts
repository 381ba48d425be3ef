/** Golden byte vectors for every signature pad command and reply docs/devices.md lists. */
import { describe, expect, it } from 'vitest';
import {
  decodeHanvonCommand,
  decodeHanvonReport,
  encodeHanvonCommand,
  encodeHanvonReport,
} from '../../../devices/signature/hanvon-esp370u';
import {
  decodeStuCapability,
  decodeStuInformation,
  decodeStuPenData,
  decodeStuStatus,
  encodeStuCapability,
  encodeStuClearScreen,
  encodeStuHandwritingArea,
  encodeStuImageBlock,
  encodeStuImageEnd,
  encodeStuImageStart,
  encodeStuImageUpload,
  encodeStuInkingMode,
  encodeStuPenColorAndWidth,
  encodeStuPenData,
  encodeStuReset,
  STU_IMAGE_BLOCK_MAX,
} from '../../../devices/signature/wacom-stu';
import { hex, toHex } from './helpers';

describe('Wacom STU feature reports', () => {
  it('capability 09: big-endian max X @1, max Y @3, max pressure @5, screen width @7, height @9', () => {
    const reply = hex('09 25 80 17 70 03 FF 01 40 00 C8');
    const cap = decodeStuCapability(reply);
    expect(cap).toEqual({
      ok: true,
      value: { maxX: 9600, maxY: 6000, maxPressure: 1023, screenWidth: 320, screenHeight: 200 },
    });
    if (cap.ok) expect(toHex(encodeStuCapability(cap.value))).toBe(toHex(reply));
  });

  it('capability with a wrong ID, too short or zero-size is a typed error', () => {
    expect(decodeStuCapability(hex('08 25 80 17 70 03 FF 01 40 00 C8'))).toMatchObject({
      ok: false,
      error: { code: 'malformed', offset: 0 },
    });
    expect(decodeStuCapability(hex('09 25 80 17'))).toMatchObject({ ok: false, error: { code: 'malformed' } });
    expect(decodeStuCapability(hex('09 00 00 17 70 03 FF 01 40 00 C8'))).toMatchObject({
      ok: false,
      error: { offset: 1 },
    });
  });

  it('information 08: model name, firmware version', () => {
    expect(decodeStuInformation(hex('08 53 54 55 2D 34 33 30 01 07 00 00 00 00'))).toEqual({
      ok: true,
      value: { modelName: 'STU-430', firmwareMajor: 1, firmwareMinor: 7 },
    });
    expect(decodeStuInformation(hex('08 53 54 55 2D 35 33 00 02 0A'))).toMatchObject({
      ok: true,
      value: { modelName: 'STU-53' },
    });
    expect(decodeStuInformation(hex('08 53 01 55 2D 35 33 00 02 0A'))).toMatchObject({
      ok: false,
      error: { offset: 2 },
    });
  });

  it('status 03: state, last result, status word', () => {
    expect(decodeStuStatus(hex('03 00 00 00 00'))).toEqual({
      ok: true,
      value: { statusCode: 0, state: 'ready', lastResultCode: 0, statusWord: 0 },
    });
    expect(decodeStuStatus(hex('03 01 02 12 34'))).toEqual({
      ok: true,
      value: { statusCode: 1, state: 'image', lastResultCode: 2, statusWord: 0x1234 },
    });
    expect(decodeStuStatus(hex('03 77 00 00 00'))).toMatchObject({ ok: true, value: { state: 'unknown' } });
  });

  it('reset 04, clear 20, inking mode 21', () => {
    expect(toHex(encodeStuReset())).toBe('04 00');
    expect(toHex(encodeStuReset(true))).toBe('04 01');
    expect(toHex(encodeStuClearScreen())).toBe('20 00');
    expect(toHex(encodeStuInkingMode(true))).toBe('21 01');
    expect(toHex(encodeStuInkingMode(false))).toBe('21 00');
  });

  it('image 25/26/27: start mono, blocks of ≤253 bytes with LE length, end commit', () => {
    expect(toHex(encodeStuImageStart())).toBe('25 00');
    const block = encodeStuImageBlock(hex('FF 00 AA'));
    expect(block.length).toBe(256);
    expect(toHex(block.subarray(0, 6))).toBe('26 03 00 FF 00 AA');
    expect(block.subarray(6).every((b) => b === 0)).toBe(true);
    expect(toHex(encodeStuImageEnd())).toBe('27 00');
    expect(() => encodeStuImageBlock(new Uint8Array(STU_IMAGE_BLOCK_MAX + 1))).toThrow(RangeError);
    // 320×200 mono = 8000 bytes = 31 full blocks + 157.
    const upload = encodeStuImageUpload(new Uint8Array(8000).fill(0x5a));
    expect(upload.length).toBe(1 + 32 + 1);
    expect(toHex(upload[1].subarray(0, 3))).toBe('26 FD 00');
    expect(toHex(upload[32].subarray(0, 3))).toBe('26 9D 00');
    expect(upload[32][3 + 157]).toBe(0);
  });

  it('handwriting area 2A and pen colour/width 2D', () => {
    expect(toHex(encodeStuHandwritingArea({ x1: 0, y1: 36, x2: 319, y2: 155 }))).toBe('2A 00 00 24 00 3F 01 9B 00');
    expect(toHex(encodeStuPenColorAndWidth(0x001f, 2))).toBe('2D 1F 00 02');
    expect(() => encodeStuHandwritingArea({ x1: -1, y1: 0, x2: 1, y2: 1 })).toThrow(RangeError);
  });
});

describe('Wacom STU pen data', () => {
  it('01: pressure = (b0 & 0x0F) << 8 | b1, x and y big-endian after the report ID', () => {
    const pen = decodeStuPenData(hex('01 93 FF 12 C0 0B B8'));
    expect(pen).toMatchObject({
      ok: true,
      value: { pressure: 0x3ff, x: 0x12c0, y: 3000, tip: true, inRange: true, proximityBit: true, switchBit: true },
    });
    expect(decodeStuPenData(hex('01 80 00 12 C0 0B B8'))).toMatchObject({
      ok: true,
      value: { pressure: 0, tip: false, inRange: true },
    });
    expect(decodeStuPenData(hex('01 00 00 00 00 00 00'))).toMatchObject({
      ok: true,
      value: { tip: false, inRange: false },
    });
    expect(toHex(encodeStuPenData({ x: 0x12c0, y: 3000, pressure: 0x3ff, proximity: true }))).toBe(
      '01 93 FF 12 C0 0B B8',
    );
  });

  it('34: pen data with a device timestamp', () => {
    const pen = decodeStuPenData(hex('34 90 40 00 64 00 C8 01 F4'));
    expect(pen).toMatchObject({ ok: true, value: { pressure: 0x40, x: 100, y: 200, deviceTimeMs: 500 } });
    expect(toHex(encodeStuPenData({ x: 100, y: 200, pressure: 0x40, proximity: true, timeMs: 500 }))).toBe(
      '34 90 40 00 64 00 C8 01 F4',
    );
  });

  it('short or foreign reports are typed errors', () => {
    expect(decodeStuPenData(hex('01 93 FF 12'))).toMatchObject({ ok: false, error: { code: 'malformed', offset: 4 } });
    expect(decodeStuPenData(hex('34 90 40 00 64 00 C8'))).toMatchObject({ ok: false });
    expect(decodeStuPenData(hex('02 00 00 00 00 00 00'))).toMatchObject({ ok: false, error: { offset: 0 } });
    expect(decodeStuPenData(new Uint8Array(0))).toMatchObject({ ok: false });
  });
});

describe('Hanvon ESP370U', () => {
  it('output report 5 commands: init 88 70, open 11 70, close 22 70, re-sign 33 70', () => {
    expect(toHex(encodeHanvonCommand('init'))).toBe('05 88 70');
    expect(toHex(encodeHanvonCommand('open'))).toBe('05 11 70');
    expect(toHex(encodeHanvonCommand('close'))).toBe('05 22 70');
    expect(toHex(encodeHanvonCommand('resign'))).toBe('05 33 70');
    expect(decodeHanvonCommand(hex('05 33 70'))).toEqual({ ok: true, value: 'resign' });
    expect(decodeHanvonCommand(hex('05 44 70'))).toMatchObject({ ok: false, error: { offset: 1 } });
  });

  it('input report 2: status A0/A1/B0/E0, X, Y, pressure little-endian at 1, 3, 5', () => {
    expect(decodeHanvonReport(hex('02 B0 00 0C 00 10 00 02'))).toEqual({
      ok: true,
      value: { status: 'down', x: 0x0c00, y: 0x1000, pressure: 0x200, tip: true, inRange: true },
    });
    expect(decodeHanvonReport(hex('02 A1 FF 17 00 20 00 04'))).toMatchObject({
      ok: true,
      value: { status: 'move', x: 0x17ff, y: 0x2000, pressure: 0x400, tip: true },
    });
    expect(decodeHanvonReport(hex('02 A0 10 00 20 00 00 00'))).toMatchObject({
      ok: true,
      value: { status: 'hover', tip: false },
    });
    expect(decodeHanvonReport(hex('02 E0 10 00 20 00 00 00'))).toMatchObject({
      ok: true,
      value: { status: 'up', tip: false },
    });
    expect(toHex(encodeHanvonReport({ status: 'down', x: 0x0c00, y: 0x1000, pressure: 0x200 }))).toBe(
      '02 B0 00 0C 00 10 00 02',
    );
  });

  it('unknown status, beyond-range values and short reports are typed errors', () => {
    expect(decodeHanvonReport(hex('02 C0 00 0C 00 10 00 02'))).toMatchObject({ ok: false, error: { offset: 1 } });
    expect(decodeHanvonReport(hex('02 A1 01 18 00 10 00 02'))).toMatchObject({ ok: false, error: { offset: 2 } });
    expect(decodeHanvonReport(hex('02 A1 00'))).toMatchObject({ ok: false });
    expect(decodeHanvonReport(hex('03 A1 00 0C 00 10 00 02'))).toMatchObject({ ok: false, error: { offset: 0 } });
  });
});
