import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttachmentPreviewLinks } from '../../../main/http/attachment-preview';

/** The counter's one-minute PDF preview links, over a real HTTP server. */
let now = 1_000_000;
const links = new AttachmentPreviewLinks(() => now);
const handler = links.handler();
let server: http.Server;
let base = '';
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (!handler(req, res)) res.writeHead(418).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('attachment preview links', () => {
  it("serve the file inline, uncached, framable by the station only, under the document's name", async () => {
    const path = links.issue(PDF, 'application/pdf', '租赁合同.pdf');
    expect(path).toMatch(/^\/api\/attachment-preview\/[A-Za-z0-9_-]{43}$/);
    const res = await fetch(base + path);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toBe("frame-ancestors 'self'");
    expect(res.headers.get('content-disposition')).toBe(
      `inline; filename*=UTF-8''${encodeURIComponent('租赁合同.pdf')}`,
    );
  });

  it('are gone after a minute; unknown tickets, other methods and other paths are not served', async () => {
    const path = links.issue(PDF, 'application/pdf', 'a.pdf');
    expect((await fetch(base + path, { method: 'POST' })).status).toBe(404);
    now += 60_001;
    expect((await fetch(base + path)).status).toBe(404);
    expect((await fetch(`${base}/api/attachment-preview/${'x'.repeat(43)}`)).status).toBe(404);
    expect((await fetch(`${base}/api/attachment-preview/short`)).status).toBe(418);
  });

  it('keep at most 32 open: the oldest goes first', async () => {
    const first = links.issue(PDF, 'application/pdf', 'first.pdf');
    for (let i = 0; i < 32; i++) links.issue(PDF, 'application/pdf', `${i}.pdf`);
    expect((await fetch(base + first)).status).toBe(404);
  });
});
