import { randomUUID } from 'node:crypto';
import { PrintQueue } from '../../devices/printer/print-queue';
import { ReceiptPrinter } from '../../devices/printer/receipt-printer';
import { formatLocalTime, ticketSlip } from '../../devices/printer/templates';
import { escpos } from '../../devices/printer/escpos-encoder';
import { TcpTransport } from '../../devices/transport/tcp-transport';
import type { DevicesStatus } from '../../common/api/schemas';
import type { PrinterPort } from '../services/devices-service';
import type { AcceptanceSlipPrinter } from '../services/application-service';
import { acceptanceSlipBytes } from './acceptance-slip';

export interface StationPrinterOptions {
  host: string;
  port: number;
  hallName: () => string;
  /** Receipts as the printer saw them (the simulator keeps them; a real printer cannot tell). */
  recentReceipts?: () => DevicesStatus['receipts'];
  /** How long issuing waits for a slip before answering "queued, not yet printed". */
  printWaitMs?: number;
  log?: (line: string) => void;
}

/**
 * The station's receipt printer over raw TCP (port 9100): a ReceiptPrinter behind a PrintQueue,
 * so a slip stays queued until the printer confirms it — paper out mid-job is printed after refill.
 */
export async function connectStationPrinter(o: StationPrinterOptions): Promise<PrinterPort & AcceptanceSlipPrinter & { close(): Promise<void> }> {
  const printer = new ReceiptPrinter(new TcpTransport({ host: o.host, port: o.port, connectTimeoutMs: 3000 }));
  const queue = new PrintQueue(printer, undefined, { retryDelayMs: 2000 });
  let connected = false;
  let lastError: string | null = null;
  let queued = 0;
  try {
    await printer.connect();
    connected = true;
  } catch (e) {
    lastError = e instanceof Error ? e.message : String(e);
    o.log?.(`printer ${o.host}:${o.port} not reachable: ${lastError}`);
  }
  printer.onDisconnect((e) => {
    connected = false;
    lastError = e.message;
  });
  queue.onJob((ev) => {
    if (ev.type === 'queued') queued++;
    if (ev.type === 'printed') queued = Math.max(0, queued - 1);
    if (ev.type === 'failed') lastError = ev.error.message;
  });
  queue.start();

  const printAndWait = (kind: string, bytes: Uint8Array): Promise<boolean> => {
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
        resolve(printed);
      }
      queue.enqueue({ id, kind, bytes }).catch(() => finish(false));
    });
  };

  return {
    printTicketSlip: (slip) => printAndWait('ticket', ticketSlip({ hallName: o.hallName(), ...slip })),
    printAcceptanceSlip: (slip) => printAndWait('acceptance', acceptanceSlipBytes(slip)),
    printTestPage: async () => {
      const id = `test-${randomUUID()}`;
      const bytes = escpos().init().align('center').chineseMode(true).bold(true).line('打印测试页 PRINT TEST').bold(false).line(o.hallName()).line(formatLocalTime(new Date().toISOString())).feed(3).cut('partial').encode();
      await queue.enqueue({ id, kind: 'test', bytes });
      return id;
    },
    status: () => {
      const s = printer.status;
      return {
        name: `ESC/POS ${o.host}:${o.port}`,
        connected,
        paperOut: s?.paperOut ?? false,
        coverOpen: s?.coverOpen ?? false,
        queued,
        lastError,
      };
    },
    recentReceipts: () => o.recentReceipts?.() ?? [],
    close: async () => {
      await queue.stop();
      await printer.close().catch(() => {});
    },
  };
}
