import { beforeEach, describe, expect, it } from 'vitest';
import type { MutationArgs } from '@common/mutators';
import { applyMutation } from '@common/mutators';
import { term } from '@common/errors';
import { sqliteTx } from '../../../node/sqlite/sqlite-tx';
import { failureOf, openMutatorDb, type MutatorDb } from '../../support/mutator-db';

/** Applications: drafts, submission with a number, and the status path a submitted application may take. */
let m: MutatorDb;
beforeEach(() => {
  m = openMutatorDb();
  m.db.prepare('DELETE FROM application_events').run();
  m.db.prepare('DELETE FROM applications').run();
});

const T = (min: number) => new Date(Date.parse('2026-11-23T02:00:00.000Z') + min * 60_000).toISOString();
const NO = 'SQ-H001-20261123-NEW-0007-3F9A';
const HASH = 'a'.repeat(64);
const draft = (over: Partial<MutationArgs<'application.saveDraft'>> = {}): MutationArgs<'application.saveDraft'> => ({
  id: 'app-00001',
  at: T(0),
  staffId: 'staff-1',
  hallId: 'H001',
  type: 'NEW',
  formVersion: 1,
  customerId: null,
  windowNo: 4,
  valuesEnc: 'ZW5j',
  summary: '新装 张*',
  ...over,
});
const submit = (over: Partial<MutationArgs<'application.submit'>> = {}): MutationArgs<'application.submit'> => ({
  ...draft(),
  applicationNo: NO,
  contentHash: HASH,
  eventId: 'evt-submit-1',
  at: T(1),
  ...over,
});
const setStatus = (status: string, eventId: string, at: string, id = 'app-00001', note: string | null = null) =>
  m.run('application.setStatus', { id, at, staffId: 'staff-2', eventId, status, note });
const app = (id = 'app-00001') => m.row<Record<string, unknown>>('SELECT * FROM applications WHERE id = ?', id);
const events = (id = 'app-00001') =>
  m.rows<{ id: string; status: string }>(
    'SELECT id, status FROM application_events WHERE application_id = ? ORDER BY at, id',
    id,
  );

describe('application.saveDraft', () => {
  it('creates a draft with its form, customer, window and values, and reports it changed', () => {
    m.run('application.saveDraft', draft({ customerId: 7 }));
    expect(app()).toMatchObject({
      hall_id: 'H001',
      type: 'NEW',
      form_version: 1,
      customer_id: 7,
      status: 'draft',
      values_enc: 'ZW5j',
      summary: '新装 张*',
      staff_id: 'staff-1',
      window_no: 4,
      created_at: T(0),
      updated_at: T(0),
      application_no: null,
    });
    expect(m.changed).toEqual(['application:app-00001']);
  });

  it('overwrites the content of a draft, keeping who opened it, where and when', () => {
    m.run('application.saveDraft', draft());
    m.run(
      'application.saveDraft',
      draft({
        at: T(5),
        type: 'CAP',
        formVersion: 2,
        customerId: 9,
        valuesEnc: 'bmV3',
        summary: '增容',
        staffId: 'staff-9',
        windowNo: 8,
        hallId: 'H002',
      }),
    );
    expect(app()).toMatchObject({
      type: 'CAP',
      form_version: 2,
      customer_id: 9,
      values_enc: 'bmV3',
      summary: '增容',
      updated_at: T(5),
      created_at: T(0),
      staff_id: 'staff-1',
      window_no: 4,
      hall_id: 'H001',
    });
  });

  it('never turns a submitted application back into a draft', () => {
    m.run('application.submit', submit());
    const f = failureOf(() => m.run('application.saveDraft', draft({ summary: 'changed' })));
    expect(f.code).toBe('conflict');
    expect(f.params).toEqual({ applicationNo: NO });
    expect(app()).toMatchObject({ status: 'submitted', summary: '新装 张*' });
  });
});

describe('application.submit', () => {
  it('gives a new application its number, content hash, submission time and first event', () => {
    m.run('application.submit', submit());
    expect(app()).toMatchObject({
      status: 'submitted',
      application_no: NO,
      content_hash: HASH,
      submitted_at: T(1),
      updated_at: T(1),
    });
    expect(
      m.row('SELECT hall_id, status, note, staff_id, at FROM application_events WHERE id = ?', 'evt-submit-1'),
    ).toEqual({
      hall_id: 'H001',
      status: 'submitted',
      note: null,
      staff_id: 'staff-1',
      at: T(1),
    });
    expect(m.changed).toEqual(['application:app-00001', 'application:app-00001', 'applicationEvent:evt-submit-1']);
  });

  it('submits a saved draft with the content given at submission', () => {
    m.run('application.saveDraft', draft());
    m.run('application.submit', submit({ summary: '最终' }));
    expect(app()).toMatchObject({ status: 'submitted', summary: '最终', created_at: T(0) });
  });

  it('takes the same submission again as a replay, and refuses it under another number', () => {
    m.run('application.submit', submit());
    m.changed.length = 0;
    m.run('application.submit', submit());
    expect(m.changed).toEqual([]);
    expect(events()).toHaveLength(1);
    const f = failureOf(() => m.run('application.submit', submit({ applicationNo: 'SQ-H001-20261123-NEW-0008-3F9A' })));
    expect(f.code).toBe('conflict');
    expect(f.params).toEqual({ applicationNo: NO });
  });

  it('refuses a number another application holds, writing nothing', () => {
    m.run('application.submit', submit());
    const f = failureOf(() => m.run('application.submit', submit({ id: 'app-00002', eventId: 'evt-submit-2' })));
    expect(f.code).toBe('conflict');
    expect(f.params).toEqual({ applicationNo: NO });
    expect(f.field).toBe('applicationNo');
    expect(app('app-00002')).toBeUndefined();
  });
});

describe('application.setStatus', () => {
  beforeEach(() => {
    m.run('application.submit', submit());
    m.changed.length = 0;
  });

  it('moves a submitted application through accepted and in progress to completed, one event each', () => {
    setStatus('accepted', 'event-02', T(2));
    setStatus('in_progress', 'event-03', T(3));
    setStatus('completed', 'event-04', T(4), 'app-00001', '已送电');
    expect(app()).toMatchObject({ status: 'completed', updated_at: T(4) });
    expect(events()).toEqual([
      { id: 'evt-submit-1', status: 'submitted' },
      { id: 'event-02', status: 'accepted' },
      { id: 'event-03', status: 'in_progress' },
      { id: 'event-04', status: 'completed' },
    ]);
    expect(m.row('SELECT hall_id, note, staff_id, at FROM application_events WHERE id = ?', 'event-04')).toEqual({
      hall_id: 'H001',
      note: '已送电',
      staff_id: 'staff-2',
      at: T(4),
    });
    expect(m.changed.slice(-2)).toEqual(['application:app-00001', 'applicationEvent:event-04']);
  });

  it.each([['submitted'], ['accepted'], ['in_progress']])('rejects an application that is %s', (from) => {
    const path = ['accepted', 'in_progress'];
    for (const [i, s] of path.slice(0, path.indexOf(from) + 1).entries()) setStatus(s, `event-p${i}`, T(2 + i));
    setStatus('rejected', 'event-rj', T(9), 'app-00001', '资料不全');
    expect(app()?.status).toBe('rejected');
  });

  it.each([
    ['submitted', 'completed'],
    ['submitted', 'in_progress'],
    ['submitted', 'submitted'],
    ['submitted', 'draft'],
  ])('refuses %s → %s, naming both states', (from, to) => {
    const f = failureOf(() => setStatus(to, 'event-xx', T(5)));
    expect(f.code).toBe('conflict');
    expect(f.field).toBe('status');
    expect(f.params).toEqual({
      applicationNo: NO,
      from: term(`application.status.${from}` as never),
      to: term(`application.status.${to}` as never),
    });
    expect(app()?.status).toBe(from);
    expect(events()).toHaveLength(1);
  });

  it('moves nothing out of completed or rejected, nor a draft anywhere but submission', () => {
    setStatus('rejected', 'event-rj', T(2));
    for (const to of ['accepted', 'in_progress', 'completed', 'submitted'])
      expect(failureOf(() => setStatus(to, `event-${to}`, T(3))).code).toBe('conflict');
    m.run('application.saveDraft', draft({ id: 'app-draft1' }));
    const f = failureOf(() => setStatus('accepted', 'event-dd', T(3), 'app-draft1'));
    expect(f.code).toBe('conflict');
    expect(f.params).toMatchObject({ applicationNo: 'app-draft1' });
  });

  it('does not submit a draft by a status change: only submission gives it a number and a content hash', () => {
    m.run('application.saveDraft', draft({ id: 'app-draft1' }));
    expect(failureOf(() => setStatus('submitted', 'event-sub', T(3), 'app-draft1')).code).toBe('conflict');
    expect(app('app-draft1')).toMatchObject({ status: 'draft', application_no: null, content_hash: null });
    expect(events('app-draft1')).toEqual([]);
  });

  it('refuses a status for an application that does not exist', () => {
    const f = failureOf(() => setStatus('accepted', 'event-02', T(2), 'app-missing'));
    expect([f.code, f.field]).toEqual(['not_found', 'id']);
  });

  it('re-asserts a replayed change over an older copy of the row, but not over a later change', () => {
    setStatus('accepted', 'event-02', T(2));
    // A pull brought the central's older copy of the row; the station's own event row remains.
    m.db.prepare(`UPDATE applications SET status = 'submitted', updated_at = ? WHERE id = 'app-00001'`).run(T(1));
    m.changed.length = 0;
    setStatus('accepted', 'event-02', T(2));
    expect(app()).toMatchObject({ status: 'accepted', updated_at: T(2) });
    expect(events()).toHaveLength(2);
    expect(m.changed).toEqual([]);
    // The same copy at the very time of the change is re-asserted too.
    m.db.prepare(`UPDATE applications SET status = 'submitted' WHERE id = 'app-00001'`).run();
    setStatus('accepted', 'event-02', T(2));
    expect(app()?.status).toBe('accepted');
    // A later change stands.
    setStatus('in_progress', 'event-03', T(3));
    setStatus('accepted', 'event-02', T(2));
    expect(app()).toMatchObject({ status: 'in_progress', updated_at: T(3) });
  });
});

describe('application arguments', () => {
  const refused = (name: string, args: unknown) => expect(failureOf(() => m.run(name, args)).code).toBe('validation');
  it.each([
    ['an id shorter than 8', { id: 'a'.repeat(7) }],
    ['an id longer than 64', { id: 'a'.repeat(65) }],
    ['a time shorter than 10', { at: '2026-11-2' }],
    ['a time longer than 40', { at: '2'.repeat(41) }],
    ['no staff', { staffId: '' }],
    ['a staff id longer than 64', { staffId: 's'.repeat(65) }],
    ['no hall', { hallId: '' }],
    ['a hall longer than 16', { hallId: 'H'.repeat(17) }],
    ['an unknown type', { type: 'XYZ' }],
    ['form version 0', { formVersion: 0 }],
    ['form version 1.5', { formVersion: 1.5 }],
    ['customer 0', { customerId: 0 }],
    ['customer 1.5', { customerId: 1.5 }],
    ['window 1.5', { windowNo: 1.5 }],
    ['no values', { valuesEnc: '' }],
    ['values over 200000 characters', { valuesEnc: 'a'.repeat(200_001) }],
    ['a summary over 200 characters', { summary: '摘'.repeat(201) }],
  ])('refuse a draft with %s', (_what, over) => {
    refused('application.saveDraft', draft(over as never));
    expect(app()).toBeUndefined();
  });

  it('accept a draft at the limits', () => {
    m.run(
      'application.saveDraft',
      draft({
        id: 'a'.repeat(64),
        staffId: 's'.repeat(64),
        hallId: 'H'.repeat(16),
        valuesEnc: 'a'.repeat(200_000),
        summary: '摘'.repeat(200),
      }),
    );
    m.run('application.saveDraft', draft({ id: 'a'.repeat(8), customerId: 1, windowNo: null, summary: '' }));
    expect(m.rows('SELECT id FROM applications')).toHaveLength(2);
  });

  it.each([
    ['a malformed number', { applicationNo: 'SQ-H001-2026-NEW-0007-3F9A' }],
    ['a content hash in capitals', { contentHash: 'A'.repeat(64) }],
    ['a content hash of 63 digits', { contentHash: 'a'.repeat(63) }],
    ['a content hash of 65 digits', { contentHash: 'a'.repeat(65) }],
    ['an event id shorter than 8', { eventId: 'e'.repeat(7) }],
    ['an event id longer than 64', { eventId: 'e'.repeat(65) }],
  ])('refuse a submission with %s', (_what, over) => {
    refused('application.submit', submit(over));
    expect(app()).toBeUndefined();
  });

  it.each([
    ['an unknown status', { status: 'closed' }],
    ['a note over 300 characters', { note: '注'.repeat(301) }],
    ['an event id shorter than 8', { eventId: 'e'.repeat(7) }],
    ['an event id longer than 64', { eventId: 'e'.repeat(65) }],
  ])('refuse a status change with %s', (_what, over) => {
    m.run('application.submit', submit());
    refused('application.setStatus', {
      id: 'app-00001',
      at: T(2),
      staffId: 's',
      eventId: 'event-02',
      status: 'accepted',
      note: null,
      ...over,
    });
    expect(app()?.status).toBe('submitted');
  });

  it('accept a note of 300 characters', () => {
    m.run('application.submit', submit());
    setStatus('accepted', 'event-02', T(2), 'app-00001', '注'.repeat(300));
    expect(app()?.status).toBe('accepted');
  });
});

describe('applyMutation', () => {
  it('refuses a mutation it does not know, naming it (cut to 64 characters), and one inherited from Object', () => {
    const f = failureOf(() => m.run('ticket.teleport' + 'x'.repeat(100), {}));
    expect(f.code).toBe('validation');
    expect(f.field).toBe('name');
    expect(f.params).toEqual({ name: ('ticket.teleport' + 'x'.repeat(100)).slice(0, 64) });
    expect(failureOf(() => m.run('toString', {})).params).toEqual({ name: 'toString' });
    const ctx = { tx: sqliteTx(m.db), side: 'station' as const, changed: () => {} };
    expect(failureOf(() => applyMutation(ctx, 42 as never, {})).params).toEqual({ name: '42' });
  });

  it('refuses arguments its schema refuses, naming the field, and applies nothing', () => {
    const f = failureOf(() => m.run('application.saveDraft', draft({ formVersion: 0 })));
    expect(f.code).toBe('validation');
    expect(f.field).toBe('formVersion');
    expect(app()).toBeUndefined();
  });
});
