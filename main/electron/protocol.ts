import { promises as fs } from 'node:fs';
import path from 'node:path';
import { protocol } from 'electron';
import { APP_SCHEME, isInside, mimeTypeFor, resolveAppUrl } from './app-url';
import { APP_RESPONSE_HEADERS } from './security';

/**
 * Registers app:// as a privileged scheme: standard (relative URLs, an origin), secure (a secure
 * context, like https), fetch-capable. Must run before the app's `ready` event.
 * Not bypassing CSP, no service workers, no CORS: the renderer needs none of them.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } },
  ]);
}

const notFound = (): Response =>
  new Response('Not found', { status: 404, headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });

/**
 * Answers one app:// request from `rootDir` (the built renderer). Path traversal is refused by
 * resolveAppUrl; a symlink leading out of the root is refused after realpath. GET/HEAD only.
 */
export async function serveAppRequest(rootDir: string, request: Pick<Request, 'url' | 'method'>): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response('Method not allowed', { status: 405, headers: { ...APP_RESPONSE_HEADERS, Allow: 'GET, HEAD' } });
  }
  const filePath = resolveAppUrl(rootDir, request.url);
  if (!filePath) return notFound();
  try {
    const [realRoot, realFile] = await Promise.all([fs.realpath(rootDir), fs.realpath(filePath)]);
    if (!isInside(realRoot, realFile)) return notFound();
    const stat = await fs.stat(realFile);
    if (!stat.isFile()) return notFound();
    const body = request.method === 'HEAD' ? null : await fs.readFile(realFile);
    return new Response(body, {
      status: 200,
      headers: {
        ...APP_RESPONSE_HEADERS,
        'Content-Type': mimeTypeFor(realFile),
        'Content-Length': String(stat.size),
        'Cache-Control': 'no-cache',
      },
    });
  } catch {
    return notFound();
  }
}

/** Serves the built renderer directory on app:// (default session). Call after `ready`. */
export function serveAppProtocol(rootDir: string): void {
  const root = path.resolve(rootDir);
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(root, request));
}
