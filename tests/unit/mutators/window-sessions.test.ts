import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyMutation } from '@common/mutators';
import { AppFailure } from '@common/result';
import { sqliteTx } from '../../../node/sqlite/sqlite-tx';
import { seededDataDir } from '../../support/hall-fixture';

/** Window sign-in on a real seeded hall database: one agent per window per hall business day. */
let db: Database.Database;
let agents: string[];
const signIn = (id: string, staffId: string, at: string) =>
  db.transaction(() =>
    applyMutation({ tx: sqliteTx(db), side: 'central', changed: () => {} }, 'window.signIn', {
      id,
      hallId: 'H001',
      windowNo: 2,
      staffId,
      at,
    }),
  )();
const holder = () =>
  (
    db.prepare('SELECT staff_id FROM window_sessions WHERE window_no = 2 AND signed_out_at IS NULL').get() as
      { staff_id: string } | undefined
  )?.staff_id;

beforeEach(() => {
  db = new Database(path.join(seededDataDir('station.db'), 'station.db'));
  db.prepare('DELETE FROM window_sessions').run();
  agents = (
    db.prepare(`SELECT id FROM staff WHERE role = 'agent' ORDER BY staff_no LIMIT 2`).all() as { id: string }[]
  ).map((r) => r.id);
});

describe('window.signIn', () => {
  it('refuses a second agent on a window held since 07:30 hall time, though the UTC date differs', () => {
    signIn('sess-00000001', agents[0]!, '2026-11-22T23:30:00.000Z'); // 07:30 on 11-23 in Shanghai
    let failure: unknown;
    try {
      signIn('sess-00000002', agents[1]!, '2026-11-23T02:00:00.000Z'); // 10:00 the same hall day
    } catch (e) {
      failure = e;
    }
    expect(failure).toBeInstanceOf(AppFailure);
    expect((failure as AppFailure).code).toBe('conflict');
    expect(holder()).toBe(agents[0]);
  });

  it("lets the next hall day's agent take a window someone forgot to sign out of, though the UTC date is the same", () => {
    signIn('sess-00000003', agents[0]!, '2026-11-23T01:00:00.000Z'); // 09:00 on 11-23
    signIn('sess-00000004', agents[1]!, '2026-11-23T23:00:00.000Z'); // 07:00 on 11-24
    expect(holder()).toBe(agents[1]);
  });
});
