import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Storage } from '../../main/storage/storage';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';

/**
 * The storage worker tells the station an issued ticket is committed before it reads the slip's
 * position (BENCHMARKS.md, queue: the displays are told on that notice). On the real worker: the
 * notice comes once, before the reply, only after the ticket is in the database; a refused issue
 * sends none and writes nothing.
 */
let storage: Storage | null = null;
afterEach(async () => {
  await storage?.close();
  storage = null;
});

const DAY = '2026-11-23';
const args = (id: string, businessType = 'PAY') => ({
  id,
  day: DAY,
  businessType,
  priority: 'normal' as const,
  issuedAt: '2026-11-23T02:00:00.000Z',
  issuedBy: 'test',
  numbers: 'local' as const,
});

describe('issueTicket commit notice', () => {
  it('comes once, before the reply, when the ticket is already committed', async () => {
    const dir = seededDataDir('station.db', makeTempDir('commit-notice-'));
    storage = await Storage.open(path.join(dir, 'station.db'));
    const order: string[] = [];
    let seenByAnotherConnection: unknown;
    const reply = storage
      .runCommitted('issueTicket', args('tk-notice-1'), () => {
        order.push('committed');
        // Another connection (as a display's snapshot would be) already sees the ticket.
        const db = new Database(path.join(dir, 'station.db'), { readonly: true });
        seenByAnotherConnection = db.prepare('SELECT number, status FROM tickets WHERE id = ?').get('tk-notice-1');
        db.close();
      })
      .then((r) => {
        order.push('reply');
        return r;
      });
    const r = await reply;
    expect(order).toEqual(['committed', 'reply']);
    expect(seenByAnotherConnection).toEqual({ number: 'A001', status: 'waiting' });
    expect(r).toMatchObject({ ticket: { id: 'tk-notice-1', number: 'A001' }, position: { peopleAhead: 0 } });
  });

  it('is not sent for a refused issue, which writes nothing', async () => {
    const dir = seededDataDir('station.db', makeTempDir('commit-notice-'));
    storage = await Storage.open(path.join(dir, 'station.db'));
    let notices = 0;
    const refused = await storage
      .runCommitted('issueTicket', args('tk-notice-2', 'NOPE'), () => notices++)
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'validation' });
    // The next op's reply proves the worker has sent everything it was going to for the refused one.
    expect(await storage.run('queueTicketById', { id: 'tk-notice-2' })).toBeNull();
    expect(notices).toBe(0);
  });
});
