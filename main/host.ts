import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { lockDataDir } from '../node/sqlite/data-dir-lock';
import { DeviceDiscovery, type DeviceDiscoveryOptions } from '../devices/discovery/device-discovery';
import { EMPTY_DEVICE_CONFIG, type DeviceConfig } from '../devices/config/device-config';
import type { PrepaidCardWriter } from '../devices/cardwriter/prepaid-card-writer';
import { createHandlers } from './api/handlers';
import { StationRouter } from './api/router';
import { WsAdapter } from './api/ws-adapter';
import { DeviceConfigFile } from './devices/device-config-file';
import { DeviceLog } from './devices/device-log';
import { SignatureService, type SignaturePadConnector } from './devices/signature-service';
import { SqlitePrintJobStore } from './devices/sqlite-print-job-store';
import { StationDevices, type StationDevicesOptions } from './devices/station-devices';
import { switchableIdCardReader } from './devices/switchable-idcard';
import { AttachmentPreviewLinks } from './http/attachment-preview';
import { createStaticHandler } from './http/static-server';
import { isLoopbackAddress, stationNames, type StationAddress } from './security/connection-policy';
import { stationHealthRoute } from './http/station-health';
import type { HallLogger } from '../node/log/logger';
import { routeDeviceFaults } from '../devices/fault-sink';
import { STATION_REPORT_LINES } from '@common/sync/protocol';
import pkg from '../package.json' with { type: 'json' };
import { keyDirFor, loadOrCreateKey, PersonalDataCipher } from './security/personal-data-cipher';
import { StaffPinGate } from './security/staff-pin-gate';
import { stationLimits, type StationLimitSettings } from './security/station-limits';
import { ApplicationJourneyService } from './services/application-journey-service';
import { ApplicationService } from './services/application-service';
import { AuthService } from './services/auth-service';
import { hallDay, systemClock, type Clock } from './services/clock';
import { ConsultationService } from './services/consultation-service';
import { ServiceContext } from './services/context';
import { CounterPresence } from './services/counter-presence';
import { CustomerPadService } from './services/customer-pad-service';
import { CustomerService } from './services/customer-service';
import { DevicesService } from './services/devices-service';
import { EventBus } from './services/event-bus';
import { InsightService } from './services/insight-service';
import { CustomerInsightService } from './services/customer-insight-service';
import { InvoiceService } from './services/invoice-service';
import { KioskService } from './services/kiosk-service';
import { PaymentLedger } from './services/payment-ledger';
import { PairingService } from './services/pairing-service';
import { PaymentService } from './services/payment-service';
import { watchPaymentNotifications } from './payments/payment-notifications';
import type { EInvoiceIssuer } from './services/ports/einvoice-issuer';
import type { StationIdCardReader } from './services/ports/id-card-reader';
import type { PaymentGateway } from './services/ports/payment-gateway';
import type { AcceptanceSlipPrinter, PaymentReceiptPrinter, PrinterPort } from './services/ports/printers';
import { QueueService } from './services/queue-service';
import { RatingService } from './services/rating-service';
import { EvaluationService } from './services/evaluation-service';
import { AppealService } from './services/appeal-service';
import { ReconciliationService } from './services/reconciliation-service';
import { RefundReversalService } from './services/refund-reversal-service';
import { SyncAdminService } from './services/sync-admin-service';
import { scheduleBackups } from './storage/backups';
import { Storage } from './storage/storage';
import { offlineStatus } from './sync/offline-status';
import { eventsFromPull } from './sync/pull-events';
import { SyncClient } from './sync/sync-client';
import { HallNumberSource, StandaloneNumberSource } from './sync/ticket-number-source';
import { DEFAULT_AUTHORITY_TIMEOUT_MS } from '@common/sync/ticket-issue';
import { ApplicationTracking, TrackLinks } from './tracking/application-tracking';
import { RateLimiter } from '../node/limits/fixed-window';
import { trackEndpoint } from './tracking/track-endpoint';
import { EReceipts } from './payments/e-receipt';
import { hallTimeZoneOr } from '@common/time/hall-time';
import { ReportService } from './reports/report-service';
import { ReportStore } from './reports/report-store';
import { HallComparisonService } from './reports/hall-comparison-service';
import { defaultPdfRenderer, type PdfRenderer } from './reports/pdf-renderer';

export interface StationHostOptions {
  /** The station's own data directory: station.db and its keys live here. */
  dataDir: string;
  /** The central to sync with; none means this station runs alone (offline). */
  centralUrl?: string;
  /** How long a kiosk waits for the hall's authority to number a ticket before it issues from its lease (default 300 ms). */
  authorityTimeoutMs?: number;
  /** A manager's enrollment code, used once if this station has no sync credentials yet. */
  enrollCode?: string;
  /** The hall CA the central's certificate is pinned to, and plain HTTP off this PC allowed or not (station.json). */
  centralCaFile?: string;
  centralInsecureHttp?: boolean;
  /** The hall of a station whose database is still empty (default H001); once its hall row has arrived by sync, the database says. */
  hallId?: string;
  /**
   * Serve the renderer and the WebSocket API on this port (browser mode); omit for Electron only.
   * `names`: further host names screens reach the station by (besides its addresses and hostname;
   * also HALL_STATION_NAMES, comma-separated): a Host header naming anything else is refused.
   */
  http?: { port: number; host?: string; rendererDir: string; names?: string[] };
  /**
   * Operations reports: the PDF printer (default: the one the Electron entry installed, else headless
   * Chromium), when the day's report is made (hall time, default 18:30), and `schedule: false` to
   * make them on demand only.
   */
  reports?: { pdf?: PdfRenderer; dailyAt?: string; schedule?: boolean };
  /** Report queries on a reader connection of their own (default); false: all on the writer (benches compare). */
  storageReader?: boolean;
  /** Overrides devices.json's printer (the demo's simulator, tests); absent: devices.json drives it. */
  printer?: PrinterPort | null;
  /** Overrides devices.json's pad (the demo's simulated pad); null: customers sign on the touchscreen. */
  signaturePad?: SignaturePadConnector | null;
  /** The station's ID card reader (real, or the simulator in the demo and tests). */
  idCardReader?: StationIdCardReader | null;
  /** Poll HID and serial enumeration for attach/detach (off in tests that don't need it). */
  discoverDevices?: boolean;
  /** Discovery's enumeration sources and probe (tests point them at a pty pair). */
  discovery?: Pick<DeviceDiscoveryOptions, 'sources' | 'probeSerial' | 'minIntervalMs' | 'maxIntervalMs' | 'watch'>;
  /** Shared with the printer so its lines land in the same live log. */
  deviceLog?: DeviceLog;
  /** Drivers built from devices.json: the HID backend (a simulated one in tests) and timings. */
  configuredDevices?: Pick<StationDevicesOptions, 'hidBackend' | 'printWaitMs' | 'retryDelayMs' | 'reconnectMs'>;
  clock?: Clock;
  log?: (line: string) => void;
  /** The process log: `log` lines go to it when no `log` is given, and its recent errors are served. */
  logger?: HallLogger;
  /** Payments: the acquiring gateway (none: cash only), the prepaid card writer, the e-invoice service. */
  paymentGateway?: PaymentGateway | null;
  /**
   * How pending card and QR payments are settled without a click: the gateway's notice feed (off in
   * tests that hold a payment pending on purpose) and the slow query of every pending payment.
   */
  paymentNotices?: { follow?: boolean; fallbackMs?: number | null };
  cardWriter?: PrepaidCardWriter | null;
  invoices?: EInvoiceIssuer | null;
  /** Names indexed per slice when the customer name index is built in the background (tests). */
  customerIndexBatchRows?: number;
  /**
   * Application progress page: the public base URL the slip's QR points at (the central's
   * public address in production; default: HALL_TRACK_BASE_URL, else this host's own HTTP address),
   * and the page's request budget per client address and minute.
   */
  tracking?: { baseUrl?: string; requestsPerMinute?: number };
  /**
   * The hall's public address customers' phones reach (station.json `publicBaseUrl`; default
   * HALL_PUBLIC_BASE_URL, else this host's own HTTP address): slip QRs and e-receipts point here.
   */
  publicBaseUrl?: string;
  /** This station's name as customers see it on kiosk receipts (station.json `stationName`, or HALL_STATION_NAME). */
  stationName?: string;
  /** Request budgets per screen (logins, tickets, customer lookups); defaults in main/security/station-limits.ts. */
  limits?: Partial<StationLimitSettings>;
  /** Pairing browser screens: requests per source address and minute (default 5). */
  pairing?: { requestsPerMinute?: number };
  /**
   * The hall's IANA time zone: screens, slips, receipts and exports show times on its wall clock
   * (default: HALL_TIME_ZONE, else Asia/Shanghai; an unknown zone is logged and the default used).
   */
  timeZone?: string;
}

export interface StationHost {
  router: StationRouter;
  storage: Storage;
  events: EventBus;
  sync: SyncClient | null;
  /** The queue service: tests drive its day reset with an injected clock. */
  queue: QueueService;
  /** The operations reports: tests drive their schedule with an injected clock. */
  reports: ReportService;
  /** Paired browser screens: requests waiting for approval, credentials. */
  pairing: PairingService;
  /** Base URL in browser mode. */
  url: string | null;
  /** The counter's PDF preview links; Electron's app:// handler serves them (no HTTP there). */
  previews: AttachmentPreviewLinks;
  close(): Promise<void>;
}

/** The station printer prints acceptance slips and payment receipts when it can (the TCP station printer does). */
function acceptanceSlips(p: PrinterPort | null): AcceptanceSlipPrinter | null {
  return p && 'printAcceptanceSlip' in p ? (p as PrinterPort & AcceptanceSlipPrinter) : null;
}
function paymentReceipts(p: PrinterPort | null): PaymentReceiptPrinter | null {
  return p && 'printPaymentReceipt' in p ? (p as PrinterPort & PaymentReceiptPrinter) : null;
}

/** The configured hall zone, or the default with a line in the log when it is not a zone this runtime knows. */
function stationTimeZone(configured: string | undefined, log: (line: string) => void): string {
  const zone = hallTimeZoneOr(configured);
  if (configured !== undefined && configured !== '' && zone !== configured)
    log(`time zone "${configured}" is unknown; using ${zone}`);
  return zone;
}

/**
 * The station host: storage worker, services, the API router, sync, and (browser mode) HTTP + WS.
 * Built in dependency order: storage, the personal-data key, sync, the service context, devices,
 * services, the router, HTTP; then it starts running.
 */
export async function startStationHost(o: StationHostOptions): Promise<StationHost> {
  const log = o.log ?? o.logger?.line ?? (() => {});
  // Faults the device layer survives go to this station's log (and so to its recent errors).
  const logger = o.logger;
  const unrouteDeviceFaults = logger
    ? routeDeviceFaults((message, error) =>
        logger.error(`${message}: ${error instanceof Error ? error.message : String(error)}`, { err: error }),
      )
    : () => {};
  const clock = o.clock ?? systemClock;
  const today = () => hallDay(clock.now());
  const timeZone = stationTimeZone(o.timeZone ?? process.env.HALL_TIME_ZONE, log);

  // Storage first: a database that cannot be opened is reported as such (StorageOpenError, with
  // its recovery advice) before anything else touches the data directory.
  const dbFile = path.join(o.dataDir, 'station.db');
  // One station process per data directory (a second one is refused, naming the first); the
  // directory holds the database, its backups and keys, so it is the owner's alone.
  const lock = lockDataDir(o.dataDir, 'station', log);
  let storage: Storage;
  try {
    try {
      fs.chmodSync(o.dataDir, 0o700);
    } catch (e) {
      // A directory someone else owns (a shared mount): its files are still 0600; say so and run.
      log(`data directory ${o.dataDir} left as it is: ${(e as Error).message}`);
    }
    storage = await Storage.open(dbFile, { defaultHallId: o.hallId, readerConnection: o.storageReader });
  } catch (e) {
    lock.release();
    throw e;
  }
  const { hallName } = await storage.run('identity');
  // The personal-data key: the sync token, the customer directory, form values and phone hashes all use it.
  const personalDataKey = loadOrCreateKey(keyDirFor(o.dataDir));
  const cipher = new PersonalDataCipher(personalDataKey);
  const events = new EventBus();

  const sync = o.centralUrl
    ? new SyncClient({
        storage,
        centralUrl: o.centralUrl,
        enrollCode: o.enrollCode,
        centralCaFile: o.centralCaFile,
        insecureHttp: o.centralInsecureHttp,
        today,
        tokenCipher: cipher,
        log,
        ...(o.logger ? { recentErrors: () => o.logger!.recent(STATION_REPORT_LINES) } : {}),
        onApplied: (applied) => eventsFromPull(events, today(), applied),
        onStatus: (status) => events.emit('sync.status', status),
      })
    : null;
  const ctx = new ServiceContext({ storage, events, clock, onMutation: () => sync?.trigger(), timeZone });
  // Browser mode's address, known once the HTTP server listens (below); links made before then fall back.
  let url: string | null = null;
  const publicBase = (): string | null =>
    (o.publicBaseUrl ?? process.env.HALL_PUBLIC_BASE_URL ?? url)?.replace(/\/+$/, '') ?? null;

  // Devices: devices.json's drivers, discovery, and what the options put in their place.
  const deviceConfig = new DeviceConfigFile(o.dataDir);
  const deviceLog = o.deviceLog ?? new DeviceLog();
  let config: DeviceConfig = EMPTY_DEVICE_CONFIG;
  try {
    config = deviceConfig.load();
  } catch (error) {
    // A bad file must not stop the hall: run with no rules and say so on the devices page.
    log(`device config ${deviceConfig.path} ignored: ${(error as Error).message}`);
    deviceLog.add('config', 'error', `设备配置无效，已忽略 (devices.json ignored): ${(error as Error).message}`);
  }
  const discovery = o.discoverDevices ? new DeviceDiscovery({ ...o.discovery, config }) : null;
  // No reader given: readers come from devices.json (serial-to-TCP) and discovery (serial, HID; by config or probe).
  const readerSlot = o.idCardReader ? null : switchableIdCardReader();
  const reader = o.idCardReader ?? readerSlot;
  const configured = new StationDevices({
    ...o.configuredDevices,
    hallName: () => hallName,
    timeZone,
    openStore: () => SqlitePrintJobStore.inDataDir(o.dataDir),
    log: deviceLog,
    readerSlot,
    managePrinter: o.printer === undefined,
    managePad: o.signaturePad === undefined,
  });
  if (discovery) configured.watch(discovery);
  await configured.apply(config);
  const printer = o.printer !== undefined ? o.printer : configured.printer;
  const signature = new SignatureService({
    connect: o.signaturePad !== undefined ? o.signaturePad : configured.padConnector,
    onStroke: (stroke) => events.emit('devices.signatureStroke', { stroke }),
    audit: (actor, action, detail) => ctx.audit(actor, action, detail),
  });
  const devices = new DevicesService({
    ctx,
    printer,
    log: deviceLog,
    reader,
    discovery,
    configFile: deviceConfig,
    pad: signature,
    onConfigSaved: (saved) => configured.apply(saved),
  });

  // Services.
  const limits = stationLimits(o.limits);
  const pins = new StaffPinGate({ ctx, perSource: limits.loginAttempts });
  const queue = new QueueService({
    ticketLimit: limits.tickets,
    ctx,
    printer,
    numbers: sync
      ? new HallNumberSource(sync, o.authorityTimeoutMs ?? DEFAULT_AUTHORITY_TIMEOUT_MS)
      : new StandaloneNumberSource(),
    ticketUrl: (id) => {
      const base = publicBase();
      return base ? `${base}/#/ticket/${encodeURIComponent(id)}` : null;
    },
    // Appointments carry the same keyed phone hash as customers.
    phoneHash: (phone) => cipher.hash(phone).toString('hex'),
  });
  const customers = new CustomerService({
    ctx,
    lookupLimit: limits.customerLookups,
    cipher,
    key: personalDataKey,
    stationDataDir: o.dataDir,
    log,
    indexBatchRows: o.customerIndexBatchRows,
    central: sync,
  });
  // The slip's QR token is an HMAC under the hall's lookup key: any station (or the central) of the hall can check it.
  const trackMac = async () => (message: string) => cipher.hash(message);
  const trackLinks = new TrackLinks({
    mac: trackMac,
    base: () => o.tracking?.baseUrl ?? process.env.HALL_TRACK_BASE_URL ?? publicBase(),
  });
  const slips = acceptanceSlips(printer);
  const applications = new ApplicationService({
    ctx,
    cipher,
    printer: slips,
    hallName: () => hallName,
    followUrl: (app) => trackLinks.url(app),
  });
  // Browser mode serves the links over HTTP, Electron over app:// (main/electron/protocol.ts): both need them.
  const previews = new AttachmentPreviewLinks(() => clock.now().getTime());
  const journey = new ApplicationJourneyService({
    ctx,
    applications,
    cipher,
    printer: slips,
    hallName: () => hallName,
    followUrl: (app) => trackLinks.url(app),
    previewLinks: previews,
  });
  const tracking = new ApplicationTracking({
    ctx,
    detail: (id) => journey.detail(id),
    mac: trackMac,
    hallName: () => hallName,
  });
  const presence = new CounterPresence();
  const gateway = o.paymentGateway ?? null;
  const eReceipts: EReceipts = new EReceipts({
    mac: trackMac,
    base: publicBase,
    receipt: (id) => ledger.receipt(id),
    hallName: () => hallName,
    timeZone: () => timeZone,
    today: () => ctx.today(),
  });
  const ledger = new PaymentLedger({
    ctx,
    printer: paymentReceipts(printer),
    stationName: () => o.stationName ?? process.env.HALL_STATION_NAME ?? null,
    eReceiptUrl: (id, at) => eReceipts.url(id, at),
  });
  const payments = new PaymentService({ ctx, ledger, gateway, cardWriter: o.cardWriter ?? null });
  const invoices = new InvoiceService({ ctx, ledger, issuer: o.invoices ?? null });
  const kiosk = new KioskService({
    ctx,
    customers,
    payments,
    reader,
    cardWriter: o.cardWriter ?? null,
    applications,
    invoices,
    eReceiptUrl: (id, at) => eReceipts.url(id, at),
  });
  // A scanned QR settles on the gateway's notice, without the agent asking.
  const paymentNotices = gateway ? watchPaymentNotifications({ gateway, payments, log, ...o.paymentNotices }) : null;
  // A kiosk charge interrupted by a restart is asked about at once; its outcome waits for the customer.
  if (gateway)
    void kiosk.recoverOpenPayments().catch((e: unknown) => log(`kiosk payments after restart: ${String(e)}`));
  const pairing = new PairingService({ ctx, requestsPerMinute: o.pairing?.requestsPerMinute });
  const insights = new InsightService({
    ctx,
    printer: printer?.printChannelSlip ? { printChannelSlip: printer.printChannelSlip } : null,
  });
  const reports = new ReportService({
    ctx,
    insights,
    store: new ReportStore(o.dataDir),
    pdf: o.reports?.pdf ?? defaultPdfRenderer(),
    hallName: () => hallName,
    timeZone: () => timeZone,
    log,
    dailyAt: o.reports?.dailyAt,
  });
  const customerInsights = new CustomerInsightService({ ctx, hallName: () => hallName });
  const stopTagWatch = customerInsights.watchPayments();
  const handlers = createHandlers({
    ctx,
    auth: new AuthService({ ctx, pins, presence }),
    customerPad: new CustomerPadService({ ctx, pad: signature, journey, presence }),
    queue,
    ratings: new RatingService({ ctx }),
    evaluation: new EvaluationService({ ctx, applicationDetail: (id) => journey.detail(id) }),
    appeals: new AppealService({ ctx }),
    devices,
    customers,
    applications,
    journey,
    syncStatus: () => (sync ? sync.status() : offlineStatus(storage)),
    hallName: () => hallName,
    timeZone: () => timeZone,
    signature,
    syncAdmin: new SyncAdminService({ ctx, central: sync }),
    insights,
    reports,
    hallComparison: new HallComparisonService({ ctx, central: sync }),
    payments,
    refunds: new RefundReversalService({ ctx, ledger, gateway, pins }),
    invoices,
    reconciliation: new ReconciliationService({ ctx, gateway }),
    consultations: new ConsultationService({ ctx }),
    kiosk,
    pairing,
    customerInsights,
    recentLog: o.logger ? (limit) => o.logger!.recent(limit) : undefined,
  });
  const router = new StationRouter(handlers, events, log);

  let server: http.Server | null = null;
  let ws: WsAdapter | null = null;
  if (o.http) {
    const listenHost = o.http.host ?? '127.0.0.1';
    let address: StationAddress | null = null;
    ws = new WsAdapter({
      router,
      pairing,
      address: () => address,
      autoPair: isLoopbackAddress(listenHost),
      log,
    });
    const previewHandler = previews.handler();
    const track = trackEndpoint(
      (token) => tracking.progress(token),
      new RateLimiter(o.tracking?.requestsPerMinute ?? 30, 60_000, () => clock.now().getTime()),
      log,
    );
    const receiptPage = eReceipts.handler(
      new RateLimiter(o.tracking?.requestsPerMinute ?? 30, 60_000, () => clock.now().getTime()),
      log,
    );
    const health = stationHealthRoute({
      version: pkg.version,
      now: () => Date.now(),
      pingDatabase: () => storage.run('identity'),
      sync: () => (sync ? sync.status() : Promise.resolve(null)),
      devices: () => ({
        printer: printer ? printer.status().connected : null,
        reader: reader ? reader.status().connected : null,
        // null: customers sign on the touchscreen, there is no pad to be attached.
        pad: o.signaturePad === null ? null : signature.slot().connected,
      }),
    });
    server = http.createServer(
      createStaticHandler(
        o.http.rendererDir,
        (req, res) => track(req, res) || receiptPage(req, res) || previewHandler(req, res) || health(req, res),
      ),
    );
    const adapter = ws;
    server.on('upgrade', (req, socket, head) => adapter.handleUpgrade(req, socket, head));
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(o.http!.port, listenHost, resolve);
    });
    const port = (server.address() as AddressInfo).port;
    const extraNames = [...(o.http.names ?? []), ...(process.env.HALL_STATION_NAMES ?? '').split(',')];
    address = { names: stationNames(listenHost, undefined, undefined, extraNames), port };
    url = `http://${listenHost}:${port}`;
    if (!isLoopbackAddress(listenHost))
      log(
        `browser screens must pair: the station listens on ${listenHost} (approve them on the devices or manager page)`,
      );
  }

  // Running: the reader's photo for the counter, device discovery, sync, the day reset and backups.
  // The reader's photo stays in the station: the counter attaches it to the application in hand.
  reader?.on((event) => {
    if (event.type === 'read' && event.photo) journey.rememberIdPhoto(event.photo);
  });
  discovery?.start();
  // The automatic day reset: checked every minute; closing yesterday's tickets is idempotent.
  const dayReset = setInterval(
    () => void queue.runDayReset().catch((e: unknown) => log(`day reset failed: ${String(e)}`)),
    60_000,
  );
  dayReset.unref();
  sync?.start();
  // A backup a few minutes after start and then hourly (one file per day): the recovery path.
  const stopBackups = scheduleBackups(dbFile, today, {
    firstDelayMs: 5 * 60_000,
    intervalMs: 60 * 60_000,
    log,
  });
  // The operations reports' schedule: checked every ten minutes, first a few minutes after start.
  const stopReports =
    o.reports?.schedule === false ? () => {} : reports.schedule({ firstDelayMs: 5 * 60_000, intervalMs: 10 * 60_000 });
  log(`station ${storage.stationId} of hall ${storage.hallId} ready${url ? ` at ${url}` : ''}`);

  return {
    router,
    storage,
    events,
    sync,
    queue,
    reports,
    pairing,
    url,
    previews,
    close: async () => {
      unrouteDeviceFaults();
      clearInterval(dayReset);
      stopBackups();
      stopReports();
      await discovery?.stop();
      await readerSlot?.close();
      await configured.close();
      devices.dispose();
      kiosk.dispose();
      paymentNotices?.stop();
      pairing.dispose();
      stopTagWatch();
      ws?.close();
      sync?.stop();
      await sync?.idle();
      if (server) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server!.close(() => resolve()));
      }
      await storage.close();
      lock.release();
    },
  };
}
