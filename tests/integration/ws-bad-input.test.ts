import fs from 'node:fs';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStationHost, type StationHost } from '../../main/host';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';

/** Bad input over the browser-mode socket gets a typed error; the connection and the station live on. */
let host: StationHost;
beforeAll(async () => {
  const renderer = makeTempDir('renderer-');
  fs.writeFileSync(`${renderer}/index.html`, '<!doctype html>');
  host = await startStationHost({
    dataDir: seededDataDir('station.db', makeTempDir('ws-bad-')),
    http: { port: 0, rendererDir: renderer },
  });
});
afterAll(() => host.close());

function open(query: string): Promise<WebSocket> {
  const ws = new WebSocket(`${host.url!.replace('http', 'ws')}/api?${query}`);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}
const reply = (
  ws: WebSocket,
  data: string | Buffer,
): Promise<{ id: number; result: { ok: boolean; error?: { code: string } } }> =>
  new Promise((resolve) => {
    ws.once('message', (m) => resolve(JSON.parse(m.toString())));
    ws.send(data);
  });

describe('WebSocket adapter bad input', () => {
  it('closes a connection that names an unknown role or a counter without a window', async () => {
    for (const q of ['role=admin', 'role=counter', 'role=rate&window=abc', '']) {
      const ws = await open(q);
      const code = await new Promise<number>((resolve) => ws.once('close', (c) => resolve(c)));
      expect(code).toBe(4400);
    }
  });

  it('answers non-JSON, malformed requests and huge method names with validation errors and keeps serving', async () => {
    const ws = await open('role=kiosk');
    expect((await reply(ws, 'not json')).result.error?.code).toBe('validation');
    expect(await reply(ws, JSON.stringify({ id: 7, method: 42 }))).toMatchObject({
      id: 7,
      result: { ok: false, error: { code: 'validation' } },
    });
    expect((await reply(ws, JSON.stringify({ id: 8, method: 'x'.repeat(10_000), input: {} }))).result.error?.code).toBe(
      'validation',
    );
    expect((await reply(ws, Buffer.from([0xff, 0xfe, 0x00]))).result.error?.code).toBe('validation');
    expect((await reply(ws, JSON.stringify({ id: 9, method: 'station.info', input: {} }))).result.ok).toBe(true);
    ws.close();
  });

  it('drops a message larger than the limit without taking the station down', async () => {
    const ws = await open('role=kiosk');
    const closed = new Promise<number>((resolve) => ws.once('close', (c) => resolve(c)));
    ws.send(JSON.stringify({ id: 1, method: 'station.info', input: { pad: 'x'.repeat(300 * 1024) } }));
    expect(await closed).toBe(1009);
    const again = await open('role=kiosk');
    expect((await reply(again, JSON.stringify({ id: 1, method: 'station.info', input: {} }))).result.ok).toBe(true);
    again.close();
  });
});
