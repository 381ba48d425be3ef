import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError, readJson } from '../../../central/http-util';

/** A real server whose handler answers with what readJson made of the body (or its error). */
let server: http.Server;
let url: string;
/** Every body the server parsed, as it returned it. */
const kept: unknown[] = [];
beforeAll(async () => {
  server = http.createServer((req, res) => {
    readJson(req, 4 << 20).then(
      (v) => {
        kept.push(v);
        res.end(JSON.stringify({ ok: v }));
      },
      (e: unknown) => res.end(JSON.stringify({ error: e instanceof HttpError ? e.code : String(e) })),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** POST `parts` as separate writes, so the server sees the body in several chunks. */
function post(parts: string[]): Promise<{ ok?: unknown; error?: string }> {
  const length = parts.reduce((n, p) => n + Buffer.byteLength(p), 0);
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { 'content-length': String(length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () =>
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as { ok?: unknown; error?: string }),
      );
    });
    req.on('error', reject);
    (async () => {
      for (const p of parts) await new Promise<void>((r) => req.write(p, () => r()));
      req.end();
    })().catch(reject);
  });
}

const batch = (n: number, tag: string) => ({
  clientId: `client-${tag}`,
  mutations: Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    name: 'audit.append',
    args: { note: `${tag}-${i}-营业厅` },
  })),
});
const inParts = (text: string, size: number) =>
  Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));

describe('readJson', () => {
  it('parses bodies that arrive in many chunks, a long one then a shorter one, and leaves what it returned untouched', async () => {
    const long = batch(3000, 'long');
    const short = batch(1200, 'short'); // ~90 KB: more than one socket read, so it is joined in the reused buffer too
    expect((await post(inParts(JSON.stringify(long), 50_000))).ok).toEqual(long);
    expect((await post(inParts(JSON.stringify(short), 700))).ok).toEqual(short);
    // The body buffer is reused between requests: the first result must not have changed with it.
    expect(kept).toEqual([long, short]);
  });

  it('refuses a body that is cut or damaged after a longer body was read, with 400 malformed', async () => {
    const text = JSON.stringify(batch(2000, 'x'));
    expect((await post(inParts(text, 60_000))).ok).toBeDefined();
    // A prefix of the same text: the reused buffer still holds the rest, which must not be read.
    expect(await post(inParts(text.slice(0, 100_000), 30_000))).toEqual({ error: 'malformed' });
    expect(await post(['{"clientId":"c","mutations":[{"id":1},'])).toEqual({ error: 'malformed' });
  });
});
