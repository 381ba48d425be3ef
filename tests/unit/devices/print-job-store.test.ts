import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PrintQueue, type PrintJobEvent } from '../../../devices/printer/print-queue';
import { ReceiptPrinter } from '../../../devices/printer/receipt-printer';
import { paymentReceipt } from '../../../devices/printer/templates';
import {
  startPrinterSimulator,
  type DiscardedReceipt,
  type PrinterSimulator,
} from '../../../devices/simulators/printer-simulator';
import { TcpTransport } from '../../../devices/transport/tcp-transport';
import { Emitter, type Transport } from '../../../devices/transport/transport';
import { SqlitePrintJobStore } from '../../../main/devices/sqlite-print-job-store';
import { connectStationPrinter } from '../../../main/devices/station-printer';
import { makeTempDir } from '../../support/hall-fixture';
import { nextEvent } from './helpers';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const job = (id: string, n = 1) => ({
  id,
  kind: 'ticket',
  bytes: Uint8Array.of(0x1b, 0x40, n),
  enqueuedAt: '2025-03-01T00:00:00.000Z',
  attempts: 0,
});

const receipt = (receiptNo: string) =>
  paymentReceipt({
    hallName: '测试厅',
    receiptNo,
    accountNo: '0101234567',
    amountFen: 100,
    channel: 'cash',
    paidAt: '2025-03-01T00:00:00Z',
    qrUrl: `https://hall.example/r/${receiptNo}`,
  });

describe('SqlitePrintJobStore', () => {
  it('keeps pending jobs in order across a reopen, printed ones for reprint, pruned to the limit', async () => {
    const file = path.join(makeTempDir('pjs-'), 'print-jobs.db');
    const store = new SqlitePrintJobStore(file, { keepPrinted: 2 });
    for (const id of ['a', 'b', 'c', 'd']) await store.add(job(id));
    await store.add(job('a', 9)); // same id again: ignored, never duplicated
    await store.update({ ...job('b'), attempts: 3 });
    await store.remove('a');
    store.close();

    const reopened = new SqlitePrintJobStore(file, { keepPrinted: 2 });
    cleanups.push(() => reopened.close());
    expect((await reopened.list()).map((j) => [j.id, j.attempts])).toEqual([
      ['b', 3],
      ['c', 0],
      ['d', 0],
    ]);
    expect(await reopened.get('a')).toMatchObject({ state: 'printed', bytes: Uint8Array.of(0x1b, 0x40, 1) });
    await reopened.remove('b');
    await reopened.remove('c');
    expect((await reopened.recent(10)).map((j) => j.id).sort()).toEqual(['b', 'c']);
    expect(await reopened.get('a')).toBeNull(); // pruned: only the last 2 printed stay
  });
});

describe('durable print queue against the printer simulator', () => {
  let sim: PrinterSimulator;

  it('a station restart resumes the pending job and prints it exactly once', async () => {
    sim = await startPrinterSimulator();
    cleanups.push(() => sim.close());
    const dataDir = makeTempDir('pjs-restart-');
    sim.setOffline(true);
    const first = await connectStationPrinter({
      ...sim.address(),
      hallName: () => '测试厅',
      store: SqlitePrintJobStore.inDataDir(dataDir),
      retryDelayMs: 20,
    });
    const jobId = await first.printSample('payment_receipt');
    expect(first.status().queued).toBe(1);
    await first.close(); // the station goes down with the job unprinted

    sim.setOffline(false);
    const notes = new Emitter<string>();
    const confirmed = nextEvent<string>(
      (l) => notes.on(l),
      (m) => m.startsWith('已打印'),
    );
    const resumed = nextEvent<string>(
      (l) => notes.on(l),
      (m) => m.includes('续打 1 张待打印小票'),
    );
    const second = await connectStationPrinter({
      ...sim.address(),
      hallName: () => '测试厅',
      store: SqlitePrintJobStore.inDataDir(dataDir),
      retryDelayMs: 20,
      onEvent: (_level, message) => notes.emit(message),
    });
    cleanups.push(() => second.close());
    await resumed;
    expect(await confirmed).toContain(jobId);
    expect(await second.jobs()).toEqual([expect.objectContaining({ id: jobId, state: 'printed' })]);
    expect(sim.receipts().filter((r) => r.text.includes('电费缴费凭证'))).toHaveLength(1);
  });

  it('cover opened mid-job: the spoiled receipt is sent again after the cover closes, once', async () => {
    sim = await startPrinterSimulator();
    cleanups.push(() => sim.close());
    const tcp = new TcpTransport(sim.address());
    // Opens the cover after the first half of a job's bytes is on the wire: a real mid-job opening.
    let armed = true;
    const midJob: Transport = {
      get isOpen() {
        return tcp.isOpen;
      },
      open: () => tcp.open(),
      close: () => tcp.close(),
      onData: (l) => tcp.onData(l),
      onClose: (l) => tcp.onClose(l),
      write: async (bytes: Uint8Array) => {
        if (!armed || bytes.length < 64) return tcp.write(bytes);
        armed = false;
        const half = bytes.length >> 1;
        await tcp.write(bytes.subarray(0, half));
        sim.setCoverOpen(true);
        return tcp.write(bytes.subarray(half));
      },
    };
    const printer = new ReceiptPrinter(midJob, { pollIntervalMs: 20 });
    await printer.connect();
    const store = new SqlitePrintJobStore(path.join(makeTempDir('pjs-cover-'), 'print-jobs.db'));
    const queue = new PrintQueue(printer, store, { retryDelayMs: 20 });
    cleanups.push(async () => {
      await queue.stop();
      await printer.close();
      store.close();
    });
    const discarded: DiscardedReceipt[] = [];
    sim.onDiscard((d) => discarded.push(d));
    const events: PrintJobEvent['type'][] = [];
    queue.onJob((e) => events.push(e.type));
    const failed = nextEvent<PrintJobEvent>(
      (l) => queue.onJob(l),
      (e) => e.type === 'failed',
    );
    queue.start();
    await queue.enqueue({ id: 'r1', kind: 'payment_receipt', bytes: receipt('R1') });
    expect(await failed).toMatchObject({ error: { code: 'cover_open' }, willRetry: true });
    expect(discarded.map((d) => d.reason)).toEqual(['cover_open']);
    const done = nextEvent<PrintJobEvent>(
      (l) => queue.onJob(l),
      (e) => e.type === 'printed',
    );
    sim.setCoverOpen(false);
    await done;
    expect(events).toEqual(['queued', 'failed', 'printed']);
    expect(sim.receipts().filter((r) => r.text.includes('R1'))).toHaveLength(1);
    expect(await store.get('r1')).toMatchObject({ state: 'printed', attempts: 2 });
  });
});
