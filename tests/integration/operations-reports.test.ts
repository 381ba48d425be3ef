import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallerContext } from '../../main/services/caller';
import { startStationHost, type StationHost } from '../../main/host';
import { seededDataDir } from '../support/hall-fixture';

/**
 * 营业厅运营日报 / 周报 through the real station and a real headless Chromium: made on demand and by the
 * schedule, kept in the data directory, listed and downloaded; the PDF's text read back with
 * pdftotext, so the Chinese must really be in it.
 */
const DAY = '2027-01-06'; // a Wednesday
const L = (hms: string, day = DAY) => new Date(`${day}T${hms}+08:00`).toISOString();
let now = new Date(L('19:00:00'));

function writeTickets(file: string): void {
  const db = new Database(file);
  const ins = db.prepare(
    `INSERT INTO tickets (id, hall_id, day, number, business_type, priority, status, issued_at, issued_by, called_at, call_count, window_no, staff_id, started_at, finished_at)
     VALUES (?, (SELECT id FROM halls LIMIT 1), ?, ?, 'PAY', 'normal', 'finished', ?, 'fixture', ?, 1, 1, 'S1003', ?, ?)`,
  );
  const call = db.prepare(
    `INSERT INTO calls (id, ticket_id, ticket_no, window_no, staff_id, recall, at) VALUES (?, ?, ?, 1, 'S1003', 0, ?)`,
  );
  for (let i = 0; i < 12; i++) {
    const issued = L(`${String(9 + (i % 6)).padStart(2, '0')}:0${i % 10}:00`);
    const called = new Date(Date.parse(issued) + (5 + i) * 60_000).toISOString();
    const done = new Date(Date.parse(called) + 8 * 60_000).toISOString();
    ins.run(`R${i}`, DAY, `A${String(i + 1).padStart(3, '0')}`, issued, called, called, done);
    call.run(`R${i}-c`, `R${i}`, `A${String(i + 1).padStart(3, '0')}`, called);
  }
  db.close();
}

const pdfText = (pdf: Buffer): string => {
  const file = path.join(fs.mkdtempSync('/tmp/report-'), 'r.pdf');
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};

describe('operations reports (日报, 周报) as PDF', () => {
  let host: StationHost;
  let dir: string;
  const manager: CallerContext = {
    connectionId: 'm',
    source: 'local:test',
    role: 'manager',
    windowNo: null,
    session: null,
  };
  const counter: CallerContext = {
    connectionId: 'c',
    source: 'local:test',
    role: 'counter',
    windowNo: 1,
    session: null,
  };

  beforeAll(async () => {
    dir = seededDataDir('station.db');
    writeTickets(path.join(dir, 'station.db'));
    host = await startStationHost({ dataDir: dir, clock: { now: () => now }, reports: { schedule: false } });
    expect((await host.router.call(manager, 'auth.login', { staffNo: '1001', pin: '123456' })).ok).toBe(true);
  });
  afterAll(async () => {
    await host?.close();
  });

  const call = async <T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>) => {
    const r = await p;
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };

  it('makes the daily report on demand: a PDF in reports/ whose text is the day’s figures in Chinese', async () => {
    const made = await call(host.router.call(manager, 'manager.generateReport', { kind: 'daily' }));
    expect(made).toMatchObject({
      file: `daily-${DAY}.pdf`,
      kind: 'daily',
      from: DAY,
      to: DAY,
      title: '营业厅运营日报',
    });
    expect(made.ms).toBeGreaterThan(0);
    const onDisk = fs.readFileSync(path.join(dir, 'reports', made.file));
    expect(onDisk.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(onDisk);
    expect(text).toContain('营业厅运营日报');
    expect(text).toContain(`统计期间：${DAY}`);
    expect(text).toContain('分时段负荷');
    // The business table: 12 issued and finished, waits of 5…16 minutes (mean 10.5), 8 minutes each.
    expect(text).toMatch(/电费缴纳\s+12\s+12\s+10\.5 分钟\s+8\.0 分钟/);
    const file = await call(host.router.call(manager, 'manager.reportFile', { file: made.file }));
    expect(file.fileName).toBe(`营业厅运营日报-${DAY}.pdf`);
    expect(Buffer.from(file.base64, 'base64').equals(onDisk)).toBe(true);
  }, 60_000);

  it('makes the weekly report of the week holding the day, Monday to Sunday, with its daily trend', async () => {
    const made = await call(host.router.call(manager, 'manager.generateReport', { kind: 'weekly', day: DAY }));
    expect(made).toMatchObject({ file: 'weekly-2027-01-04.pdf', from: '2027-01-04', to: '2027-01-10' });
    const text = pdfText(fs.readFileSync(path.join(dir, 'reports', made.file)));
    expect(text).toContain('营业厅运营周报');
    expect(text).toContain('每日走势');
  }, 60_000);

  it('an empty period still makes an honest report that says so', async () => {
    const made = await call(host.router.call(manager, 'manager.generateReport', { kind: 'daily', day: '2027-01-01' }));
    expect(pdfText(fs.readFileSync(path.join(dir, 'reports', made.file)))).toContain('本期间没有取号记录');
  }, 60_000);

  it('lists what is kept, newest first, and the schedule makes only what is missing', async () => {
    now = new Date(L('19:00:00', '2027-01-11')); // the next Monday, after closing
    const made = await host.reports.runSchedule();
    // Yesterday (Sunday), today after closing, and last week (already made on demand: not again).
    expect(made.sort()).toEqual(['daily-2027-01-10.pdf', 'daily-2027-01-11.pdf']);
    expect(await host.reports.runSchedule()).toEqual([]);
    const list = await call(host.router.call(manager, 'manager.reports', {}));
    expect(list.map((r) => r.file)).toEqual([
      'daily-2027-01-11.pdf',
      'daily-2027-01-10.pdf',
      'daily-2027-01-06.pdf',
      'weekly-2027-01-04.pdf',
      'daily-2027-01-01.pdf',
    ]);
  }, 120_000);

  it('refuses names outside the reports, a future day, and other roles', async () => {
    for (const file of ['../station.db', 'daily-2027-13-45.pdf', 'daily-2027-01-06.pdf/../../station.db', 'x.pdf'])
      expect(await host.router.call(manager, 'manager.reportFile', { file })).toMatchObject({
        ok: false,
        error: { code: 'not_found', key: 'reports.notFound' },
      });
    expect(
      await host.router.call(manager, 'manager.generateReport', { kind: 'daily', day: '2030-01-01' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'validation', key: 'reports.futureDay' },
    });
    expect(await host.router.call(counter, 'manager.reports', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});
