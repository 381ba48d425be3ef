/**
 * Device faults end to end through a real station host (real SQLite, the real router): the ID card
 * reader over an in-memory GA 467 link to the simulator, the receipt printer over loopback TCP to
 * the printer simulator. Each fault must reach the API as a clear typed error, leave the station
 * able to carry on, and lose no receipt (the simulator finally holds the job exactly once).
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallerContext } from '../../main/services/caller';
import { DeviceLog } from '../../main/devices/device-log';
import { SqlitePrintJobStore } from '../../main/devices/sqlite-print-job-store';
import { startStationIdCardReader } from '../../main/devices/station-idcard';
import { connectStationPrinter } from '../../main/devices/station-printer';
import { startStationHost, type StationHost } from '../../main/host';
import { IdCardSimulator } from '../../devices/simulators/idcard-simulator';
import {
  startPrinterSimulator,
  type DiscardedReceipt,
  type PrinterSimulator,
} from '../../devices/simulators/printer-simulator';
import { createTransportPair } from '../../devices/transport/memory-transport';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';
import { nextEvent } from '../support/events';
import { RESIDENT } from '../unit/devices/idcard-fixtures';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function station() {
  const dataDir = seededDataDir('station.db', path.join(makeTempDir('dev-faults-'), 'station'));
  const [hostEnd, deviceEnd] = createTransportPair({ chunkSize: 64 });
  const reader = await IdCardSimulator.start(deviceEnd, { card: null });
  const idCardReader = await startStationIdCardReader({
    transport: hostEnd,
    name: 'sim reader',
    reconnectMs: 20,
    reader: { replyTimeoutMs: 150, readTimeoutMs: 300, pollIntervalMs: 10, decode: { today: '2026-01-01' } },
  });
  const printer = await startPrinterSimulator();
  const deviceLog = new DeviceLog();
  const store = SqlitePrintJobStore.inDataDir(dataDir);
  const port = await connectStationPrinter({
    ...printer.address(),
    hallName: () => '测试营业厅',
    store,
    retryDelayMs: 50,
    onEvent: (level, message) => deviceLog.add('printer', level, message),
  });
  const host = await startStationHost({ dataDir, printer: port, idCardReader, deviceLog });
  cleanups.push(async () => {
    await host.close();
    await port.close();
    await idCardReader.close();
    await reader.close();
    await printer.close();
  });
  const tech: CallerContext = {
    connectionId: 'tech',
    source: 'local:test',
    role: 'devices',
    windowNo: null,
    session: null,
  };
  const login = await host.router.call(tech, 'auth.login', { staffNo: '1020', pin: '123456' });
  if (!login.ok) throw new Error(`technician login failed: ${login.error.message}`);
  return { host, tech, reader, hostEnd, deviceEnd, printer, port, dataDir };
}

const call = <M extends Parameters<StationHost['router']['call']>[1]>(
  s: { host: StationHost; tech: CallerContext },
  method: M,
  input: Parameters<StationHost['router']['call']>[2] & object,
) => s.host.router.call(s.tech, method, input as never);

async function readerBack(s: Awaited<ReturnType<typeof station>>): Promise<void> {
  for (;;) {
    const o = await call(s, 'devices.overview', {});
    if (o.ok && (o.value as { reader: { connected: boolean } }).reader.connected) return;
    await nextEvent(s.host.events, 'devices.changed');
  }
}

describe('ID card reader faults reach the UI and recover', () => {
  it('a card placed on the reader is published once as idcard.read (full fields) and removal as idcard.removed', async () => {
    const s = await station();
    const read = nextEvent(s.host.events, 'idcard.read');
    s.reader.insertCard({ fields: RESIDENT });
    expect(await read).toMatchObject({ name: '张三', idNumber: RESIDENT.idNumber, nation: '汉', idNumberValid: true });
    const removed = nextEvent(s.host.events, 'idcard.removed');
    s.reader.removeCard();
    await removed;
  });

  it('the read-a-card test action answers masked and is audited', async () => {
    const s = await station();
    s.reader.insertCard({ fields: RESIDENT });
    const r = await call(s, 'devices.readIdCard', {});
    expect(r).toMatchObject({ ok: true, value: { cardType: 'resident', name: '张*', idNumber: '1101**********002X' } });
    const db = new Database(path.join(s.dataDir, 'station.db'), { readonly: true });
    const rows = db.prepare(`SELECT actor, detail FROM audit_log WHERE action = 'devices.readIdCard'`).all() as {
      actor: string;
      detail: string;
    }[];
    db.close();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.actor).toBe('1020');
    expect(rows[0]!.detail).not.toContain(RESIDENT.idNumber); // the audit trail holds the masked number only
  });

  it('no card, reader timeout and checksum error are clear device errors; the next read works', async () => {
    const s = await station();
    expect(await call(s, 'devices.readIdCard', {})).toMatchObject({
      ok: false,
      error: { code: 'device_error', message: expect.stringContaining('未检测到证件') },
    });
    // Let the polling loop read the card first: afterwards it only polls find, so the faults hit our read.
    const polled = nextEvent(s.host.events, 'idcard.read');
    s.reader.insertCard({ fields: RESIDENT });
    await polled;
    s.reader.injectFault({ kind: 'silent' }, 'readText');
    expect(await call(s, 'devices.readIdCard', {})).toMatchObject({
      ok: false,
      error: { code: 'device_error', message: expect.stringContaining('设备无响应') },
    });
    s.reader.injectFault({ kind: 'bad_checksum' }, 'readText');
    expect(await call(s, 'devices.readIdCard', {})).toMatchObject({
      ok: false,
      error: { code: 'device_error', message: expect.stringContaining('校验') },
    });
    expect(await call(s, 'devices.readIdCard', {})).toMatchObject({ ok: true, value: { name: '张*' } });
    const overview = await call(s, 'devices.overview', {});
    expect(overview).toMatchObject({ ok: true, value: { reader: { connected: true, lastError: null } } });
  });

  it('unplugged mid-read: the read fails with "disconnected", the page sees it, and plugging back in recovers', async () => {
    const s = await station();
    s.reader.insertCard({ fields: RESIDENT });
    s.reader.injectFault({ kind: 'silent' }, 'readText');
    const pending = call(s, 'devices.readIdCard', {});
    // Pull the plug once the read command is on the wire.
    await new Promise<void>((resolve) => {
      const off = s.reader.onCommand((c) => {
        if (c.name === 'readText') {
          off();
          resolve();
        }
      });
    });
    const logged = nextEvent(s.host.events, 'devices.log', (e) => e.device === 'idcard' && e.level === 'error');
    s.hostEnd.disconnect();
    expect(await pending).toMatchObject({
      ok: false,
      error: { code: 'device_error', message: expect.stringContaining('设备已断开') },
    });
    expect((await logged).message).toContain('设备已断开');
    const down = await call(s, 'devices.overview', {});
    expect(down).toMatchObject({
      ok: true,
      value: { reader: { connected: false, lastError: { code: 'disconnected' } } },
    });
    // Plug back in: the device end opens again and the station's reconnect loop probes it.
    await s.deviceEnd.open();
    await readerBack(s);
    expect(await call(s, 'devices.readIdCard', {})).toMatchObject({ ok: true, value: { name: '张*' } });
  });
});

describe('printer faults mid-job lose no receipt', () => {
  const jobText = (sim: PrinterSimulator, marker: string) => sim.receipts().filter((r) => r.text.includes(marker));

  it('paper out mid-job: typed error on the page, the job waits, and prints exactly once after refill', async () => {
    const s = await station();
    const discarded: DiscardedReceipt[] = [];
    s.printer.onDiscard((d) => discarded.push(d));
    s.printer.runOutOfPaperAfter(0);
    const warned = nextEvent(
      s.host.events,
      'devices.log',
      (e) => e.device === 'printer' && e.message.includes('未打印'),
    );
    const queued = await call(s, 'devices.printSample', { kind: 'acceptance_slip' });
    expect(queued.ok).toBe(true);
    await warned;
    const status = await call(s, 'devices.status', {});
    expect(status).toMatchObject({
      ok: true,
      value: { printer: { paperOut: true, queued: 1, lastError: expect.stringContaining('缺纸') } },
    });
    expect(discarded.map((d) => d.reason)).toEqual(['paper_out']);

    const printed = new Promise<void>((resolve) =>
      s.printer.onReceipt((r) => r.text.includes('业务受理回执') && resolve()),
    );
    s.printer.setPaperOut(false);
    await printed;
    await nextEvent(s.host.events, 'devices.log', (e) => e.message.startsWith('已打印'));
    expect(jobText(s.printer, '业务受理回执')).toHaveLength(1);
    const jobs = await call(s, 'devices.overview', {});
    expect(jobs.ok && (jobs.value as { jobs: { kind: string; state: string; attempts: number }[] }).jobs).toEqual([
      expect.objectContaining({ kind: 'acceptance_slip', state: 'printed', attempts: 2 }),
    ]);
  });

  it('cover open: the job waits with a clear status and prints exactly once when the cover closes', async () => {
    const s = await station();
    const discarded: DiscardedReceipt[] = [];
    s.printer.onDiscard((d) => discarded.push(d));
    s.printer.setCoverOpen(true);
    const waiting = nextEvent(s.host.events, 'devices.log', (e) => e.message.includes('机盖'));
    expect((await call(s, 'devices.printSample', { kind: 'payment_receipt' })).ok).toBe(true);
    await waiting;
    expect(await call(s, 'devices.status', {})).toMatchObject({
      ok: true,
      value: { printer: { coverOpen: true, queued: 1 } },
    });
    const printed = new Promise<void>((resolve) =>
      s.printer.onReceipt((r) => r.text.includes('电费缴费凭证') && resolve()),
    );
    s.printer.setCoverOpen(false);
    await printed;
    expect(jobText(s.printer, '电费缴费凭证')).toHaveLength(1);
    expect(discarded).toEqual([]); // refused before sending: nothing spoiled (mid-job opening: tests/unit/devices/print-job-store.test.ts)
  });

  it('reprint of a recent receipt sends the same bytes again; an unknown job is not_found', async () => {
    const s = await station();
    const first = new Promise<void>((resolve) => s.printer.onReceipt(() => resolve()));
    const r = await call(s, 'devices.printSample', { kind: 'payment_receipt' });
    await first;
    await nextEvent(s.host.events, 'devices.log', (e) => e.message.startsWith('已打印'));
    const jobId = (r as { value: { jobId: string } }).value.jobId;
    const again = new Promise<void>((resolve) => s.printer.onReceipt(() => resolve()));
    expect(await call(s, 'devices.reprint', { jobId })).toMatchObject({
      ok: true,
      value: { jobId: expect.stringMatching(/^reprint_payment_receipt-/) },
    });
    await again;
    const [a, b] = s.printer.receipts();
    expect(b!.text).toBe(a!.text);
    expect(b!.qr).toEqual(a!.qr);
    expect(await call(s, 'devices.reprint', { jobId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', field: 'jobId' },
    });
  });
});
