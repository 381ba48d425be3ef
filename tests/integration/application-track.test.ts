import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckDigit } from '@common/domain/id-number';
import { TrackResponse } from '@common/api/track-schemas';
import type { CallerContext } from '../../main/services/caller';
import { startStationHost, type StationHost } from '../../main/host';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';

/**
 * The public application-progress page's data (`GET /api/track/<token>`) from a station host that
 * runs alone (the hall offline): the slip's QR link, masked data only, the steps as the application
 * moves, what is still to do, the same not_found for every wrong token, expiry, the request budget.
 */
const body = '33010619850312123';
const ID = body + idCheckDigit(body);
const FORM = {
  applicantName: '张小三',
  idNumber: ID,
  phone: '13812345678',
  address: '浙江省杭州市西湖区文三路90号1幢1单元101室',
  category: '低压居民',
  capacityKva: 8,
  usageType: '居民生活',
};
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('IHDR-proof-of-property-scan'),
]);
const counter: CallerContext = {
  connectionId: 'counter-8',
  source: 'local:test',
  role: 'counter',
  windowNo: 8,
  session: null,
};
const BUDGET = 40;

let host: StationHost;
let now = Date.parse('2026-11-23T02:00:00Z');
let app: { id: string; applicationNo: string; followUrl: string };

const tokenOf = (url: string) => decodeURIComponent(url.slice(url.indexOf('#/track/') + '#/track/'.length));
async function track(token: string): Promise<{ status: number; body: TrackResponse; headers: Headers }> {
  const res = await fetch(`${host.url}/api/track/${encodeURIComponent(token)}`);
  return { status: res.status, body: TrackResponse.parse(await res.json()), headers: res.headers };
}

beforeAll(async () => {
  const root = makeTempDir('track-');
  const rendererDir = path.join(root, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>hall</title>');
  host = await startStationHost({
    dataDir: seededDataDir('station.db', path.join(root, 'station')),
    http: { port: 0, rendererDir },
    clock: { now: () => new Date(now) },
    tracking: { requestsPerMinute: BUDGET },
  });
  expect((await host.router.call(counter, 'auth.login', { staffNo: '1007', pin: '123456' })).ok).toBe(true);
  const r = await host.router.call(counter, 'application.submit', { type: 'NEW', values: FORM });
  if (!r.ok) throw new Error(r.error.message);
  app = { id: r.value.application.id, applicationNo: r.value.application.applicationNo!, followUrl: r.value.followUrl };
});
afterAll(async () => {
  await host?.close();
});

describe('application progress page', () => {
  it('the slip links to this station host (no base configured), with a token that is not the application number', () => {
    expect(app.followUrl.startsWith(`${host.url}/#/track/`)).toBe(true);
    const token = tokenOf(app.followUrl);
    expect(token).not.toContain(app.applicationNo);
    expect(token.length).toBeGreaterThanOrEqual(40);
  });

  it('shows number, type, steps and what is missing, with the applicant masked and no ID, phone or address', async () => {
    const r = await track(tokenOf(app.followUrl));
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.body).toMatchObject({
      ok: true,
      value: {
        applicationNo: app.applicationNo,
        businessType: 'NEW',
        businessName: '新装',
        applicant: '张*三',
        status: 'submitted',
        steps: [
          { key: 'submitted', state: 'current', at: '2026-11-23T02:00:00.000Z' },
          { key: 'accepted', state: 'waiting', at: null },
          { key: 'in_progress', state: 'waiting', at: null },
          { key: 'completed', state: 'waiting', at: null },
        ],
        todo: [
          { kind: 'missingDocument', document: '身份证件（读卡器图像）' },
          { kind: 'missingDocument', document: '房产证明或租赁合同' },
        ],
        expires: '2027-05-22',
      },
    });
    const text = JSON.stringify(r.body);
    for (const secret of ['张小三', ID, '13812345678', '文三路90号', FORM.address]) expect(text).not.toContain(secret);
  });

  it('follows the application: a document attached drops from the list, each status step gets its time', async () => {
    expect(
      (
        await host.router.call(counter, 'application.attach', {
          id: app.id,
          kind: 'propertyProof',
          fileName: 'deed.png',
          dataBase64: PNG.toString('base64'),
        })
      ).ok,
    ).toBe(true);
    now += 3600_000;
    expect((await host.router.call(counter, 'application.setStatus', { id: app.id, status: 'accepted' })).ok).toBe(
      true,
    );
    const r = await track(tokenOf(app.followUrl));
    expect(r.body).toMatchObject({
      ok: true,
      value: {
        status: 'accepted',
        steps: [
          { key: 'submitted', state: 'done', at: '2026-11-23T02:00:00.000Z' },
          { key: 'accepted', state: 'current', at: '2026-11-23T03:00:00.000Z' },
          { key: 'in_progress', state: 'waiting' },
          { key: 'completed', state: 'waiting' },
        ],
        todo: [{ kind: 'missingDocument', document: '身份证件（读卡器图像）' }],
      },
    });
    // A reprint carries the same link: the customer's saved link keeps working.
    const slip = await host.router.call(counter, 'application.printSlip', { id: app.id });
    expect(slip.ok && slip.value.followUrl).toBe(app.followUrl);
  });

  it("a rejection ends the steps where it happened and asks the customer to contact the hall, without the agent's note", async () => {
    const other = await host.router.call(counter, 'application.submit', {
      type: 'NEW',
      values: { ...FORM, applicantName: '欧阳娜娜' },
    });
    if (!other.ok) throw new Error(other.error.message);
    expect(
      (
        await host.router.call(counter, 'application.setStatus', {
          id: other.value.application.id,
          status: 'rejected',
          note: '房产证明与地址不符，请联系 13900001111',
        })
      ).ok,
    ).toBe(true);
    const r = await track(tokenOf(other.value.followUrl));
    expect(r.body).toMatchObject({
      ok: true,
      value: {
        applicant: '欧**娜',
        status: 'rejected',
        steps: [
          { key: 'submitted', state: 'done' },
          { key: 'rejected', state: 'rejected' },
        ],
        todo: [{ kind: 'contactHall' }],
      },
    });
    expect(JSON.stringify(r.body)).not.toContain('13900001111');
  });

  it('answers an unknown, forged, malformed token or an application number with one and the same not_found', async () => {
    const token = tokenOf(app.followUrl);
    const [idPart, expires, mac] = token.split('.') as [string, string, string];
    const flipped = (mac[0] === 'A' ? 'B' : 'A') + mac.slice(1);
    const otherId = Buffer.from('ap-00000000-0000-4000-8000-000000000000').toString('base64url');
    const wrong = [
      `${idPart}.${expires}.${flipped}`,
      `${idPart}.20991231.${mac}`,
      `${otherId}.${expires}.${mac}`,
      app.applicationNo,
      'x',
      '%E0%A4%A',
    ];
    const answers = await Promise.all(wrong.map((t) => track(t)));
    for (const a of answers) {
      expect(a.status).toBe(404);
      expect(a.body).toEqual(answers[0]!.body);
    }
    expect(answers[0]!.body).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('a token past its day answers expired (410)', async () => {
    const saved = now;
    now += 181 * 86_400_000;
    const r = await track(tokenOf(app.followUrl));
    now = saved;
    expect(r.status).toBe(410);
    expect(r.body).toMatchObject({ ok: false, error: { code: 'expired' } });
  });

  it('cuts a client off after its budget in a minute (429 with Retry-After), and lets it back in the next', async () => {
    now += 61_000; // a fresh window
    const token = tokenOf(app.followUrl);
    const statuses: number[] = [];
    for (let i = 0; i < BUDGET + 3; i++) statuses.push((await track(token)).status);
    expect(statuses.slice(0, BUDGET).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(BUDGET)).toEqual([429, 429, 429]);
    const limited = await track(token);
    expect(limited.body).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    now += 60_000;
    expect((await track(token)).status).toBe(200);
  });

  it('refuses anything but GET, and leaves other paths to the static server', async () => {
    expect((await fetch(`${host.url}/api/track/abc`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${host.url}/`)).status).toBe(200);
  });
});
