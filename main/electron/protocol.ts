import { promises as fs } from 'node:fs';
import path from 'node:path';
import { protocol } from 'electron';
import type { AttachmentPreviewLinks } from '../http/attachment-preview';
import { APP_SCHEME, isAppUrl, isInside, mimeTypeFor, resolveAppUrl } from './app-url';
import { APP_RESPONSE_HEADERS } from './security';

/** The station's preview links, once the host runs (the protocol is served before the host starts). */
export type PreviewSource = () => Pick<AttachmentPreviewLinks, 'respond'> | null;

/**
 * Registers app:// as a privileged scheme: standard (relative URLs, an origin), secure (a secure
 * context, like https), fetch-capable. Must run before the app's `ready` event.
 * Not bypassing CSP, no service workers, no CORS: the renderer needs none of them.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
    },
  ]);
}

const notFound = (): Response =>
  new Response('Not found', {
    status: 404,
    headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });

/**
 * The counter's PDF preview (`/api/attachment-preview/<ticket>`): in Electron there is no HTTP
 * server, so the frame loads the same one-minute link over app://, answered by the same lookup as
 * in browser mode. The app's headers first, then the preview's own, which replace them where both
 * speak (its CSP lets the counter page frame it; the app CSP forbids any framing).
 */
function previewResponse(
  previews: PreviewSource | undefined,
  request: Pick<Request, 'url' | 'method'>,
): Response | null {
  if (!previews || !isAppUrl(request.url)) return null;
  const links = previews();
  const answer = links?.respond(request.method, new URL(request.url).pathname);
  if (!answer) return null;
  const headers = new Headers(APP_RESPONSE_HEADERS);
  for (const [name, value] of Object.entries(answer.headers)) headers.set(name, value);
  return new Response(typeof answer.body === 'string' ? answer.body : new Uint8Array(answer.body), {
    status: answer.status,
    headers,
  });
}

/**
 * Answers one app:// request from `rootDir` (the built renderer), or from the preview links when
 * given. Path traversal is refused by resolveAppUrl; a symlink leading out of the root is refused
 * after realpath. GET/HEAD only.
 */
export async function serveAppRequest(
  rootDir: string,
  request: Pick<Request, 'url' | 'method'>,
  previews?: PreviewSource,
): Promise<Response> {
  const preview = previewResponse(previews, request);
  if (preview) return preview;
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response('Method not allowed', {
      status: 405,
      headers: { ...APP_RESPONSE_HEADERS, Allow: 'GET, HEAD' },
    });
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

/** Serves the built renderer directory and the preview links on app:// (default session). Call after `ready`. */
export function serveAppProtocol(rootDir: string, previews?: PreviewSource): void {
  const root = path.resolve(rootDir);
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(root, request, previews));
}
