import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  channelFile,
  checkFeed,
  compareVersions,
  decideUpdate,
  parseLatestYml,
  updateFeedUrl,
} from '../../../main/electron/updates';

/** What electron-builder writes next to an NSIS installer. */
const LATEST_YML = `version: 0.2.0
files:
  - url: hall-console-0.2.0-win-x64.exe
    sha512: 3q2+7w==
    size: 91234567
path: hall-console-0.2.0-win-x64.exe
sha512: 3q2+7w==
releaseDate: '2026-12-01T08:00:00.000Z'
`;

let server: http.Server;
let base: string;
const requests: string[] = [];
let served = LATEST_YML;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === '/hall/updates/latest.yml') return res.writeHead(200, { 'content-type': 'text/yaml' }).end(served);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('update feed', () => {
  it('the feed URL is an http(s) directory from station.json', () => {
    expect(updateFeedUrl('http://10.1.2.3/hall/updates')).toBe('http://10.1.2.3/hall/updates/');
    expect(updateFeedUrl('https://it.hall.example/hc/?x=1#y')).toBe('https://it.hall.example/hc/');
    expect(updateFeedUrl(undefined)).toBeNull();
    expect(updateFeedUrl('file:///C:/updates')).toBeNull();
    expect(updateFeedUrl('not a url')).toBeNull();
  });

  it('each platform reads its own channel file', () => {
    expect(channelFile('win32')).toBe('latest.yml');
    expect(channelFile('linux')).toBe('latest-linux.yml');
  });

  it('reads version, installer and checksum from latest.yml; a file without a version is refused', () => {
    expect(parseLatestYml(LATEST_YML)).toEqual({
      version: '0.2.0',
      path: 'hall-console-0.2.0-win-x64.exe',
      sha512: '3q2+7w==',
      releaseDate: '2026-12-01T08:00:00.000Z',
    });
    expect(parseLatestYml('path: x.exe\n')).toBeNull();
    expect(parseLatestYml('version: banana\n')).toBeNull();
  });

  it.each([
    ['0.1.0', '0.2.0', -1],
    ['0.10.0', '0.9.9', 1],
    ['1.0.0-beta.2', '1.0.0-beta.10', -1],
    ['1.0.0-rc.1', '1.0.0', -1],
    ['1.0.0', '1.0.0', 0],
  ] as const)('%s vs %s', (a, b, order) => {
    expect(compareVersions(a, b)).toBe(order);
  });

  it('installs only a newer version: never a downgrade', () => {
    const latest = parseLatestYml(LATEST_YML)!;
    expect(decideUpdate('0.1.0', latest)).toEqual({ action: 'install', version: '0.2.0' });
    expect(decideUpdate('0.2.0', latest)).toEqual({ action: 'none', reason: 'current' });
    expect(decideUpdate('0.3.0', latest)).toEqual({ action: 'none', reason: 'newer-installed' });
  });

  it('checks a real feed over HTTP', async () => {
    served = LATEST_YML;
    expect(await checkFeed(`${base}/hall/updates/`, '0.1.0', 'win32')).toEqual({ action: 'install', version: '0.2.0' });
    expect(requests.at(-1)).toBe('/hall/updates/latest.yml');
    expect(await checkFeed(`${base}/hall/updates/`, '0.2.0', 'win32')).toEqual({ action: 'none', reason: 'current' });
  });

  it('a missing file, a broken file and a dead server are errors that name the URL', async () => {
    expect(await checkFeed(`${base}/elsewhere/`, '0.1.0', 'win32')).toEqual({
      action: 'error',
      message: `${base}/elsewhere/latest.yml: HTTP 404`,
    });
    served = '<html>proxy login</html>';
    expect(await checkFeed(`${base}/hall/updates/`, '0.1.0', 'win32')).toMatchObject({
      action: 'error',
      message: expect.stringContaining('no version'),
    });
    const dead = await checkFeed('http://127.0.0.1:1/', '0.1.0', 'win32');
    expect(dead).toMatchObject({ action: 'error', message: expect.stringContaining('http://127.0.0.1:1/latest.yml') });
  });
});
