import { beforeEach, describe, expect, it } from 'vitest';
import type { MutationArgs } from '@common/mutators';
import { failureOf, openMutatorDb, type MutatorDb } from '../../support/mutator-db';

/** Who holds a window: sign-in, sign-out, replays and the sessions a sign-in closes. */
let m: MutatorDb;
let agents: { id: string; name: string; staff_no: string }[];
const AT = '2026-11-23T01:00:00.000Z'; // 09:00 in Shanghai
const signIn = (over: Partial<MutationArgs<'window.signIn'>> = {}) =>
  m.run('window.signIn', { id: 'sess-0001', hallId: 'H001', windowNo: 2, staffId: agents[0]!.id, at: AT, ...over });
const session = (id: string) =>
  m.row<{ window_no: number; staff_id: string; signed_in_at: string; signed_out_at: string | null }>(
    'SELECT window_no, staff_id, signed_in_at, signed_out_at FROM window_sessions WHERE id = ?',
    id,
  );
beforeEach(() => {
  m = openMutatorDb();
  m.db.prepare('DELETE FROM window_sessions').run();
  agents = m.rows(`SELECT id, name, staff_no FROM staff WHERE role = 'agent' ORDER BY staff_no LIMIT 2`);
});

describe('window.signIn', () => {
  it('opens a session for the agent at the window, and reports it changed', () => {
    signIn();
    expect(session('sess-0001')).toEqual({
      window_no: 2,
      staff_id: agents[0]!.id,
      signed_in_at: AT,
      signed_out_at: null,
    });
    expect(m.changed).toEqual(['windowSession:sess-0001']);
  });

  it('takes the same sign-in again as a replay: nothing changes', () => {
    signIn();
    signIn({ windowNo: 5, at: '2026-11-23T03:00:00.000Z' });
    expect(session('sess-0001')?.window_no).toBe(2);
    expect(m.changed).toEqual(['windowSession:sess-0001']);
  });

  it('names the agent who holds the window today when another tries to take it', () => {
    signIn();
    const f = failureOf(() => signIn({ id: 'sess-0002', staffId: agents[1]!.id, at: '2026-11-23T04:00:00.000Z' }));
    expect(f.code).toBe('conflict');
    expect(f.params).toEqual({ windowNo: 2, staffName: agents[0]!.name, staffNo: agents[0]!.staff_no });
    expect(session('sess-0002')).toBeUndefined();
    expect(session('sess-0001')?.signed_out_at).toBeNull();
  });

  it('still refuses when the holder is not on the staff list, without a name', () => {
    m.db
      .prepare(
        `INSERT INTO window_sessions (id, hall_id, window_no, staff_id, signed_in_at) VALUES ('sess-gone', 'H001', 2, 'staff-left', ?)`,
      )
      .run(AT);
    const f = failureOf(() => signIn({ id: 'sess-0002', at: '2026-11-23T02:00:00.000Z' }));
    expect(f.code).toBe('conflict');
    expect(f.params).toEqual({ windowNo: 2 });
  });

  it('judges by the latest open session of the window', () => {
    const open = m.db.prepare(
      `INSERT INTO window_sessions (id, hall_id, window_no, staff_id, signed_in_at) VALUES (?, 'H001', 2, ?, ?)`,
    );
    open.run('sess-old', agents[1]!.id, '2026-11-22T01:00:00.000Z'); // yesterday's, forgotten
    open.run('sess-new', agents[0]!.id, '2026-11-23T00:30:00.000Z'); // today's
    expect(failureOf(() => signIn({ id: 'sess-0003', staffId: agents[1]!.id })).code).toBe('conflict');
  });

  it("lets the same agent sign in again, closing the earlier session at the new one's time", () => {
    signIn();
    signIn({ id: 'sess-0002', at: '2026-11-23T05:00:00.000Z' });
    expect(session('sess-0001')?.signed_out_at).toBe('2026-11-23T05:00:00.000Z');
    expect(session('sess-0002')?.signed_out_at).toBeNull();
    expect(m.changed).toEqual(['windowSession:sess-0001', 'windowSession:sess-0001', 'windowSession:sess-0002']);
  });

  it('closes the agent’s session at another window when the agent moves', () => {
    signIn();
    signIn({ id: 'sess-0002', windowNo: 4, at: '2026-11-23T03:00:00.000Z' });
    expect(session('sess-0001')?.signed_out_at).toBe('2026-11-23T03:00:00.000Z');
    expect(session('sess-0002')).toMatchObject({ window_no: 4, signed_out_at: null });
  });

  it('leaves other windows, other agents and other halls alone', () => {
    signIn();
    signIn({ id: 'sess-0002', windowNo: 3, staffId: agents[1]!.id });
    signIn({ id: 'sess-0003', hallId: 'H002', windowNo: 2, staffId: 'staff-h2' });
    expect(session('sess-0001')?.signed_out_at).toBeNull();
    expect(session('sess-0002')?.signed_out_at).toBeNull();
    expect(session('sess-0003')?.signed_out_at).toBeNull();
  });

  it.each([
    ['an id shorter than 8', { id: 's'.repeat(7) }],
    ['an id longer than 64', { id: 's'.repeat(65) }],
    ['no hall', { hallId: '' }],
    ['a hall longer than 32', { hallId: 'H'.repeat(33) }],
    ['window 0', { windowNo: 0 }],
    ['window 100', { windowNo: 100 }],
    ['window 1.5', { windowNo: 1.5 }],
    ['no agent', { staffId: '' }],
    ['an agent id longer than 64', { staffId: 'a'.repeat(65) }],
    ['a time shorter than 10', { at: '2026-11-2' }],
    ['a time longer than 40', { at: '2'.repeat(41) }],
  ])('refuses %s', (_what, over) => {
    expect(failureOf(() => signIn(over)).code).toBe('validation');
    expect(m.rows('SELECT id FROM window_sessions')).toHaveLength(0);
  });

  it('accepts windows 1 and 99, and the longest ids', () => {
    signIn({ id: 's'.repeat(64), windowNo: 1, hallId: 'H'.repeat(32) });
    signIn({ id: 'sess-0002', windowNo: 99, staffId: 'a'.repeat(64) });
    expect(m.rows('SELECT id FROM window_sessions')).toHaveLength(2);
  });
});

describe('window.signOut', () => {
  it('closes the session once: a later sign-out keeps the first time and reports nothing', () => {
    signIn();
    m.changed.length = 0;
    m.run('window.signOut', { id: 'sess-0001', at: '2026-11-23T09:00:00.000Z' });
    m.run('window.signOut', { id: 'sess-0001', at: '2026-11-23T10:00:00.000Z' });
    expect(session('sess-0001')?.signed_out_at).toBe('2026-11-23T09:00:00.000Z');
    expect(m.changed).toEqual(['windowSession:sess-0001']);
  });

  it('does nothing for a session that does not exist', () => {
    m.run('window.signOut', { id: 'sess-none', at: '2026-11-23T09:00:00.000Z' });
    expect(m.changed).toEqual([]);
  });

  it.each([
    ['an id shorter than 8', { id: 's'.repeat(7), at: AT }],
    ['an id longer than 64', { id: 's'.repeat(65), at: AT }],
    ['a time shorter than 10', { id: 'sess-0001', at: '2026-11-2' }],
    ['a time longer than 40', { id: 'sess-0001', at: '2'.repeat(41) }],
  ])('refuses %s', (_what, args) => {
    signIn();
    expect(failureOf(() => m.run('window.signOut', args)).code).toBe('validation');
    expect(session('sess-0001')?.signed_out_at).toBeNull();
  });
});
