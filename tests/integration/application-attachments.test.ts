import path from 'node:path';
import Database from 'better-sqlite3';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckDigit } from '@common/domain/id-number';
import type { CallerContext } from '../../main/services/caller';
import { startStationHost, type StationHost } from '../../main/host';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';

/**
 * An application's documents opened at the counter: decrypted only on request, byte for byte what was
 * uploaded, checked against the upload's SHA-256, each opening audited with its purpose, and only
 * for staff at counter or manager windows.
 */
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
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const ctx = (role: CallerContext['role'], windowNo: number | null, id: string): CallerContext => ({
  connectionId: id,
  source: 'local:test',
  role,
  windowNo,
  session: null,
});
const counter = ctx('counter', 8, 'counter-8');
const manager = ctx('manager', null, 'manager-1');

function scan(): Buffer {
  const png = new PNG({ width: 24, height: 16 });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([200, 40 + i / 8, 90, 255], i);
  return PNG.sync.write(png);
}

let host: StationHost;
let dataDir: string;
let appId: string;
let pngId: string;
let pdfId: string;
const png = scan();

beforeAll(async () => {
  dataDir = seededDataDir('station.db', path.join(makeTempDir('attach-'), 'station'));
  host = await startStationHost({ dataDir });
  expect((await host.router.call(counter, 'auth.login', { staffNo: '1007', pin: '123456' })).ok).toBe(true);
  const r = await host.router.call(counter, 'application.submit', { type: 'NEW', values: FORM });
  if (!r.ok) throw new Error(r.error.message);
  appId = r.value.application.id;
  const a = await host.router.call(counter, 'application.attach', {
    id: appId,
    kind: 'propertyProof',
    fileName: 'deed.png',
    dataBase64: png.toString('base64'),
  });
  const b = await host.router.call(counter, 'application.attach', {
    id: appId,
    kind: 'other',
    fileName: 'lease.pdf',
    dataBase64: PDF.toString('base64'),
  });
  if (!a.ok || !b.ok) throw new Error('attach failed');
  pngId = a.value.id;
  pdfId = b.value.id;
});
afterAll(async () => {
  await host?.close();
});

const audits = (action: string) => {
  const db = new Database(path.join(dataDir, 'station.db'), { readonly: true });
  try {
    return (
      db.prepare('SELECT actor, detail FROM audit_log WHERE action = ? ORDER BY rowid').all(action) as {
        actor: string;
        detail: string;
      }[]
    ).map((r) => ({ actor: r.actor, ...(JSON.parse(r.detail) as Record<string, unknown>) }));
  } finally {
    db.close();
  }
};

describe('attachments at the counter', () => {
  it('stores them encrypted: the bytes are nowhere in the database file in the clear', () => {
    const db = new Database(path.join(dataDir, 'station.db'), { readonly: true });
    const rows = db.prepare('SELECT data_enc FROM application_attachments WHERE application_id = ?').all(appId) as {
      data_enc: string;
    }[];
    db.close();
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.data_enc).not.toContain(png.toString('base64').slice(0, 40));
      expect(r.data_enc).not.toContain(PDF.toString('base64').slice(0, 40));
    }
  });

  it('gives the counter the exact bytes of an image and a PDF, and audits each opening with its purpose', async () => {
    const p = await host.router.call(counter, 'application.attachmentContent', { id: pngId, purpose: 'preview' });
    expect(p).toMatchObject({
      ok: true,
      value: {
        attachment: { id: pngId, kind: 'propertyProof', mime: 'image/png', fileName: 'deed.png', size: png.length },
      },
    });
    expect(p.ok && Buffer.from(p.value.dataBase64, 'base64').equals(png)).toBe(true);
    const d = await host.router.call(counter, 'application.attachmentContent', { id: pdfId, purpose: 'download' });
    expect(d.ok && Buffer.from(d.value.dataBase64, 'base64').equals(PDF)).toBe(true);
    expect(d.ok && d.value.attachment.mime).toBe('application/pdf');
    const previews = audits('application.attachment.preview');
    const downloads = audits('application.attachment.download');
    expect(previews.at(-1)).toMatchObject({
      actor: '1007',
      attachmentId: pngId,
      kind: 'propertyProof',
      windowNo: 8,
      applicationNo: expect.stringMatching(/^SQ-H001-/),
    });
    expect(downloads.at(-1)).toMatchObject({ actor: '1007', attachmentId: pdfId, kind: 'other' });
  });

  it('a PDF preview without HTTP (the Electron host) still gets a one-minute link, served from the links of the host that app:// hands out', async () => {
    const p = await host.router.call(counter, 'application.attachmentContent', { id: pdfId, purpose: 'preview' });
    if (!p.ok) throw new Error(p.error.message);
    expect(p.value.previewPath).toMatch(/^\/api\/attachment-preview\/[A-Za-z0-9_-]{43}$/);
    const res = host.previews.respond('GET', p.value.previewPath!);
    expect(res).toMatchObject({ status: 200, headers: { 'content-type': 'application/pdf' } });
    expect(Buffer.from(res!.body).equals(PDF)).toBe(true);
    // A download or an image gets no link.
    const d = await host.router.call(counter, 'application.attachmentContent', { id: pdfId, purpose: 'download' });
    expect(d.ok && d.value.previewPath).toBeNull();
  });

  it('a manager window may open them too; rate, kiosk, display and guide windows never', async () => {
    expect((await host.router.call(manager, 'auth.login', { staffNo: '1001', pin: '123456' })).ok).toBe(true);
    expect(
      await host.router.call(manager, 'application.attachmentContent', { id: pngId, purpose: 'preview' }),
    ).toMatchObject({ ok: true });
    for (const role of ['rate', 'kiosk', 'display', 'guide'] as const) {
      expect(
        await host.router.call(ctx(role, 8, `${role}-x`), 'application.attachmentContent', {
          id: pngId,
          purpose: 'preview',
        }),
      ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('refuses a counter nobody is logged in at, an unknown id, and bad input, with typed errors', async () => {
    expect(
      await host.router.call(ctx('counter', 9, 'counter-9'), 'application.attachmentContent', {
        id: pngId,
        purpose: 'preview',
      }),
    ).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(
      await host.router.call(counter, 'application.attachmentContent', { id: 'at-00000000-none', purpose: 'preview' }),
    ).toMatchObject({ ok: false, error: { code: 'not_found', field: 'id' } });
    expect(
      await host.router.call(counter, 'application.attachmentContent', { id: pngId, purpose: 'print' } as never),
    ).toMatchObject({ ok: false, error: { code: 'validation', field: 'purpose' } });
  });

  it('a stored file altered on disk is refused (storage_error), not shown', async () => {
    const db = new Database(path.join(dataDir, 'station.db'));
    const row = db.prepare('SELECT data_enc FROM application_attachments WHERE id = ?').get(pngId) as {
      data_enc: string;
    };
    const raw = Buffer.from(row.data_enc, 'base64');
    raw[raw.length - 3]! ^= 0x01;
    db.prepare('UPDATE application_attachments SET data_enc = ? WHERE id = ?').run(raw.toString('base64'), pngId);
    db.close();
    expect(
      await host.router.call(counter, 'application.attachmentContent', { id: pngId, purpose: 'preview' }),
    ).toMatchObject({ ok: false, error: { code: 'storage_error', field: 'id' } });
    expect(
      await host.router.call(counter, 'application.attachmentContent', { id: pdfId, purpose: 'preview' }),
    ).toMatchObject({ ok: true });
  });
});
