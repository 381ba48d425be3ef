import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KpiResponse, TypeWaitEstimateWire } from '@common/api/insight-schemas';
import { startPrinterSimulator, type PrinterSimulator } from '../../devices/simulators/printer-simulator';
import type { CallerContext } from '../../main/services/caller';
import { connectStationPrinter } from '../../main/devices/station-printer';
import { startStationHost, type StationHost } from '../../main/host';
import { seededDataDir } from '../support/hall-fixture';

/**
 * KPIs and guide insights through the real station: tickets and calls written into a seeded
 * station database, then read back through the API. Every expected number is worked out by hand
 * in the comments from docs/domain.md's definitions.
 */
const DAY = '2027-01-05';
const L = (hms: string, day = DAY) => new Date(`${day}T${hms}+08:00`).toISOString();
const X = 'S1003';
const Y = 'S1005';

type Row = [
  id: string,
  no: string,
  type: string,
  status: string,
  issued: string,
  calls: [string, number, 0 | 1][],
  start: string | null,
  finish: string | null,
  staff: string | null,
  day?: string,
];
const ROWS: Row[] = [
  // T1 PAY: wait 600, walk 60, AHT 600, in hall 1260; within 20 min.
  ['T1', 'A001', 'PAY', 'finished', L('09:00:00'), [[L('09:10:00'), 1, 0]], L('09:11:00'), L('09:21:00'), X],
  // T2 PAY: called 09:30, recalled, no-show: wait 1500 > 1200, not within.
  [
    'T2',
    'A002',
    'PAY',
    'no_show',
    L('09:05:00'),
    [
      [L('09:30:00'), 1, 0],
      [L('09:31:00'), 1, 1],
    ],
    null,
    null,
    X,
  ],
  // T3 NEW: wait 1200 (NEW target 30 min: within), walk 120, AHT 1800.
  ['T3', 'B001', 'NEW', 'finished', L('10:00:00'), [[L('10:20:00'), 5, 0]], L('10:22:00'), L('10:52:00'), Y],
  // T4 FAULT: cancelled — a walk-away.
  ['T4', 'D001', 'FAULT', 'cancelled', L('10:10:00'), [], null, null, null],
  // T5 PAY: still waiting at 11:00 — 1800 s, past its 20-minute target.
  ['T5', 'A003', 'PAY', 'waiting', L('10:30:00'), [], null, null, null],
  // Another day, outside a one-day range: finished, wait 300.
  [
    'T6',
    'A001',
    'PAY',
    'finished',
    L('09:00:00', '2027-01-07'),
    [[L('09:05:00', '2027-01-07'), 1, 0]],
    L('09:06:00', '2027-01-07'),
    L('09:16:00', '2027-01-07'),
    X,
    '2027-01-07',
  ],
];

function writeFixture(file: string): void {
  const db = new Database(file);
  const ins = db.prepare(
    `INSERT INTO tickets (id, hall_id, day, number, business_type, priority, status, issued_at, issued_by, called_at, call_count, window_no, staff_id, started_at, finished_at)
     VALUES (?, (SELECT id FROM halls LIMIT 1), ?, ?, ?, 'normal', ?, ?, 'fixture', ?, ?, ?, ?, ?, ?)`,
  );
  const call = db.prepare(
    'INSERT INTO calls (id, ticket_id, ticket_no, window_no, staff_id, recall, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  for (const [id, no, type, status, issued, calls, start, finish, staff, day] of ROWS) {
    const last = calls.at(-1);
    ins.run(
      id,
      day ?? DAY,
      no,
      type,
      status,
      issued,
      last?.[0] ?? null,
      calls.length,
      last?.[1] ?? null,
      staff,
      start,
      finish,
    );
    calls.forEach(([at, windowNo, recall], i) => call.run(`${id}-c${i}`, id, no, windowNo, staff ?? X, recall, at));
  }
  db.close();
}

const ctx = (role: CallerContext['role']): CallerContext => ({
  connectionId: role,
  source: 'local:test',
  role,
  windowNo: null,
  session: null,
});

describe('KPIs, wait estimates and channel slips through the station API', () => {
  let host: StationHost;
  let printer: PrinterSimulator;
  let closePort: () => Promise<void>;
  const manager = ctx('manager');
  const guide = ctx('guide');

  beforeAll(async () => {
    const dir = seededDataDir('station.db');
    writeFixture(path.join(dir, 'station.db'));
    printer = await startPrinterSimulator({ host: '127.0.0.1' });
    const port = await connectStationPrinter({ ...printer.address(), hallName: () => '测试营业厅' });
    closePort = port.close;
    host = await startStationHost({ dataDir: dir, printer: port, clock: { now: () => new Date(L('11:00:00')) } });
    expect((await host.router.call(manager, 'auth.login', { staffNo: '1001', pin: '123456' })).ok).toBe(true);
    expect((await host.router.call(guide, 'auth.login', { staffNo: '1018', pin: '123456' })).ok).toBe(true);
  });
  afterAll(async () => {
    await host?.close();
    await closePort?.();
    await printer?.close();
  });

  const kpis = async (input: { from?: string; to?: string }) => {
    const r = await host.router.call(manager, 'manager.kpis', input);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as KpiResponse;
  };

  it('computes the day’s KPIs exactly as defined', async () => {
    const { report, from, to } = await kpis({});
    expect([from, to]).toEqual([DAY, DAY]);
    const o = report.overall;
    expect(o).toMatchObject({ issued: 5, called: 3, finished: 2, noShows: 1, walkAways: 1, withinTarget: 2 });
    expect(o.wait.mean).toBe((600 + 1500 + 1200) / 3);
    expect(o.walk.mean).toBe((60 + 120) / 2);
    expect(o.aht.mean).toBe((600 + 1800) / 2);
    expect(o.timeInHall.mean).toBe((1260 + 3120) / 2);
    expect(o.serviceLevel).toBeCloseTo(2 / 3);
    expect(o.noShowRate).toBeCloseTo(1 / 3);
    expect(o.walkAwayRate).toBeCloseTo(1 / 5);
  });

  it('groups by local hour, type, window and agent', async () => {
    const { report, agents } = await kpis({ from: DAY, to: DAY });
    expect(report.byHour['09']).toMatchObject({ issued: 2, called: 2, withinTarget: 1, serviceLevel: 0.5 });
    expect(report.byHour['10']).toMatchObject({ issued: 3, called: 1, withinTarget: 1, serviceLevel: 1, walkAways: 1 });
    expect(report.byType.PAY).toMatchObject({ issued: 3, called: 2, noShows: 1, serviceLevel: 0.5 });
    expect(report.byType.NEW!.aht.mean).toBe(1800);
    expect(report.byWindow['1']).toMatchObject({ called: 2, finished: 1 });
    expect(report.byWindow['5']).toMatchObject({ called: 1, finished: 1 });
    expect(report.byAgent[X]).toMatchObject({ called: 2, finished: 1 });
    expect(report.byAgent[X]!.aht.mean).toBe(600);
    expect(report.byAgent[Y]!.aht.mean).toBe(1800);
    expect(agents.map((a) => a.id).sort()).toEqual([X, Y]);
  });

  it('takes the date range into account', async () => {
    const { report } = await kpis({ from: DAY, to: '2027-01-07' });
    expect(report.overall.issued).toBe(6);
    expect(report.overall.wait.mean).toBe((600 + 1500 + 1200 + 300) / 4);
    expect((await kpis({ from: '2027-01-07', to: '2027-01-07' })).report.overall).toMatchObject({
      issued: 1,
      called: 1,
      serviceLevel: 1,
    });
    expect((await kpis({ from: '2027-02-01', to: '2027-02-02' })).report.overall).toMatchObject({
      issued: 0,
      serviceLevel: null,
      wait: { mean: null },
    });
  });

  it('refuses bad ranges with a typed error', async () => {
    expect(await host.router.call(manager, 'manager.kpis', { from: '2027-01-07', to: '2027-01-05' })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'from' },
    });
    expect(await host.router.call(manager, 'manager.kpis', { from: '2020-01-01', to: '2027-01-05' })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(await host.router.call(manager, 'manager.kpis', { from: '2027-13-40' })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(await host.router.call(guide, 'manager.kpis', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('estimates waits per type and flags the ticket past its target', async () => {
    const r = await host.router.call(guide, 'queue.waitEstimates', {});
    if (!r.ok) throw new Error(r.error.message);
    const pay = (r.value as TypeWaitEstimateWire[]).find((x) => x.code === 'PAY')!;
    // Seeded windows serving PAY, all open: 1, 2, 3, 4, 11, 12 → 6 servers. One waiting:
    // ⌊1/6⌋ + ½ round of today's PAY AHT (600 s, from T1) = 300 s.
    expect(pay).toMatchObject({
      waiting: 1,
      servers: 6,
      longestWaitSec: 1800,
      estimatedWaitSec: 300,
      targetWaitMin: 20,
    });
    expect(pay.overdue).toEqual([{ id: 'T5', number: 'A003', priority: 'normal', waitedSec: 1800 }]);
  });

  it('prints a channel slip with the QR code to the app', async () => {
    const before = printer.receipts().length;
    const r = await host.router.call(guide, 'guide.printChannelSlip', { functionCode: 'PAY' });
    expect(r).toMatchObject({ ok: true, value: { printed: true } });
    const receipt = printer.receipts()[before]!;
    expect(receipt.text).toContain('电费缴纳');
    expect(receipt.text).toContain('线上办理指引');
    expect(receipt.text).toContain('网上国网 App');
    expect(receipt.qr).toContain('https://www.95598.cn/');
  });

  it('refuses an unknown function without printing', async () => {
    const before = printer.receipts().length;
    expect(await host.router.call(guide, 'guide.printChannelSlip', { functionCode: 'NOPE' })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(await host.router.call(guide, 'guide.printChannelSlip', { functionCode: '交电费' })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(printer.receipts().length).toBe(before);
  });
});
