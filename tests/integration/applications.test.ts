import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckDigit } from '@common/domain/id-number';
import { parseApplicationNumber } from '@common/forms/application-number';
import { verifySignature } from '@common/forms/canonical';
import type { CallerContext } from '../../main/services/caller';
import { startStationHost, type StationHost } from '../../main/host';
import { personalDataKeyPath } from '../../main/security/personal-data-cipher';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';

/** E-form applications through the real station host: drafts, validation, submit, number, hash, at rest. */
let host: StationHost;
let dataDir: string;
const counter: CallerContext = { connectionId: 'c', source: 'local:test', role: 'counter', windowNo: 3, session: null };
const body = '33010619850312123';
const FORM = {
  applicantName: '张小三',
  idNumber: body + idCheckDigit(body),
  phone: '13812345678',
  address: '浙江省杭州市西湖区文三路90号1幢1单元101室',
  category: '低压居民',
  capacityKva: 8,
  usageType: '居民生活',
};
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

beforeAll(async () => {
  dataDir = seededDataDir('station.db', makeTempDir('apps-host-'));
  fs.mkdirSync(path.dirname(personalDataKeyPath(dataDir)), { recursive: true });
  fs.writeFileSync(personalDataKeyPath(dataDir), Buffer.alloc(32, 7), { mode: 0o600 });
  host = await startStationHost({ dataDir });
  expect((await host.router.call(counter, 'auth.login', { staffNo: '1003', pin: '123456' })).ok).toBe(true);
});
afterAll(async () => host?.close());

describe('applications on electronic forms', () => {
  it('saves an incomplete draft, then refuses to submit it with the Chinese error naming the field', async () => {
    const draft = await host.router.call(counter, 'application.saveDraft', {
      type: 'NEW',
      values: { applicantName: '张小三' },
    });
    expect(draft).toMatchObject({
      ok: true,
      value: { status: 'draft', applicationNo: null, values: { applicantName: '张小三' } },
    });
    const id = draft.ok ? draft.value.id : '';
    const bad = await host.router.call(counter, 'application.submit', {
      id,
      type: 'NEW',
      values: { ...FORM, idNumber: body + (idCheckDigit(body) === '0' ? '1' : '0') },
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'values.idNumber', message: '「证件号码」校验位错误（GB 11643）' },
    });
    expect(await host.router.call(counter, 'application.get', { id })).toMatchObject({
      ok: true,
      value: { status: 'draft' },
    });
  });

  it('submits: an application number, a content hash a signature can verify, a slip with masked data', async () => {
    const r = await host.router.call(counter, 'application.submit', { type: 'NEW', customerId: 1, values: FORM });
    if (!r.ok) throw new Error(r.error.message);
    const { application, slipLines, followUrl } = r.value;
    expect(application.status).toBe('submitted');
    expect(parseApplicationNumber(application.applicationNo!)).toMatchObject({
      hallId: host.storage.hallId,
      type: 'NEW',
      seq: 1,
    });
    expect(
      await verifySignature(
        { contentHash: application.contentHash! },
        {
          applicationNo: application.applicationNo!,
          type: 'NEW',
          version: application.formVersion,
          values: application.values,
        },
        sha256,
      ),
    ).toEqual({ valid: true });
    expect(
      await verifySignature(
        { contentHash: application.contentHash! },
        {
          applicationNo: application.applicationNo!,
          type: 'NEW',
          version: application.formVersion,
          values: { ...application.values, capacityKva: 80 },
        },
        sha256,
      ),
    ).toEqual({ valid: false, reason: 'content_changed' });
    expect(slipLines).toContain(`申请编号：${application.applicationNo}`);
    expect(slipLines.join('\n')).not.toContain(FORM.idNumber);
    // The QR opens the public progress page with an unguessable token, never the application number.
    expect(followUrl).toMatch(/#\/track\/[A-Za-z0-9_-]+\.\d{8}\.[A-Za-z0-9_-]{22}$/);
    expect(followUrl).not.toContain(application.applicationNo!);
    expect(application.events.map((e) => e.status)).toEqual(['submitted']);
    // A second one of the same type on the same day takes the next number.
    const second = await host.router.call(counter, 'application.submit', { type: 'NEW', values: FORM });
    expect(second.ok && parseApplicationNumber(second.value.application.applicationNo!)!.seq).toBe(2);
    // Listed for the customer.
    const list = await host.router.call(counter, 'application.forCustomer', { customerId: 1 });
    expect(list.ok && list.value.map((a) => a.applicationNo)).toContain(application.applicationNo);
  });

  it('keeps form values encrypted at rest and queues them for sync', () => {
    const db = new Database(path.join(dataDir, 'station.db'), { readonly: true });
    const raw =
      JSON.stringify(db.prepare('SELECT * FROM applications').all()) +
      JSON.stringify(db.prepare('SELECT name, args FROM sync_outbox').all());
    db.close();
    expect(raw).not.toContain(FORM.idNumber);
    expect(raw).not.toContain(FORM.phone);
    expect(raw).toContain('application.submit');
  });

  it('rejects unknown types and fields with typed errors', async () => {
    expect(await host.router.call(counter, 'application.submit', { type: 'XYZ', values: {} } as never)).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(
      await host.router.call(counter, 'application.saveDraft', { type: 'NEW', values: { evil: 'x' } }),
    ).toMatchObject({ ok: false, error: { code: 'validation', field: 'values.evil' } });
    expect(await host.router.call(counter, 'application.get', { id: 'nope-nope' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});
