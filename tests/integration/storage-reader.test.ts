import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Storage } from '../../main/storage/storage';
import { seededDataDir } from '../support/hall-fixture';

/**
 * The storage's reader connection: long report queries run beside the writer, which keeps answering.
 */
const DAY = '2027-03-01';
const TICKETS = 30_000;

function seedTickets(file: string): void {
  const db = new Database(file);
  const ins = db.prepare(
    `INSERT INTO tickets (id, hall_id, day, number, business_type, priority, status, issued_at, issued_by, called_at, call_count, window_no, staff_id, started_at, finished_at)
     VALUES (?, (SELECT id FROM halls LIMIT 1), ?, ?, 'PAY', 'normal', 'finished', ?, 'fixture', ?, 1, 1, 'S1003', ?, ?)`,
  );
  const at = (min: number) => new Date(Date.parse(`${DAY}T01:00:00Z`) + min * 1000).toISOString();
  db.transaction(() => {
    for (let i = 0; i < TICKETS; i++) ins.run(`T${i}`, DAY, `N${i}`, at(i), at(i + 60), at(i + 60), at(i + 300));
  })();
  db.close();
}

describe('the storage reader connection', () => {
  const opened: Storage[] = [];
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
  });
  const open = async (readerConnection: boolean) => {
    const file = path.join(seededDataDir('station.db'), 'station.db');
    seedTickets(file);
    const s = await Storage.open(file, { readerConnection });
    opened.push(s);
    return s;
  };

  /** Which of a long report and a writer op started right after it answers first. */
  async function firstToAnswer(s: Storage): Promise<string[]> {
    const order: string[] = [];
    const report = s.run('kpiReport', { from: DAY, to: DAY, targetWaitMin: {} }).then((r) => {
      order.push('report');
      return r;
    });
    const write = s
      .run('setLoginAttempts', { staffNo: '9999', failures: 1, lockedUntil: null })
      .then(() => order.push('write'));
    const [r] = await Promise.all([report, write]);
    expect(r.overall.issued).toBe(TICKETS);
    return order;
  }

  it('a write started after a long report answers before it: the report runs on the reader', async () => {
    expect(await firstToAnswer(await open(true))).toEqual(['write', 'report']);
  }, 60_000);

  it('on one connection the same write waits for the report (what the reader avoids)', async () => {
    expect(await firstToAnswer(await open(false))).toEqual(['report', 'write']);
  }, 60_000);
});
