/**
 * The station's drivers, built from devices.json: the receipt printer (TCP, serial or a usblp
 * file), ID card readers (serial and HID ones as discovery finds them, ones behind a serial-to-TCP
 * server straight from their rule) and the signature pad (the rule's USB ids pick the HID device).
 * Saving the config from the devices page re-creates what changed: the old driver is closed first,
 * and print jobs survive because they live in print-jobs.db, which outlives any one printer driver.
 */
import type { DevicesStatus, PrintJobView } from '@common/api/schemas';
import { AppFailure } from '@common/result';
import {
  networkReaderRules,
  padRule,
  printerTarget,
  targetLabel,
  type DeviceConfig,
  type PrinterTarget,
} from '../../devices/config/device-config';
import type { DeviceDiscovery } from '../../devices/discovery/device-discovery';
import { samHidReports } from '../../devices/idcard/sam-hid-reports';
import type { PrintJobStore } from '../../devices/printer/print-job-store';
import { HidTransport, type HidBackend } from '../../devices/transport/hid-transport';
import { SerialTransport } from '../../devices/transport/serial-transport';
import { TcpTransport } from '../../devices/transport/tcp-transport';
import type { PrinterPort } from '../services/ports/printers';
import type { DeviceLog } from './device-log';
import { hidSignaturePad } from './hid-signature-pad';
import type { SignaturePadConnector } from './signature-service';
import { connectStationPrinter, type StationPrinter } from './station-printer';
import type { SwitchableIdCardReader } from './switchable-idcard';

export interface StationDevicesOptions {
  hallName: () => string;
  /** The hall's time zone for printed times. */
  timeZone?: string;
  /** print-jobs.db, opened on first use and shared by every printer driver this station creates. */
  openStore: () => PrintJobStore;
  log: DeviceLog;
  /** Where readers found by discovery or started from a rule are driven; null when a reader was given at start. */
  readerSlot: SwitchableIdCardReader | null;
  /** False when startup options supply the printer / pad (the demo's simulators, tests). */
  managePrinter?: boolean;
  managePad?: boolean;
  /** The HID backend for readers and pads (tests give a simulated one). */
  hidBackend?: HidBackend;
  printWaitMs?: number;
  retryDelayMs?: number;
  reconnectMs?: number;
}

const NO_PRINTER: DevicesStatus['printer'] = {
  name: '未配置打印机 (no printer configured)',
  connected: false,
  paperOut: false,
  coverOpen: false,
  queued: 0,
  lastError: null,
};
const notConfigured = (): AppFailure => new AppFailure('device_error', 'device.noPrinter');

export class StationDevices {
  private printerNow: { key: string; printer: StationPrinter } | null = null;
  private padConnectorNow: SignaturePadConnector;
  private readonly networkReaders = new Set<string>();
  /** Config changes are applied one after another, never interleaved. */
  private applying: Promise<void> = Promise.resolve();
  private offDiscovery: (() => void) | null = null;
  private storeNow: PrintJobStore | null = null;

  constructor(private readonly o: StationDevicesOptions) {
    this.padConnectorNow = hidSignaturePad({ backend: o.hidBackend });
  }

  /** The printer the station's services hold: always the current driver, or "not configured". */
  readonly printer: PrinterPort & {
    printAcceptanceSlip: StationPrinter['printAcceptanceSlip'];
    printChannelSlip: NonNullable<StationPrinter['printChannelSlip']>;
    printPaymentReceipt: StationPrinter['printPaymentReceipt'];
  } = {
    // Calls made while a config change swaps the driver wait for the new one rather than fail.
    printTicketSlip: async (slip) => (await this.current())?.printTicketSlip(slip) ?? false,
    printAcceptanceSlip: async (slip) => (await this.current())?.printAcceptanceSlip(slip) ?? false,
    printChannelSlip: async (slip) => (await this.current())?.printChannelSlip?.(slip) ?? false,
    // false = not printed: the payment stands and its receipt can be reprinted once a printer is set up.
    printPaymentReceipt: async (receipt) => (await this.current())?.printPaymentReceipt(receipt) ?? false,
    printTestPage: async () => (await this.need()).printTestPage(),
    printSample: async (kind) => (await this.need()).printSample(kind),
    reprint: async (jobId) => (await this.need()).reprint(jobId),
    jobs: async () => (await this.current())?.jobs() ?? this.storedJobs(),
    status: () => this.printerNow?.printer.status() ?? { ...NO_PRINTER },
    recentReceipts: () => this.printerNow?.printer.recentReceipts() ?? [],
  };

  /** The pad connector the signature service holds: whatever the current rule says. */
  readonly padConnector: SignaturePadConnector = (options) => this.padConnectorNow(options);

  private async current(): Promise<StationPrinter | null> {
    await this.applying;
    return this.printerNow?.printer ?? null;
  }

  private async need(): Promise<StationPrinter> {
    const printer = await this.current();
    if (!printer) throw notConfigured();
    return printer;
  }

  private get store(): PrintJobStore {
    this.storeNow ??= this.o.openStore();
    return this.storeNow;
  }

  private async storedJobs(): Promise<PrintJobView[]> {
    if (!this.storeNow) return [];
    // No driver: still show what waits in print-jobs.db, so the technician sees nothing was lost.
    return (await this.store.list()).map((j) => ({
      id: j.id,
      kind: j.kind,
      state: 'pending' as const,
      attempts: j.attempts,
      enqueuedAt: j.enqueuedAt,
      printedAt: null,
    }));
  }

  /** Serial and HID readers come and go with discovery; TCP readers are started from their rule in apply(). */
  watch(discovery: DeviceDiscovery): void {
    const slot = this.o.readerSlot;
    if (!slot) return;
    this.offDiscovery = discovery.on((event) => {
      if (event.type === 'error' || event.device.driver !== 'ga467-idcard' || !event.device.path) return;
      const { key, kind, path, baudRate } = event.device;
      if (kind !== 'serial' && kind !== 'hid') return;
      const change =
        event.type === 'attached'
          ? slot.attach(
              key,
              kind === 'serial'
                ? new SerialTransport({ path, baudRate: baudRate ?? 115200 })
                : new HidTransport({ path, codec: samHidReports, backend: this.o.hidBackend }),
              {
                reconnectMs: this.o.reconnectMs,
              },
            )
          : slot.detach(key);
      change.catch((error: unknown) => this.o.log.add('idcard', 'error', `读卡器 ${key}: ${(error as Error).message}`));
    });
  }

  /** Builds (or re-builds) the drivers the config names; resolves once they are started. */
  apply(config: DeviceConfig): Promise<void> {
    this.applying = this.applying
      .then(() => this.applyNow(config))
      .catch((error: unknown) => {
        this.o.log.add(
          'config',
          'error',
          `设备配置应用失败 (applying the device config failed): ${(error as Error).message}`,
        );
      });
    return this.applying;
  }

  private async applyNow(config: DeviceConfig): Promise<void> {
    if (this.o.managePrinter !== false) await this.applyPrinter(printerTarget(config));
    if (this.o.readerSlot) await this.applyNetworkReaders(this.o.readerSlot, config);
    if (this.o.managePad === false) return;
    const pad = padRule(config);
    const match = pad
      ? { vendorId: pad.match.vendorId, productId: pad.match.productId, path: pad.match.path }
      : undefined;
    this.padConnectorNow = hidSignaturePad({ backend: this.o.hidBackend, match });
  }

  private async applyPrinter(wanted: { rule: { id: string }; target: PrinterTarget } | null): Promise<void> {
    const key = wanted ? `${wanted.rule.id}|${JSON.stringify(wanted.target)}` : null;
    if (key === (this.printerNow?.key ?? null)) return;
    const old = this.printerNow;
    this.printerNow = null;
    if (old) {
      // Stops the queue between jobs; a job mid-send stays pending in print-jobs.db for the next driver.
      await old.printer.close();
      this.o.log.add(
        'printer',
        'info',
        `旧打印机驱动已关闭 (previous printer driver closed): ${old.printer.status().name}`,
      );
    }
    if (!wanted) return;
    this.o.log.add(
      'printer',
      'info',
      `按设备配置连接打印机 (printer from devices.json, rule ${wanted.rule.id}): ${targetLabel(wanted.target)}`,
    );
    const printer = await connectStationPrinter({
      target: wanted.target,
      hallName: this.o.hallName,
      timeZone: this.o.timeZone,
      store: this.store,
      closeStore: false,
      printWaitMs: this.o.printWaitMs,
      retryDelayMs: this.o.retryDelayMs,
      onEvent: (level, message) => this.o.log.add('printer', level, message),
    });
    this.printerNow = { key: key!, printer };
  }

  private async applyNetworkReaders(slot: SwitchableIdCardReader, config: DeviceConfig): Promise<void> {
    const wanted = networkReaderRules(config);
    const keys = new Set(wanted.map((r) => `tcp:${r.host}:${r.port}`));
    for (const key of this.networkReaders) {
      if (keys.has(key)) continue;
      this.networkReaders.delete(key);
      await slot.detach(key);
    }
    // The station drives one reader; the first network rule wins over nothing, discovery may replace it.
    const first = wanted[0];
    if (!first) return;
    const key = `tcp:${first.host}:${first.port}`;
    if (this.networkReaders.has(key)) return;
    this.networkReaders.add(key);
    await slot.attach(key, new TcpTransport({ host: first.host, port: first.port, connectTimeoutMs: 3000 }), {
      reconnectMs: this.o.reconnectMs,
    });
  }

  async close(): Promise<void> {
    this.offDiscovery?.();
    await this.applying;
    const current = this.printerNow;
    this.printerNow = null;
    await current?.printer.close();
    this.storeNow?.close();
  }
}
