import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyMutation, type MutationArgs, type MutationContext } from '@common/mutators';
import { sqliteTx } from '../../../node/sqlite/sqlite-tx';
import { seededDataDir } from '../../support/hall-fixture';

/**
 * `ticket.issue` is decided once where it is issued: the station's issuing op decides (tested
 * through the queue in tests/integration) and the mutator applies that decision on the station;
 * the central, replaying pushes in server order, decides caps and hours again but never renumbers.
 */
const DAY = '2026-11-23';
const OPEN = '2026-11-23T02:00:00.000Z'; // 10:00 in Shanghai
const CLOSED = '2026-11-23T12:00:00.000Z'; // 20:00 in Shanghai

let db: Database.Database;
const apply = <N extends 'ticket.issue' | 'queue.configureType'>(
  side: MutationContext['side'],
  name: N,
  args: MutationArgs<N>,
) => db.transaction(() => applyMutation({ tx: sqliteTx(db), side, changed: () => {} }, name, args))();
const issue = (id: string, number: string, issuedAt = OPEN): MutationArgs<'ticket.issue'> => ({
  id,
  hallId: 'H001',
  day: DAY,
  businessType: 'PAY',
  priority: 'normal',
  number,
  issuedAt,
  issuedBy: 'test',
});
const numberOf = (id: string) =>
  (db.prepare('SELECT number FROM tickets WHERE id = ?').get(id) as { number: string } | undefined)?.number;

beforeEach(() => {
  db = new Database(path.join(seededDataDir('station.db'), 'station.db'));
  db.prepare('DELETE FROM tickets WHERE day = ?').run(DAY);
  // PAY: issued from 08:30 to 17:00, at most two a day.
  apply('central', 'queue.configureType', {
    hallId: 'H001',
    type: {
      code: 'PAY',
      prefix: 'A',
      dailyCap: 2,
      hours: [{ from: '08:30', to: '17:00' }],
      waitingWarnAt: 30,
      targetWaitMin: 20,
    },
    at: OPEN,
  });
});

describe('ticket.issue at the central', () => {
  it('rejects a ticket over the cap or outside the hours, whatever the station decided', () => {
    apply('central', 'ticket.issue', issue('tk-central-1', 'A001'));
    apply('central', 'ticket.issue', issue('tk-central-2', 'A002'));
    expect(() => apply('central', 'ticket.issue', issue('tk-central-3', 'A003'))).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
    db.prepare('DELETE FROM tickets WHERE day = ?').run(DAY);
    expect(() => apply('central', 'ticket.issue', issue('tk-central-4', 'A001', CLOSED))).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
    expect(numberOf('tk-central-3')).toBeUndefined();
    expect(numberOf('tk-central-4')).toBeUndefined();
  });

  it('never renumbers: a number another ticket holds is refused, a replay changes nothing', () => {
    apply('central', 'ticket.issue', issue('tk-station-a', 'A001'));
    expect(() => apply('central', 'ticket.issue', issue('tk-station-b', 'A001'))).toThrow(
      expect.objectContaining({ code: 'conflict', key: 'queue.numberTaken' }),
    );
    expect(numberOf('tk-station-b')).toBeUndefined();
    apply('central', 'ticket.issue', issue('tk-station-a', 'A001'));
    expect(numberOf('tk-station-a')).toBe('A001');
  });

  it('keeps the printed leased number when the kiosk gave up waiting for the online one', () => {
    apply('central', 'ticket.issue', issue('tk-late-answer', 'A001'));
    apply('central', 'ticket.issue', issue('tk-late-answer', 'A600'));
    expect(numberOf('tk-late-answer')).toBe('A600');
    // An online number in a push never replaces the recorded one (only a kiosk's printed lease does).
    apply('central', 'ticket.issue', issue('tk-late-answer', 'A002'));
    expect(numberOf('tk-late-answer')).toBe('A600');
  });
});

describe('ticket.issue on the station', () => {
  it('applies the decision its issuing op made: caps and hours are not decided a second time', () => {
    apply('station', 'ticket.issue', issue('tk-local-1', 'A001'));
    apply('station', 'ticket.issue', issue('tk-local-2', 'A002'));
    apply('station', 'ticket.issue', issue('tk-local-3', 'A003', CLOSED));
    expect(numberOf('tk-local-3')).toBe('A003');
  });

  it('refuses a number another ticket already holds (by construction this does not happen)', () => {
    apply('station', 'ticket.issue', issue('tk-pulled-1', 'A001'));
    expect(() => apply('station', 'ticket.issue', issue('tk-local-1', 'A001'))).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
    expect(numberOf('tk-local-1')).toBeUndefined();
  });
});
