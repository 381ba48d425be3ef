import { ACCESS_ERRORS } from './areas/access';
import { ANALYTICS_ERRORS } from './areas/analytics';
import { APPLICATION_ERRORS } from './areas/applications';
import { CUSTOMER_ERRORS } from './areas/customers';
import { DEVICE_ERRORS } from './areas/devices';
import { EVALUATION_ERRORS } from './areas/evaluation';
import { FORM_ERRORS } from './areas/forms';
import { INPUT_ERRORS } from './areas/input';
import { KIOSK_ERRORS } from './areas/kiosk';
import { PAIRING_ERRORS } from './areas/pairing';
import { PAYMENT_ERRORS } from './areas/payments';
import { QUEUE_ERRORS } from './areas/queue';
import { RATING_ERRORS } from './areas/ratings';
import { STAFFING_ERRORS } from './areas/staffing';
import { REPORT_ERRORS } from './areas/reports';
import { STATION_ERRORS } from './areas/station';
import { SYNC_ERRORS } from './areas/sync';
import { SYNC_TRUST_ERRORS } from './areas/sync-trust';
import type { LocalizedText } from './index';

/**
 * Every error text, one file per area. Keys are `area.name` (`area.group.name` for the words other
 * texts quote); no key is a prefix of another, and no area is named like an ErrorCode.
 */
export const ERROR_CATALOG = {
  ...ACCESS_ERRORS,
  ...ANALYTICS_ERRORS,
  ...APPLICATION_ERRORS,
  ...CUSTOMER_ERRORS,
  ...DEVICE_ERRORS,
  ...EVALUATION_ERRORS,
  ...FORM_ERRORS,
  ...INPUT_ERRORS,
  ...KIOSK_ERRORS,
  ...PAIRING_ERRORS,
  ...PAYMENT_ERRORS,
  ...QUEUE_ERRORS,
  ...RATING_ERRORS,
  ...STAFFING_ERRORS,
  ...REPORT_ERRORS,
  ...STATION_ERRORS,
  ...SYNC_ERRORS,
  ...SYNC_TRUST_ERRORS,
} as const satisfies Record<string, LocalizedText>;
