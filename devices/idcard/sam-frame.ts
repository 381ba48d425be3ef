/**
 * GA 467-2013 SAM frames, both directions (the reader driver encodes commands and decodes replies;
 * the simulator does the opposite):
 *
 *   AA AA AA 96 69 | LEN_H LEN_L | payload | CHK
 *
 * LEN counts every byte after the length field, CHK included; CHK is the XOR of LEN_H … the byte
 * before CHK. Host payload = CMD PARA; reply payload = SW1 SW2 SW3 [data]. Pure: bytes in, typed
 * frames or typed errors out, never a throw.
 */
import { decoded, type CodecError, type CodecResult } from '../codec-result';

export const PREAMBLE: readonly number[] = [0xaa, 0xaa, 0xaa, 0x96, 0x69];
/** Preamble + LEN_H + LEN_L. */
export const HEADER_LENGTH = PREAMBLE.length + 2;
/** The smallest sensible LEN: two payload bytes (CMD PARA) and CHK. */
export const MIN_LEN = 3;
/**
 * The largest reply a reader sends is 30 10 (3 SW + 6 length bytes + 256 + 1024 + 1024 + CHK =
 * 2314). A corrupt LEN must not make the reader wait for 64 KiB that never come, so anything beyond
 * this limit is a length error.
 */
export const MAX_LEN = 4096;

export type SamFrameErrorCode = 'bad_preamble' | 'bad_length' | 'bad_checksum' | 'truncated';

/** Host commands (CMD, PARA) as named in docs/devices.md. */
export const SAM_COMMANDS = {
  samStatus: [0x11, 0xff],
  samId: [0x12, 0xff],
  findCard: [0x20, 0x01],
  selectCard: [0x20, 0x02],
  readText: [0x30, 0x01],
  readAppendedAddress: [0x30, 0x03],
  readWithFingerprint: [0x30, 0x10],
} as const satisfies Record<string, readonly [number, number]>;

export type SamCommandName = keyof typeof SAM_COMMANDS;

/** Every SW3 a SAM answers with (GA 467 table), as a code the driver can switch on. */
export const SAM_STATUS = {
  0x90: { code: 'ok', message: 'operation succeeded' },
  0x9f: { code: 'card_found', message: 'card found' },
  0x91: { code: 'no_content', message: 'no such content on the card' },
  0x80: { code: 'no_card', message: 'find card failed: no card on the reader' },
  0x81: { code: 'select_failed', message: 'select card failed' },
  0x10: { code: 'checksum_error', message: 'SAM received a frame with a bad checksum' },
  0x11: { code: 'length_error', message: 'SAM received a frame with a bad length' },
  0x21: { code: 'command_error', message: 'SAM does not know the command' },
  0x23: { code: 'unauthorised', message: 'operation not authorised' },
  0x31: { code: 'auth_failed', message: 'card authentication of SAM failed' },
  0x32: { code: 'auth_failed', message: 'SAM authentication of card failed' },
  0x33: { code: 'verification_error', message: 'information verification error' },
  0x40: { code: 'unknown_card_type', message: 'unknown card type' },
  0x41: { code: 'read_failed', message: 'reading the card failed' },
  0x60: { code: 'sam_self_test_failed', message: 'SAM self-test failed' },
  0x66: { code: 'sam_not_authorised', message: 'SAM not authorised' },
} as const;

type KnownSw3 = keyof typeof SAM_STATUS;
export type SamStatusCode = (typeof SAM_STATUS)[KnownSw3]['code'] | 'unknown_status';

export interface SamStatus {
  sw3: number;
  code: SamStatusCode;
  message: string;
}

export function samStatus(sw3: number): SamStatus {
  const known = (SAM_STATUS as Record<number, { code: SamStatusCode; message: string } | undefined>)[sw3];
  const hex = sw3.toString(16).padStart(2, '0').toUpperCase();
  return known ? { sw3, ...known } : { sw3, code: 'unknown_status', message: `unknown SW3 0x${hex}` };
}

/** XOR of bytes[from, to). */
export function xorChecksum(bytes: Uint8Array, from: number, to: number): number {
  let chk = 0;
  for (let i = from; i < to; i++) chk ^= bytes[i];
  return chk;
}

/** Wraps any payload (host command or reply) in a frame. */
export function encodeFrame(payload: Uint8Array): Uint8Array {
  const len = payload.length + 1;
  const frame = new Uint8Array(HEADER_LENGTH + len);
  frame.set(PREAMBLE, 0);
  frame[5] = (len >> 8) & 0xff;
  frame[6] = len & 0xff;
  frame.set(payload, HEADER_LENGTH);
  frame[frame.length - 1] = xorChecksum(frame, 5, frame.length - 1);
  return frame;
}

export const encodeCommand = (name: SamCommandName): Uint8Array => encodeFrame(Uint8Array.from(SAM_COMMANDS[name]));

/** Simulator side: a reply frame with SW1 = SW2 = 00. */
export const encodeReply = (sw3: number, data: Uint8Array = new Uint8Array(0)): Uint8Array => {
  const payload = new Uint8Array(3 + data.length);
  payload[2] = sw3;
  payload.set(data, 3);
  return encodeFrame(payload);
};

export interface SamFrame {
  /** Bytes between the length field and CHK. */
  payload: Uint8Array;
  /** Total bytes the frame occupied. */
  size: number;
}

const frameError = <C extends SamFrameErrorCode>(
  code: C,
  message: string,
  offset: number,
): { ok: false; error: CodecError<C> } => ({
  ok: false,
  error: { code, message, offset },
});

/** Decodes exactly one frame starting at byte 0; trailing bytes are ignored (size says where it ended). */
export function decodeFrame(bytes: Uint8Array, maxLen = MAX_LEN): CodecResult<SamFrame, SamFrameErrorCode> {
  for (let i = 0; i < PREAMBLE.length; i++) {
    if (i >= bytes.length)
      return frameError('truncated', `frame ends inside the preamble (${bytes.length} bytes)`, bytes.length);
    if (bytes[i] !== PREAMBLE[i]) return frameError('bad_preamble', `byte ${i} is not the AA AA AA 96 69 preamble`, i);
  }
  if (bytes.length < HEADER_LENGTH) return frameError('truncated', 'frame ends inside the length field', bytes.length);
  const len = (bytes[5] << 8) | bytes[6];
  if (len < MIN_LEN || len > maxLen) return frameError('bad_length', `LEN ${len} outside ${MIN_LEN}..${maxLen}`, 5);
  const size = HEADER_LENGTH + len;
  if (bytes.length < size)
    return frameError('truncated', `LEN ${len} needs ${size} bytes, got ${bytes.length}`, bytes.length);
  const chk = xorChecksum(bytes, 5, size - 1);
  if (chk !== bytes[size - 1]) {
    return frameError(
      'bad_checksum',
      `CHK 0x${bytes[size - 1].toString(16)} != computed 0x${chk.toString(16)}`,
      size - 1,
    );
  }
  return decoded({ payload: bytes.slice(HEADER_LENGTH, size - 1), size });
}

export interface SamReply {
  sw1: number;
  sw2: number;
  status: SamStatus;
  data: Uint8Array;
}

export function decodeReply(payload: Uint8Array): CodecResult<SamReply, 'bad_length'> {
  if (payload.length < 3)
    return frameError('bad_length', `reply payload of ${payload.length} bytes has no SW1 SW2 SW3`, 0);
  return decoded({ sw1: payload[0], sw2: payload[1], status: samStatus(payload[2]), data: payload.slice(3) });
}

export interface SamCommand {
  cmd: number;
  para: number;
  name: SamCommandName | null;
}

/** Simulator side: which command a host payload is. */
export function decodeCommand(payload: Uint8Array): CodecResult<SamCommand, 'bad_length'> {
  if (payload.length !== 2)
    return frameError('bad_length', `a command payload is CMD PARA, got ${payload.length} bytes`, 0);
  const [cmd, para] = [payload[0], payload[1]];
  const name =
    (Object.keys(SAM_COMMANDS) as SamCommandName[]).find(
      (key) => SAM_COMMANDS[key][0] === cmd && SAM_COMMANDS[key][1] === para,
    ) ?? null;
  return decoded({ cmd, para, name });
}

export type SamStreamEvent =
  | { type: 'frame'; payload: Uint8Array }
  | { type: 'error'; code: 'bad_length' | 'bad_checksum'; message: string }
  | { type: 'garbage'; bytes: Uint8Array };

/**
 * Splits a byte stream into frames. Chunks may split a frame anywhere; bytes before a preamble are
 * reported as garbage; a bad LEN or CHK is reported and the reader resyncs one byte past the
 * failed preamble (the "frame" may have been line noise that happened to contain AA AA AA 96 69,
 * and the real next frame may start inside it).
 */
export class SamFrameReader {
  /** Unconsumed bytes, kept as chunks so a 2 KiB frame arriving byte by byte is not re-copied on every byte. */
  private parts: Uint8Array[] = [];
  private held = 0;
  /** Size of the frame at the start of the held bytes once its LEN is known: wait until it is all here. */
  private needed = 0;

  constructor(private readonly maxLen = MAX_LEN) {}

  /** Bytes held while waiting for the rest of a frame. */
  get pending(): number {
    return this.held;
  }

  reset(): void {
    this.parts = [];
    this.held = 0;
    this.needed = 0;
  }

  push(chunk: Uint8Array): SamStreamEvent[] {
    if (this.held + chunk.length < this.needed) {
      this.parts.push(chunk.slice());
      this.held += chunk.length;
      return [];
    }
    const joined = new Uint8Array(this.held + chunk.length);
    let offset = 0;
    for (const part of this.parts) {
      joined.set(part, offset);
      offset += part.length;
    }
    joined.set(chunk, offset);
    this.needed = 0;
    const out: SamStreamEvent[] = [];
    let at = 0;
    while (at < joined.length) {
      const start = findPreamble(joined, at);
      if (start < 0) {
        // Keep a tail that could be the start of a preamble split across chunks.
        const keep = partialPreambleTail(joined, at);
        if (joined.length - keep > at) out.push({ type: 'garbage', bytes: joined.slice(at, joined.length - keep) });
        at = joined.length - keep;
        break;
      }
      if (start > at) out.push({ type: 'garbage', bytes: joined.slice(at, start) });
      at = start;
      const result = decodeFrame(joined.subarray(at), this.maxLen);
      if (result.ok) {
        out.push({ type: 'frame', payload: result.value.payload });
        at += result.value.size;
        continue;
      }
      if (result.error.code === 'truncated') {
        if (joined.length - at >= HEADER_LENGTH) this.needed = HEADER_LENGTH + ((joined[at + 5] << 8) | joined[at + 6]);
        break;
      }
      out.push({
        type: 'error',
        code: result.error.code === 'bad_checksum' ? 'bad_checksum' : 'bad_length',
        message: result.error.message,
      });
      at += 1;
    }
    const rest = joined.slice(at);
    this.parts = rest.length > 0 ? [rest] : [];
    this.held = rest.length;
    return out;
  }
}

function findPreamble(bytes: Uint8Array, from: number): number {
  outer: for (let i = from; i + PREAMBLE.length <= bytes.length; i++) {
    for (let j = 0; j < PREAMBLE.length; j++) if (bytes[i + j] !== PREAMBLE[j]) continue outer;
    return i;
  }
  return -1;
}

/** Length of the longest suffix of bytes[from…] that is a proper prefix of the preamble. */
function partialPreambleTail(bytes: Uint8Array, from: number): number {
  for (let n = Math.min(PREAMBLE.length - 1, bytes.length - from); n > 0; n--) {
    let match = true;
    for (let j = 0; j < n; j++) {
      if (bytes[bytes.length - n + j] !== PREAMBLE[j]) {
        match = false;
        break;
      }
    }
    if (match) return n;
  }
  return 0;
}

export const bytesToHex = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');

/** Lenient hex parser for technicians' input ("AA AA AA 96 69 …", "aaaaaa9669…"); null if not hex. */
export function parseHex(text: string): Uint8Array | null {
  const clean = text.replace(/0x/gi, '').replace(/[\s,:-]/g, '');
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) return null;
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}
