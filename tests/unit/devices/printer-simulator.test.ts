/**
 * Driver, queue and simulator together over real loopback TCP: the bytes a hall printer would see.
 * Every wait is on an event (receipt, status, job); nothing sleeps.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryPrintQueueStore, PrintQueue, type PrintJobEvent } from '../../../devices/printer/print-queue';
import { ReceiptPrinter } from '../../../devices/printer/receipt-printer';
import { ticketSlip } from '../../../devices/printer/templates';
import {
  startPrinterSimulator,
  type DecodedReceipt,
  type DiscardedReceipt,
  type PrinterSimulator,
} from '../../../devices/simulators/printer-simulator';
import { TcpTransport } from '../../../devices/transport/tcp-transport';
import type { PrinterStatus } from '../../../devices/printer/printer-status';
import { nextEvent } from './helpers';

const slip = (ticketNo: string, waitingAhead = 3): Uint8Array =>
  ticketSlip({
    hallName: '国网城东供电营业厅',
    ticketNo,
    businessName: '电费缴纳',
    waitingAhead,
    issuedAt: '2025-03-01T01:05:07.000Z',
    qrUrl: `https://hall.example/q/${ticketNo}`,
  });

const ticketNoOf = (receipt: DecodedReceipt): string | undefined =>
  receipt.lines.find((line) => /^[A-Z]\d{3}$/.test(line));

describe('printer simulator over loopback TCP', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** Polling is pushed far out so only Automatic Status Back can wake a waiting driver. */
  const setup = async (): Promise<{ sim: PrinterSimulator; printer: ReceiptPrinter }> => {
    const sim = await startPrinterSimulator({ host: '127.0.0.1', port: 0 });
    cleanups.push(() => sim.close());
    const printer = new ReceiptPrinter(new TcpTransport(sim.address()), { pollIntervalMs: 600_000 });
    cleanups.push(() => printer.close());
    return { sim, printer };
  };

  it('prints a ticket slip through the driver and decodes it on the other side', async () => {
    const { sim, printer } = await setup();
    expect(await printer.connect()).toMatchObject({ offline: false, paperOut: false, coverOpen: false });
    const received = nextEvent<DecodedReceipt>((listener) => sim.onReceipt(listener));
    await printer.print(slip('A001', 5));
    const receipt = await received;
    expect(receipt.text).toContain('A001');
    expect(receipt.text).toContain('电费缴纳');
    expect(receipt.lines).toContain('您前面还有 5 人等候');
    expect(receipt.lines).toContain('2025-03-01 09:05:07');
    expect(receipt.lines[0]).toBe('国网城东供电营业厅');
    expect(receipt.qr).toEqual(['https://hall.example/q/A001']);
    expect(Date.parse(receipt.receivedAt)).not.toBeNaN();
    expect(sim.receipts().map(ticketNoOf)).toEqual(['A001']);
  });

  it('answers DLE EOT from its state, and the driver refuses to print into it', async () => {
    const { sim, printer } = await setup();
    await printer.connect();
    const discarded: DiscardedReceipt[] = [];
    sim.onDiscard((d) => discarded.push(d));

    sim.setCoverOpen(true);
    expect(await printer.queryStatus()).toMatchObject({ coverOpen: true, offline: true, paperOut: false });
    await expect(printer.print(slip('A001'))).rejects.toMatchObject({ name: 'DeviceError', code: 'cover_open' });
    sim.setCoverOpen(false);

    sim.setPaperOut(true);
    expect(await printer.queryStatus()).toMatchObject({ paperOut: true, offline: true, coverOpen: false });
    await expect(printer.print(slip('A001'))).rejects.toMatchObject({ code: 'paper_out' });
    sim.setPaperOut(false);

    sim.setOffline(true);
    await expect(printer.print(slip('A001'))).rejects.toMatchObject({ code: 'offline' });
    sim.setOffline(false);

    sim.setPaperNearEnd(true);
    expect(await printer.queryStatus()).toMatchObject({ paperNearEnd: true, paperOut: false, offline: false });

    // Refused jobs never reached the printer at all.
    expect(discarded).toEqual([]);
    expect(sim.receipts()).toEqual([]);
    const received = nextEvent<DecodedReceipt>((listener) => sim.onReceipt(listener));
    await printer.print(slip('A002'));
    expect(ticketNoOf(await received)).toBe('A002');
  });

  it('pushes status changes with Automatic Status Back', async () => {
    const { sim, printer } = await setup();
    await printer.connect();
    const out = nextEvent<PrinterStatus>(
      (listener) => printer.onStatus(listener),
      (s) => s.paperOut,
    );
    sim.setPaperOut(true);
    expect(await out).toMatchObject({ paperOut: true, offline: true });
    const back = nextEvent<PrinterStatus>(
      (listener) => printer.onStatus(listener),
      (s) => !s.paperOut,
    );
    sim.setPaperOut(false);
    expect(await back).toMatchObject({ paperOut: false, offline: false });
  });

  it('paper runs out mid-queue: the job stays queued, prints after refill, nothing lost or doubled', async () => {
    const { sim, printer } = await setup();
    await printer.connect();
    const queue = new PrintQueue(printer, new MemoryPrintQueueStore(), { retryDelayMs: 600_000 });
    cleanups.push(() => queue.stop());
    const events: PrintJobEvent[] = [];
    queue.onJob((event) => events.push(event));

    sim.runOutOfPaperAfter(1);
    for (const no of ['A001', 'A002', 'A003']) await queue.enqueue({ id: no, kind: 'ticket', bytes: slip(no) });
    const blocked = nextEvent<PrintJobEvent>(
      (listener) => queue.onJob(listener),
      (e) => e.type === 'failed',
    );
    queue.start();

    const failure = await blocked;
    expect(failure).toMatchObject({
      type: 'failed',
      job: { id: 'A002' },
      error: { code: 'paper_out' },
      willRetry: true,
    });
    expect(sim.status().paperOut).toBe(true);
    expect(sim.receipts().map(ticketNoOf)).toEqual(['A001']);
    expect((await queue.pending()).map((job) => job.id)).toEqual(['A002', 'A003']);

    const finished = nextEvent<PrintJobEvent>(
      (listener) => queue.onJob(listener),
      (e) => e.type === 'printed' && e.job.id === 'A003',
    );
    sim.setPaperOut(false);
    await finished;

    expect(sim.receipts().map(ticketNoOf)).toEqual(['A001', 'A002', 'A003']);
    expect(await queue.pending()).toEqual([]);
    expect(events.filter((e) => e.type === 'printed').map((e) => e.job.id)).toEqual(['A001', 'A002', 'A003']);
    expect(events.filter((e) => e.type === 'queued').map((e) => e.job.id)).toEqual(['A001', 'A002', 'A003']);
    const a002 = events.find((e) => e.type === 'printed' && e.job.id === 'A002');
    expect(a002?.job.attempts).toBe(2);
  });

  it('a cover opened before a job: refused up front, printed once the cover closes', async () => {
    const { sim, printer } = await setup();
    await printer.connect();
    const queue = new PrintQueue(printer, new MemoryPrintQueueStore(), { retryDelayMs: 600_000 });
    cleanups.push(() => queue.stop());
    sim.setCoverOpen(true);
    await queue.enqueue({ id: 'B001', kind: 'ticket', bytes: slip('B001') });
    const blocked = nextEvent<PrintJobEvent>(
      (listener) => queue.onJob(listener),
      (e) => e.type === 'failed',
    );
    queue.start();
    expect(await blocked).toMatchObject({ job: { id: 'B001' }, error: { code: 'cover_open' } });
    const printed = nextEvent<PrintJobEvent>(
      (listener) => queue.onJob(listener),
      (e) => e.type === 'printed',
    );
    sim.setCoverOpen(false);
    expect((await printed).job.id).toBe('B001');
    expect(sim.receipts().map(ticketNoOf)).toEqual(['B001']);
  });

  it('splits one stream into receipts at each cut and keeps the last 50', async () => {
    const sim = await startPrinterSimulator({ host: '127.0.0.1' });
    cleanups.push(() => sim.close());
    const transport = new TcpTransport(sim.address());
    await transport.open();
    cleanups.push(() => transport.close());
    let count = 0;
    const all = new Promise<void>((resolve) => {
      sim.onReceipt(() => {
        count += 1;
        if (count === 55) resolve();
      });
    });
    const stream: number[] = [];
    for (let i = 1; i <= 55; i += 1) stream.push(...slip(`C${String(i).padStart(3, '0')}`));
    // Odd-sized writes split commands and GB18030 characters across TCP segments.
    for (let offset = 0; offset < stream.length; offset += 997)
      await transport.write(Uint8Array.from(stream.slice(offset, offset + 997)));
    await all;
    const kept = sim.receipts().map(ticketNoOf);
    expect(kept).toHaveLength(50);
    expect(kept[0]).toBe('C006');
    expect(kept[49]).toBe('C055');
  });

  it('reports malformed bytes as a discarded receipt and keeps serving', async () => {
    const sim = await startPrinterSimulator({ host: '127.0.0.1' });
    cleanups.push(() => sim.close());
    const transport = new TcpTransport(sim.address());
    await transport.open();
    cleanups.push(() => transport.close());
    const discarded = nextEvent<DiscardedReceipt>((listener) => sim.onDiscard(listener));
    const received = nextEvent<DecodedReceipt>((listener) => sim.onReceipt(listener));
    await transport.write(Uint8Array.of(0x41, 0x1b, 0xff));
    expect(await discarded).toMatchObject({ reason: 'malformed' });
    await transport.write(slip('D001'));
    expect(ticketNoOf(await received)).toBe('D001');
  });
});
