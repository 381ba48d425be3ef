/**
 * ESC/POS builder: chain commands, call encode() for the bytes. Byte layouts follow docs/devices.md
 * "Receipt printers (ESC/POS)". Invalid arguments are programmer errors and throw
 * EscPosEncodeError at the call that made them, so a bad template fails in its unit test rather
 * than printing garbage in the hall.
 */
import { encodeGb18030, encodeUtf8, ESC, FS, GS, LF, isAscii } from './escpos-text';

export type Align = 'left' | 'center' | 'right';
export type CutMode = 'full' | 'partial';
export type QrErrorLevel = 'L' | 'M' | 'Q' | 'H';
export type HriPosition = 'none' | 'above' | 'below' | 'both';

/** 1-bit image: row-major, one entry per pixel, non-zero = black (dot printed). */
export interface MonoBitmap {
  width: number;
  height: number;
  pixels: ArrayLike<number>;
}

export class EscPosEncodeError extends Error {
  readonly code = 'invalid_argument' as const;
  constructor(message: string) {
    super(message);
    this.name = 'EscPosEncodeError';
  }
}

const ALIGN_CODE: Record<Align, number> = { left: 0, center: 1, right: 2 };
const QR_LEVEL_CODE: Record<QrErrorLevel, number> = { L: 0x30, M: 0x31, Q: 0x32, H: 0x33 };
const HRI_CODE: Record<HriPosition, number> = { none: 0, above: 1, below: 2, both: 3 };
/** GS ( k pL pH counts cn + fn + m (3 bytes) before the data; two bytes of length cap it. */
const QR_MAX_DATA_BYTES = 0xffff - 3;

function assertInt(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new EscPosEncodeError(`${name} must be an integer in ${min}..${max}, got ${value}`);
  }
}

/**
 * Control characters inside text would be executed as commands (a hall name containing ESC could
 * reconfigure the printer): keep line breaks and tabs, drop the rest.
 */
function sanitize(text: string): string {
  const normalized = text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ');
  let out = '';
  for (const char of normalized) {
    const code = char.charCodeAt(0);
    if (char === '\n' || (code >= 0x20 && code !== 0x7f)) out += char;
  }
  return out;
}

export class EscPosEncoder {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;
  private chinese = false;

  private push(...bytes: number[]): this {
    return this.pushBytes(Uint8Array.from(bytes));
  }

  /** Chunks, not spread arguments: a raster image is far larger than any argument list. */
  private pushBytes(bytes: Uint8Array): this {
    this.chunks.push(bytes);
    this.size += bytes.length;
    return this;
  }

  /** ESC @ — clears the buffer and modes; we assume Chinese mode is off afterwards. */
  init(): this {
    this.chinese = false;
    return this.push(ESC, 0x40);
  }

  /** FS & / FS . — double-byte (GB18030) text on or off. */
  chineseMode(on: boolean): this {
    this.chinese = on;
    return on ? this.push(FS, 0x26) : this.push(FS, 0x2e);
  }

  /**
   * Text without a line feed. Non-ASCII text outside Chinese mode is framed with FS & … FS . so it
   * can never be printed through the single-byte code page by mistake.
   */
  text(value: string): this {
    const lines = sanitize(value).split('\n');
    lines.forEach((line, index) => {
      if (index > 0) this.push(LF);
      if (line.length === 0) return;
      if (this.chinese || isAscii(line)) {
        this.pushBytes(encodeGb18030(line));
      } else {
        this.push(FS, 0x26).pushBytes(encodeGb18030(line)).push(FS, 0x2e);
      }
    });
    return this;
  }

  /** Text followed by a line feed (LF prints the line). */
  line(value = ''): this {
    return this.text(value).push(LF);
  }

  newline(count = 1): this {
    assertInt('newline count', count, 0, 255);
    for (let i = 0; i < count; i += 1) this.push(LF);
    return this;
  }

  /** ESC d n — print the buffer and feed n lines. */
  feed(lines: number): this {
    assertInt('feed lines', lines, 0, 255);
    return this.push(ESC, 0x64, lines);
  }

  /** ESC E n */
  bold(on: boolean): this {
    return this.push(ESC, 0x45, on ? 1 : 0);
  }

  /** GS ! 0x11 / 0x00 — double width and height, or back to normal. */
  doubleSize(on: boolean): this {
    return this.push(GS, 0x21, on ? 0x11 : 0x00);
  }

  /** GS ! n — width and height magnification 1..8 each. */
  textSize(width: number, height: number): this {
    assertInt('text width', width, 1, 8);
    assertInt('text height', height, 1, 8);
    return this.push(GS, 0x21, ((width - 1) << 4) | (height - 1));
  }

  /** ESC a n */
  align(align: Align): this {
    return this.push(ESC, 0x61, ALIGN_CODE[align]);
  }

  /**
   * Model 2 QR: model, module size, error level, store, print. The store length counts the payload's
   * UTF-8 *bytes* (+3), not its characters — Chinese content is 3 bytes a character.
   */
  qr(data: string, options: { size?: number; errorLevel?: QrErrorLevel } = {}): this {
    const size = options.size ?? 6;
    assertInt('QR module size', size, 1, 16);
    const payload = encodeUtf8(data);
    if (payload.length === 0) throw new EscPosEncodeError('QR data must not be empty');
    if (payload.length > QR_MAX_DATA_BYTES) throw new EscPosEncodeError(`QR data too long: ${payload.length} bytes`);
    const length = payload.length + 3;
    return this.push(GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00)
      .push(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, size)
      .push(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, QR_LEVEL_CODE[options.errorLevel ?? 'M'])
      .push(GS, 0x28, 0x6b, length & 0xff, length >> 8, 0x31, 0x50, 0x30)
      .pushBytes(payload)
      .push(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30);
  }

  /**
   * CODE128 in code set B (printable ASCII). `{` is the code-set escape in ESC/POS data, so a literal
   * `{` is sent as `{{`.
   */
  code128(data: string, options: { height?: number; hri?: HriPosition } = {}): this {
    if (!/^[\x20-\x7e]+$/.test(data))
      throw new EscPosEncodeError('CODE128 (code set B) takes 1+ printable ASCII characters');
    const body = [0x7b, 0x42, ...Array.from(data.replace(/\{/g, '{{'), (c) => c.charCodeAt(0))];
    if (body.length > 255) throw new EscPosEncodeError(`CODE128 data too long: ${body.length} bytes`);
    if (options.height !== undefined) {
      assertInt('barcode height', options.height, 1, 255);
      this.push(GS, 0x68, options.height);
    }
    if (options.hri !== undefined) this.push(GS, 0x48, HRI_CODE[options.hri]);
    return this.push(GS, 0x6b, 0x49, body.length, ...body);
  }

  /** GS v 0 m xL xH yL yH d… — raster bit image, 8 dots a byte, most significant bit leftmost. */
  raster(bitmap: MonoBitmap): this {
    const { width, height, pixels } = bitmap;
    assertInt('raster width', width, 1, 0xffff);
    assertInt('raster height', height, 1, 0xffff);
    if (pixels.length !== width * height) {
      throw new EscPosEncodeError(`raster pixels: expected ${width * height}, got ${pixels.length}`);
    }
    const widthBytes = Math.ceil(width / 8);
    if (widthBytes > 0xffff) throw new EscPosEncodeError('raster too wide');
    const data = new Uint8Array(widthBytes * height);
    for (let y = 0; y < height; y += 1) {
      for (let x = 0; x < width; x += 1) {
        if (pixels[y * width + x]) data[y * widthBytes + (x >> 3)] |= 0x80 >> (x & 7);
      }
    }
    return this.push(GS, 0x76, 0x30, 0x00, widthBytes & 0xff, widthBytes >> 8, height & 0xff, height >> 8).pushBytes(
      data,
    );
  }

  /** GS V 0 (full) / GS V 1 (partial): cut at the current position. */
  cut(mode: CutMode = 'partial'): this {
    return this.push(GS, 0x56, mode === 'full' ? 0x00 : 0x01);
  }

  /** GS V 65|66 n: feed n dots, then cut (so the last line clears the cutter). */
  feedAndCut(dots: number, mode: CutMode = 'partial'): this {
    assertInt('feed dots', dots, 0, 255);
    return this.push(GS, 0x56, mode === 'full' ? 0x41 : 0x42, dots);
  }

  /** Escape hatch for commands this builder doesn't know; you own their correctness. */
  raw(bytes: ArrayLike<number>): this {
    return this.pushBytes(Uint8Array.from(bytes));
  }

  get length(): number {
    return this.size;
  }

  encode(): Uint8Array {
    const out = new Uint8Array(this.size);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }
}

export const escpos = (): EscPosEncoder => new EscPosEncoder();
