import { describe, expect, it } from 'vitest';
import { escpos, EscPosEncodeError } from '../../../devices/printer/escpos-encoder';
import { hex, toHex } from './helpers';

/** Golden vectors: every command in docs/devices.md "Receipt printers (ESC/POS)", byte for byte. */
const golden = (build: (e: ReturnType<typeof escpos>) => unknown, expected: string): void => {
  const encoder = escpos();
  build(encoder);
  expect(toHex(encoder.encode())).toBe(toHex(hex(expected)));
};

describe('ESC/POS encoder golden vectors', () => {
  it('init is ESC @', () => golden((e) => e.init(), '1B 40'));

  it('Chinese mode on/off is FS & / FS .', () => {
    golden((e) => e.chineseMode(true), '1C 26');
    golden((e) => e.chineseMode(false), '1C 2E');
  });

  it('text in Chinese mode is GB18030', () => {
    golden((e) => e.chineseMode(true).text('电费缴纳'), '1C 26 B5 E7 B7 D1 BD C9 C4 C9');
    golden((e) => e.chineseMode(true).line('您'), '1C 26 C4 FA 0A');
  });

  it('non-ASCII text outside Chinese mode is framed by FS & … FS .', () => {
    golden((e) => e.text('电费'), '1C 26 B5 E7 B7 D1 1C 2E');
    golden((e) => e.text('A1'), '41 31');
  });

  it('characters beyond GBK use GB18030 four-byte sequences', () => {
    golden((e) => e.chineseMode(true).text('\u{20000}'), '1C 26 95 32 82 36');
  });

  it('control characters in text cannot inject commands', () => {
    golden((e) => e.text('a\x1b@b\x1d'), '61 40 62');
    golden((e) => e.text('a\r\nb'), '61 0A 62');
  });

  it('bold is ESC E n', () => {
    golden((e) => e.bold(true), '1B 45 01');
    golden((e) => e.bold(false), '1B 45 00');
  });

  it('double size is GS ! 0x11, normal GS ! 0x00', () => {
    golden((e) => e.doubleSize(true), '1D 21 11');
    golden((e) => e.doubleSize(false), '1D 21 00');
    golden((e) => e.textSize(3, 2), '1D 21 21');
  });

  it('align is ESC a 0|1|2', () => {
    golden((e) => e.align('left'), '1B 61 00');
    golden((e) => e.align('center'), '1B 61 01');
    golden((e) => e.align('right'), '1B 61 02');
  });

  it('line feed and feed', () => {
    golden((e) => e.newline(2), '0A 0A');
    golden((e) => e.feed(3), '1B 64 03');
  });

  it('QR for "A001": model, size, error level, store (pL = 4 + 3), print', () => {
    golden(
      (e) => e.qr('A001'),
      `1D 28 6B 04 00 31 41 32 00
       1D 28 6B 03 00 31 43 06
       1D 28 6B 03 00 31 45 31
       1D 28 6B 07 00 31 50 30 41 30 30 31
       1D 28 6B 03 00 31 51 30`,
    );
  });

  it('QR store length counts UTF-8 bytes, not characters (4 Chinese chars = 12 bytes, pL = 15)', () => {
    golden(
      (e) => e.qr('电费缴纳', { size: 8, errorLevel: 'H' }),
      `1D 28 6B 04 00 31 41 32 00
       1D 28 6B 03 00 31 43 08
       1D 28 6B 03 00 31 45 33
       1D 28 6B 0F 00 31 50 30 E7 94 B5 E8 B4 B9 E7 BC B4 E7 BA B3
       1D 28 6B 03 00 31 51 30`,
    );
  });

  it('QR error levels L..H are 0x30..0x33', () => {
    for (const [level, code] of [
      ['L', '30'],
      ['M', '31'],
      ['Q', '32'],
      ['H', '33'],
    ] as const) {
      const bytes = escpos().qr('x', { errorLevel: level }).encode();
      expect(toHex(bytes.subarray(17, 25))).toBe(`1D 28 6B 03 00 31 45 ${code}`);
    }
  });

  it('QR store length uses pH for payloads over 252 bytes', () => {
    const bytes = escpos().qr('x'.repeat(300)).encode();
    // 300 + 3 = 303 = 0x012F
    expect(toHex(bytes.subarray(25, 33))).toBe('1D 28 6B 2F 01 31 50 30');
    expect(bytes.length).toBe(9 + 8 + 8 + 8 + 300 + 8);
  });

  it('CODE128 is GS k 73 n {B data, with { escaped', () => {
    golden((e) => e.code128('12345'), '1D 6B 49 07 7B 42 31 32 33 34 35');
    golden((e) => e.code128('a{b'), '1D 6B 49 06 7B 42 61 7B 7B 62');
    golden((e) => e.code128('A1', { height: 80, hri: 'below' }), '1D 68 50 1D 48 02 1D 6B 49 04 7B 42 41 31');
  });

  it('raster image is GS v 0 m xL xH yL yH with MSB-first rows padded to bytes', () => {
    // 10 x 2: row 0 = first and last pixel black, row 1 = all black.
    const pixels = [1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
    golden((e) => e.raster({ width: 10, height: 2, pixels }), '1D 76 30 00 02 00 02 00 80 40 FF C0');
  });

  it('cut variants: GS V 0|1 and GS V 65|66 n', () => {
    golden((e) => e.cut('full'), '1D 56 00');
    golden((e) => e.cut('partial'), '1D 56 01');
    golden((e) => e.feedAndCut(3), '1D 56 42 03');
    golden((e) => e.feedAndCut(16, 'full'), '1D 56 41 10');
  });

  it('rejects invalid arguments with a typed error', () => {
    expect(() => escpos().qr('')).toThrow(EscPosEncodeError);
    expect(() => escpos().qr('x', { size: 17 })).toThrow(EscPosEncodeError);
    expect(() => escpos().code128('电费')).toThrow(EscPosEncodeError);
    expect(() => escpos().code128('x'.repeat(254))).toThrow(EscPosEncodeError);
    expect(() => escpos().raster({ width: 3, height: 2, pixels: [1, 0] })).toThrow(EscPosEncodeError);
    expect(() => escpos().feed(256)).toThrow(EscPosEncodeError);
    expect(() => escpos().textSize(0, 1)).toThrow(EscPosEncodeError);
  });

  it('init resets the tracked Chinese mode, so later CJK text is framed again', () => {
    golden((e) => e.chineseMode(true).init().text('电'), '1C 26 1B 40 1C 26 B5 E7 1C 2E');
  });
});
