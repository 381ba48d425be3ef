import type http from 'node:http';
import { parseJsonBytes } from '../main/sync/json-bytes';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Read a JSON body with a hard size limit: an oversized payload is refused with 413, never
 * buffered. The excess is drained (so the client reads the 413 instead of a reset) up to a
 * bound, past which the connection is cut. A body whose last member is a long array (a push batch's
 * mutations) names it, and is parsed without one large string (see parseJsonBytes).
 */
export function readJson(req: http.IncomingMessage, limitBytes: number, trailingArray?: { key: string; firstKey: string }): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const declared = Number(req.headers['content-length']);
    let over = Number.isFinite(declared) && declared > limitBytes;
    const tooLarge = () => new HttpError(413, 'too_large', `payload larger than ${limitBytes} bytes`);
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
      try {
        const body = Buffer.concat(chunks);
        resolve(trailingArray ? parseJsonBytes(body, trailingArray.key, trailingArray.firstKey) : JSON.parse(body.toString('utf8')));
      } catch {
        reject(new HttpError(400, 'malformed', 'body is not valid JSON'));
      }
    });
    req.on('error', reject);
  });
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
