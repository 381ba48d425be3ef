/**
 * Text <-> printer bytes. Chinese printers take GB18030 once Chinese mode (FS &) is on; outside it
 * they use a single-byte code page, PC437 by default.
 */
import iconv from 'iconv-lite';

export const ESC = 0x1b;
export const FS = 0x1c;
export const GS = 0x1d;
export const DLE = 0x10;
export const EOT = 0x04;
export const LF = 0x0a;

export function encodeGb18030(text: string): Uint8Array {
  const buffer = iconv.encode(text, 'gb18030');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

export function decodeGb18030(bytes: Uint8Array): string {
  return iconv.decode(bytes, 'gb18030');
}

export function decodeCodePage437(bytes: Uint8Array): string {
  return iconv.decode(bytes, 'cp437');
}

const utf8 = new TextEncoder();
/** QR payloads are UTF-8 so phone scanners read Chinese correctly. */
export const encodeUtf8 = (text: string): Uint8Array => utf8.encode(text);
/** Non-fatal on purpose: a bad byte becomes U+FFFD and the rest stays readable. */
export const decodeUtf8 = (bytes: Uint8Array): string => new TextDecoder('utf-8', { fatal: false }).decode(bytes);

/** True when every character is printable ASCII, i.e. the same bytes in PC437 and GB18030. */
export const isAscii = (text: string): boolean => /^[\x20-\x7e]*$/.test(text);
