import pkg from '../../package.json' with { type: 'json' };
import type { RecentLogLine, SyncStatus } from '@common/api/schemas';
import { AppFailure } from '@common/result';
import type { AuthService } from '../services/auth-service';
import type { ServiceContext } from '../services/context';
import type { CustomerService } from '../services/customer-service';
import type { ApplicationService } from '../services/application-service';
import type { ApplicationJourneyService } from '../services/application-journey-service';
import type { CustomerPadService } from '../services/customer-pad-service';
import type { DevicesService } from '../services/devices-service';
import type { SignatureService } from '../devices/signature-service';
import { InsightService } from '../services/insight-service';
import { CustomerInsightService } from '../services/customer-insight-service';
import type { QueueService } from '../services/queue-service';
import type { RatingService } from '../services/rating-service';
import type { EvaluationService } from '../services/evaluation-service';
import type { AppealService } from '../services/appeal-service';
import type { SyncAdminService } from '../services/sync-admin-service';
import type { Handlers } from './router';
import type { PaymentService } from '../services/payment-service';
import type { RefundReversalService } from '../services/refund-reversal-service';
import type { InvoiceService } from '../services/invoice-service';
import type { ReconciliationService } from '../services/reconciliation-service';
import type { ConsultationService } from '../services/consultation-service';
import { reconciliationWorkbook } from '../payments/reconciliation-workbook';
import type { KioskService } from '../services/kiosk-service';
import type { PairingService } from '../services/pairing-service';
import { kioskReconciliationWorkbook } from '../payments/kiosk-reconciliation-workbook';
import { TableExportService } from '../reports/table-export-service';
import type { ReportService } from '../reports/report-service';
import type { HallComparisonService } from '../reports/hall-comparison-service';

export interface Services {
  ctx: ServiceContext;
  auth: AuthService;
  queue: QueueService;
  ratings: RatingService;
  /** Staff evaluation and its drill-down; appeals against bad ratings. */
  evaluation: EvaluationService;
  appeals: AppealService;
  devices: DevicesService;
  customers: CustomerService;
  applications: ApplicationService;
  syncStatus(): Promise<SyncStatus>;
  /** The station's signature pad; absent where none is wired. */
  signature?: SignatureService;
  hallName(): string;
  /** The hall's time zone (common/time/hall-time.ts). */
  timeZone(): string;
  syncAdmin: SyncAdminService;
  /** KPIs, wait estimates, channel slips; without a printer when omitted. */
  insights?: InsightService;
  /** Customer tags, fee-recovery risk, value; made from ctx when omitted. */
  customerInsights?: CustomerInsightService;
  /** Money at the counter: each absent where the station takes no money. */
  payments?: PaymentService;
  refunds?: RefundReversalService;
  invoices?: InvoiceService;
  reconciliation?: ReconciliationService;
  /** Oral consultations logged at the counter. */
  consultations: ConsultationService;
  /** Counter flow: review, signature, amendments, attachments, drafts, slip. */
  journey: ApplicationJourneyService;
  /** The customer screen's pad signature; absent: every window signs on the touchscreen. */
  customerPad?: CustomerPadService;
  /** Kiosk self-service (identify, bills, pay). */
  kiosk?: KioskService;
  /** Pairing browser screens; absent where the station serves no browsers (their list is then empty). */
  pairing?: PairingService;
  /** 各厅对比 through the central; absent: no comparison (as a station without a central). */
  hallComparison?: HallComparisonService;
  /** The operations reports (日报, 周报); absent: this station makes none. */
  reports?: ReportService;
  /** The latest warnings and errors of the station's log; none where the host keeps no log. */
  recentLog?(limit: number): RecentLogLine[];
}

function pairingOf(s: Services): PairingService {
  if (!s.pairing) throw new AppFailure('not_found', 'pairing.codeUnknown', {}, 'code');
  return s.pairing;
}

/** The station API, implemented once: each method is a line that delegates to a service. */
export function createHandlers(s: Services): Handlers {
  const insights = s.insights ?? new InsightService({ ctx: s.ctx, printer: null });
  const tags = s.customerInsights ?? new CustomerInsightService({ ctx: s.ctx, hallName: () => s.hallName() });
  const money = <T>(service: T | undefined): T => {
    if (!service) throw new AppFailure('unavailable', 'payment.notEnabled');
    return service;
  };
  const tables = new TableExportService({
    ctx: s.ctx,
    insights,
    refunds: s.refunds,
    hallName: s.hallName,
    timeZone: s.timeZone,
  });
  const reports = (): ReportService => {
    if (!s.reports) throw new AppFailure('unavailable', 'reports.off');
    return s.reports;
  };
  const kiosk = (): KioskService => {
    if (!s.kiosk) throw new AppFailure('unavailable', 'kiosk.selfServiceOff');
    return s.kiosk;
  };
  return {
    'station.info': async (c) => ({
      stationId: s.ctx.stationId,
      hallId: s.ctx.hallId,
      hallName: s.hallName(),
      timeZone: s.timeZone(),
      role: c.role,
      windowNo: c.windowNo,
      version: pkg.version,
      sync: await s.syncStatus(),
    }),
    'queue.snapshot': () => s.queue.snapshot(),
    'queue.issueTicket': (c, i) => s.queue.issue(c, i),
    'auth.login': (c, i) => s.auth.login(c, i),
    'auth.logout': (c) => s.auth.logout(c),
    'auth.session': (c) => s.auth.session(c),
    'counter.state': (c) => s.queue.counterState(c),
    'counter.callNext': (c) => s.queue.callNext(c),
    'counter.recall': (c, i) => s.queue.recall(c, i.ticketId),
    'counter.start': (c, i) => s.queue.start(c, i.ticketId),
    'counter.finish': (c, i) => s.queue.finish(c, i.ticketId),
    'rate.prompt': (c) => s.ratings.prompt(c),
    'rate.submit': (c, i) => s.ratings.submit(c, i),
    'rate.timeout': (c, i) => s.ratings.timeout(c, i),
    'display.logAnnouncement': async (_c, i) => {
      await s.ctx.storage.run('logAnnouncement', {
        ticketId: i.ticketId,
        text: i.text,
        spoken: i.spoken,
        error: i.error ?? null,
        at: s.ctx.nowIso(),
      });
      return {};
    },
    'manager.evaluations': (_c, i) => {
      const to = i.to ?? s.ctx.today();
      const from = i.from ?? to;
      if (from > to) throw new AppFailure('validation', 'form.endBeforeStart', {}, 'from');
      return s.ctx.storage.run('evaluations', { from, to });
    },
    'devices.status': () => s.devices.status(),
    'devices.printTest': () => s.devices.printTest(),
    'devices.captureSignature': (c, i) => {
      if (!s.signature) throw new AppFailure('device_error', 'device.noSignaturePad');
      return s.signature.capture(i, c.session?.staffId ?? null);
    },
    'devices.overview': () => s.devices.overview(),
    'devices.readIdCard': (c) => s.devices.readIdCard(c.session?.staff.staffNo ?? null),
    'devices.printSample': (_c, i) => s.devices.printSample(i.kind),
    'devices.reprint': (c, i) => s.devices.reprint(c.session?.staff.staffNo ?? null, i.jobId),
    'devices.config': () => s.devices.config(),
    'devices.saveConfig': (c, i) => s.devices.saveConfig(c.session?.staff.staffNo ?? null, i.text),
    'sync.enrollmentCode': (c, i) => s.syncAdmin.enrollmentCode(c, i.role),
    'sync.stations': () => s.syncAdmin.stations(),
    'station.recentErrors': (_c, i) => s.recentLog?.(i.limit) ?? [],
    'sync.revokeStation': (c, i) => s.syncAdmin.revoke(c, i.clientId),
    // Queue
    'counter.panel': (c) => s.queue.panel(c),
    'counter.callTicket': (c, i) => s.queue.callTicket(c, i),
    'counter.noShow': (c, i) => s.queue.noShow(c, i.ticketId),
    'counter.park': (c, i) => s.queue.park(c, i),
    'counter.resume': (c, i) => s.queue.resume(c, i.ticketId),
    'counter.transfer': (c, i) => s.queue.transfer(c, i),
    'counter.setStatus': (c, i) => s.queue.setStatus(c, i),
    'queue.issueFor': (c, i) => s.queue.issue(c, i, `guide:${c.session?.staff.staffNo ?? '?'}`),
    'queue.checkIn': (c, i) => s.queue.checkIn(c, i),
    'queue.position': (_c, i) => s.queue.position(i.ticketId),
    'guide.reclassify': (c, i) => s.queue.reclassify(c, i),
    'queue.config': () => s.queue.config(),
    'manager.configureQueue': (c, i) => s.queue.configure(c, { kind: 'settings', settings: i.settings }),
    'manager.configureType': (c, i) => s.queue.configure(c, { kind: 'type', type: i.type }),
    'manager.configureWindow': (c, i) => s.queue.configure(c, { kind: 'window', windowNo: i.windowNo, types: i.types }),
    'manager.kpis': (_c, i) => insights.kpis(i),
    'manager.live': () => insights.live(),
    'manager.kpiCharts': (_c, i) => insights.kpiCharts(i),
    'manager.staffingForecast': (_c, i) => insights.staffingForecast(i),
    'queue.waitEstimates': () => insights.waitEstimates(),
    'guide.printChannelSlip': (_c, i) => insights.printChannelSlip(i),
    'customer.search': (c, i) => s.customers.search(c, i),
    'customer.view': (c, i) => s.customers.view(c, i),
    'customer.greenChannel': (_c, i) => tags.greenChannel(i.customerId),
    'customer.setTag': (c, i) => tags.setTag(c, i),
    'manager.highRisk': (_c, i) => tags.highRisk(i),
    'manager.highRiskExport': (c, i) => tags.highRiskExport(c, i),
    'manager.recordFollowup': (c, i) => tags.recordFollowup(c, i),
    'manager.tagCatalogue': () => tags.tagCatalogue(),
    'manager.defineTag': (c, i) => tags.defineTag(c, i),
    'customer.reveal': (c, i) => s.customers.reveal(c, i),
    'application.saveDraft': (c, i) => s.applications.saveDraft(c, i),
    'application.submit': (c, i) => s.applications.submit(c, i),
    'application.get': (_c, i) => s.applications.get(i.id),
    'application.forCustomer': (_c, i) => s.applications.forCustomer(i.customerId),
    'manager.configureSkills': (c, i) => s.queue.configure(c, { kind: 'skills', staffId: i.staffId, skills: i.skills }),
    // Payments
    'payment.pay': (c, i) => money(s.payments).pay(c, i),
    'payment.resolve': (c, i) => money(s.payments).resolve(c, i.paymentId),
    'payment.get': (_c, i) => money(s.payments).get(i.paymentId),
    'payment.today': (c) => money(s.payments).today(c),
    'payment.reprint': (c, i) => money(s.payments).reprint(c, i.paymentId),
    'payment.requestRefund': (c, i) => money(s.refunds).requestRefund(c, i),
    'payment.refunds': (_c, i) => money(s.refunds).refunds(i.openOnly),
    'payment.decideRefund': (c, i) => money(s.refunds).decideRefund(c, i),
    'payment.decideRefundOnSpot': (c, i) => money(s.refunds).decideRefundOnSpot(c, i),
    'payment.requestInvoice': (c, i) => money(s.invoices).request(c, i),
    'payment.declareCash': (c, i) => money(s.reconciliation).declareCash(c, i),
    'payment.reconciliation': (c, i) => money(s.reconciliation).reconciliation(c, i),
    'payment.exportReconciliation': async (c, i) => {
      const r = await money(s.reconciliation).reconciliation(c, i);
      const file = await reconciliationWorkbook(r, s.hallName(), s.timeZone());
      return { fileName: `日结对账-${r.day}-${r.staff?.staffNo ?? '全厅'}.xlsx`, base64: file.toString('base64') };
    },
    'consultation.log': (c, i) => s.consultations.log(c, i),
    'consultation.today': (c) => s.consultations.today(c),
    'payment.reverse': (c, i) => money(s.refunds).reverse(c, i),
    // Counter flow
    'application.detail': (_c, i) => s.journey.detail(i.id),
    'application.requestSignature': (c, i) => s.journey.requestSignature(c, i),
    'application.amend': (c, i) => s.journey.amend(c, i),
    'application.attach': (c, i) => s.journey.attach(c, i),
    'application.attachIdPhoto': (c, i) => s.journey.attachIdPhoto(c, i),
    'application.drafts': (c) => s.journey.drafts(c),
    'application.printSlip': (c, i) => s.journey.printSlip(c, i),
    'application.setStatus': (c, i) => s.journey.setStatus(c, i),
    'auth.lock': (c) => s.auth.lock(c),
    'auth.unlock': (c, i) => s.auth.unlock(c, i),
    'rate.review': (c) => s.journey.review(c),
    'rate.sign': (c, i) => s.journey.sign(c, i),
    // Customer screen
    'rate.padStatus': (c) => s.customerPad?.status(c) ?? { attached: false, model: null },
    'rate.padSign': (c, i) => {
      if (!s.customerPad) throw new AppFailure('device_error', 'device.noPadAtWindow');
      return s.customerPad.sign(c, i);
    },
    'customer.visits': (c, i) => s.customers.visits(c, i),
    'rate.addDimensions': (c, i) => s.ratings.addDimensions(c, i),
    // Kiosk self-service
    'kiosk.identify': (c, i) => kiosk().identify(c, i),
    'kiosk.account': (c, i) => kiosk().account(c, i.customerId),
    'kiosk.pay': (c, i) => kiosk().pay(c, i),
    'kiosk.payment': (c, i) => kiosk().payment(c, i.paymentId),
    'kiosk.cancelPayment': (c, i) => kiosk().cancelPayment(c, i.paymentId),
    'kiosk.records': (c, i) => kiosk().records(c, i.customerId),
    'kiosk.requestInvoice': (c, i) => kiosk().requestInvoice(c, i),
    'kiosk.endSession': (c) => kiosk().endSession(c),
    'payment.kioskReconciliation': (_c, i) => money(s.reconciliation).kioskReconciliation(i),
    'payment.exportKioskReconciliation': async (_c, i) => {
      const r = await money(s.reconciliation).kioskReconciliation(i);
      const file = await kioskReconciliationWorkbook(r, s.hallName(), s.timeZone());
      return { fileName: `自助终端对账-${r.day}.xlsx`, base64: file.toString('base64') };
    },
    'application.attachmentContent': (c, i) => s.journey.attachmentContent(c, i),
    // Pairing browser screens
    'pairing.pending': async () => (s.pairing ? s.pairing.pending() : []),
    'pairing.approve': (c, i) => pairingOf(s).approve(c, i),
    'pairing.deny': (c, i) => pairingOf(s).deny(c, i),
    'pairing.devices': async () => (s.pairing ? s.pairing.devices() : []),
    'pairing.revoke': (c, i) => pairingOf(s).revoke(c, i),
    // Staff evaluation and appeals
    'manager.evaluation': (_c, i) => s.evaluation.evaluation(i),
    'manager.evaluationWeights': () => s.evaluation.weights(),
    'manager.setEvaluationWeights': (c, i) => s.evaluation.setWeights(c, i),
    'manager.agentServices': (_c, i) => s.evaluation.agentServices(i),
    'manager.serviceEvidence': (_c, i) => s.evaluation.evidence(i),
    'manager.appeals': (_c, i) => s.appeals.list(i),
    'manager.decideAppeal': (c, i) => s.appeals.decide(c, i),
    'counter.appealableRatings': (c) => s.appeals.appealable(c),
    'counter.fileAppeal': (c, i) => s.appeals.file(c, i),
    // Exports and reports
    'manager.exportTable': (_c, i) => tables.export(i),
    'manager.reports': () => reports().list(),
    'manager.generateReport': (c, i) => reports().generate(c.session?.staff.staffNo ?? null, i),
    'manager.reportFile': (_c, i) => reports().file(i.file),
    'manager.compareHalls': (_c, i) => {
      if (!s.hallComparison) throw new AppFailure('unavailable', 'sync.noCentral');
      return s.hallComparison.compare(i);
    },
  };
}
