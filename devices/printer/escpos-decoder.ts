/**
 * ESC/POS bytes → typed commands, the inverse of the encoder. Used by the printer simulator (to
 * frame a live stream and render receipts) and by tests. Pure and total: every input yields a value
 * or a typed `malformed` error with the offending offset; nothing throws.
 *
 * Two layers: `scanEscPosCommand` frames one command at a time and can say "incomplete" so a live
 * stream can wait for more bytes; `decodeEscPos` runs it over a whole buffer and interprets state
 * (Chinese mode for text, the stored QR payload, lines).
 */
import { decoded, malformed, type CodecResult } from '../codec-result';
import { decodeCodePage437, decodeGb18030, decodeUtf8, DLE, ESC, FS, GS } from './escpos-text';

export type QrErrorLevelName = 'L' | 'M' | 'Q' | 'H';

/** One framed command. `textBytes` stays raw here: its meaning depends on Chinese mode. */
export type EscPosCommand =
  | { kind: 'init' }
  | { kind: 'textBytes'; bytes: Uint8Array }
  | { kind: 'lineFeed' }
  | { kind: 'carriageReturn' }
  | { kind: 'tab' }
  | { kind: 'control'; byte: number }
  | { kind: 'feedLines'; lines: number }
  | { kind: 'feedDots'; dots: number }
  | { kind: 'chineseMode'; on: boolean }
  | { kind: 'bold'; on: boolean }
  | { kind: 'align'; align: 'left' | 'center' | 'right' }
  | { kind: 'characterSize'; width: number; height: number }
  | { kind: 'qrModel'; model: 1 | 2 | 'micro' }
  | { kind: 'qrSize'; size: number }
  | { kind: 'qrErrorLevel'; level: QrErrorLevelName }
  | { kind: 'qrStore'; data: string; byteLength: number }
  | { kind: 'qrPrint' }
  | { kind: 'extended'; fn: number; cn: number | null; params: Uint8Array }
  | { kind: 'barcode'; symbology: BarcodeSymbology; data: string }
  | { kind: 'raster'; mode: number; widthBytes: number; height: number; data: Uint8Array }
  | { kind: 'cut'; mode: 'full' | 'partial'; feedDots?: number }
  | { kind: 'statusQuery'; n: 1 | 2 | 3 | 4 }
  | { kind: 'realtimeRequest'; n: number }
  | { kind: 'realtimePulse'; params: Uint8Array }
  | { kind: 'automaticStatusBack'; mask: number }
  | { kind: 'setting'; command: string; params: number[] };

/** A decoded operation: like a command, with text already turned into Unicode. */
export type EscPosOp = Exclude<EscPosCommand, { kind: 'textBytes' }> | { kind: 'text'; text: string; chinese: boolean };

export type BarcodeSymbology =
  'UPC-A' | 'UPC-E' | 'EAN13' | 'EAN8' | 'CODE39' | 'ITF' | 'CODABAR' | 'CODE93' | 'CODE128';

export type ScanResult =
  | { type: 'command'; command: EscPosCommand; end: number }
  | { type: 'incomplete' }
  | { type: 'malformed'; message: string; offset: number };

export interface DecodedEscPos {
  /** `lines` joined with "\n". */
  text: string;
  /** Printed lines in order; trailing blank lines (paper feed) dropped. */
  lines: string[];
  /** Payloads of QR codes actually printed (store followed by print), decoded as UTF-8. */
  qr: string[];
  barcodes: string[];
  cuts: number;
  ops: EscPosOp[];
}

export interface DecodeOptions {
  /** Some Chinese printers power up with Chinese mode on (a DIP switch). Default: off, as ESC @ leaves it. */
  chineseModeDefault?: boolean;
}

/** Commands with a fixed number of parameter bytes that only change settings. */
const FIXED_SETTINGS: Record<number, Record<number, { name: string; params: number }>> = {
  [ESC]: {
    0x20: { name: 'ESC SP', params: 1 },
    0x21: { name: 'ESC !', params: 1 },
    0x24: { name: 'ESC $', params: 2 },
    0x2d: { name: 'ESC -', params: 1 },
    0x32: { name: 'ESC 2', params: 0 },
    0x33: { name: 'ESC 3', params: 1 },
    0x3d: { name: 'ESC =', params: 1 },
    0x47: { name: 'ESC G', params: 1 },
    0x4d: { name: 'ESC M', params: 1 },
    0x52: { name: 'ESC R', params: 1 },
    0x56: { name: 'ESC V', params: 1 },
    0x5c: { name: 'ESC \\', params: 2 },
    0x70: { name: 'ESC p', params: 3 },
    0x74: { name: 'ESC t', params: 1 },
    0x7b: { name: 'ESC {', params: 1 },
  },
  [GS]: {
    0x42: { name: 'GS B', params: 1 },
    0x48: { name: 'GS H', params: 1 },
    0x4c: { name: 'GS L', params: 2 },
    0x57: { name: 'GS W', params: 2 },
    0x66: { name: 'GS f', params: 1 },
    0x68: { name: 'GS h', params: 1 },
    0x77: { name: 'GS w', params: 1 },
  },
  [FS]: {
    0x21: { name: 'FS !', params: 1 },
    0x2d: { name: 'FS -', params: 1 },
    0x53: { name: 'FS S', params: 2 },
    0x57: { name: 'FS W', params: 1 },
  },
};

const BARCODE_NAMES: BarcodeSymbology[] = [
  'UPC-A',
  'UPC-E',
  'EAN13',
  'EAN8',
  'CODE39',
  'ITF',
  'CODABAR',
  'CODE93',
  'CODE128',
];
const QR_LEVELS: QrErrorLevelName[] = ['L', 'M', 'Q', 'H'];

const command = (cmd: EscPosCommand, end: number): ScanResult => ({ type: 'command', command: cmd, end });
const bad = (message: string, offset: number): ScanResult => ({ type: 'malformed', message, offset });
const INCOMPLETE: ScanResult = { type: 'incomplete' };
const hex = (b: number): string => b.toString(16).padStart(2, '0').toUpperCase();

/**
 * Frames the command starting at `offset`. With `final` false, a command cut off by the end of the
 * buffer (including a text run that may continue) is `incomplete`; with `final` true it is
 * `malformed` (text runs simply end).
 */
export function scanEscPosCommand(bytes: Uint8Array, offset: number, final: boolean): ScanResult {
  const truncated = (what: string): ScanResult => (final ? bad(`truncated ${what}`, offset) : INCOMPLETE);
  const available = bytes.length - offset;
  if (available <= 0) return INCOMPLETE;
  const b0 = bytes[offset];

  if (b0 >= 0x20) {
    // Text run: GB18030 multi-byte characters never contain bytes below 0x20, so a run ends at the
    // next control byte whatever the encoding.
    let end = offset;
    while (end < bytes.length && bytes[end] >= 0x20) end += 1;
    if (end === bytes.length && !final) return INCOMPLETE;
    return command({ kind: 'textBytes', bytes: bytes.subarray(offset, end) }, end);
  }
  switch (b0) {
    case 0x0a:
      return command({ kind: 'lineFeed' }, offset + 1);
    case 0x0d:
      return command({ kind: 'carriageReturn' }, offset + 1);
    case 0x09:
      return command({ kind: 'tab' }, offset + 1);
    case ESC:
    case GS:
    case FS:
    case DLE:
      break;
    default:
      // Other C0 bytes (NUL, FF, CAN…) carry no parameters; printers ignore or act on them alone.
      return command({ kind: 'control', byte: b0 }, offset + 1);
  }
  if (available < 2) return truncated(`command ${hex(b0)}`);
  const b1 = bytes[offset + 1];
  const name = `${hex(b0)} ${hex(b1)}`;
  // `has(n)`: the buffer holds at least n bytes of this command.
  const has = (n: number): boolean => available >= n;
  const at = (i: number): number => bytes[offset + i];

  if (b0 === DLE) {
    if (b1 === 0x04) {
      if (!has(3)) return truncated('DLE EOT');
      const n = at(2);
      if (n >= 1 && n <= 4) return command({ kind: 'statusQuery', n: n as 1 | 2 | 3 | 4 }, offset + 3);
      return bad(`DLE EOT with unsupported n=${n}`, offset + 2);
    }
    if (b1 === 0x05) {
      if (!has(3)) return truncated('DLE ENQ');
      return command({ kind: 'realtimeRequest', n: at(2) }, offset + 3);
    }
    if (b1 === 0x14) {
      if (!has(3)) return truncated('DLE DC4');
      const fn = at(2);
      if (fn !== 1 && fn !== 2) return bad(`DLE DC4 with unsupported fn=${fn}`, offset + 2);
      if (!has(5)) return truncated('DLE DC4');
      return command({ kind: 'realtimePulse', params: bytes.subarray(offset + 2, offset + 5) }, offset + 5);
    }
    return bad(`unsupported real-time command ${name}`, offset);
  }

  if (b0 === ESC) {
    switch (b1) {
      case 0x40:
        return command({ kind: 'init' }, offset + 2);
      case 0x45:
        if (!has(3)) return truncated('ESC E');
        return command({ kind: 'bold', on: (at(2) & 1) === 1 }, offset + 3);
      case 0x61: {
        if (!has(3)) return truncated('ESC a');
        const n = at(2);
        const align =
          n === 0 || n === 0x30 ? 'left' : n === 1 || n === 0x31 ? 'center' : n === 2 || n === 0x32 ? 'right' : null;
        if (align === null) return bad(`ESC a with invalid alignment ${n}`, offset + 2);
        return command({ kind: 'align', align }, offset + 3);
      }
      case 0x64:
        if (!has(3)) return truncated('ESC d');
        return command({ kind: 'feedLines', lines: at(2) }, offset + 3);
      case 0x4a:
        if (!has(3)) return truncated('ESC J');
        return command({ kind: 'feedDots', dots: at(2) }, offset + 3);
      case 0x63: {
        // ESC c 3/4/5 n — paper sensor and panel settings.
        if (!has(3)) return truncated('ESC c');
        const sub = at(2);
        if (sub < 0x33 || sub > 0x35) return bad(`ESC c with unsupported function ${sub}`, offset + 2);
        if (!has(4)) return truncated('ESC c');
        return command({ kind: 'setting', command: `ESC c ${String.fromCharCode(sub)}`, params: [at(3)] }, offset + 4);
      }
      default:
        break;
    }
  }

  if (b0 === FS) {
    if (b1 === 0x26) return command({ kind: 'chineseMode', on: true }, offset + 2);
    if (b1 === 0x2e) return command({ kind: 'chineseMode', on: false }, offset + 2);
  }

  if (b0 === GS) {
    switch (b1) {
      case 0x21: {
        if (!has(3)) return truncated('GS !');
        const n = at(2);
        if ((n & 0x88) !== 0) return bad(`GS ! with invalid size 0x${hex(n)}`, offset + 2);
        return command({ kind: 'characterSize', width: (n >> 4) + 1, height: (n & 0x07) + 1 }, offset + 3);
      }
      case 0x56:
        return scanCut(bytes, offset, final);
      case 0x28:
        return scanExtended(bytes, offset, final);
      case 0x6b:
        return scanBarcode(bytes, offset, final);
      case 0x76:
        return scanRaster(bytes, offset, final);
      case 0x61:
        if (!has(3)) return truncated('GS a');
        return command({ kind: 'automaticStatusBack', mask: at(2) }, offset + 3);
      default:
        break;
    }
  }

  const fixed = FIXED_SETTINGS[b0]?.[b1];
  if (fixed) {
    if (!has(2 + fixed.params)) return truncated(fixed.name);
    return command(
      {
        kind: 'setting',
        command: fixed.name,
        params: Array.from(bytes.subarray(offset + 2, offset + 2 + fixed.params)),
      },
      offset + 2 + fixed.params,
    );
  }
  return bad(`unsupported command ${name}`, offset);
}

function scanCut(bytes: Uint8Array, offset: number, final: boolean): ScanResult {
  const available = bytes.length - offset;
  if (available < 3) return final ? bad('truncated GS V', offset) : INCOMPLETE;
  const m = bytes[offset + 2];
  if (m === 0x00 || m === 0x30) return command({ kind: 'cut', mode: 'full' }, offset + 3);
  if (m === 0x01 || m === 0x31) return command({ kind: 'cut', mode: 'partial' }, offset + 3);
  // 65/66 feed then cut, 97/98 feed to the cut position then cut, 103/104 reserve the cut.
  const withFeed: Record<number, 'full' | 'partial'> = {
    0x41: 'full',
    0x42: 'partial',
    0x61: 'full',
    0x62: 'partial',
    0x67: 'full',
    0x68: 'partial',
  };
  const mode = withFeed[m];
  if (!mode) return bad(`GS V with invalid mode ${m}`, offset + 2);
  if (available < 4) return final ? bad('truncated GS V', offset) : INCOMPLETE;
  return command({ kind: 'cut', mode, feedDots: bytes[offset + 3] }, offset + 4);
}

/** GS ( fn pL pH … — one length-prefixed family; GS ( k with cn 0x31 is QR. */
function scanExtended(bytes: Uint8Array, offset: number, final: boolean): ScanResult {
  const available = bytes.length - offset;
  if (available < 5) return final ? bad('truncated GS (', offset) : INCOMPLETE;
  const fn = bytes[offset + 2];
  const length = bytes[offset + 3] + 256 * bytes[offset + 4];
  const end = offset + 5 + length;
  if (end > bytes.length)
    return final ? bad(`truncated GS ( ${String.fromCharCode(fn)}: needs ${length} bytes`, offset) : INCOMPLETE;
  const body = bytes.subarray(offset + 5, end);
  if (fn !== 0x6b) return command({ kind: 'extended', fn, cn: null, params: body }, end);
  if (length < 2) return bad('GS ( k shorter than cn fn', offset + 3);
  const cn = body[0];
  const qfn = body[1];
  if (cn !== 0x31) return command({ kind: 'extended', fn, cn, params: body.subarray(1) }, end);
  const expectLength = (n: number, what: string): ScanResult | null =>
    length === n ? null : bad(`QR ${what}: length must be ${n}, got ${length}`, offset + 3);
  switch (qfn) {
    case 0x41: {
      const wrong = expectLength(4, 'model');
      if (wrong) return wrong;
      const model = body[2] === 0x31 ? 1 : body[2] === 0x32 ? 2 : body[2] === 0x33 ? 'micro' : null;
      if (model === null) return bad(`QR model ${body[2]} unknown`, offset + 7);
      return command({ kind: 'qrModel', model }, end);
    }
    case 0x43: {
      const wrong = expectLength(3, 'size');
      if (wrong) return wrong;
      const size = body[2];
      if (size < 1 || size > 16) return bad(`QR module size ${size} out of 1..16`, offset + 7);
      return command({ kind: 'qrSize', size }, end);
    }
    case 0x45: {
      const wrong = expectLength(3, 'error level');
      if (wrong) return wrong;
      const level = QR_LEVELS[body[2] - 0x30];
      if (!level) return bad(`QR error level ${body[2]} out of 48..51`, offset + 7);
      return command({ kind: 'qrErrorLevel', level }, end);
    }
    case 0x50: {
      if (length < 3) return bad('QR store without m', offset + 3);
      if (body[2] !== 0x30) return bad(`QR store with m=${body[2]} (must be 48)`, offset + 7);
      const data = body.subarray(3);
      return command({ kind: 'qrStore', data: decodeUtf8(data), byteLength: data.length }, end);
    }
    case 0x51: {
      const wrong = expectLength(3, 'print');
      if (wrong) return wrong;
      if (body[2] !== 0x30) return bad(`QR print with m=${body[2]} (must be 48)`, offset + 7);
      return command({ kind: 'qrPrint' }, end);
    }
    default:
      return command({ kind: 'extended', fn, cn, params: body.subarray(1) }, end);
  }
}

/** GS k m … — m 0..6 NUL-terminated data, m 65..73 a length byte then data. */
function scanBarcode(bytes: Uint8Array, offset: number, final: boolean): ScanResult {
  const available = bytes.length - offset;
  if (available < 3) return final ? bad('truncated GS k', offset) : INCOMPLETE;
  const m = bytes[offset + 2];
  if (m <= 6) {
    const symbology = BARCODE_NAMES[m];
    let end = offset + 3;
    while (end < bytes.length && bytes[end] !== 0x00 && end - offset - 3 < 255) end += 1;
    if (end - offset - 3 >= 255) return bad('GS k data without NUL terminator within 255 bytes', offset + 3);
    if (end >= bytes.length) return final ? bad('truncated GS k: no NUL terminator', offset) : INCOMPLETE;
    return command({ kind: 'barcode', symbology, data: latin1(bytes.subarray(offset + 3, end)) }, end + 1);
  }
  if (m >= 65 && m <= 73) {
    const symbology = BARCODE_NAMES[m - 65];
    if (available < 4) return final ? bad('truncated GS k', offset) : INCOMPLETE;
    const n = bytes[offset + 3];
    const end = offset + 4 + n;
    if (end > bytes.length) return final ? bad(`truncated GS k: needs ${n} data bytes`, offset) : INCOMPLETE;
    const raw = bytes.subarray(offset + 4, end);
    if (symbology !== 'CODE128') return command({ kind: 'barcode', symbology, data: latin1(raw) }, end);
    const text = decodeCode128(raw);
    if (!text.ok) return bad(text.message, offset + 4 + text.index);
    return command({ kind: 'barcode', symbology, data: text.value }, end);
  }
  return bad(`GS k with unknown symbology ${m}`, offset + 2);
}

const latin1 = (bytes: Uint8Array): string => String.fromCharCode(...bytes);

/** ESC/POS CODE128 data: `{A` `{B` `{C` select code sets, `{{` is a literal brace, `{1`..`{4` FNC, `{S` shift. */
function decodeCode128(raw: Uint8Array): { ok: true; value: string } | { ok: false; message: string; index: number } {
  let set: 'A' | 'B' | 'C' | null = null;
  let out = '';
  for (let i = 0; i < raw.length; i += 1) {
    const b = raw[i];
    if (b === 0x7b) {
      if (i + 1 >= raw.length) return { ok: false, message: 'CODE128 data ends with a lone "{"', index: i };
      const c = raw[i + 1];
      i += 1;
      if (c === 0x41 || c === 0x42 || c === 0x43) set = String.fromCharCode(c) as 'A' | 'B' | 'C';
      else if (c === 0x7b && set !== null && set !== 'C') out += '{';
      else if (c === 0x53 || (c >= 0x31 && c <= 0x34)) continue;
      else return { ok: false, message: `CODE128 invalid escape "{${String.fromCharCode(c)}"`, index: i - 1 };
      continue;
    }
    if (set === null) return { ok: false, message: 'CODE128 data must start with a code set ({A, {B or {C)', index: i };
    if (set === 'C') {
      if (b > 99) return { ok: false, message: `CODE128 code set C value ${b} > 99`, index: i };
      out += String(b).padStart(2, '0');
    } else {
      out += String.fromCharCode(b);
    }
  }
  return { ok: true, value: out };
}

/** GS v 0 m xL xH yL yH d1…dk, k = (xL + 256·xH) · (yL + 256·yH). */
function scanRaster(bytes: Uint8Array, offset: number, final: boolean): ScanResult {
  const available = bytes.length - offset;
  if (available < 8) return final ? bad('truncated GS v 0', offset) : INCOMPLETE;
  if (bytes[offset + 2] !== 0x30) return bad(`GS v with unsupported function ${bytes[offset + 2]}`, offset + 2);
  const m = bytes[offset + 3];
  if (!(m <= 3 || (m >= 0x30 && m <= 0x33))) return bad(`GS v 0 with invalid mode ${m}`, offset + 3);
  const widthBytes = bytes[offset + 4] + 256 * bytes[offset + 5];
  const height = bytes[offset + 6] + 256 * bytes[offset + 7];
  if (widthBytes === 0 || height === 0) return bad('GS v 0 with an empty image', offset + 4);
  const end = offset + 8 + widthBytes * height;
  if (end > bytes.length)
    return final ? bad(`truncated GS v 0: needs ${widthBytes * height} data bytes`, offset) : INCOMPLETE;
  return command({ kind: 'raster', mode: m & 0x03, widthBytes, height, data: bytes.subarray(offset + 8, end) }, end);
}

/** Decodes a complete ESC/POS stream (a receipt, a job, a capture). */
export function decodeEscPos(bytes: Uint8Array, options: DecodeOptions = {}): CodecResult<DecodedEscPos> {
  const ops: EscPosOp[] = [];
  const lines: string[] = [];
  const qr: string[] = [];
  const barcodes: string[] = [];
  let cuts = 0;
  let chinese = options.chineseModeDefault ?? false;
  let current = '';
  let storedQr: string | null = null;
  const endLine = (): void => {
    lines.push(current);
    current = '';
  };

  let offset = 0;
  while (offset < bytes.length) {
    const scan = scanEscPosCommand(bytes, offset, true);
    if (scan.type === 'malformed') return malformed(scan.message, scan.offset);
    // With final=true only an empty tail is incomplete, and the loop condition rules that out.
    if (scan.type === 'incomplete') return malformed('unexpected end of input', offset);
    const cmd = scan.command;
    offset = scan.end;
    switch (cmd.kind) {
      case 'textBytes': {
        const text = chinese ? decodeGb18030(cmd.bytes) : decodeCodePage437(cmd.bytes);
        current += text;
        ops.push({ kind: 'text', text, chinese });
        continue;
      }
      case 'init':
        // ESC @ clears the print buffer: an unterminated line is never printed.
        current = '';
        chinese = options.chineseModeDefault ?? false;
        storedQr = null;
        break;
      case 'chineseMode':
        chinese = cmd.on;
        break;
      case 'lineFeed':
        endLine();
        break;
      case 'tab':
        current += '\t';
        break;
      case 'feedLines':
        // Prints the buffer, then feeds: n line advances in all, the first ends the current line.
        if (cmd.lines > 0 || current.length > 0) endLine();
        for (let i = 1; i < cmd.lines; i += 1) endLine();
        break;
      case 'qrStore':
        storedQr = cmd.data;
        break;
      case 'qrPrint':
        if (storedQr !== null) qr.push(storedQr);
        break;
      case 'barcode':
        barcodes.push(cmd.data);
        break;
      case 'cut':
        if (current.length > 0) endLine();
        cuts += 1;
        break;
      default:
        break;
    }
    ops.push(cmd);
  }
  if (current.length > 0) endLine();
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  return decoded({ text: lines.join('\n'), lines, qr, barcodes, cuts, ops });
}
