import { referenceData } from './001-reference-data';
import { customersBillsPayments } from './002-customers-bills-payments';
import { queueRatingsAudit } from './003-queue-ratings-audit';
import { stationSyncBookkeeping } from './004-station-sync-bookkeeping';
import { centralChangeLog } from './005-central-change-log';
import { enrollmentLeasesContactEdits } from './006-enrollment-leases-contact-edits';
import { queueCore } from './007-queue-core';
import { applications } from './008-applications';
import { payments } from './009-payments';
import { counterFlow } from './010-counter-flow';
import { mutationDigests } from './011-mutation-digests';
import { snapshotIndexRelay } from './012-snapshot-index-relay';
import { customerFlags } from './013-customer-flags';
import { referenceSync } from './014-reference-sync';
import { billSync } from './015-bill-sync';
import { batchDigests } from './016-batch-digests';
import { outboxDigest } from './017-outbox-digest';
import { rejectionText } from './018-rejection-text';
import { pairedDevices } from './019-paired-devices';
import { recordedTimes } from './020-recorded-times';
import { evaluationAppeals } from './021-evaluation-appeals';
import { customerTags } from './022-customer-tags';
import { riskModelsFollowups } from './023-risk-models-followups';
import type { Migration } from './migration';

export type { Migration } from './migration';

/**
 * Numbered SQLite migrations shared by the station and the central (both keep the same domain
 * tables; each side also has its own sync bookkeeping tables), one file each, in order. Never edit
 * a shipped migration: add the next number in a file of its own. Each migration has its own test
 * in tests/unit/migrations.
 */
export const MIGRATIONS: readonly Migration[] = [
  referenceData,
  customersBillsPayments,
  queueRatingsAudit,
  stationSyncBookkeeping,
  centralChangeLog,
  enrollmentLeasesContactEdits,
  queueCore,
  applications,
  payments,
  counterFlow,
  mutationDigests,
  snapshotIndexRelay,
  customerFlags,
  referenceSync,
  billSync,
  batchDigests,
  outboxDigest,
  rejectionText,
  pairedDevices,
  recordedTimes,
  evaluationAppeals,
  customerTags,
  riskModelsFollowups,
];
