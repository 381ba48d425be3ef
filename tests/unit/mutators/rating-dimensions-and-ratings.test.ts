import { beforeEach, describe, expect, it } from 'vitest';
import type { MutationArgs } from '@common/mutators';
import { failureOf, openMutatorDb, type MutatorDb } from '../../support/mutator-db';

/** A rating is given once per finished service, bound to its window and agent, and never changes. */
let m: MutatorDb;
const FINISHED = '2026-11-23T02:00:00.000Z';
const later = (ms: number) => new Date(Date.parse(FINISHED) + ms).toISOString();
const ticket = (
  id: string,
  over: { status?: string; window_no?: number | null; staff_id?: string | null; finished_at?: string | null } = {},
) =>
  m.db
    .prepare(
      `INSERT INTO tickets (id, hall_id, day, number, business_type, status, issued_at, issued_by, window_no, staff_id, finished_at)
       VALUES (?, 'H001', '2026-11-23', ?, 'PAY', ?, '2026-11-23T01:00:00.000Z', 'test', ?, ?, ?)`,
    )
    .run(
      id,
      `A${id.slice(-3)}`,
      over.status ?? 'finished',
      over.window_no === undefined ? 3 : over.window_no,
      over.staff_id === undefined ? 'staff-3' : over.staff_id,
      over.finished_at === undefined ? FINISHED : over.finished_at,
    );
beforeEach(() => {
  m = openMutatorDb();
  m.db.prepare(`DELETE FROM tickets WHERE day = '2026-11-23'`).run();
  ticket('tk-001');
});

const rating = (over: Partial<MutationArgs<'rating.record'>> = {}): MutationArgs<'rating.record'> => ({
  id: 'rating-001',
  ticketId: 'tk-001',
  level: 'satisfied',
  dimensions: {},
  reason: null,
  at: later(60_000),
  ...over,
});
const stored = (id = 'rating-001') => m.row<Record<string, unknown>>('SELECT * FROM ratings WHERE id = ?', id);
const code = (args: Partial<MutationArgs<'rating.record'>>) =>
  failureOf(() => m.run('rating.record', rating(args))).code;

describe('rating.record', () => {
  it('binds the rating to the ticket, its window and agent, at the given time, and reports it changed', () => {
    m.run('rating.record', rating({ level: 'unsatisfied', reason: '等太久', dimensions: { attitude: 2 } }));
    expect(stored()).toEqual({
      id: 'rating-001',
      ticket_id: 'tk-001',
      ticket_no: 'A001',
      window_no: 3,
      staff_id: 'staff-3',
      level: 'unsatisfied',
      dimensions: '{"attitude":2}',
      reason: '等太久',
      created_at: later(60_000),
    });
    expect(m.changed).toEqual(['rating:rating-001']);
  });

  it.each(['very_satisfied', 'satisfied', 'basic', 'none'] as const)('takes the level %s without a reason', (level) => {
    m.run('rating.record', rating({ level }));
    expect(stored()?.level).toBe(level);
  });

  it.each(['unsatisfied', 'very_unsatisfied'] as const)(
    'asks a reason for %s: none, or only blanks, is refused',
    (level) => {
      const none = failureOf(() => m.run('rating.record', rating({ level, reason: null })));
      expect([none.code, none.field]).toEqual(['validation', 'reason']);
      expect(code({ level, reason: '   ' })).toBe('validation');
      expect(stored()).toBeUndefined();
      m.run('rating.record', rating({ level, reason: ' 态度差 ' }));
      expect(stored()?.level).toBe(level);
    },
  );

  it('refuses a rating for a ticket that does not exist', () => {
    const f = failureOf(() => m.run('rating.record', rating({ ticketId: 'tk-999' })));
    expect([f.code, f.field]).toEqual(['not_found', 'ticketId']);
  });

  it('refuses a rating for a service not finished, or finished with no window or no agent', () => {
    ticket('tk-002', { status: 'serving' });
    ticket('tk-003', { window_no: null });
    ticket('tk-004', { staff_id: null });
    for (const ticketId of ['tk-002', 'tk-003', 'tk-004']) {
      const f = failureOf(() => m.run('rating.record', rating({ ticketId })));
      expect(f.code).toBe('conflict');
      expect(f.params).toEqual({ ticketNo: `A${ticketId.slice(-3)}` });
    }
    expect(m.rows('SELECT id FROM ratings')).toHaveLength(0);
  });

  it('takes a rating from the moment the service ends until 12 hours after, not before nor later', () => {
    const early = failureOf(() => m.run('rating.record', rating({ at: later(-1) })));
    expect([early.code, early.field]).toEqual(['validation', 'at']);
    const tooLate = failureOf(() => m.run('rating.record', rating({ at: later(12 * 3_600_000 + 1) })));
    expect(tooLate.code).toBe('validation');
    expect(tooLate.params).toEqual({ hours: 12 });
    expect(tooLate.field).toBe('at');
    m.run('rating.record', rating({ at: later(0) }));
    ticket('tk-005');
    m.run('rating.record', rating({ id: 'rating-005', ticketId: 'tk-005', at: later(12 * 3_600_000) }));
    expect(m.rows('SELECT id FROM ratings')).toHaveLength(2);
  });

  it('refuses a time that is not a time', () => {
    expect(code({ at: 'not-a-time!' })).toBe('validation');
  });

  it('takes any time for a finished ticket with no finish time recorded', () => {
    ticket('tk-006', { finished_at: null });
    m.run('rating.record', rating({ ticketId: 'tk-006', at: '2020-01-01T00:00:00.000Z' }));
    expect(stored()?.ticket_id).toBe('tk-006');
  });

  it('takes the same rating again as a replay, and refuses a changed level, reason or dimensions', () => {
    const first = rating({ level: 'unsatisfied', reason: '慢', dimensions: { efficiency: 2 } });
    m.run('rating.record', first);
    m.run('rating.record', first);
    expect(m.changed).toEqual(['rating:rating-001']);
    for (const over of [{ level: 'very_unsatisfied' as const }, { reason: '很慢' }, { dimensions: { efficiency: 1 } }])
      expect(failureOf(() => m.run('rating.record', { ...first, ...over })).code).toBe('conflict');
    expect(
      failureOf(() => m.run('rating.record', { ...first, level: 'satisfied', reason: null })).params,
    ).toMatchObject({
      fields: 'level, reason',
    });
    expect(stored()).toMatchObject({ level: 'unsatisfied', reason: '慢', dimensions: '{"efficiency":2}' });
  });

  it('refuses a second rating of the same ticket under another id', () => {
    m.run('rating.record', rating());
    const again = failureOf(() => m.run('rating.record', rating({ id: 'rating-002', level: 'basic' })));
    expect(again.code).toBe('conflict');
    expect(again.params).toEqual({ ticketNo: 'A001' });
    expect(m.rows('SELECT level FROM ratings')).toEqual([{ level: 'satisfied' }]);
  });

  it.each([
    ['an id shorter than 8', { id: 'r'.repeat(7) }],
    ['an id longer than 64', { id: 'r'.repeat(65) }],
    ['no ticket', { ticketId: '' }],
    ['a ticket id longer than 64', { ticketId: 't'.repeat(65) }],
    ['an unknown level', { level: 'great' as never }],
    ['a dimension score of 0', { dimensions: { attitude: 0 } }],
    ['a dimension score of 6', { dimensions: { attitude: 6 } }],
    ['a fractional score', { dimensions: { attitude: 2.5 } }],
    ['a reason longer than 500', { level: 'unsatisfied' as const, reason: '慢'.repeat(501) }],
    ['a time shorter than 10', { at: '2026-11-2' }],
    ['a time longer than 40', { at: `${FINISHED}${' '.repeat(17)}` }],
  ])('refuses %s', (_what, over) => {
    expect(code(over)).toBe('validation');
  });

  it('accepts the longest id, ticket id and reason, and scores 1 and 5', () => {
    ticket('tk-' + 'x'.repeat(58) + '007');
    m.run(
      'rating.record',
      rating({
        id: 'r'.repeat(64),
        ticketId: 'tk-' + 'x'.repeat(58) + '007',
        level: 'unsatisfied',
        reason: '慢'.repeat(500),
        dimensions: { attitude: 1, quality: 5 },
      }),
    );
    expect(stored('r'.repeat(64))?.dimensions).toBe('{"attitude":1,"quality":5}');
  });
});

describe('rating.addDimensions', () => {
  const add = (dimensions: Record<string, number>, at = later(5 * 60_000), ratingId = 'rating-001') =>
    m.run('rating.addDimensions', { ratingId, dimensions, at });
  const dims = () => stored()?.dimensions;
  beforeEach(() => {
    m.run('rating.record', rating({ at: FINISHED }));
    m.changed.length = 0;
  });

  it('adds the dimensions once to a rating that has none, and reports it changed', () => {
    add({ attitude: 5, efficiency: 4, quality: 3, integrity: 1 });
    expect(JSON.parse(dims() as string)).toEqual({ attitude: 5, efficiency: 4, quality: 3, integrity: 1 });
    expect(m.changed).toEqual(['rating:rating-001']);
  });

  it('takes the same set again as a replay, even after the ten minutes, and refuses a different one', () => {
    add({ attitude: 4 });
    add({ attitude: 4 }, later(60 * 60_000));
    expect(m.changed).toEqual(['rating:rating-001']);
    const given = failureOf(() => add({ attitude: 3 }));
    expect([given.code, given.field, given.params]).toEqual(['conflict', 'dimensions', { ticketNo: 'A001' }]);
    expect(dims()).toBe('{"attitude":4}');
  });

  it('accepts dimensions up to ten minutes after the level, not later', () => {
    const f = failureOf(() => add({ quality: 4 }, later(10 * 60_000 + 1)));
    expect(f.code).toBe('conflict');
    expect(f.params).toEqual({ ticketNo: 'A001', minutes: 10 });
    expect(f.field).toBe('at');
    add({ quality: 4 }, later(10 * 60_000));
    expect(dims()).toBe('{"quality":4}');
  });

  it('refuses dimensions for a rating that was declined (no level)', () => {
    ticket('tk-008');
    m.run('rating.record', rating({ id: 'rating-008', ticketId: 'tk-008', level: 'none', at: FINISHED }));
    const f = failureOf(() => add({ attitude: 5 }, later(60_000), 'rating-008'));
    expect(f.code).toBe('conflict');
    expect(f.params).toEqual({ ticketNo: 'A008' });
    expect(f.field).toBe('ratingId');
  });

  it('tells the customer to choose at least one dimension when none is given', () => {
    const f = failureOf(() => add({}));
    expect([f.code, f.key]).toEqual(['validation', 'rating.noDimension']);
  });

  it('refuses dimensions for a rating that does not exist', () => {
    const f = failureOf(() => add({ attitude: 5 }, later(60_000), 'rating-404'));
    expect([f.code, f.field]).toEqual(['not_found', 'ratingId']);
  });

  it.each([
    ['no dimension at all', {}],
    ['an unknown dimension', { speed: 3 }],
    ['a score of 0', { integrity: 0 }],
    ['a score of 6', { integrity: 6 }],
    ['a fractional score', { integrity: 4.5 }],
  ])('refuses %s, changing nothing', (_what, d) => {
    expect(failureOf(() => add(d)).code).toBe('validation');
    expect(dims()).toBe('{}');
  });

  it.each([
    ['a rating id shorter than 8', { ratingId: 'r'.repeat(7) }],
    ['a rating id longer than 64', { ratingId: 'r'.repeat(65) }],
    ['a time shorter than 10', { at: '2026-11-2' }],
    ['a time longer than 40', { at: '2'.repeat(41) }],
  ])('refuses %s', (_what, over) => {
    const args = { ratingId: 'rating-001', dimensions: { attitude: 3 }, at: later(60_000), ...over };
    expect(failureOf(() => m.run('rating.addDimensions', args)).code).toBe('validation');
  });
});
