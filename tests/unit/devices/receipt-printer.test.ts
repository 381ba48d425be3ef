import { describe, expect, it } from 'vitest';
import {
  MemoryPrintQueueStore,
  PrintQueue,
  type PrinterPort,
  type PrintJobEvent,
} from '../../../devices/printer/print-queue';
import { encodeAutomaticStatus, READY_STATUS, type PrinterStatus } from '../../../devices/printer/printer-status';
import { ReceiptPrinter } from '../../../devices/printer/receipt-printer';
import { DeviceError } from '../../../devices/transport/transport';
import { FakeTransport, hex, nextEvent, toHex } from './helpers';

/** A fake printer on the wire: answers each DLE EOT n from `status`. */
const answering = (transport: FakeTransport, replies: Record<number, number>): void => {
  transport.responder = (bytes) =>
    bytes[0] === 0x10 && bytes[1] === 0x04 ? Uint8Array.of(replies[bytes[2]] ?? 0x12) : null;
};

describe('ReceiptPrinter driver', () => {
  it('enables ASB, then checks paper (4), cover (2) and online (1) before sending the job', async () => {
    const transport = new FakeTransport();
    answering(transport, {});
    const printer = new ReceiptPrinter(transport);
    await printer.connect();
    transport.written.length = 0;
    await printer.print(hex('1B 40 41 0A'));
    expect(transport.written.map(toHex)).toEqual(['10 04 04', '10 04 02', '10 04 01', '1B 40 41 0A']);
    expect(printer.status).toEqual(READY_STATUS);
  });

  it('asks for the error cause (3) when n=2 reports an error, and refuses as offline', async () => {
    const transport = new FakeTransport();
    answering(transport, { 2: 0x52, 3: 0x1a, 1: 0x1a });
    const printer = new ReceiptPrinter(transport, { automaticStatusBack: false });
    await transport.open();
    const error = await printer.print(hex('41')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeviceError);
    expect((error as DeviceError).code).toBe('offline');
    expect(printer.status).toMatchObject({ autocutterError: true, unrecoverableError: false, offline: true });
    expect(transport.written.map(toHex)).toEqual(['10 04 04', '10 04 02', '10 04 03', '10 04 01']);
  });

  it('a printer that never answers gives a typed timeout', async () => {
    const transport = new FakeTransport();
    const printer = new ReceiptPrinter(transport, { replyTimeoutMs: 20, automaticStatusBack: false });
    await transport.open();
    await expect(printer.print(hex('41'))).rejects.toMatchObject({ code: 'timeout' });
    expect(transport.written.map(toHex)).toEqual(['10 04 04']);
  });

  it('pending queries fail as disconnected when the link drops', async () => {
    const transport = new FakeTransport();
    const printer = new ReceiptPrinter(transport, { replyTimeoutMs: 10_000, automaticStatusBack: false });
    await transport.open();
    const query = printer.queryStatus();
    transport.drop();
    await expect(query).rejects.toMatchObject({ code: 'disconnected' });
  });

  it('ASB messages interleaved with replies update status without confusing the reply order', async () => {
    const transport = new FakeTransport();
    // Every reply arrives glued to an ASB message saying the cover is open.
    transport.responder = (bytes) =>
      bytes[1] === 0x04
        ? Uint8Array.from([...encodeAutomaticStatus({ ...READY_STATUS, coverOpen: true }), 0x12])
        : null;
    const printer = new ReceiptPrinter(transport, { automaticStatusBack: false });
    await transport.open();
    const pushed = nextEvent<PrinterStatus>(
      (listener) => printer.onStatus(listener),
      (s) => s.coverOpen,
    );
    const status = await printer.queryStatus();
    expect((await pushed).coverOpen).toBe(true);
    // The real-time replies (all clear) are the last word for the fields they cover.
    expect(status).toEqual(READY_STATUS);
  });

  it('waitUntilReady resolves on a pushed status and null on abort', async () => {
    const transport = new FakeTransport();
    const replies: Record<number, number> = { 4: 0x72 };
    answering(transport, replies);
    const printer = new ReceiptPrinter(transport, { pollIntervalMs: 600_000 });
    await printer.connect();
    expect(printer.status?.paperOut).toBe(true);
    const ready = printer.waitUntilReady();
    // Paper loaded: the printer pushes its new status.
    replies[4] = 0x12;
    transport.push(encodeAutomaticStatus(READY_STATUS));
    expect(await ready).toMatchObject({ paperOut: false });

    replies[4] = 0x72;
    await printer.queryStatus();
    const controller = new AbortController();
    const waiting = printer.waitUntilReady(controller.signal);
    controller.abort();
    expect(await waiting).toBeNull();
  });
});

/** Scriptable PrinterPort: no network, to test the queue's own rules. */
class FakePrinter implements PrinterPort {
  printed: string[] = [];
  failNext: DeviceError[] = [];
  async print(bytes: Uint8Array): Promise<void> {
    const failure = this.failNext.shift();
    if (failure) throw failure;
    this.printed.push(new TextDecoder().decode(bytes));
  }
  async queryStatus(): Promise<PrinterStatus> {
    return READY_STATUS;
  }
  async waitUntilReady(): Promise<PrinterStatus> {
    return READY_STATUS;
  }
}

const job = (id: string) => ({ id, kind: 'ticket', bytes: new TextEncoder().encode(id) });

describe('PrintQueue', () => {
  it('enqueue is idempotent by id', async () => {
    const queue = new PrintQueue(new FakePrinter());
    const events: PrintJobEvent[] = [];
    queue.onJob((e) => events.push(e));
    await queue.enqueue(job('A001'));
    await queue.enqueue(job('A001'));
    expect((await queue.pending()).map((j) => j.id)).toEqual(['A001']);
    expect(events.map((e) => e.type)).toEqual(['queued']);
  });

  it('jobs left in the store before a restart print first, in order', async () => {
    const store = new MemoryPrintQueueStore();
    const before = new PrintQueue(new FakePrinter(), store);
    await before.enqueue(job('A001'));
    await before.enqueue(job('A002'));
    const printer = new FakePrinter();
    const after = new PrintQueue(printer, store);
    const done = nextEvent<PrintJobEvent>(
      (listener) => after.onJob(listener),
      (e) => e.type === 'printed' && e.job.id === 'A003',
    );
    after.start();
    await after.enqueue(job('A003'));
    await done;
    await after.stop();
    expect(printer.printed).toEqual(['A001', 'A002', 'A003']);
    expect(await store.list()).toEqual([]);
  });

  it('a link error keeps the job and retries it after the delay', async () => {
    const printer = new FakePrinter();
    printer.failNext.push(new DeviceError('timeout', 'no reply'));
    const queue = new PrintQueue(printer, new MemoryPrintQueueStore(), { retryDelayMs: 5 });
    const events: PrintJobEvent[] = [];
    queue.onJob((e) => events.push(e));
    const done = nextEvent<PrintJobEvent>(
      (listener) => queue.onJob(listener),
      (e) => e.type === 'printed',
    );
    await queue.enqueue(job('A001'));
    queue.start();
    await done;
    await queue.stop();
    expect(events.map((e) => (e.type === 'failed' ? `failed:${e.error.code}` : e.type))).toEqual([
      'queued',
      'failed:timeout',
      'printed',
    ]);
    expect(printer.printed).toEqual(['A001']);
  });

  it('stop() leaves unprinted jobs in the store', async () => {
    const printer = new FakePrinter();
    printer.failNext.push(new DeviceError('disconnected', 'gone'));
    const store = new MemoryPrintQueueStore();
    const queue = new PrintQueue(printer, store, { retryDelayMs: 600_000 });
    const failed = nextEvent<PrintJobEvent>(
      (listener) => queue.onJob(listener),
      (e) => e.type === 'failed',
    );
    await queue.enqueue(job('A001'));
    queue.start();
    await failed;
    await queue.stop();
    expect((await store.list()).map((j) => [j.id, j.attempts])).toEqual([['A001', 1]]);
  });
});
