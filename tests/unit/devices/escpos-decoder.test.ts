import { describe, expect, it } from 'vitest';
import { escpos } from '../../../devices/printer/escpos-encoder';
import { decodeEscPos, scanEscPosCommand, type DecodedEscPos } from '../../../devices/printer/escpos-decoder';
import { hex } from './helpers';

const decodeOk = (bytes: Uint8Array): DecodedEscPos => {
  const result = decodeEscPos(bytes);
  if (!result.ok) throw new Error(`expected ok, got ${result.error.message} at ${result.error.offset}`);
  return result.value;
};

const decodeErr = (bytes: Uint8Array) => {
  const result = decodeEscPos(bytes);
  if (result.ok) throw new Error('expected a malformed error');
  return result.error;
};

describe('ESC/POS decoder round trips', () => {
  it('Chinese text survives GB18030 both ways, including four-byte characters', () => {
    const text = '国网城东营业厅 电费缴纳 𠀀 ABC-123';
    const bytes = escpos().init().chineseMode(true).line(text).line('第二行').encode();
    const decoded = decodeOk(bytes);
    expect(decoded.lines).toEqual([text, '第二行']);
    expect(decoded.text).toBe(`${text}\n第二行`);
  });

  it('auto-framed Chinese outside Chinese mode decodes the same', () => {
    const decoded = decodeOk(escpos().init().line('Total 合计 12.00').encode());
    expect(decoded.lines).toEqual(['Total 合计 12.00']);
  });

  it('QR payloads come back as UTF-8, only when printed', () => {
    const bytes = escpos()
      .qr('https://hall.example/q/A001?业务=电费')
      .raw(hex('1D 28 6B 07 00 31 50 30 41 42 43 44')) // stored, never printed
      .encode();
    expect(decodeOk(bytes).qr).toEqual(['https://hall.example/q/A001?业务=电费']);
  });

  it('barcodes, cuts and styling ops are typed', () => {
    const bytes = escpos()
      .init()
      .align('center')
      .bold(true)
      .doubleSize(true)
      .line('A001')
      .code128('T{20250301}')
      .cut('full')
      .line('next')
      .feedAndCut(5)
      .encode();
    const decoded = decodeOk(bytes);
    expect(decoded.barcodes).toEqual(['T{20250301}']);
    expect(decoded.cuts).toBe(2);
    expect(decoded.lines).toEqual(['A001', 'next']);
    expect(decoded.ops.slice(0, 4)).toEqual([
      { kind: 'init' },
      { kind: 'align', align: 'center' },
      { kind: 'bold', on: true },
      { kind: 'characterSize', width: 2, height: 2 },
    ]);
    expect(decoded.ops.filter((op) => op.kind === 'cut')).toEqual([
      { kind: 'cut', mode: 'full' },
      { kind: 'cut', mode: 'partial', feedDots: 5 },
    ]);
  });

  it('raster images keep their geometry and bits', () => {
    const pixels = Array.from({ length: 16 * 3 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const decoded = decodeOk(escpos().raster({ width: 16, height: 3, pixels }).encode());
    const raster = decoded.ops.find((op) => op.kind === 'raster');
    expect(raster).toMatchObject({ kind: 'raster', widthBytes: 2, height: 3 });
    if (raster?.kind !== 'raster') throw new Error('no raster');
    // Unpack and compare with the source bitmap.
    const unpacked = Array.from({ length: 16 * 3 }, (_, i) => {
      const y = Math.floor(i / 16);
      const x = i % 16;
      return (raster.data[y * 2 + (x >> 3)] >> (7 - (x & 7))) & 1;
    });
    expect(unpacked).toEqual(pixels);
  });

  it('feed n ends the current line and adds n-1 blank lines; trailing blanks are dropped', () => {
    const decoded = decodeOk(escpos().text('a').feed(3).text('b').feed(4).encode());
    expect(decoded.lines).toEqual(['a', '', '', 'b']);
  });

  it('ESC @ discards an unterminated line, as the printer clears its buffer', () => {
    expect(decodeOk(hex('41 42 1B 40 43 0A')).lines).toEqual(['C']);
  });

  it('single-byte text outside Chinese mode is PC437, not GB18030', () => {
    expect(decodeOk(hex('9C 0A')).lines).toEqual(['£']);
    expect(decodeOk(hex('1C 26 9C A3 0A')).lines).toEqual(['湥']);
  });

  it('status queries and ASB enable inside a stream are recognised', () => {
    const ops = decodeOk(hex('10 04 04 1D 61 FF 10 04 01')).ops;
    expect(ops).toEqual([
      { kind: 'statusQuery', n: 4 },
      { kind: 'automaticStatusBack', mask: 0xff },
      { kind: 'statusQuery', n: 1 },
    ]);
  });
});

describe('ESC/POS decoder errors are typed, with offsets', () => {
  it.each([
    ['truncated ESC', '1B', 0],
    ['truncated bold', '41 1B 45', 1],
    ['truncated QR store', '1D 28 6B 07 00 31 50 30 41', 0],
    ['truncated raster', '1D 76 30 00 02 00 02 00 FF', 0],
    ['truncated CODE128', '1D 6B 49 05 7B 42 31', 0],
    ['truncated cut with feed', '1D 56 42', 0],
  ])('%s', (_name, input, offset) => {
    const error = decodeErr(hex(input));
    expect(error.code).toBe('malformed');
    expect(error.message).toMatch(/truncated/);
    expect(error.offset).toBe(offset);
  });

  it.each([
    ['unknown ESC command', '0A 1B FF', 1],
    ['invalid alignment', '1B 61 07', 2],
    ['QR size out of range', '1D 28 6B 03 00 31 43 00', 7],
    ['QR size with wrong length', '1D 28 6B 04 00 31 43 06 00', 3],
    ['QR error level out of range', '1D 28 6B 03 00 31 45 34', 7],
    ['barcode without code set', '1D 6B 49 02 31 32', 4],
    ['unknown cut mode', '1D 56 07', 2],
    ['unknown DLE EOT', '10 04 09', 2],
  ])('%s', (_name, input, offset) => {
    const error = decodeErr(hex(input));
    expect(error.code).toBe('malformed');
    expect(error.offset).toBe(offset);
  });
});

describe('incremental framing for live streams', () => {
  it('a command split across chunks is incomplete, not malformed', () => {
    const bytes = escpos().qr('A001').encode();
    for (let cut = 1; cut < bytes.length; cut += 1) {
      let offset = 0;
      let result = scanEscPosCommand(bytes.subarray(0, cut), offset, false);
      while (result.type === 'command') {
        offset = result.end;
        result = scanEscPosCommand(bytes.subarray(0, cut), offset, false);
      }
      expect(result.type).toBe('incomplete');
    }
  });

  it('a text run at the end of a chunk waits for more bytes', () => {
    expect(scanEscPosCommand(hex('41 42'), 0, false).type).toBe('incomplete');
    expect(scanEscPosCommand(hex('41 42'), 0, true)).toMatchObject({ type: 'command', end: 2 });
    expect(scanEscPosCommand(hex('41 42 0A'), 0, false)).toMatchObject({ type: 'command', end: 2 });
  });
});
