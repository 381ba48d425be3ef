import type { App, Session, WebContents } from 'electron';
import type { Role } from '@common/api/roles';
import { isAppUrl } from './app-url';

/**
 * Session-wide security: permissions denied by default, a strict CSP on everything the app://
 * protocol serves, no requests to the network from renderers, and a guard on every webContents
 * ever created (no <webview>, no new windows, no navigation away from app://).
 */

/** The renderer's Content-Security-Policy, sent as a header with every app:// response. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self' app:",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers added to every app:// response (protocol.ts). */
export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
});

/**
 * Chromium permissions each role's window may be granted. None needs any today: sound plays
 * without a permission, speech synthesis needs none, and devices (printer, card reader, pads)
 * are driven by the main process, never by WebHID/WebSerial in a renderer. Add here, with a
 * reason, when a role needs one.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly string[]>> = Object.freeze({
  kiosk: [],
  counter: [],
  rate: [],
  display: [],
  guide: [],
  manager: [],
  devices: [],
});

/** The permission policy: granted only to a registered window of our own origin whose role lists it. */
export function isPermissionAllowed(role: Role | null, permission: string, origin: string): boolean {
  if (!role || !isAppUrl(origin)) return false;
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Renderer requests to these are cancelled: the renderer talks to the host over IPC only. */
export const BLOCKED_REQUEST_URLS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'file://*/*', 'ftp://*/*'];

export interface SessionSecurityOptions {
  /** The role of a registered window, by webContents id (null for anything else). */
  roleOf(webContentsId: number): Role | null;
  log?: (line: string) => void;
}

/** Applies the permission handlers and the network block to a session (the default one). */
export function applySessionSecurity(session: Session, options: SessionSecurityOptions): void {
  const log = options.log ?? ((line: string) => console.warn(line));
  const roleFor = (contents: WebContents | null): Role | null =>
    contents && !contents.isDestroyed() ? options.roleOf(contents.id) : null;

  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    const origin = details.requestingUrl ?? '';
    const allowed = isPermissionAllowed(roleFor(contents), permission, origin);
    if (!allowed) log(`security: denied permission request '${permission}' from ${origin || 'unknown origin'}`);
    callback(allowed);
  });
  session.setPermissionCheckHandler((contents, permission, requestingOrigin) =>
    isPermissionAllowed(roleFor(contents), permission, requestingOrigin),
  );
  // WebHID / WebUSB / WebSerial from a renderer: never (devices belong to the main process).
  session.setDevicePermissionHandler(() => false);

  session.webRequest.onBeforeRequest({ urls: BLOCKED_REQUEST_URLS }, (details, callback) => {
    log(`security: blocked renderer request to ${details.url}`);
    callback({ cancel: true });
  });
}

/** Navigation guard: cancels any renderer-initiated navigation that leaves app://hall. */
export function denyForeignNavigation(
  event: { preventDefault(): void },
  url: string,
  log?: (line: string) => void,
): void {
  if (isAppUrl(url)) return;
  event.preventDefault();
  log?.(`security: blocked navigation to ${url}`);
}

/**
 * Hardens every webContents the app ever creates (windows, devtools, anything a bug might open):
 * no <webview>, no new windows, no navigation or redirect away from app://. The window factory
 * installs the same guards on its own windows; this catches everything else.
 */
export function installWebContentsGuard(app: App, log: (line: string) => void = (line) => console.warn(line)): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, log));
}

export function guardWebContents(
  contents: WebContents,
  log: (line: string) => void = (line) => console.warn(line),
): void {
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('security: blocked <webview> attachment');
  });
  contents.setWindowOpenHandler(({ url }) => {
    log(`security: blocked window.open(${url})`);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => denyForeignNavigation(event, event.url, log));
  contents.on('will-redirect', (event) => denyForeignNavigation(event, event.url, log));
  contents.on('will-frame-navigate', (event) => denyForeignNavigation(event, event.url, log));
}
