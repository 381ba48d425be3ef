import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { appUrl, isAppUrl, isInside, resolveAppUrl } from '../../../main/electron/app-url';
import { registerAppScheme, serveAppProtocol, serveAppRequest } from '../../../main/electron/protocol';
import { CONTENT_SECURITY_POLICY } from '../../../main/electron/security';
import { AttachmentPreviewLinks } from '../../../main/http/attachment-preview';
import { protocol, resetFakeElectron } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const root = path.resolve('/srv/hall/out/renderer');

describe('resolveAppUrl', () => {
  it('maps app://hall paths into the root', () => {
    expect(resolveAppUrl(root, 'app://hall/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppUrl(root, 'app://hall/assets/kiosk-1a2b.js?v=1#x')).toBe(
      path.join(root, 'assets', 'kiosk-1a2b.js'),
    );
    expect(resolveAppUrl(root, 'app://hall/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppUrl(root, 'app://hall')).toBe(path.join(root, 'index.html'));
    expect(resolveAppUrl(root, 'app://hall/fonts/%E5%AD%97.woff2')).toBe(path.join(root, 'fonts', '字.woff2'));
  });

  it('blocks traversal: plain, dot-segment and percent-encoded', () => {
    // Another host is refused outright.
    expect(resolveAppUrl(root, 'app://x/../../etc/passwd')).toBeNull();
    // URL parsing folds these into the root: they can never name a file outside it.
    for (const url of [
      'app://hall/../../etc/passwd',
      'app://hall/%2e%2e/%2e%2e/etc/passwd',
      'app://hall/.%2E/.%2e/etc/passwd',
    ]) {
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
    for (const url of [
      'file:///etc/passwd',
      'https://hall/index.html',
      'app://evil/index.html',
      'app://user:pw@hall/index.html',
      'not a url',
      '',
    ]) {
      expect(resolveAppUrl(root, url), url).toBeNull();
    }
  });

  it('never resolves outside the root, whatever the path (property)', () => {
    const segment = fc.oneof(
      fc.constantFrom(
        '..',
        '.',
        '%2e%2e',
        '%2E.',
        '..%2f',
        '%2f',
        '%5c',
        '%00',
        'etc',
        'passwd',
        '',
        '~',
        '%252e%252e',
      ),
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
    expect(protocol.privileged).toEqual([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }),
      }),
    ]);
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
    for (const url of [
      'app://hall/missing.js',
      'app://hall/assets',
      'app://hall/..%2fsecret.txt',
      'app://hall/assets/link.txt',
      'app://x/../../etc/passwd',
    ]) {
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

describe("app:// attachment preview (the counter's PDF frame in Electron, no HTTP server)", () => {
  const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');
  let now = 5_000_000;
  const links = new AttachmentPreviewLinks(() => now);
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hall-preview-'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => resetFakeElectron());

  it('serves a live link through the registered handler with the same headers as the HTTP side, framable by the app only', async () => {
    serveAppProtocol(dir, () => links);
    const handler = protocol.handlers.get('app')!;
    const link = links.issue(PDF, 'application/pdf', '租赁合同.pdf');
    const res = await handler(new Request(`app://hall${link}`));
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);
    const http = links.respond('GET', link)!;
    for (const [name, value] of Object.entries(http.headers)) expect(res.headers.get(name), name).toBe(value);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-disposition')).toBe(
      `inline; filename*=UTF-8''${encodeURIComponent('租赁合同.pdf')}`,
    );
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    // One CSP, the preview's: the app's `frame-ancestors 'none'` would forbid the counter's frame.
    expect(res.headers.get('content-security-policy')).toBe("frame-ancestors 'self'");
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
  });

  it('answers 404 with the app headers for a dead, unknown or non-GET link; other hosts never reach the links', async () => {
    const link = links.issue(PDF, 'application/pdf', 'a.pdf');
    expect((await serveAppRequest(dir, { url: `app://hall${link}`, method: 'POST' }, () => links)).status).toBe(404);
    expect((await serveAppRequest(dir, { url: `app://evil${link}`, method: 'GET' }, () => links)).status).toBe(404);
    expect((await serveAppRequest(dir, { url: `app://hall${link}`, method: 'GET' }, () => links)).status).toBe(200);
    now += 60_001;
    const expired = await serveAppRequest(dir, { url: `app://hall${link}`, method: 'GET' }, () => links);
    expect(expired.status).toBe(404);
    expect(expired.headers.get('cache-control')).toBe('no-store');
    expect(expired.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(
      (
        await serveAppRequest(
          dir,
          { url: `app://hall/api/attachment-preview/${'x'.repeat(43)}`, method: 'GET' },
          () => links,
        )
      ).status,
    ).toBe(404);
  });

  it('before the host runs (no links yet) the path is just a missing file; renderer files are still served', async () => {
    const link = links.issue(PDF, 'application/pdf', 'b.pdf');
    expect((await serveAppRequest(dir, { url: `app://hall${link}`, method: 'GET' }, () => null)).status).toBe(404);
    expect((await serveAppRequest(dir, { url: 'app://hall/index.html', method: 'GET' }, () => links)).status).toBe(200);
  });
});
