import type http from 'node:http';
import type { TrackResponse } from '@common/api/track-schemas';
import { renderError } from '@common/errors';
import type { RateLimiter } from '../../node/limits/fixed-window';

const PATH = /^\/api\/track\/([^/?#]{1,200})$/;
const STATUS: Record<string, number> = { not_found: 404, expired: 410, rate_limited: 429, unavailable: 503 };

/**
 * `GET /api/track/<token>`: the public progress page's data, served without login by the station
 * host (and, mounted the same way, by the central). JSON only, never cached, budgeted per address.
 * Returns false for any other request so the static handler serves it.
 */
export function trackEndpoint(
  progress: (token: string) => Promise<TrackResponse>,
  limiter: RateLimiter,
  log: (line: string) => void = () => {},
) {
  return (req: http.IncomingMessage, res: http.ServerResponse): boolean => {
    const m = PATH.exec((req.url ?? '').split('?')[0]!);
    if (!m) return false;
    const send = (status: number, body: TrackResponse, extra: Record<string, string> = {}) =>
      res
        .writeHead(status, {
          'content-type': 'application/json; charset=utf-8',
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'no-referrer',
          ...extra,
        })
        .end(JSON.stringify(body));
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET' }).end();
      return true;
    }
    const waitMs = limiter.take(req.socket.remoteAddress ?? '?');
    if (waitMs > 0) {
      send(
        429,
        { ok: false, error: { code: 'rate_limited', message: renderError('application.trackTooManyRequests') } },
        { 'retry-after': String(Math.ceil(waitMs / 1000)) },
      );
      return true;
    }
    let token: string;
    try {
      token = decodeURIComponent(m[1]!);
    } catch {
      token = '';
    }
    progress(token).then(
      (r) => send(r.ok ? 200 : (STATUS[r.error.code] ?? 500), r),
      (e: unknown) => {
        log(`track ${req.url}: ${String(e)}`);
        send(503, {
          ok: false,
          error: { code: 'unavailable', message: renderError('application.trackUnavailable') },
        });
      },
    );
    return true;
  };
}
