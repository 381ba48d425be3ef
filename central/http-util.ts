import type http from 'node:http';
import { renderError, type ErrorKey, type ErrorParams, type ParamsArg } from '@common/errors';

/** A refused request: the HTTP status, a code for the client, and the catalog key of what a person reads. */
export class HttpError<K extends ErrorKey = ErrorKey> extends Error {
  readonly params: ErrorParams;

  constructor(
    readonly status: number,
    readonly code: string,
    readonly key: K,
    ...[params]: ParamsArg<K>
  ) {
    super(renderError(key, params ?? {}));
    this.params = params ?? {};
  }

  /** The `error` member of the JSON answer (CentralErrorBody). */
  body(): { code: string; message: string; key: ErrorKey; params: ErrorParams } {
    return { code: this.code, message: this.message, key: this.key, params: this.params };
  }
}

/**
 * Read a JSON body with a hard size limit: an oversized payload is refused with 413, never
 * buffered. The excess is drained (so the client reads the 413 instead of a reset) up to a
 * bound, past which the connection is cut.
 */
export function readJson(req: http.IncomingMessage, limitBytes: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const declared = Number(req.headers['content-length']);
    let over = Number.isFinite(declared) && declared > limitBytes;
    const tooLarge = () => new HttpError(413, 'too_large', 'sync.tooLarge', { limit: limitBytes });
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limitBytes) over = true;
      if (!over) chunks.push(c);
      else if (size > limitBytes * 4) {
        reject(tooLarge());
        req.destroy();
      }
    });
    req.on('end', () => {
      if (over) return reject(tooLarge());
      const body = joinBody(chunks, size);
      if (jsonDepthExceeds(body, MAX_JSON_DEPTH))
        return reject(new HttpError(400, 'malformed', 'sync.bodyTooDeep', { limit: MAX_JSON_DEPTH }));
      try {
        resolve(JSON.parse(body.toString('utf8')));
      } catch {
        reject(new HttpError(400, 'malformed', 'sync.bodyNotJson'));
      }
    });
    req.on('error', reject);
  });
}

/**
 * Nesting allowed in a request body. The deepest honest body (a push: batch, mutation, args, an
 * audit entry's detail) is under ten levels; a body nested thousands deep would parse, then make the
 * schema checks recurse until the stack gives out.
 */
export const MAX_JSON_DEPTH = 64;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Whether JSON text nests objects and arrays deeper than `limit` (brackets inside strings do not count). One pass over the bytes, before parsing. */
export function jsonDepthExceeds(bytes: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) inString = true;
    else if (b === OPEN_BRACE || b === OPEN_BRACKET) {
      if (++depth > limit) return true;
    } else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) depth--;
  }
  return false;
}

/**
 * The body's chunks in one buffer that is reused from request to request: a fresh ~1 MiB allocation
 * for every push batch page-faulted its way in (`npm run bench -- sync-parse`: ~100× the time of
 * copying into memory already touched). Safe to reuse because a body is parsed synchronously, as soon as it is joined, and the
 * parse copies whatever it keeps; the buffer grows to the largest body seen (bounded by the limit).
 */
let scratch = Buffer.allocUnsafeSlow(0);
export function joinBody(chunks: readonly Buffer[], size: number): Buffer {
  if (chunks.length === 1) return chunks[0]!;
  if (scratch.length < size) scratch = Buffer.allocUnsafeSlow(size);
  let at = 0;
  for (const c of chunks) at += c.copy(scratch, at);
  return scratch.subarray(0, size);
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** A refusal as its JSON answer; a 429 also says, in Retry-After, when to come back. */
export function sendError(res: http.ServerResponse, e: HttpError): void {
  const seconds = e.params.seconds;
  if (e.status === 429 && typeof seconds === 'number') res.setHeader('retry-after', String(seconds));
  sendJson(res, e.status, { error: e.body() });
}
