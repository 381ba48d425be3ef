import { beforeEach, describe, expect, it } from 'vitest';
import type { MutationArgs } from '@common/mutators';
import { term } from '@common/errors';
import { MAX_ATTACHMENT_BYTES } from '@common/forms/attachments';
import { failureOf, openMutatorDb, type MutatorDb } from '../../support/mutator-db';

/** Review and signature at the window, amending a submitted form, and its attached documents. */
let m: MutatorDb;
const T = (min: number) => new Date(Date.parse('2026-11-23T02:00:00.000Z') + min * 60_000).toISOString();
const HASH = 'a'.repeat(64);
const NEW_HASH = 'b'.repeat(64);
const NO = 'SQ-H001-20261123-NEW-0007-3F9A';

const submit = (id = 'app-00001', no = NO) =>
  m.run('application.submit', {
    id,
    at: T(0),
    staffId: 'staff-1',
    hallId: 'H001',
    type: 'NEW',
    formVersion: 1,
    customerId: null,
    windowNo: 4,
    valuesEnc: 'ZW5j',
    summary: '新装',
    applicationNo: no,
    contentHash: HASH,
    eventId: `evt-submit-${id}`,
  });
const setStatus = (status: string, eventId: string, id = 'app-00001') =>
  m.run('application.setStatus', { id, at: T(1), staffId: 's', eventId, status, note: null });
const request = (
  over: Partial<MutationArgs<'application.requestSignature'>> = {},
): MutationArgs<'application.requestSignature'> => ({
  id: 'sigreq-0001',
  hallId: 'H009',
  applicationId: 'app-00001',
  windowNo: 4,
  ticketId: null,
  contentHash: HASH,
  review: '[{"label":"户名","value":"张*"}]',
  staffId: 'staff-1',
  at: T(2),
  ...over,
});
const sign = (over: Partial<MutationArgs<'application.sign'>> = {}): MutationArgs<'application.sign'> => ({
  id: 'sign-00001',
  requestId: 'sigreq-0001',
  contentHash: HASH,
  source: 'touchscreen',
  strokes: '[[0,0,1]]',
  at: T(3),
  ...over,
});
const amend = (over: Partial<MutationArgs<'application.amend'>> = {}): MutationArgs<'application.amend'> => ({
  id: 'app-00001',
  eventId: 'evt-amend-1',
  staffId: 'staff-2',
  valuesEnc: 'bmV3',
  summary: '新装（改）',
  contentHash: NEW_HASH,
  note: '更正地址',
  at: T(5),
  ...over,
});
const attach = (over: Partial<MutationArgs<'application.attach'>> = {}): MutationArgs<'application.attach'> => ({
  id: 'attach-0001',
  hallId: 'H009',
  applicationId: 'app-00001',
  kind: 'idCard',
  fileName: '身份证.jpg',
  mime: 'image/jpeg',
  size: 2048,
  sha256: 'c'.repeat(64),
  dataEnc: 'ZGF0YQ==',
  staffId: 'staff-1',
  at: T(6),
  ...over,
});
/** A refusal's code and the field the form points at. */
const refusal = (f: () => void) => {
  const e = failureOf(f);
  return [e.code, e.field];
};
const app = () => m.row<Record<string, unknown>>('SELECT * FROM applications WHERE id = ?', 'app-00001');

beforeEach(() => {
  m = openMutatorDb();
  for (const t of [
    'application_signatures',
    'signature_requests',
    'application_attachments',
    'application_events',
    'applications',
  ])
    m.db.prepare(`DELETE FROM ${t}`).run();
  submit();
  m.changed.length = 0;
});

describe('application.requestSignature', () => {
  it("puts the application on the window's screen under the application's hall, and reports it changed", () => {
    m.run('application.requestSignature', request({ ticketId: 'tk-1' }));
    expect(m.row('SELECT * FROM signature_requests')).toEqual({
      id: 'sigreq-0001',
      hall_id: 'H001',
      application_id: 'app-00001',
      window_no: 4,
      ticket_id: 'tk-1',
      content_hash: HASH,
      review: '[{"label":"户名","value":"张*"}]',
      staff_id: 'staff-1',
      requested_at: T(2),
    });
    expect(m.changed).toEqual(['signatureRequest:sigreq-0001']);
  });

  it('takes the same request again as a replay, and refuses other content under its id', () => {
    m.run('application.requestSignature', request());
    m.run('application.requestSignature', request());
    expect(m.changed).toHaveLength(1);
    expect(failureOf(() => m.run('application.requestSignature', request({ windowNo: 5 }))).code).toBe('conflict');
  });

  it('asks a signature on an open application only, over its current content', () => {
    expect(refusal(() => m.run('application.requestSignature', request({ applicationId: 'app-missing' })))).toEqual([
      'not_found',
      'applicationId',
    ]);
    expect(refusal(() => m.run('application.requestSignature', request({ contentHash: NEW_HASH })))).toEqual([
      'conflict',
      'contentHash',
    ]);
    setStatus('accepted', 'evt-status-1');
    m.run('application.requestSignature', request());
    setStatus('in_progress', 'evt-status-2');
    m.run('application.requestSignature', request({ id: 'sigreq-0002' }));
    setStatus('completed', 'evt-status-3');
    const f = failureOf(() => m.run('application.requestSignature', request({ id: 'sigreq-0003' })));
    expect([f.code, f.field]).toEqual(['conflict', 'applicationId']);
    expect(f.params).toEqual({ applicationNo: NO, status: term('application.status.completed') });
  });

  it('does not ask a signature on a draft, naming it by its id', () => {
    m.run('application.saveDraft', {
      id: 'app-draft1',
      at: T(0),
      staffId: 's',
      hallId: 'H001',
      type: 'NEW',
      formVersion: 1,
      customerId: null,
      windowNo: null,
      valuesEnc: 'x',
      summary: '',
    });
    const f = failureOf(() => m.run('application.requestSignature', request({ applicationId: 'app-draft1' })));
    expect(f.params).toEqual({ applicationNo: 'app-draft1', status: term('application.status.draft') });
  });

  it.each([
    ['window 0', { windowNo: 0 }],
    ['window 1000', { windowNo: 1000 }],
    ['an empty ticket id', { ticketId: '' }],
    ['a ticket id over 64', { ticketId: 't'.repeat(65) }],
    ['a hash in capitals', { contentHash: 'A'.repeat(64) }],
    ['a hash of 63 digits', { contentHash: 'a'.repeat(63) }],
    ['a hash with a prefix', { contentHash: `x${'a'.repeat(64)}` }],
    ['a review of one character', { review: '[' }],
    ['a review over 20000 characters', { review: 'r'.repeat(20_001) }],
    ['no hall', { hallId: '' }],
    ['a hall over 16', { hallId: 'H'.repeat(17) }],
    ['no staff', { staffId: '' }],
    ['a staff id over 64', { staffId: 's'.repeat(65) }],
    ['an id shorter than 8', { id: 'i'.repeat(7) }],
    ['an id over 64', { id: 'i'.repeat(65) }],
    ['a time shorter than 10', { at: '2026-11-2' }],
    ['a time over 40', { at: '2'.repeat(41) }],
  ])('refuses %s', (_what, over) => {
    expect(failureOf(() => m.run('application.requestSignature', request(over))).code).toBe('validation');
  });

  it('accepts windows 1 and 999 and the longest review', () => {
    m.run('application.requestSignature', request({ windowNo: 1, review: '[]' }));
    m.run('application.requestSignature', request({ id: 'sigreq-0002', windowNo: 999, review: 'r'.repeat(20_000) }));
    expect(m.rows('SELECT id FROM signature_requests')).toHaveLength(2);
  });
});

describe('application.sign', () => {
  beforeEach(() => {
    m.run('application.requestSignature', request());
    m.changed.length = 0;
  });

  it('binds the signature to the request, its application and the content reviewed', () => {
    m.run('application.sign', sign({ source: 'wacom-stu' }));
    expect(m.row('SELECT * FROM application_signatures')).toEqual({
      id: 'sign-00001',
      hall_id: 'H001',
      application_id: 'app-00001',
      request_id: 'sigreq-0001',
      content_hash: HASH,
      source: 'wacom-stu',
      strokes: '[[0,0,1]]',
      signed_at: T(3),
    });
    expect(m.changed).toEqual(['applicationSignature:sign-00001']);
  });

  it.each(['hanvon', 'hid-digitizer', 'touchscreen'] as const)('takes a signature from a %s pad', (source) => {
    m.run('application.sign', sign({ source }));
    expect(m.row('SELECT source FROM application_signatures')).toEqual({ source });
  });

  it('signs a request once: the same signature again is a replay, a second one is refused', () => {
    m.run('application.sign', sign());
    m.run('application.sign', sign());
    expect(m.changed).toHaveLength(1);
    expect(refusal(() => m.run('application.sign', sign({ id: 'sign-00002' })))).toEqual(['conflict', 'requestId']);
    expect(failureOf(() => m.run('application.sign', sign({ strokes: '[[1,1,1]]' }))).code).toBe('conflict');
  });

  it('refuses a signature for a request that does not exist, or over other content than reviewed', () => {
    expect(refusal(() => m.run('application.sign', sign({ requestId: 'sigreq-none' })))).toEqual([
      'not_found',
      'requestId',
    ]);
    const other = failureOf(() => m.run('application.sign', sign({ contentHash: NEW_HASH })));
    expect(other.code).toBe('validation');
    expect(other.field).toBe('contentHash');
  });

  it('refuses a signature when the form changed after the review', () => {
    m.run('application.amend', amend());
    const f = failureOf(() => m.run('application.sign', sign()));
    expect(f.code).toBe('conflict');
    expect(f.field).toBe('contentHash');
    expect(m.rows('SELECT id FROM application_signatures')).toHaveLength(0);
  });

  it.each([
    ['an unknown pad', { source: 'mouse' as never }],
    ['strokes of one character', { strokes: '[' }],
    ['strokes over 600000 characters', { strokes: 's'.repeat(600_001) }],
    ['a request id shorter than 8', { requestId: 'r'.repeat(7) }],
    ['a malformed hash', { contentHash: 'g'.repeat(64) }],
  ])('refuses %s', (_what, over) => {
    expect(failureOf(() => m.run('application.sign', sign(over))).code).toBe('validation');
  });

  it('accepts the largest strokes', () => {
    m.run('application.sign', sign({ strokes: 's'.repeat(600_000) }));
    expect(m.rows('SELECT id FROM application_signatures')).toHaveLength(1);
  });
});

describe('application.amend', () => {
  it('replaces the values, summary and content hash, with an event in the current status', () => {
    setStatus('accepted', 'evt-status-1');
    m.changed.length = 0;
    m.run('application.amend', amend());
    expect(app()).toMatchObject({
      values_enc: 'bmV3',
      summary: '新装（改）',
      content_hash: NEW_HASH,
      updated_at: T(5),
      status: 'accepted',
    });
    expect(m.row('SELECT * FROM application_events WHERE id = ?', 'evt-amend-1')).toEqual({
      id: 'evt-amend-1',
      hall_id: 'H001',
      application_id: 'app-00001',
      status: 'accepted',
      note: '更正地址',
      staff_id: 'staff-2',
      at: T(5),
    });
    expect(m.changed).toEqual(['application:app-00001', 'applicationEvent:evt-amend-1']);
  });

  it('amends submitted and in-progress applications; not completed, rejected or missing ones', () => {
    m.run('application.amend', amend());
    setStatus('accepted', 'evt-status-1');
    setStatus('in_progress', 'evt-status-2');
    m.run('application.amend', amend({ eventId: 'evt-amend-2', contentHash: HASH }));
    expect(app()?.content_hash).toBe(HASH);
    setStatus('rejected', 'evt-status-3');
    const f = failureOf(() => m.run('application.amend', amend({ eventId: 'evt-amend-3' })));
    expect([f.code, f.field]).toEqual(['conflict', 'id']);
    expect(f.params).toEqual({ applicationNo: NO, status: term('application.status.rejected') });
    expect(refusal(() => m.run('application.amend', amend({ id: 'app-missing', eventId: 'evt-amend-4' })))).toEqual([
      'not_found',
      'applicationId',
    ]);
  });

  it('re-asserts a replayed amendment over an older copy of the row, not over a later change', () => {
    m.run('application.amend', amend());
    m.db
      .prepare(
        `UPDATE applications SET content_hash = ?, summary = 'old', values_enc = 'old', updated_at = ? WHERE id = 'app-00001'`,
      )
      .run(HASH, T(0));
    m.changed.length = 0;
    m.run('application.amend', amend());
    expect(app()).toMatchObject({
      content_hash: NEW_HASH,
      summary: '新装（改）',
      values_enc: 'bmV3',
      updated_at: T(5),
    });
    expect(m.changed).toEqual([]);
    m.run('application.amend', amend({ eventId: 'evt-amend-2', contentHash: HASH, at: T(9) }));
    m.run('application.amend', amend());
    expect(app()).toMatchObject({ content_hash: HASH, updated_at: T(9) });
  });

  it.each([
    ['an empty note', { note: '' }],
    ['a note over 300', { note: '注'.repeat(301) }],
    ['no values', { valuesEnc: '' }],
    ['values over 200000', { valuesEnc: 'v'.repeat(200_001) }],
    ['a summary over 200', { summary: '摘'.repeat(201) }],
    ['no staff', { staffId: '' }],
    ['a staff id over 64', { staffId: 's'.repeat(65) }],
    ['an event id shorter than 8', { eventId: 'e'.repeat(7) }],
  ])('refuses %s', (_what, over) => {
    expect(failureOf(() => m.run('application.amend', amend(over))).code).toBe('validation');
    expect(app()?.content_hash).toBe(HASH);
  });

  it('accepts the limits of note, values and summary', () => {
    m.run(
      'application.amend',
      amend({
        note: '注'.repeat(300),
        valuesEnc: 'v'.repeat(200_000),
        summary: '摘'.repeat(200),
        staffId: 's'.repeat(64),
      }),
    );
    expect(app()?.content_hash).toBe(NEW_HASH);
  });
});

describe('application.attach', () => {
  it("stores the encrypted document under the application's hall, and reports it changed", () => {
    m.run('application.attach', attach());
    expect(m.row('SELECT * FROM application_attachments')).toEqual({
      id: 'attach-0001',
      hall_id: 'H001',
      application_id: 'app-00001',
      kind: 'idCard',
      file_name: '身份证.jpg',
      mime: 'image/jpeg',
      size: 2048,
      sha256: 'c'.repeat(64),
      data_enc: 'ZGF0YQ==',
      staff_id: 'staff-1',
      at: T(6),
    });
    expect(m.changed).toEqual(['applicationAttachment:attach-0001']);
  });

  it('takes the same attachment again as a replay, and refuses another document under its id', () => {
    m.run('application.attach', attach());
    m.run('application.attach', attach());
    expect(m.changed).toHaveLength(1);
    expect(failureOf(() => m.run('application.attach', attach({ sha256: 'd'.repeat(64) }))).code).toBe('conflict');
    expect(failureOf(() => m.run('application.attach', attach({ kind: 'other' }))).code).toBe('conflict');
  });

  it('takes 20 documents per application, not a 21st', () => {
    for (let i = 1; i <= 20; i++) m.run('application.attach', attach({ id: `attach-${String(i).padStart(4, '0')}` }));
    const f = failureOf(() => m.run('application.attach', attach({ id: 'attach-0021' })));
    expect([f.code, f.field]).toEqual(['validation', 'applicationId']);
    expect(f.params).toEqual({ max: 20 });
    submit('app-00002', 'SQ-H001-20261123-NEW-0008-3F9A');
    m.run('application.attach', attach({ id: 'attach-0022', applicationId: 'app-00002' }));
  });

  it('attaches to an open application, not to a completed, rejected or missing one', () => {
    setStatus('rejected', 'evt-status-1');
    const f = failureOf(() => m.run('application.attach', attach()));
    expect([f.code, f.field]).toEqual(['conflict', 'applicationId']);
    expect(f.params).toEqual({ applicationNo: NO });
    submit('app-00002', 'SQ-H001-20261123-NEW-0008-3F9A');
    for (const [s, e] of [
      ['accepted', 'e-0000001'],
      ['in_progress', 'e-0000002'],
    ]) {
      setStatus(s!, e!, 'app-00002');
      m.run('application.attach', attach({ id: `attach-${s}`, applicationId: 'app-00002' }));
    }
    setStatus('completed', 'e-0000003', 'app-00002');
    expect(
      failureOf(() => m.run('application.attach', attach({ id: 'attach-late', applicationId: 'app-00002' }))).code,
    ).toBe('conflict');
    expect(refusal(() => m.run('application.attach', attach({ applicationId: 'app-missing' })))).toEqual([
      'not_found',
      'applicationId',
    ]);
  });

  it.each([
    ['a kind with a digit', { kind: 'idCard2' }],
    ['a kind over 32 letters', { kind: 'k'.repeat(33) }],
    ['an empty kind', { kind: '' }],
    ['an empty file name', { fileName: '' }],
    ['a file name over 120', { fileName: 'f'.repeat(121) }],
    ['an unknown type', { mime: 'text/html' as never }],
    ['an empty file', { size: 0 }],
    ['a file over 1 MiB', { size: MAX_ATTACHMENT_BYTES + 1 }],
    ['no data', { dataEnc: '' }],
    ['more data than 1 MiB encrypts to', { dataEnc: 'd'.repeat(Math.ceil(((MAX_ATTACHMENT_BYTES + 64) * 4) / 3) + 9) }],
    ['a malformed digest', { sha256: 'c'.repeat(63) }],
  ])('refuses %s', (_what, over) => {
    expect(failureOf(() => m.run('application.attach', attach(over))).code).toBe('validation');
    expect(m.rows('SELECT id FROM application_attachments')).toHaveLength(0);
  });

  it.each(['application/pdf', 'image/png', 'application/x-wlt'] as const)('accepts %s', (mime) => {
    m.run('application.attach', attach({ mime }));
    expect(m.row('SELECT mime FROM application_attachments')).toEqual({ mime });
  });

  it('accepts the limits: one byte, 1 MiB, a 32-letter kind, a 120-character name, the largest data', () => {
    m.run('application.attach', attach({ size: 1, kind: 'K'.repeat(32), fileName: 'f'.repeat(120) }));
    m.run(
      'application.attach',
      attach({
        id: 'attach-0002',
        size: MAX_ATTACHMENT_BYTES,
        dataEnc: 'd'.repeat(Math.ceil(((MAX_ATTACHMENT_BYTES + 64) * 4) / 3) + 8),
      }),
    );
    expect(m.rows('SELECT id FROM application_attachments')).toHaveLength(2);
  });
});
