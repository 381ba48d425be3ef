import { beforeEach, describe, expect, it } from 'vitest';
import type { MutationArgs, MutationContext } from '@common/mutators';
import { alreadyAppended, appendRow } from '@common/mutators/append-only';
import { sqliteTx } from '../../../node/sqlite/sqlite-tx';
import { failureOf, openMutatorDb, type MutatorDb } from '../../support/mutator-db';

/** Audit entries and the append-only rule they share with ratings, payments and signatures. */
let m: MutatorDb;
beforeEach(() => {
  m = openMutatorDb();
});

const entry = (over: Partial<MutationArgs<'audit.append'>> = {}): MutationArgs<'audit.append'> => ({
  id: 'audit-0001',
  at: '2026-11-23T02:00:00.000Z',
  stationId: 'S01',
  actor: 'staff-1',
  action: 'ticket.call',
  detail: { windowNo: 3, note: '叫号' },
  ...over,
});
const stored = (id: string) =>
  m.row<{ at: string; station_id: string; actor: string | null; action: string; detail: string }>(
    'SELECT at, station_id, actor, action, detail FROM audit_log WHERE id = ?',
    id,
  );
const ctxOf = (): MutationContext => ({ tx: sqliteTx(m.db), side: 'central', changed: () => {} });

describe('audit.append', () => {
  it('stores the entry with its detail as ASCII JSON of the same value, and reports it changed', () => {
    m.run('audit.append', entry());
    const row = stored('audit-0001')!;
    expect(row).toMatchObject({
      at: '2026-11-23T02:00:00.000Z',
      station_id: 'S01',
      actor: 'staff-1',
      action: 'ticket.call',
    });
    expect(row.detail).toMatch(/^[\x20-\x7e]*$/);
    expect(JSON.parse(row.detail)).toEqual({ windowNo: 3, note: '叫号' });
    expect(m.changed).toEqual(['audit:audit-0001']);
  });

  it('takes the same entry again as a replay: nothing changes and nothing is reported', () => {
    m.run('audit.append', entry({ actor: null }));
    m.run('audit.append', entry({ actor: null }));
    expect(m.rows('SELECT id FROM audit_log WHERE id = ?', 'audit-0001')).toHaveLength(1);
    expect(m.changed).toEqual(['audit:audit-0001']);
  });

  it('refuses a different entry under an existing id, naming the fields that differ, and keeps the first', () => {
    m.run('audit.append', entry());
    const f = failureOf(() => m.run('audit.append', entry({ actor: 'staff-2', action: 'ticket.finish' })));
    expect(f.code).toBe('conflict');
    expect(f.params).toMatchObject({ record: 'audit_log audit-0001', fields: 'actor, action' });
    expect(stored('audit-0001')).toMatchObject({ actor: 'staff-1', action: 'ticket.call' });
    expect(m.changed).toEqual(['audit:audit-0001']);
  });

  it('tells a missing actor from a named one', () => {
    m.run('audit.append', entry({ actor: null }));
    expect(failureOf(() => m.run('audit.append', entry({ actor: 'staff-1' }))).params).toMatchObject({
      fields: 'actor',
    });
  });

  it.each([
    ['an id shorter than 8', { id: 'a'.repeat(7) }],
    ['an id longer than 64', { id: 'a'.repeat(65) }],
    ['a time shorter than 10', { at: '2026-11-2' }],
    ['a time longer than 40', { at: '2'.repeat(41) }],
    ['no station', { stationId: '' }],
    ['a station longer than 64', { stationId: 's'.repeat(65) }],
    ['an actor longer than 64', { actor: 'a'.repeat(65) }],
    ['no action', { action: '' }],
    ['an action longer than 64', { action: 'a'.repeat(65) }],
    ['a detail that is not an object', { detail: [1] as never }],
  ])('refuses %s, storing nothing', (_what, over) => {
    expect(failureOf(() => m.run('audit.append', entry(over))).code).toBe('validation');
    expect(m.rows('SELECT id FROM audit_log')).toHaveLength(0);
  });

  it.each([
    ['an id of 8', { id: 'a'.repeat(8) }],
    ['an id of 64', { id: 'a'.repeat(64) }],
    ['a time of 10 characters', { at: '2026-11-23' }],
    ['a station, actor and action of 64', { stationId: 's'.repeat(64), actor: 'a'.repeat(64), action: 'x'.repeat(64) }],
  ])('accepts %s', (_what, over) => {
    m.run('audit.append', entry(over));
    expect(m.rows('SELECT id FROM audit_log')).toHaveLength(1);
  });
});

describe('append-only rows', () => {
  it('refuses a new id that breaks another unique rule of the table, naming the record', () => {
    const ctx = ctxOf();
    const rating = (id: string) => ({
      id,
      ticket_id: 'tk-1',
      ticket_no: 'A001',
      window_no: 1,
      staff_id: 's',
      level: 'satisfied',
      created_at: '2026-11-23T02:00:00.000Z',
    });
    expect(appendRow(ctx, 'ratings', rating('rt-1'), { level: 'satisfied' })).toBe(false);
    const f = failureOf(() => appendRow(ctx, 'ratings', rating('rt-2'), { level: 'satisfied' }));
    expect(f.code).toBe('conflict');
    expect(f.params).toEqual({ record: 'ratings rt-2' });
    expect(appendRow(ctx, 'ratings', rating('rt-1'), { level: 'satisfied' })).toBe(true);
  });

  it('writes the columns each call names, for the same table called with different columns', () => {
    const ctx = ctxOf();
    appendRow(ctx, 'audit_log', { id: 'a-1', at: 't1', station_id: 'S', action: 'x' }, {});
    appendRow(ctx, 'audit_log', { id: 'a-2', at: 't2', station_id: 'S', action: 'y', actor: 'who' }, {});
    appendRow(ctx, 'audit_log', { id: 'a-3', at: 't3', station_id: 'S', action: 'z', detail: '{"k":1}' }, {});
    expect(m.rows('SELECT id, actor, detail FROM audit_log ORDER BY id')).toEqual([
      { id: 'a-1', actor: null, detail: '{}' },
      { id: 'a-2', actor: 'who', detail: '{}' },
      { id: 'a-3', actor: null, detail: '{"k":1}' },
    ]);
  });

  it('compares values as text, so a number read back equals the number written', () => {
    const ctx = ctxOf();
    appendRow(ctx, 'audit_log', { id: 'a-1', at: 't', station_id: 'S', action: 'x' }, {});
    expect(alreadyAppended(ctx, 'audit_log', 'a-1', { at: 't', actor: null, action: 'x' })).toBe(true);
    expect(alreadyAppended(ctx, 'audit_log', 'a-1', { actor: undefined })).toBe(true);
    expect(alreadyAppended(ctx, 'audit_log', 'a-2', { at: 'other' })).toBe(false);
    expect(failureOf(() => alreadyAppended(ctx, 'audit_log', 'a-1', { actor: 'null-ish' })).params).toEqual({
      record: 'audit_log a-1',
      fields: 'actor',
    });
  });
});
