import { randomUUID } from 'node:crypto';
import type { DevicesStatus, PrintJobView } from '@common/api/schemas';
import type { PrintJobStore } from '../../devices/printer/print-job-store';
import { MemoryPrintQueueStore, PrintQueue, type PrinterPort as QueuePrinter } from '../../devices/printer/print-queue';
import { ReceiptPrinter } from '../../devices/printer/receipt-printer';
import {
  acceptanceSlip,
  channelSlip,
  formatLocalTime,
  paymentReceipt,
  ticketSlip,
} from '../../devices/printer/templates';
import { escpos } from '../../devices/printer/escpos-encoder';
import { hallDate } from '@common/time/hall-time';
import { TcpTransport } from '../../devices/transport/tcp-transport';
import { SerialTransport } from '../../devices/transport/serial-transport';
import { DeviceFileTransport } from '../../devices/transport/device-file-transport';
import { DeviceError, type Transport } from '../../devices/transport/transport';
import { targetLabel, type PrinterTarget } from '../../devices/config/device-config';
import { deviceErrorText } from '../services/device-messages';
import type { AcceptanceSlipPrinter, PaymentReceiptPrinter, PrinterPort } from '../services/ports/printers';

export interface StationPrinterOptions {
  /** Where the printer is; `host`/`port` alone mean raw TCP (the demo's simulator). */
  target?: PrinterTarget;
  host?: string;
  port?: number;
  /** False when the store outlives this printer (the station re-creates the driver on a config change). */
  closeStore?: boolean;
  hallName: () => string;
  /** The hall's time zone for printed times (default Asia/Shanghai). */
  timeZone?: string;
  /** Durable jobs (SqlitePrintJobStore in the data dir); in memory when absent (tests, one-off tools). */
  store?: PrintJobStore;
  /** Receipts as the printer saw them (the simulator keeps them; a real printer cannot tell). */
  recentReceipts?: () => DevicesStatus['receipts'];
  /** How long issuing waits for a slip before answering "queued, not yet printed". */
  printWaitMs?: number;
  retryDelayMs?: number;
  log?: (line: string) => void;
  /** Status and job changes, for the devices page's live log. */
  onEvent?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

export type SampleKind = 'test_page' | 'payment_receipt' | 'acceptance_slip';

/** Sample slips for the devices page: invented data, so a technician can check layout and QR. */
export function sampleSlip(kind: SampleKind, hallName: string, at: Date, timeZone?: string): Uint8Array {
  const iso = at.toISOString();
  const stamp = hallDate(at, timeZone).replaceAll('-', '');
  const zone = { timeZone };
  if (kind === 'payment_receipt') {
    return paymentReceipt(
      {
        hallName,
        receiptNo: `SF${stamp}000001`,
        accountNo: '0101234567',
        amountFen: 12_850,
        channel: 'qr',
        paidAt: iso,
        qrUrl: `https://hall.example/r/SF${stamp}000001`,
        operator: '测试 TEST',
      },
      zone,
    );
  }
  if (kind === 'acceptance_slip') {
    return acceptanceSlip(
      {
        hallName,
        applicationNo: `SQ${stamp}0001`,
        businessName: '低压居民新装（样张）',
        applicantName: '张小三',
        accountNo: '0101234567',
        acceptedAt: iso,
        promisedWorkingDays: 3,
        qrUrl: `https://hall.example/a/SQ${stamp}0001?业务=新装`,
        operator: '测试 TEST',
        hotline: '95598',
      },
      zone,
    );
  }
  return escpos()
    .init()
    .align('center')
    .chineseMode(true)
    .bold(true)
    .line('打印测试页 PRINT TEST')
    .bold(false)
    .line(hallName)
    .line(formatLocalTime(iso, timeZone))
    .feed(3)
    .cut('partial')
    .encode();
}

export type StationPrinter = PrinterPort & AcceptanceSlipPrinter & PaymentReceiptPrinter & { close(): Promise<void> };

/** The byte pipe for a printer target: raw TCP, a serial port with hardware flow control, or a usblp file. */
export function printerTransport(target: PrinterTarget): Transport {
  if (target.kind === 'tcp') return new TcpTransport({ host: target.host, port: target.port, connectTimeoutMs: 3000 });
  if (target.kind === 'serial')
    return new SerialTransport({ path: target.path, baudRate: target.baudRate, rtscts: true });
  return new DeviceFileTransport({ path: target.path });
}

/**
 * The station's receipt printer (raw TCP port 9100, serial, or a usblp file): a ReceiptPrinter behind a PrintQueue
 * with a durable store, so a slip stays queued until the printer confirms it — paper out or cover
 * open mid-job is printed again after refill, a restart sends what was pending, and recent slips
 * can be reprinted. A dropped link is reopened on the next attempt.
 */
export async function connectStationPrinter(o: StationPrinterOptions): Promise<StationPrinter> {
  const target: PrinterTarget = o.target ?? { kind: 'tcp', host: o.host ?? '127.0.0.1', port: o.port ?? 9100 };
  const where = targetLabel(target);
  const transport = printerTransport(target);
  const printer = new ReceiptPrinter(transport);
  const store = o.store ?? null;
  let connected = false;
  let lastError: string | null = null;
  const note = o.onEvent ?? (() => {});

  const ensureConnected = async (): Promise<void> => {
    if (transport.isOpen) return;
    await printer.connect();
    connected = true;
    lastError = null;
    note('info', `打印机已连接 printer connected ${where}`);
  };
  const port: QueuePrinter = {
    print: async (bytes) => {
      await ensureConnected();
      return printer.print(bytes);
    },
    queryStatus: async () => {
      await ensureConnected();
      return printer.queryStatus();
    },
    waitUntilReady: async (signal) => {
      await ensureConnected();
      return printer.waitUntilReady(signal);
    },
  };
  const queue = new PrintQueue(port, store ?? new MemoryPrintQueueStore(), { retryDelayMs: o.retryDelayMs ?? 2000 });
  let queued = (await queue.pending()).length;
  if (queued > 0) note('warn', `续打 ${queued} 张待打印小票 (resuming ${queued} pending job(s) from print-jobs.db)`);

  try {
    await ensureConnected();
  } catch (e) {
    lastError = e instanceof Error ? e.message : String(e);
    o.log?.(`printer ${where} not reachable: ${lastError}`);
    note('error', `打印机无法连接 printer not reachable: ${lastError}`);
  }
  let closing = false;
  printer.onDisconnect((e) => {
    connected = false;
    if (closing) return;
    lastError = e.message;
    note('error', deviceErrorText(e));
  });
  printer.onStatus((s) => {
    if (s.paperOut) note('warn', '打印机缺纸 paper out');
    else if (s.coverOpen) note('warn', '打印机机盖打开 cover open');
    else if (s.paperNearEnd) note('warn', '纸将用尽 paper near end');
    else note('info', '打印机就绪 printer ready');
  });
  queue.onJob((ev) => {
    if (ev.type === 'queued') queued++;
    if (ev.type === 'printed') {
      queued = Math.max(0, queued - 1);
      note('info', `已打印 printed ${ev.job.kind} (${ev.job.id}, attempt ${ev.job.attempts})`);
    }
    if (ev.type === 'failed') {
      lastError = deviceErrorText(ev.error);
      note(
        ev.error.code === 'paper_out' || ev.error.code === 'cover_open' ? 'warn' : 'error',
        `${ev.job.kind} 未打印，保留待续打 (kept for reprint): ${lastError}`,
      );
    }
  });
  queue.start();

  const enqueue = async (kind: string, bytes: Uint8Array): Promise<string> => {
    const id = `${kind}-${randomUUID()}`;
    await queue.enqueue({ id, kind, bytes });
    return id;
  };

  /**
   * Prints while the customer waits. `now or never`: a slip that could not print is dropped from
   * the queue, since after a refill it would come out for someone long gone (the screen offered
   * the number or an e-receipt instead); otherwise it stays queued and prints after refill.
   */
  const printAndWait = (kind: string, bytes: Uint8Array, nowOrNever = false): Promise<boolean> => {
    const id = `${kind}-${randomUUID()}`;
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish(false), o.printWaitMs ?? 5000);
      const off = queue.onJob((ev) => {
        if (ev.job.id !== id) return;
        if (ev.type === 'printed') finish(true);
        if (ev.type === 'failed') finish(false);
      });
      function finish(printed: boolean) {
        clearTimeout(timer);
        off();
        if (!printed && nowOrNever)
          void queue.cancel(id).then((dropped) => {
            if (dropped) queued = Math.max(0, queued - 1);
          });
        resolve(printed);
      }
      queue.enqueue({ id, kind, bytes }).catch(() => finish(false));
    });
  };

  const jobs = async (): Promise<PrintJobView[]> => {
    const pending = (await queue.pending()).map((j) => ({
      id: j.id,
      kind: j.kind,
      state: 'pending' as const,
      attempts: j.attempts,
      enqueuedAt: j.enqueuedAt,
      printedAt: null,
    }));
    const printed = store
      ? (await store.recent(20)).map((j) => ({
          id: j.id,
          kind: j.kind,
          state: j.state,
          attempts: j.attempts,
          enqueuedAt: j.enqueuedAt,
          printedAt: j.printedAt,
        }))
      : [];
    return [...pending, ...printed];
  };

  const zone = { timeZone: o.timeZone };
  return {
    // A ticket is for the person at the kiosk now: not printed now, never printed.
    printTicketSlip: (slip) => printAndWait('ticket', ticketSlip({ hallName: o.hallName(), ...slip }, zone), true),
    printAcceptanceSlip: (slip) => printAndWait('acceptance', acceptanceSlip(slip, zone)),
    printChannelSlip: (slip) => printAndWait('channel', channelSlip({ hallName: o.hallName(), ...slip }, zone)),
    // Payment receipts go through the same durable queue: paper out keeps the job until refill.
    printPaymentReceipt: ({ unattended, ...r }) =>
      printAndWait('payment', paymentReceipt({ hallName: o.hallName(), ...r }, zone), unattended === true),
    printTestPage: () => enqueue('test_page', sampleSlip('test_page', o.hallName(), new Date(), o.timeZone)),
    printSample: (kind) => enqueue(kind, sampleSlip(kind, o.hallName(), new Date(), o.timeZone)),
    reprint: async (jobId) => {
      const job = store ? await store.get(jobId) : null;
      if (!job) throw new DeviceError('protocol', `no stored print job ${jobId} (reprint keeps the last 50)`);
      return enqueue(`reprint_${job.kind.replace(/^reprint_/, '')}`, job.bytes);
    },
    jobs,
    status: () => {
      const s = printer.status;
      return {
        name: `ESC/POS ${where}`,
        connected,
        paperOut: s?.paperOut ?? false,
        coverOpen: s?.coverOpen ?? false,
        queued,
        lastError,
      };
    },
    recentReceipts: () => o.recentReceipts?.() ?? [],
    close: async () => {
      closing = true;
      await queue.stop();
      await printer.close().catch(() => {});
      if (o.closeStore !== false) store?.close();
    },
  };
}
