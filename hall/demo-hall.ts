import fs from 'node:fs';
import path from 'node:path';
import { startCentral, type CentralServer } from '../central/server';
import { startPrinterSimulator, type PrinterSimulator } from '../devices/simulators/printer-simulator';
import { connectStationPrinter } from '../main/devices/station-printer';
import { simulatedPad, type SimulatedPad } from '../main/devices/simulated-signature-pad';
import { IdCardSimulator } from '../devices/simulators/idcard-simulator';
import { createTransportPair } from '../devices/transport/memory-transport';
import { DeviceLog } from '../main/devices/device-log';
import { SqlitePrintJobStore } from '../main/devices/sqlite-print-job-store';
import { startStationIdCardReader } from '../main/devices/station-idcard';
import { DEMO_ID_CARD } from './demo-id-card';
import { startStationHost, type StationHost, type StationHostOptions } from '../main/host';
import { seedDataDir } from './seed/data-dir';
import { DEFAULT_HALL_ID } from './seed/hall';
import { startGatewaySim, type GatewaySim } from '../central/gateway/gateway-sim';
import { HttpPaymentGateway } from '../main/payments/payment-gateway';
import { simulatedInvoiceIssuer } from '../main/payments/einvoice-sim';
import { CardWriterSimulator } from '../devices/simulators/card-writer-simulator';
import { hallTimeZoneOr } from '@common/time/hall-time';
import type { HallLogger } from '../node/log/logger';

export interface DemoHallOptions {
  dataDir: string;
  /** One entry per station: its name (its data directory) and HTTP port (0 = any free port; none = no HTTP, as in Electron). */
  stations: { name: string; port?: number; host?: string }[];
  centralPort?: number;
  /** The built renderer, served by stations that have a port. */
  rendererDir?: string;
  customers?: number;
  /** Days of queue history the first start seeds (default a year; tests take a few weeks). */
  historyDays?: number;
  /** Poll the machine's real HID/serial enumeration (the desktop demo does; tests don't). */
  discoverDevices?: boolean;
  /** The hall's time zone (default: HALL_TIME_ZONE, else Asia/Shanghai). */
  timeZone?: string;
  log?: (line: string) => void;
  /** Every station's request budgets (the e2e hall lifts them: all its screens share one loopback address). */
  limits?: StationHostOptions['limits'];
  /** The process log: every part of the demo hall writes to it; the stations serve its recent errors. */
  logger?: HallLogger;
}

export interface DemoHall {
  central: CentralServer;
  printer: PrinterSimulator;
  /** Each station's simulated ID card reader (the far end of its reader's transport). */
  readers: Record<string, IdCardSimulator>;
  /** Each station's simulated signature pad (can be unplugged mid-signature on command). */
  pads: Record<string, SimulatedPad>;
  stations: Record<string, StationHost>;
  /** The simulated payment gateway (real HTTP) every station pays through. */
  gateway: GatewaySim;
  /** Each station's simulated prepaid card writer. */
  cardWriters: Record<string, CardWriterSimulator>;
  close(): Promise<void>;
}

/**
 * A demo hall on one machine: the embedded central, a simulated receipt printer on loopback TCP,
 * and one or more station hosts, each with its own data directory, all syncing through the central.
 */
export async function startDemoHall(o: DemoHallOptions): Promise<DemoHall> {
  const log = o.log ?? o.logger?.line ?? (() => {});
  const timeZone = hallTimeZoneOr(o.timeZone ?? process.env.HALL_TIME_ZONE);
  const centralDb = path.join(o.dataDir, 'central', 'central.db');
  const template = path.join(o.dataDir, 'station', 'station.db');
  if (!fs.existsSync(centralDb)) {
    log(`生成演示数据 seeding a demo hall with ${o.customers ?? 2000} customers…`);
    seedDataDir({
      dataDir: o.dataDir,
      customers: o.customers ?? 2000,
      ...(o.historyDays === undefined ? {} : { queueHistoryDays: o.historyDays }),
    });
  }
  const central = await startCentral({ dbFile: centralDb, port: o.centralPort ?? 0, log });
  const printer = await startPrinterSimulator({ host: '127.0.0.1' });
  const gateway = await startGatewaySim();
  log(`模拟支付网关 simulated payment gateway at ${gateway.url}`);
  const cardWriters: Record<string, CardWriterSimulator> = {};
  const stations: Record<string, StationHost> = {};
  const readers: Record<string, IdCardSimulator> = {};
  const pads: Record<string, SimulatedPad> = {};
  const closers: (() => Promise<void>)[] = [];
  for (const s of o.stations) {
    // The first station uses the seeded station database itself; others get a copy of it.
    const dataDir = s.name === 'station' ? path.dirname(template) : path.join(o.dataDir, 'stations', s.name);
    if (!fs.existsSync(path.join(dataDir, 'station.db'))) {
      fs.mkdirSync(dataDir, { recursive: true });
      fs.copyFileSync(template, path.join(dataDir, 'station.db'));
    }
    let hallName = '';
    const deviceLog = new DeviceLog();
    const port = await connectStationPrinter({
      ...printer.address(),
      hallName: () => hallName,
      timeZone,
      store: SqlitePrintJobStore.inDataDir(dataDir),
      recentReceipts: () =>
        printer
          .receipts()
          .slice(-10)
          .map((r) => ({ text: r.text, qr: r.qr, receivedAt: r.receivedAt })),
      log,
      onEvent: (level, message) => deviceLog.add('printer', level, message),
    });
    closers.push(port.close);
    // The simulated reader speaks GA 467 over an in-memory link, exactly as a USB-serial reader would.
    const [hostEnd, deviceEnd] = createTransportPair();
    const readerSim = await IdCardSimulator.start(deviceEnd, { card: { fields: DEMO_ID_CARD } });
    readers[s.name] = readerSim;
    const reader = await startStationIdCardReader({
      transport: hostEnd,
      name: 'GA 467 读卡器（模拟）simulated reader',
      reconnectMs: 500,
    });
    closers.push(async () => {
      await reader.close();
      await readerSim.close();
    });
    const http =
      s.port === undefined ? undefined : { port: s.port, host: s.host, rendererDir: o.rendererDir ?? 'out/renderer' };
    // Demo stations enrol themselves; each serves every window in browser mode, so each is a
    // whole-hall station. A real hall enrols each PC with a code from the manager page.
    const enrollCode = central.issueEnrollmentCode(DEFAULT_HALL_ID, 'hall');
    pads[s.name] = simulatedPad();
    cardWriters[s.name] = new CardWriterSimulator();
    const payments = {
      paymentGateway: new HttpPaymentGateway(gateway.url, 5000),
      cardWriter: cardWriters[s.name],
      invoices: simulatedInvoiceIssuer(),
    };
    const host = await startStationHost({
      dataDir,
      centralUrl: central.url,
      enrollCode,
      printer: port,
      timeZone,
      idCardReader: reader,
      deviceLog,
      discoverDevices: o.discoverDevices ?? false,
      http,
      log,
      logger: o.logger,
      signaturePad: pads[s.name]!.connect,
      limits: o.limits,
      ...payments,
    });
    hallName = (await host.storage.run('identity')).hallName;
    stations[s.name] = host;
  }
  return {
    central,
    printer,
    readers,
    pads,
    stations,
    gateway,
    cardWriters,
    close: async () => {
      for (const st of Object.values(stations)) await st.close();
      for (const c of closers) await c();
      await gateway.close();
      await printer.close();
      await central.close();
    },
  };
}

export const ROLE_PATHS = [
  ['自助终端 kiosk', '#/kiosk'],
  ['柜台 counter (window 3)', '#/counter/3'],
  ['评价器 customer screen (window 3)', '#/rate/3'],
  ['叫号屏 calling display', '#/display'],
  ['引导台 guide', '#/guide'],
  ['主任 manager', '#/manager'],
  ['设备 devices', '#/devices'],
] as const;
