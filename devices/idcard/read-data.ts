/**
 * The data of a 30 01 / 30 10 reply: big-endian lengths (text, photo[, fingerprint]) then the blocks
 * themselves. Everything is sized from the declared lengths and checked against what arrived. The
 * photo is WLT, which only the vendor's library decodes: it is kept raw and decoding is pluggable.
 */
import { decoded, type CodecError, type CodecResult } from '../codec-result';
import { decodeCardText, type CardTextErrorCode, type DecodeCardOptions, type IdCard } from './card-text';
import { decodeFrame, decodeReply, MAX_LEN, type SamFrameErrorCode } from './sam-frame';

export const PHOTO_LENGTH = 1024;
export const FINGERPRINT_LENGTH = 1024;

export interface ReadData {
  text: Uint8Array;
  /** WLT bytes. */
  photo: Uint8Array;
  /** 30 10 only; null for 30 01 or a card without fingerprints. */
  fingerprint: Uint8Array | null;
}

const badLength = (message: string, offset: number): { ok: false; error: CodecError<'bad_length'> } => ({
  ok: false,
  error: { code: 'bad_length', message, offset },
});

const u16 = (bytes: Uint8Array, at: number): number => (bytes[at] << 8) | bytes[at + 1];

/**
 * `withFingerprint` says which command was sent; `'auto'` (for the technician's decode tool) picks
 * the layout whose declared lengths add up to the data received.
 */
export function parseReadData(
  data: Uint8Array,
  withFingerprint: boolean | 'auto',
): CodecResult<ReadData, 'bad_length'> {
  if (withFingerprint === 'auto') {
    const plain = parseReadData(data, false);
    return plain.ok ? plain : parseReadData(data, true);
  }
  const header = withFingerprint ? 6 : 4;
  if (data.length < header) return badLength(`read reply data of ${data.length} bytes has no length header`, 0);
  const textLength = u16(data, 0);
  const photoLength = u16(data, 2);
  const fingerprintLength = withFingerprint ? u16(data, 4) : 0;
  const expected = header + textLength + photoLength + fingerprintLength;
  if (data.length !== expected) return badLength(`lengths declare ${expected} bytes, reply carries ${data.length}`, 0);
  const text = data.slice(header, header + textLength);
  const photo = data.slice(header + textLength, header + textLength + photoLength);
  const fingerprint = withFingerprint && fingerprintLength > 0 ? data.slice(header + textLength + photoLength) : null;
  return decoded({ text, photo, fingerprint });
}

/** Simulator side. */
export function encodeReadData(text: Uint8Array, photo: Uint8Array, fingerprint?: Uint8Array | null): Uint8Array {
  const withFingerprint = fingerprint !== undefined;
  const header = withFingerprint ? 6 : 4;
  const fp = fingerprint ?? new Uint8Array(0);
  const out = new Uint8Array(header + text.length + photo.length + fp.length);
  out[0] = text.length >> 8;
  out[1] = text.length & 0xff;
  out[2] = photo.length >> 8;
  out[3] = photo.length & 0xff;
  if (withFingerprint) {
    out[4] = fp.length >> 8;
    out[5] = fp.length & 0xff;
  }
  out.set(text, header);
  out.set(photo, header + text.length);
  out.set(fp, header + text.length + photo.length);
  return out;
}

/** Turns WLT into an image (e.g. BMP bytes via the vendor's library); null when it cannot. */
export interface PhotoDecoder {
  decode(wlt: Uint8Array): Promise<Uint8Array | null>;
}

export const nullPhotoDecoder: PhotoDecoder = { decode: async () => null };

export type IdCardFrameErrorCode = SamFrameErrorCode | CardTextErrorCode | 'sam_status' | 'trailing_bytes';

/**
 * A whole reply frame to 30 01 / 30 10 → card (the `decode idcard` tool and golden tests). A reply
 * whose SW3 is not 90 is an error carrying the SAM's own message.
 */
export function decodeIdCardFrame(
  frame: Uint8Array,
  options: DecodeCardOptions = {},
): CodecResult<{ card: IdCard; data: ReadData }, IdCardFrameErrorCode> {
  const parsed = decodeFrame(frame, MAX_LEN);
  if (!parsed.ok) return parsed;
  if (parsed.value.size !== frame.length) {
    return {
      ok: false,
      error: {
        code: 'trailing_bytes',
        message: `${frame.length - parsed.value.size} bytes after the frame`,
        offset: parsed.value.size,
      },
    };
  }
  const reply = decodeReply(parsed.value.payload);
  if (!reply.ok) return reply;
  if (reply.value.status.code !== 'ok') {
    return {
      ok: false,
      error: {
        code: 'sam_status',
        message: `SW3 0x${reply.value.status.sw3.toString(16).padStart(2, '0')}: ${reply.value.status.message}`,
        offset: 9,
      },
    };
  }
  const data = parseReadData(reply.value.data, 'auto');
  if (!data.ok) return data;
  const card = decodeCardText(data.value.text, options);
  if (!card.ok) return card;
  return decoded({ card: card.value, data: data.value });
}
