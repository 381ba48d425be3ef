import { randomBytes } from 'node:crypto';
import type http from 'node:http';

const PATH = /^\/api\/attachment-preview\/([A-Za-z0-9_-]{43})$/;
const TTL_MS = 60_000;
const MAX_OPEN = 32;

/** One answer to a preview request, whoever carries it (the HTTP server or Electron's app:// handler). */
export interface PreviewResponse {
  status: 200 | 404;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: Buffer | string;
}

/**
 * Short-lived links for the counter's PDF preview. A PDF can only be shown by the browser's viewer
 * from a real response (a blob: URL inherits the page's `object-src 'none'`), so the station call that
 * decrypts and audits a PDF also leaves it here under a random 256-bit ticket for one minute; the
 * dialog's frame loads it from the station: over HTTP in browser mode, over app:// in Electron
 * (main/electron/protocol.ts). Both ask `respond`, so the two can never disagree.
 * Nothing is written to disk; expired tickets are dropped.
 */
export class AttachmentPreviewLinks {
  readonly #open = new Map<string, { bytes: Buffer; mime: string; fileName: string; until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(bytes: Buffer, mime: string, fileName: string): string {
    this.#sweep();
    while (this.#open.size >= MAX_OPEN) this.#open.delete(this.#open.keys().next().value!);
    const ticket = randomBytes(32).toString('base64url');
    this.#open.set(ticket, { bytes, mime, fileName, until: this.now() + TTL_MS });
    return `/api/attachment-preview/${ticket}`;
  }

  #sweep(): void {
    const t = this.now();
    for (const [k, v] of this.#open) if (v.until <= t) this.#open.delete(k);
  }

  /**
   * The one lookup: a live ticket's file (inline, never cached), 404 for a dead ticket or another
   * method, null when `pathname` is not a preview path at all (the caller serves it otherwise).
   */
  respond(method: string, pathname: string): PreviewResponse | null {
    const m = PATH.exec(pathname);
    if (!m) return null;
    this.#sweep();
    const file = method === 'GET' ? this.#open.get(m[1]!) : undefined;
    if (!file)
      return {
        status: 404,
        headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
        body: 'not found',
      };
    return {
      status: 200,
      headers: {
        'content-type': file.mime,
        'content-length': String(file.bytes.length),
        // The viewer's title bar shows the document's own name.
        'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        // Only the station's own pages may frame it. Not the app's page CSP: its `frame-ancestors 'none'`
        // forbids the very frame the preview is shown in.
        'content-security-policy': "frame-ancestors 'self'",
      },
      body: file.bytes,
    };
  }

  /** The HTTP side (browser mode). */
  handler() {
    return (req: http.IncomingMessage, res: http.ServerResponse): boolean => {
      const answer = this.respond(req.method ?? 'GET', (req.url ?? '').split('?')[0]!);
      if (!answer) return false;
      res.writeHead(answer.status, answer.headers).end(answer.body);
      return true;
    };
  }
}
