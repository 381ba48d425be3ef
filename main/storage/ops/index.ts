import type { WorkerState } from '../worker-state';
import { mutate } from './mutations';
import * as kpi from './kpi-queries';
import { liveHall } from './live-queries';
import { kpiCharts } from './kpi-charts';
import { staffingHistory } from './staffing-history';
import * as queue from './queue-queries';
import * as queueCore from './queue-core';
import * as staff from './staff-queries';
import * as leases from './leases';
import * as sync from './sync';
import * as customers from './customer-queries';
import * as applications from './application-queries';
import * as payments from './payment-queries';
import * as visits from './visit-queries';
import * as evaluation from './evaluation-queries';
import * as paired from './paired-devices';
import * as insights from './customer-insight-queries';
import { lastFinishedAtWindow } from './rating-binding';
import { nextTicketNumber } from '@common/mutators/tickets';
import { issueTicket } from './issue-ticket';
import { restartFromSnapshot } from './sync-fallback';

/** Identity of this station's database: its client id (made once) and its hall. */
function identity(s: WorkerState): { stationId: string; hallId: string; hallName: string } {
  const hall = s.tx.get<{ id: string; name: string }>('SELECT id, name FROM halls ORDER BY id LIMIT 1');
  return { stationId: s.stationId, hallId: hall?.id ?? s.hallId, hallName: hall?.name ?? '' };
}

/** Every operation the storage worker runs, by name. Each executes synchronously inside the worker. */
export const OPS = {
  identity,
  mutate,
  snapshot: queue.snapshot,
  windowState: queue.windowState,
  nextForWindow: queue.nextForWindow,
  ticketById: queue.ticketById,
  waitingAhead: queue.waitingAhead,
  awaitingRating: queue.awaitingRating,
  pickForWindow: queueCore.pickForWindow,
  counterPanel: queueCore.counterPanel,
  queueTicketById: queueCore.queueTicketById,
  ticketPosition: queueCore.ticketPosition,
  checkIssue: queueCore.checkIssue,
  issueTicket,
  findAppointment: queueCore.findAppointment,
  queueConfig: queueCore.queueConfig,
  unfinishedBefore: queueCore.unfinishedBefore,
  nextTicketNumber: (s: WorkerState, a: { day: string; prefix: string }) =>
    nextTicketNumber(s, s.hallId, a.day, a.prefix),
  staffByNo: staff.staffByNo,
  staffById: staff.staffById,
  loginAttempts: staff.loginAttempts,
  setLoginAttempts: staff.setLoginAttempts,
  logAnnouncement: staff.logAnnouncement,
  evaluations: staff.evaluations,
  evaluationFacts: evaluation.evaluationFacts,
  agentServices: evaluation.agentServices,
  serviceEvidence: evaluation.serviceEvidence,
  appealById: evaluation.appealById,
  appeals: evaluation.appeals,
  badRatingsOf: evaluation.badRatingsOf,
  evaluationWeights: evaluation.evaluationWeights,
  ratingById: staff.ratingById,
  kpiTimelines: kpi.kpiTimelines,
  kpiReport: kpi.kpiReport,
  staffNames: kpi.staffNames,
  liveHall,
  kpiCharts,
  staffingHistory,
  outbox: sync.outbox,
  outboxBatch: sync.outboxBatch,
  syncCounters: sync.syncCounters,
  recordRejections: sync.recordRejections,
  applyPull: sync.applyPull,
  snapshotState: sync.snapshotState,
  applySnapshotPage: sync.applySnapshotPage,
  syncCredentials: sync.syncCredentials,
  saveSyncCredentials: sync.saveSyncCredentials,
  saveLease: leases.saveLease,
  spentLeases: leases.spentLeases,
  leaseReturned: leases.leaseReturned,
  takeLeasedNumber: leases.takeLeasedNumber,
  leasedStock: leases.leasedStock,
  issuedSince: leases.issuedSince,
  customersOpen: customers.customersOpen,
  customerSearch: customers.customerSearch,
  customerView: customers.customerView,
  customerInsights: insights.customerInsightsOf,
  tagsOutOfDate: insights.tagsOutOfDate,
  paymentCustomerId: insights.paymentCustomerId,
  highRiskList: insights.highRiskList,
  tagCatalogue: insights.tagCatalogue,
  customerReveal: customers.customerReveal,
  customerIndexStatus: customers.customerIndexStatus,
  customerIndexReady: customers.customerIndexReady,
  customerCacheRemote: customers.customerCacheRemote,
  nextApplicationSeq: applications.nextApplicationSeq,
  applicationById: applications.applicationById,
  applicationsForCustomer: applications.applicationsForCustomer,
  // Payments
  paymentCustomer: payments.paymentCustomer,
  paymentById: payments.paymentById,
  customerVisits: visits.customerVisits,
  paymentsBetween: payments.paymentsBetween,
  openPaymentsOf: payments.openPaymentsOf,
  openPaymentsBy: payments.openPaymentsBy,
  kioskOutcomesOwed: payments.kioskOutcomesOwed,
  receiptFacts: payments.receiptFacts,
  refundRequests: payments.refundRequests,
  refundRequestById: payments.refundRequestById,
  declaredCash: payments.declaredCash,
  dayDeclarations: payments.dayDeclarations,
  consultationsBetween: payments.consultationsBetween,
  consultationCounts: payments.consultationCounts,
  latestSignature: applications.latestSignature,
  attachmentsOf: applications.attachmentsOf,
  attachmentData: applications.attachmentData,
  signatureRequestById: applications.signatureRequestById,
  windowReview: applications.windowReview,
  draftsOf: applications.draftsOf,
  // Paired browser screens (credentials).
  pairedDevices: paired.pairedDevices,
  pairedDeviceById: paired.pairedDeviceById,
  usePairedDevice: paired.usePairedDevice,
  addPairedDevice: paired.addPairedDevice,
  revokePairedDevice: paired.revokePairedDevice,
  liveBinding: paired.liveBinding,
  lastFinishedAtWindow,
  // Sync: a cursor behind the central's compaction horizon falls back to the snapshot.
  restartFromSnapshot,
} satisfies Record<string, (s: WorkerState, a: never) => unknown>;

export type OpName = keyof typeof OPS;
export type OpArgs<N extends OpName> = Parameters<(typeof OPS)[N]>[1];
export type OpResult<N extends OpName> = ReturnType<(typeof OPS)[N]>;
