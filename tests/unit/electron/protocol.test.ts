import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { appUrl, isAppUrl, isInside, resolveAppUrl } from '../../../main/electron/app-url';
import { registerAppScheme, serveAppProtocol, serveAppRequest } from '../../../main/electron/protocol';
import { CONTENT_SECURITY_POLICY } from '../../../main/electron/security';
import { protocol, resetFakeElectron } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const root = path.resolve('/srv/hall/out/renderer');

describe('resolveAppUrl', () => {
  it('maps app://hall paths into the root', () => {
    expect(resolveAppUrl(root, 'app://hall/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppUrl(root, 'app://hall/assets/kiosk-1a2b.js?v=1#x')).toBe(path.join(root, 'assets', 'kiosk-1a2b.js'));
    expect(resolveAppUrl(root, 'app://hall/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppUrl(root, 'app://hall')).toBe(path.join(root, 'index.html'));
    expect(resolveAppUrl(root, 'app://hall/fonts/%E5%AD%97.woff2')).toBe(path.join(root, 'fonts', '字.woff2'));
  });

  it('blocks traversal: plain, dot-segment and percent-encoded', () => {
    // Another host is refused outright.
    expect(resolveAppUrl(root, 'app://x/../../etc/passwd')).toBeNull();
    // URL parsing folds these into the root: they can never name a file outside it.
    for (const url of ['app://hall/../../etc/passwd', 'app://hall/%2e%2e/%2e%2e/etc/passwd', 'app://hall/.%2E/.%2e/etc/passwd']) {
      const resolved = resolveAppUrl(root, url);
      expect(resolved === null || isInside(root, resolved), url).toBe(true);
      expect(resolved).not.toBe('/etc/passwd');
    }
    // Encoded separators would only become traversal after decoding: refused.
    for (const url of [
      'app://hall/..%2f..%2f..%2fetc%2fpasswd',
      'app://hall/assets/..%2F..%2F..%2Fetc%2Fpasswd',
      'app://hall/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      'app://hall/..%5c..%5cwindows%5cwin.ini',
      'app://hall/a%5c..%5c..%5csecret',
      'app://hall/index.html%00.png',
      'app://hall/%E0%A4%A',
    ]) {
      expect(resolveAppUrl(root, url), url).toBeNull();
    }
  });

  it('refuses other schemes, hosts and garbage', () => {
    for (const url of ['file:///etc/passwd', 'https://hall/index.html', 'app://evil/index.html', 'app://user:pw@hall/index.html', 'not a url', '']) {
      expect(resolveAppUrl(root, url), url).toBeNull();
    }
  });

  it('never resolves outside the root, whatever the path (property)', () => {
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '%2e%2e', '%2E.', '..%2f', '%2f', '%5c', '%00', 'etc', 'passwd', '', '~', '%252e%252e'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (segments) => {
        const resolved = resolveAppUrl(root, `app://hall/${segments.join('/')}`);
        return resolved === null || (isInside(root, resolved) && resolved !== root);
      }),
      { numRuns: 2000 },
    );
  });

  it('knows our origin', () => {
    expect(appUrl('/counter/3')).toBe('app://hall/index.html#/counter/3');
    expect(isAppUrl('app://hall/index.html#/kiosk')).toBe(true);
    expect(isAppUrl('app://hall.evil/index.html')).toBe(false);
    expect(isAppUrl('https://hall/')).toBe(false);
  });
});

describe('app:// protocol', () => {
  let dir: string;
  beforeAll(() => {
    const base = mkdtempSync(path.join(tmpdir(), 'hall-protocol-'));
    dir = path.join(base, 'renderer');
    mkdirSync(path.join(dir, 'assets'), { recursive: true });
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><div id="app"></div>');
    writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(path.join(base, 'secret.txt'), 'outside the root');
    symlinkSync(path.join(base, 'secret.txt'), path.join(dir, 'assets', 'link.txt'));
  });
  afterAll(() => rmSync(path.dirname(dir), { recursive: true, force: true }));
  beforeEach(() => resetFakeElectron());

  it('registers app:// as a standard, secure, fetch-capable scheme', () => {
    registerAppScheme();
    expect(protocol.privileged).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) })]);
    expect(protocol.privileged[0].privileges?.bypassCSP).toBeFalsy();
  });

  it('serves files with the CSP header and a content type', async () => {
    serveAppProtocol(dir);
    const handler = protocol.handlers.get('app')!;
    const res = await handler(new Request('app://hall/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('id="app"');
    const js = await serveAppRequest(dir, { url: 'app://hall/assets/app.js', method: 'GET' });
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 for missing files, directories, traversal and symlinks out of the root', async () => {
    for (const url of ['app://hall/missing.js', 'app://hall/assets', 'app://hall/..%2fsecret.txt', 'app://hall/assets/link.txt', 'app://x/../../etc/passwd']) {
      const res = await serveAppRequest(dir, { url, method: 'GET' });
      expect(res.status, url).toBe(404);
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await serveAppRequest(dir, { url: 'app://hall/index.html', method: 'POST' })).status).toBe(405);
    const head = await serveAppRequest(dir, { url: 'app://hall/index.html', method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
