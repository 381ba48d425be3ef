import path from 'node:path';

/**
 * The renderer is served from a privileged custom scheme, never from file:// (Electron security
 * checklist: "Avoid usage of the file protocol and prefer usage of custom protocols").
 * Pure module: no electron import, so the URL rules are unit-tested in plain Node.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'hall';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/** The page URL of one role's route, e.g. `appUrl('/counter/3')` → `app://hall/index.html#/counter/3`. */
export function appUrl(route: string): string {
  const hash = route.startsWith('/') ? route : `/${route}`;
  return `${APP_ENTRY}#${hash}`;
}

/** True for URLs of our own origin (`app://hall/…`); everything else is foreign. */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === ''
  );
}

/**
 * Maps an `app://hall/<path>` request URL to a file inside `rootDir`, or null when it must be
 * answered 404: another scheme or host, a malformed escape, a NUL byte, a backslash (Windows
 * separator smuggled through an escape), or any path that would leave the root after decoding.
 * A directory path (`/`, `/foo/`) maps to its `index.html`. Query and fragment are ignored.
 */
export function resolveAppUrl(rootDir: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!isAppUrl(url)) return null;
  let decoded: string;
  try {
    // A non-special scheme keeps an empty path for `app://hall`: that is the root.
    decoded = decodeURIComponent(parsed.pathname || '/');
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  // Reject any dot-segment that survived URL normalisation (e.g. one produced by decoding %2F).
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return null;
  const relative = decoded.endsWith('/') ? `${decoded}index.html` : decoded;
  const root = path.resolve(rootDir);
  const filePath = path.resolve(root, `.${relative}`);
  const rel = path.relative(root, filePath);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return filePath;
}

/** True when `candidate` is `root` itself or inside it (both already absolute and normalised). */
export function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function mimeTypeFor(filePath: string): string {
  return MIME[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}
