import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallerContext } from '../../main/services/caller';
import { startStationHost, type StationHost } from '../../main/host';
import { seededDataDir } from '../support/hall-fixture';

/**
 * The manager's Excel exports through the real station: tickets written into a seeded station
 * database, each table exported over the API and read back with exceljs.
 */
const DAY = '2027-01-05';
const L = (hms: string) => new Date(`${DAY}T${hms}+08:00`).toISOString();

function writeTickets(file: string): void {
  const db = new Database(file);
  const ins = db.prepare(
    `INSERT INTO tickets (id, hall_id, day, number, business_type, priority, status, issued_at, issued_by, called_at, call_count, window_no, staff_id, started_at, finished_at)
     VALUES (?, (SELECT id FROM halls LIMIT 1), ?, ?, ?, 'normal', ?, ?, 'fixture', ?, 1, ?, ?, ?, ?)`,
  );
  const call = db.prepare(
    'INSERT INTO calls (id, ticket_id, ticket_no, window_no, staff_id, recall, at) VALUES (?, ?, ?, ?, ?, 0, ?)',
  );
  // Two PAY tickets served at window 1 by 1003 (waits 10 and 20 minutes), one NEW at window 5 by 1005.
  const rows: [string, string, string, string, string, number, string][] = [
    ['X1', 'A001', 'PAY', '09:00:00', '09:10:00', 1, 'S1003'],
    ['X2', 'A002', 'PAY', '09:05:00', '09:25:00', 1, 'S1003'],
    ['X3', 'B001', 'NEW', '10:00:00', '10:05:00', 5, 'S1005'],
  ];
  for (const [id, no, type, issued, called, win, staff] of rows) {
    ins.run(id, DAY, no, type, 'finished', L(issued), L(called), win, staff, L(called), L(called));
    call.run(`${id}-c`, id, no, win, staff, L(called));
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

async function workbookOf(base64: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ExcelJS.Buffer);
  return wb;
}

/** The rows of a sheet below its header (the row whose first cell is `firstHeader`), as plain values. */
function tableOf(ws: ExcelJS.Worksheet, firstHeader: string): unknown[][] {
  const out: unknown[][] = [];
  let header = 0;
  ws.eachRow((row, i) => {
    const values = (row.values as unknown[]).slice(1);
    if (!header && values[0] === firstHeader) header = i;
    else if (header) out.push(values);
  });
  return out;
}

describe('Excel exports of the manager tables', () => {
  let host: StationHost;
  const manager = ctx('manager');
  const counter = ctx('counter');

  beforeAll(async () => {
    const dir = seededDataDir('station.db');
    writeTickets(path.join(dir, 'station.db'));
    host = await startStationHost({ dataDir: dir, clock: { now: () => new Date(L('18:00:00')) } });
    expect((await host.router.call(manager, 'auth.login', { staffNo: '1001', pin: '123456' })).ok).toBe(true);
  });
  afterAll(async () => {
    await host?.close();
  });

  const exportTable = async (input: { table: 'evaluations' | 'kpis' | 'refunds'; from?: string; to?: string }) => {
    const r = await host.router.call(manager, 'manager.exportTable', input);
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };

  it('exports the queue KPIs: the hall, by type, window and agent, waits in minutes', async () => {
    const file = await exportTable({ table: 'kpis' });
    expect(file.fileName).toBe(`排队指标-${DAY}.xlsx`);
    const wb = await workbookOf(file.base64);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['全厅', '按业务', '按窗口', '按人员', '按小时']);
    const hall = tableOf(wb.getWorksheet('全厅')!, '范围');
    // 取号 3, 办结 3; mean wait (10 + 20 + 5) / 3 minutes.
    expect(hall[0]!.slice(0, 3)).toEqual(['全厅', 3, 3]);
    expect(hall[0]![5]).toBeCloseTo(35 / 3);
    const byType = tableOf(wb.getWorksheet('按业务')!, '业务类型');
    expect(byType.map((r) => [r[0], r[1]])).toEqual([
      ['新装', 1],
      ['电费缴纳', 2],
    ]);
    const byWindow = tableOf(wb.getWorksheet('按窗口')!, '窗口');
    expect(byWindow.map((r) => r[0])).toEqual(['1 号窗口', '5 号窗口']);
    const byAgent = tableOf(wb.getWorksheet('按人员')!, '人员');
    expect(byAgent.map((r) => r[0])).toEqual(expect.arrayContaining([expect.stringContaining('（1003）')]));
  });

  it('exports the evaluation table, one row per agent with the services counted', async () => {
    const file = await exportTable({ table: 'evaluations', from: DAY, to: DAY });
    const ws = (await workbookOf(file.base64)).getWorksheet('员工评价')!;
    const rows = tableOf(ws, '工号');
    const served = Object.fromEntries(rows.map((r) => [r[0], r[2]]));
    expect(served['1003']).toBe(2);
    expect(served['1005']).toBe(1);
    expect(ws.getRow(2).getCell(2).value).toBe(DAY);
  });

  it('exports the refund requests (none yet: the header alone)', async () => {
    const ws = (await workbookOf((await exportTable({ table: 'refunds' })).base64)).getWorksheet('退款申请')!;
    expect(tableOf(ws, '申请时间')).toEqual([]);
  });

  it('refuses a reversed or over-long period with a clear message, and another role', async () => {
    expect(
      await host.router.call(manager, 'manager.exportTable', { table: 'kpis', from: '2027-01-06', to: DAY }),
    ).toMatchObject({ ok: false, error: { code: 'validation', key: 'form.endBeforeStart' } });
    expect(
      await host.router.call(manager, 'manager.exportTable', { table: 'kpis', from: '2025-01-01', to: DAY }),
    ).toMatchObject({ ok: false, error: { code: 'validation', key: 'input.dateRangeTooLong' } });
    expect(await host.router.call(manager, 'manager.exportTable', { table: 'customers' } as never)).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(await host.router.call(counter, 'manager.exportTable', { table: 'kpis' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});
