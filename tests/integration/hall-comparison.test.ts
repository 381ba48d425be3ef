import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { expect, it } from 'vitest';
import type { HallComparison } from '@common/sync/hall-comparison';
import type { CentralServer } from '../../central/server';
import type { CallerContext } from '../../main/services/caller';
import { startStationHost } from '../../main/host';
import { PersonalDataCipher } from '../../main/security/personal-data-cipher';
import { seedHall } from '../../hall/seed';
import { configure, migrate } from '../../node/sqlite/migrate';
import { RawClient, describeEachBackend, useCentralBackends, type Backend } from '../support/central-backends';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';

/**
 * 各厅对比: the central answers per-hall aggregates (tickets, waits, service level, satisfaction,
 * coverage) to a manager's station, on SQLite and PostgreSQL; names of people never leave it.
 * The halls' tickets and ratings are written into the central's tables as sync would have left them.
 */
const DAY = '2027-01-05';
const L = (hms: string) => new Date(`${DAY}T${hms}+08:00`).toISOString();
const manager: CallerContext = {
  connectionId: 'm',
  source: 'local:test',
  role: 'manager',
  windowNo: null,
  session: null,
};

/** H001: 4 PAY tickets (target 20 min) called after 10, 10, 30 min and never; 3 finished; 3 ratings. */
const TICKETS: [string, string, string, string | null, string][] = [
  ['c1', 'H001', L('09:00:00'), L('09:10:00'), 'finished'],
  ['c2', 'H001', L('09:00:00'), L('09:10:00'), 'finished'],
  ['c3', 'H001', L('09:00:00'), L('09:30:00'), 'finished'],
  ['c4', 'H001', L('09:00:00'), null, 'cancelled'],
  // H002: one ticket called after 5 minutes, finished, rated satisfied.
  ['w1', 'H002', L('10:00:00'), L('10:05:00'), 'finished'],
  // Outside the period.
  ['o1', 'H001', new Date(`2027-01-09T09:00:00+08:00`).toISOString(), null, 'cancelled'],
];
const RATINGS: [string, string, string][] = [
  ['c1', 'H001', 'very_satisfied'],
  ['c2', 'H001', 'unsatisfied'],
  ['c3', 'H001', 'satisfied'],
  ['w1', 'H002', 'satisfied'],
];

async function writeHallData(backend: Backend, db: string): Promise<void> {
  const ticket = (t: (typeof TICKETS)[number], i: number) => [
    t[0],
    t[1],
    t[0] === 'o1' ? '2027-01-09' : DAY,
    `A${String(i + 1).padStart(3, '0')}`,
    'PAY',
    t[4],
    t[2],
    'kiosk',
    t[3],
    t[3] ? 1 : null,
    t[3] ? 'S1003' : null,
    t[4] === 'finished' ? t[3] : null,
  ];
  const ticketSql = `INSERT INTO tickets (id, hall_id, day, number, business_type, status, issued_at, issued_by, called_at, window_no, staff_id, finished_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
  const ratingSql = (hall: boolean) =>
    `INSERT INTO ratings (${hall ? 'hall_id, ' : ''}id, ticket_id, ticket_no, window_no, staff_id, level, created_at)
     VALUES (${hall ? '?, ' : ''}?, ?, 'A001', 1, 'S1003', ?, ?)`;
  if (backend === 'sqlite') {
    const d = new Database(db);
    TICKETS.forEach((t, i) => d.prepare(ticketSql).run(...ticket(t, i)));
    for (const [id, , level] of RATINGS) d.prepare(ratingSql(false)).run(`r-${id}`, id, level, L('12:00:00'));
    d.close();
    return;
  }
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  const $ = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  for (const [i, t] of TICKETS.entries()) await client.query($(ticketSql), ticket(t, i));
  for (const [id, hall, level] of RATINGS)
    await client.query($(ratingSql(true)), [hall, `r-${id}`, id, level, L('12:00:00')]);
  await client.end();
}

function importSecondHall(c: CentralServer): void {
  const file = path.join(makeTempDir('cmp-h002-'), 'h002.db');
  const db = new Database(file);
  configure(db);
  migrate(db);
  seedHall(db, {
    customers: 1,
    hallId: 'H002',
    hallName: '西湖营业厅',
    firstCustomerId: 7001,
    customersOnly: true,
    cipher: new PersonalDataCipher(Buffer.alloc(32, 9)),
    seed: 11,
  });
  db.close();
  c.importHallDatabase(file);
}

describeEachBackend('hall comparison on the %s central', (backend) => {
  const { centralOn, dbFileOf } = useCentralBackends();

  it('a manager station gets every hall’s aggregates for the period, and no names', async () => {
    const c = await centralOn(backend);
    importSecondHall(c);
    await writeHallData(backend, dbFileOf(c));
    const host = await startStationHost({
      dataDir: seededDataDir('station.db'),
      centralUrl: c.url,
      enrollCode: c.issueEnrollmentCode('H001', 'manager'),
      clock: { now: () => new Date(L('18:00:00')) },
      reports: { schedule: false },
    });
    try {
      expect((await host.router.call(manager, 'auth.login', { staffNo: '1001', pin: '123456' })).ok).toBe(true);
      const r = await host.router.call(manager, 'manager.compareHalls', { from: DAY, to: DAY });
      if (!r.ok) throw new Error(r.error.message);
      const byHall = Object.fromEntries(r.value.halls.map((h) => [h.hallId, h]));
      // H001: 4 tickets, 3 called (waits 600, 600, 1800 s → mean 1000), 2 within 20 min; 3 finished,
      // 3 ratings of which 2 satisfied or better; coverage 3 / 3.
      expect(byHall.H001).toMatchObject({ tickets: 4, called: 3, finished: 3, ratings: 3, coverage: 1 });
      expect(byHall.H001!.avgWaitSec).toBeCloseTo(1000, 3);
      expect(byHall.H001!.serviceLevel).toBeCloseTo(2 / 3);
      expect(byHall.H001!.satisfaction).toBeCloseTo(2 / 3);
      expect(byHall.H002).toMatchObject({ hallName: '西湖营业厅', tickets: 1, called: 1, satisfaction: 1 });
      expect(byHall.H002!.avgWaitSec).toBeCloseTo(300, 3);
      // Nothing that names a person or a ticket crosses.
      const text = JSON.stringify(r.value);
      for (const forbidden of ['S1003', 'A001', 'c1', '1003', 'staff']) expect(text).not.toContain(forbidden);
      // The whole week holds the ticket of the 9th too.
      const week = await host.router.call(manager, 'manager.compareHalls', { from: DAY, to: '2027-01-10' });
      expect(week.ok && week.value.halls.find((h) => h.hallId === 'H001')!.tickets).toBe(5);
      expect(await host.router.call(manager, 'manager.compareHalls', { from: '2027-01-06', to: DAY })).toMatchObject({
        ok: false,
        error: { code: 'validation', key: 'form.endBeforeStart' },
      });
    } finally {
      await host.close();
    }
  }, 60_000);

  it('refuses a station of another role and a malformed period', async () => {
    const c = await centralOn(backend);
    const kiosk = await RawClient.enroll(c, `cmp-kiosk-${backend}`, 'kiosk');
    const refused = await kiosk.call('GET', `/v1/halls/compare?from=${DAY}&to=${DAY}`);
    expect(refused.status).toBe(403);
    const hall = await RawClient.enroll(c, `cmp-hall-${backend}`, 'hall');
    for (const q of [
      '',
      `?from=${DAY}`,
      `?from=2027-01-06&to=${DAY}`,
      '?from=2020-01-01&to=2027-01-05',
      "?from=x'--&to=1",
    ])
      expect((await hall.call('GET', `/v1/halls/compare${q}`)).status).toBe(400);
    const ok = await hall.call('GET', `/v1/halls/compare?from=${DAY}&to=${DAY}`);
    expect(ok.status).toBe(200);
    expect((ok.json as unknown as HallComparison).halls.map((h) => h.hallId)).toContain('H001');
  });

  it('a station without a central says so', async () => {
    const host = await startStationHost({ dataDir: seededDataDir('station.db'), reports: { schedule: false } });
    try {
      await host.router.call(manager, 'auth.login', { staffNo: '1001', pin: '123456' });
      expect(await host.router.call(manager, 'manager.compareHalls', {})).toMatchObject({
        ok: false,
        error: { code: 'unavailable', key: 'sync.noCentral' },
      });
    } finally {
      await host.close();
    }
  });
});
