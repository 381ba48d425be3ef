import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ROLES } from '@common/api/roles';
import { app, FakeWebContents, fakeEvent, resetFakeElectron, session } from './fake-electron';
import {
  applySessionSecurity,
  CONTENT_SECURITY_POLICY,
  installWebContentsGuard,
  isPermissionAllowed,
  ROLE_PERMISSIONS,
} from '../../../main/electron/security';
import type { App, Session } from 'electron';

vi.mock('electron', () => import('./fake-electron'));

const PERMISSIONS = [
  'media',
  'geolocation',
  'notifications',
  'hid',
  'serial',
  'usb',
  'clipboard-read',
  'display-capture',
  'openExternal',
  'fullscreen',
  'pointerLock',
  'speaker-selection',
  'unknown',
];

describe('session security', () => {
  beforeEach(() => resetFakeElectron());

  it('the CSP is the agreed policy', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self' app:; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it('no role is granted any permission today', () => {
    for (const role of ROLES) {
      expect(ROLE_PERMISSIONS[role]).toEqual([]);
      for (const p of PERMISSIONS) expect(isPermissionAllowed(role, p, 'app://hall/index.html')).toBe(false);
    }
    expect(isPermissionAllowed(null, 'media', 'app://hall/')).toBe(false);
  });

  it('permission requests and checks are denied, even for a registered window of our origin', () => {
    const ses = session.defaultSession;
    applySessionSecurity(ses as unknown as Session, {
      roleOf: (id) => (id === contents.id ? 'kiosk' : null),
      log: () => {},
    });
    const contents = new FakeWebContents();
    contents.mainFrame.url = 'app://hall/index.html#/kiosk';
    expect(ses.permissionRequestHandler).toBeTypeOf('function');
    expect(ses.permissionCheckHandler).toBeTypeOf('function');
    for (const permission of PERMISSIONS) {
      const callback = vi.fn();
      ses.permissionRequestHandler!(contents, permission, callback, {
        requestingUrl: 'app://hall/index.html',
        isMainFrame: true,
      });
      expect(callback).toHaveBeenCalledWith(false);
      expect(ses.permissionCheckHandler!(contents, permission, 'app://hall/', { isMainFrame: true })).toBe(false);
      expect(ses.permissionCheckHandler!(null, permission, 'https://evil.example/', { isMainFrame: true })).toBe(false);
    }
    expect(ses.devicePermissionHandler!({ deviceType: 'hid', origin: 'app://hall' })).toBe(false);
  });

  it('renderer requests to the network are cancelled', () => {
    const ses = session.defaultSession;
    applySessionSecurity(ses as unknown as Session, { roleOf: () => null, log: () => {} });
    expect(ses.webRequest.filters).toHaveLength(1);
    const { filter, listener } = ses.webRequest.filters[0];
    expect(filter.urls).toEqual(
      expect.arrayContaining(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'file://*/*']),
    );
    const callback = vi.fn();
    listener({ id: 1, url: 'https://evil.example/x.js', method: 'GET', resourceType: 'script' }, callback);
    expect(callback).toHaveBeenCalledWith({ cancel: true });
  });

  it('every webContents created gets the guard: no webview, no window.open, no foreign navigation', () => {
    installWebContentsGuard(app as unknown as App, () => {});
    const contents = new FakeWebContents();
    app.emit('web-contents-created', fakeEvent(), contents);

    const attach = fakeEvent();
    contents.emit('will-attach-webview', attach, {}, {});
    expect(attach.preventDefault).toHaveBeenCalled();

    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });

    const away = fakeEvent({ url: 'https://evil.example/' });
    contents.emit('will-navigate', away, away.url);
    expect(away.preventDefault).toHaveBeenCalled();
    const redirect = fakeEvent({ url: 'http://evil.example/' });
    contents.emit('will-redirect', redirect, redirect.url);
    expect(redirect.preventDefault).toHaveBeenCalled();

    const home = fakeEvent({ url: 'app://hall/index.html#/kiosk' });
    contents.emit('will-navigate', home, home.url);
    expect(home.preventDefault).not.toHaveBeenCalled();
  });
});
