/**
 * Protocol codecs are pure functions that return values, never throw (ARCHITECTURE: "bytes in,
 * typed frames or typed errors out"). `offset` points at the byte where decoding gave up.
 */
export interface CodecError<C extends string = 'malformed'> {
  code: C;
  message: string;
  offset: number;
}

export type CodecResult<T, C extends string = 'malformed'> =
  { ok: true; value: T } | { ok: false; error: CodecError<C> };

export const decoded = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

export const malformed = (message: string, offset: number): { ok: false; error: CodecError } => ({
  ok: false,
  error: { code: 'malformed', message, offset },
});
