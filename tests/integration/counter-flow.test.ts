import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckDigit } from '@common/domain/id-number';
import { hallDateTime } from '@common/time/hall-time';
import type { Signature } from '@common/domain/signature';
import { startCentral, type CentralServer } from '../../central/server';
import type { CallerContext } from '../../main/services/caller';
import { startStationHost, type StationHost } from '../../main/host';
import { nextEvent } from '../support/events';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';

/**
 * The counter's customer journey across two stations (the counter PC and its customer screen) through
 * a real central: review → sign → amend (signature invalidated everywhere) → attachments → lock.
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
const ctx = (role: CallerContext['role'], windowNo: number | null, id: string): CallerContext => ({
  connectionId: id,
  source: 'local:test',
  role,
  windowNo,
  session: null,
});
const scribble: Signature = {
  source: 'touchscreen',
  aspect: 2,
  strokes: [
    [
      { x: 0.1, y: 0.5, pressure: 0.5, t: 0 },
      { x: 0.4, y: 0.3, pressure: 0.6, t: 40 },
      { x: 0.8, y: 0.6, pressure: 0.5, t: 90 },
    ],
  ],
};
// Smallest valid-looking PNG signature plus a few bytes: the type is decided by the first bytes.
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('IHDR-proof-of-property-scan'),
]);

let central: CentralServer;
let counterDir: string;
let counterHost: StationHost;
let rateHost: StationHost;
const counter = ctx('counter', 8, 'counter-8');
const rate = ctx('rate', 8, 'rate-8');
const otherRate = ctx('rate', 2, 'rate-2');

beforeAll(async () => {
  const root = makeTempDir('flow-');
  central = await startCentral({
    dbFile: path.join(seededDataDir('central.db', path.join(root, 'central')), 'central.db'),
  });
  counterDir = seededDataDir('station.db', path.join(root, 'counter'));
  // A whole-hall station (like the demo's): the rating test issues its ticket here too, which a counter-only station may not push.
  counterHost = await startStationHost({
    dataDir: counterDir,
    centralUrl: central.url,
    enrollCode: central.issueEnrollmentCode('H001', 'hall'),
  });
  rateHost = await startStationHost({
    dataDir: seededDataDir('station.db', path.join(root, 'rate')),
    centralUrl: central.url,
    enrollCode: central.issueEnrollmentCode('H001', 'counter'),
  });
  expect((await counterHost.router.call(counter, 'auth.login', { staffNo: '1007', pin: '123456' })).ok).toBe(true);
});
afterAll(async () => {
  await counterHost?.close();
  await rateHost?.close();
  await central?.close();
});

/**
 * Wait until `check` holds, re-checking on each application.changed for this application (the
 * station also hears its own rows echoed back from the central, so one event is not enough).
 */
async function eventually<T>(
  host: StationHost,
  applicationId: string,
  check: () => Promise<T | null | false>,
): Promise<T> {
  for (let i = 0; i < 50; i++) {
    const seen = nextEvent(host.events, 'application.changed', (p) => p.applicationId === applicationId);
    seen.catch(() => undefined);
    const v = await check();
    if (v) return v;
    await seen;
  }
  throw new Error('condition never met');
}

const reviewIs = (state: string, requestId?: string) => async () => {
  const r = await rateHost.router.call(rate, 'rate.review', {});
  return r.ok && r.value?.state === state && (!requestId || r.value.requestId === requestId) ? r : null;
};

async function submitted(): Promise<{ id: string; applicationNo: string }> {
  const r = await counterHost.router.call(counter, 'application.submit', { type: 'NEW', values: FORM });
  if (!r.ok) throw new Error(r.error.message);
  return { id: r.value.application.id, applicationNo: r.value.application.applicationNo! };
}

describe('counter flow: review, signature, amendment', () => {
  let app: { id: string; applicationNo: string };
  let requestId: string;

  it('sends the form to the customer screen of its own window only, masked', async () => {
    app = await submitted();
    const r = await counterHost.router.call(counter, 'application.requestSignature', { id: app.id });
    if (!r.ok) throw new Error(r.error.message);
    requestId = r.value.requestId;
    const review = await eventually(rateHost, app.id, reviewIs('awaiting', requestId));
    expect(review).toMatchObject({
      ok: true,
      value: { requestId, applicationNo: app.applicationNo, state: 'awaiting', title: '新装用电申请' },
    });
    const text = JSON.stringify(review);
    expect(text).not.toContain(ID);
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('张小三');
    expect(text).toContain('张*三');
    expect(await rateHost.router.call(otherRate, 'rate.review', {})).toEqual({ ok: true, value: null });
  });

  it('refuses an empty signature and another window, then signs once; a second signature is refused', async () => {
    expect(
      await rateHost.router.call(rate, 'rate.sign', { requestId, signature: { ...scribble, strokes: [] } }),
    ).toMatchObject({ ok: false, error: { code: 'validation', field: 'signature' } });
    expect(await rateHost.router.call(otherRate, 'rate.sign', { requestId, signature: scribble })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await rateHost.router.call(rate, 'rate.sign', { requestId, signature: scribble })).toMatchObject({
      ok: true,
      value: { state: 'signed' },
    });
    await eventually(counterHost, app.id, async () => {
      const d = await counterHost.router.call(counter, 'application.detail', { id: app.id });
      return d.ok && d.value.signature !== null;
    });
    expect(await rateHost.router.call(rate, 'rate.sign', { requestId, signature: scribble })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('不可更改') },
    });
    const detail = await counterHost.router.call(counter, 'application.detail', { id: app.id });
    expect(detail).toMatchObject({
      ok: true,
      value: { signatureValidity: 'valid', signature: { source: 'touchscreen' } },
    });
    expect(detail.ok && detail.value.signature!.svg).toContain('<line');
    const slip = await counterHost.router.call(counter, 'application.printSlip', { id: app.id });
    // Both times on the slip are hall time: the signature's beside the acceptance's, not UTC.
    if (!slip.ok || !detail.ok) throw new Error('no slip');
    expect(slip.value.slipLines).toContain(`电子签名：有效（${hallDateTime(detail.value.signature!.signedAt)}）`);
  });

  it('an amendment after signing invalidates the signature on the counter, the customer screen and the slip', async () => {
    expect(
      await counterHost.router.call(counter, 'application.amend', {
        id: app.id,
        values: { ...FORM, capacityKva: 12 },
        note: '',
      }),
    ).toMatchObject({ ok: false, error: { code: 'validation', field: 'note' } });
    expect(
      await counterHost.router.call(counter, 'application.amend', {
        id: app.id,
        values: { ...FORM, phone: '12345' },
        note: '客户更正',
      }),
    ).toMatchObject({ ok: false, error: { code: 'validation', field: 'values.phone' } });
    const amended = await counterHost.router.call(counter, 'application.amend', {
      id: app.id,
      values: { ...FORM, capacityKva: 12 },
      note: '客户要求增加容量',
    });
    expect(amended).toMatchObject({
      ok: true,
      value: { signatureValidity: 'invalidated', application: { values: { capacityKva: 12 } } },
    });
    expect(amended.ok && amended.value.application.events.at(-1)).toMatchObject({ note: '修改：客户要求增加容量' });
    await eventually(rateHost, app.id, reviewIs('invalidated'));
    const slip = await counterHost.router.call(counter, 'application.printSlip', { id: app.id });
    expect(slip.ok && slip.value.slipLines).toContain('电子签名：签名已失效（签字后表单已修改）');
    // Sent again, it can be signed again over the new content.
    const again = await counterHost.router.call(counter, 'application.requestSignature', { id: app.id });
    if (!again.ok) throw new Error(again.error.message);
    await eventually(rateHost, app.id, reviewIs('awaiting', again.value.requestId));
    expect(
      await rateHost.router.call(rate, 'rate.sign', { requestId: again.value.requestId, signature: scribble }),
    ).toMatchObject({ ok: true, value: { state: 'signed' } });
  });

  it('a form changed between review and signature cannot be signed', async () => {
    const b = await submitted();
    const req = await counterHost.router.call(counter, 'application.requestSignature', { id: b.id });
    if (!req.ok) throw new Error(req.error.message);
    await counterHost.router.call(counter, 'application.amend', {
      id: b.id,
      values: { ...FORM, capacityKva: 20 },
      note: '改容量',
    });
    // Signed on the counter's own station (where the amendment already is): refused with nothing stored.
    const local = ctx('rate', 8, 'rate-local');
    expect(
      await counterHost.router.call(local, 'rate.sign', { requestId: req.value.requestId, signature: scribble }),
    ).toMatchObject({ ok: false, error: { code: 'conflict', field: 'contentHash' } });
    expect(await counterHost.router.call(counter, 'application.detail', { id: b.id })).toMatchObject({
      ok: true,
      value: { signature: null, signatureValidity: 'none' },
    });
  });

  it('moves an application along its states, one step at a time, a rejection only with a reason', async () => {
    const c = await submitted();
    expect(
      await counterHost.router.call(counter, 'application.setStatus', { id: c.id, status: 'completed' }),
    ).toMatchObject({ ok: false, error: { code: 'conflict', field: 'status' } });
    expect(
      await counterHost.router.call(counter, 'application.setStatus', { id: c.id, status: 'rejected' }),
    ).toMatchObject({ ok: false, error: { code: 'validation', field: 'note' } });
    expect(
      await counterHost.router.call(counter, 'application.setStatus', { id: c.id, status: 'accepted' }),
    ).toMatchObject({ ok: true, value: { application: { status: 'accepted' } } });
    const done = await counterHost.router.call(counter, 'application.setStatus', { id: c.id, status: 'in_progress' });
    expect(done.ok && done.value.application.events.map((e) => e.status)).toEqual([
      'submitted',
      'accepted',
      'in_progress',
    ]);
    expect(
      await counterHost.router.call(counter, 'application.setStatus', { id: c.id, status: 'completed' }),
    ).toMatchObject({ ok: true, value: { application: { status: 'completed' } } });
    // A finished application takes no more changes.
    expect(
      await counterHost.router.call(counter, 'application.amend', { id: c.id, values: FORM, note: '再改' }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('a draft cannot be sent for signature', async () => {
    const d = await counterHost.router.call(counter, 'application.saveDraft', {
      type: 'NEW',
      values: { applicantName: '李四' },
    });
    if (!d.ok) throw new Error(d.error.message);
    expect(await counterHost.router.call(counter, 'application.requestSignature', { id: d.value.id })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    const drafts = await counterHost.router.call(counter, 'application.drafts', {});
    expect(drafts.ok && drafts.value.map((x) => x.id)).toContain(d.value.id);
  });
});

describe('application numbers', () => {
  it('count per station: numbers the customer screen station pulled from the counter do not move its own sequence', async () => {
    const fromCounter = await submitted();
    await rateHost.sync!.idle();
    const local = ctx('counter', 2, 'rate-station-counter');
    expect((await rateHost.router.call(local, 'auth.login', { staffNo: '1004', pin: '123456' })).ok).toBe(true);
    const r = await rateHost.router.call(local, 'application.submit', { type: 'NEW', values: FORM });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.application.applicationNo).toMatch(/-NEW-0001-[0-9A-F]{4}$/);
    expect(r.value.application.applicationNo!.slice(-4)).not.toBe(fromCounter.applicationNo.slice(-4));
  });
});

describe('attachments', () => {
  it('stores a scanned PNG encrypted and lists it; refuses wrong types, names, kinds and sizes', async () => {
    const app = await submitted();
    const ok = await counterHost.router.call(counter, 'application.attach', {
      id: app.id,
      kind: 'propertyProof',
      fileName: '房产证.png',
      dataBase64: PNG.toString('base64'),
    });
    expect(ok).toMatchObject({ ok: true, value: { kind: 'propertyProof', mime: 'image/png', size: PNG.length } });
    const bad = (over: Record<string, string>) =>
      counterHost.router.call(counter, 'application.attach', {
        id: app.id,
        kind: 'propertyProof',
        fileName: 'a.png',
        dataBase64: PNG.toString('base64'),
        ...over,
      });
    expect(await bad({ dataBase64: Buffer.from('just text, not an image').toString('base64') })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'dataBase64', message: expect.stringContaining('PDF、JPEG 或 PNG') },
    });
    expect(await bad({ fileName: 'scan.pdf' })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'fileName' },
    });
    expect(await bad({ kind: 'parkingProof' })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'kind' },
    });
    expect(await bad({ dataBase64: Buffer.alloc(1024 * 1024 + 1, 0xff).toString('base64') })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'dataBase64' },
    });
    expect(await bad({ dataBase64: '@@not base64@@' })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await counterHost.router.call(counter, 'application.attachIdPhoto', { id: app.id })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const detail = await counterHost.router.call(counter, 'application.detail', { id: app.id });
    expect(detail.ok && detail.value.attachments.map((a) => a.fileName)).toEqual(['房产证.png']);

    const db = new Database(path.join(counterDir, 'station.db'), { readonly: true, fileMustExist: true });
    const raw = db.prepare('SELECT data_enc FROM application_attachments').all() as { data_enc: string }[];
    db.close();
    expect(raw).toHaveLength(1);
    expect(Buffer.from(raw[0]!.data_enc, 'base64').includes(Buffer.from('IHDR-proof'))).toBe(false);
    expect(raw[0]!.data_enc).not.toContain(PNG.toString('base64').slice(0, 16));
  });
});

describe('lock screen', () => {
  it('refuses staff calls while locked; a wrong PIN keeps it locked; the right PIN unlocks; both audited', async () => {
    expect(await counterHost.router.call(counter, 'auth.lock', {})).toEqual({ ok: true, value: { locked: true } });
    expect(await counterHost.router.call(counter, 'customer.search', { query: '13812345678' })).toMatchObject({
      ok: false,
      error: { code: 'locked' },
    });
    expect(await counterHost.router.call(counter, 'counter.callNext', {})).toMatchObject({
      ok: false,
      error: { code: 'locked' },
    });
    expect(await counterHost.router.call(counter, 'auth.unlock', { pin: '000000' })).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated', field: 'pin' },
    });
    expect(await counterHost.router.call(counter, 'customer.search', { query: '13812345678' })).toMatchObject({
      ok: false,
      error: { code: 'locked' },
    });
    expect(await counterHost.router.call(counter, 'auth.unlock', { pin: '123456' })).toEqual({
      ok: true,
      value: { locked: false },
    });
    expect((await counterHost.router.call(counter, 'customer.search', { query: '13812345678' })).ok).toBe(true);
    // The window stays signed in throughout: the current ticket stays this agent's.
    expect(await counterHost.router.call(counter, 'auth.session', {})).toMatchObject({
      ok: true,
      value: { staff: { staffNo: '1007' }, windowNo: 8 },
    });
    const db = new Database(path.join(counterDir, 'station.db'), { readonly: true });
    const actions = (
      db.prepare(`SELECT action FROM audit_log WHERE action LIKE 'auth.%lock%' ORDER BY rowid`).all() as {
        action: string;
      }[]
    ).map((r) => r.action);
    db.close();
    expect(actions).toEqual(['auth.lock', 'auth.unlockFailed', 'auth.unlock']);
  });
});

describe('the rating after the service', () => {
  it('binds the review to the ticket, needs a reason for 不满意, and can never be changed', async () => {
    const issued = await counterHost.router.call(ctx('kiosk', null, 'kiosk'), 'queue.issueTicket', {
      businessType: 'XFER',
    });
    if (!issued.ok) throw new Error(issued.error.message);
    const called = await counterHost.router.call(counter, 'counter.callNext', {});
    if (!called.ok || !called.value) throw new Error('nothing called');
    const ticketId = called.value.id;
    expect((await counterHost.router.call(counter, 'counter.start', { ticketId })).ok).toBe(true);
    const app = await submitted();
    expect((await counterHost.router.call(counter, 'application.requestSignature', { id: app.id })).ok).toBe(true);
    const local = ctx('rate', 8, 'rate-local-2');
    expect(await counterHost.router.call(local, 'rate.review', {})).toMatchObject({
      ok: true,
      value: { applicationNo: app.applicationNo },
    });
    expect((await counterHost.router.call(counter, 'counter.finish', { ticketId })).ok).toBe(true);
    // The ticket is done: the customer screen moves on from the review to the rating.
    expect(await counterHost.router.call(local, 'rate.review', {})).toEqual({ ok: true, value: null });
    expect(
      await counterHost.router.call(local, 'rate.submit', { ticketId, level: 'unsatisfied', reason: '  ' }),
    ).toMatchObject({ ok: false, error: { code: 'validation', field: 'reason' } });
    const first = await counterHost.router.call(local, 'rate.submit', {
      ticketId,
      level: 'unsatisfied',
      dimensions: { attitude: 2, efficiency: 1 },
      reason: '等候时间太长；手续繁琐',
    });
    expect(first).toMatchObject({
      ok: true,
      value: { level: 'unsatisfied', windowNo: 8, reason: '等候时间太长；手续繁琐' },
    });
    expect(await counterHost.router.call(local, 'rate.submit', { ticketId, level: 'very_satisfied' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(await counterHost.router.call(local, 'rate.timeout', { ticketId })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    const db = new Database(path.join(counterDir, 'station.db'), { readonly: true });
    const rows = db.prepare('SELECT level, reason FROM ratings WHERE ticket_id = ?').all(ticketId);
    db.close();
    expect(rows).toEqual([{ level: 'unsatisfied', reason: '等候时间太长；手续繁琐' }]);
  });
});
