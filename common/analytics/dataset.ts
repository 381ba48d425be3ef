/**
 * Training and holdout rows from customers' histories, split by time: features as of the end of
 * month 12 with the outcome of months 13–18 to train on; features as of the end of month 18 with
 * the outcome of months 19–24 to test on. Nothing a row is scored on happened after its cutoff.
 */
import { billStanding, computeFeatures, FEATURE_NAMES, type CustomerFacts, type Features } from './features';

/** A bill paid this many days late (or still unpaid) is the outcome the model predicts: 电费回收风险. */
export const DEFAULT_LATE_DAYS = 15;

/** The start of the month after `period` ('YYYY-MM'), hall time, as epoch ms. */
export function monthAfter(period: string): number {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const ny = m === 12 ? y + 1 : y;
  const nm = m === 12 ? 1 : m + 1;
  return Date.parse(`${ny}-${String(nm).padStart(2, '0')}-01T00:00:00+08:00`);
}

/** Whether a bill due in (fromMs, toMs] was paid `lateDays` or more late, or was still unpaid and that late, at `toMs`. */
export function defaulted(f: CustomerFacts, fromMs: number, toMs: number, lateDays = DEFAULT_LATE_DAYS): 0 | 1 {
  for (const b of f.bills) {
    if (b.amountFen <= 0) continue;
    const dueMs = Date.parse(`${b.dueDate}T23:59:59.999+08:00`);
    if (dueMs <= fromMs || dueMs > toMs) continue;
    if (billStanding(b, toMs).daysLate >= lateDays) return 1;
  }
  return 0;
}

export interface Windows {
  trainCutoff: number;
  trainOutcomeEnd: number;
  testCutoff: number;
  testOutcomeEnd: number;
}

/** The windows for a history whose newest bill is `lastPeriod` (month 24): cutoffs after months 12, 18, 24. */
export function holdoutWindows(lastPeriod: string): Windows {
  const shift = (k: number) => {
    const [y, m] = lastPeriod.split('-').map(Number) as [number, number];
    const idx = y * 12 + (m - 1) - k;
    return monthAfter(`${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`);
  };
  return { trainCutoff: shift(12), trainOutcomeEnd: shift(6), testCutoff: shift(6), testOutcomeEnd: shift(0) };
}

export interface Row {
  customerId: number;
  features: Features;
  label: 0 | 1;
}

export function trainingRow(f: CustomerFacts, w: Windows): Row {
  return {
    customerId: f.customerId,
    features: computeFeatures(f, w.trainCutoff),
    label: defaulted(f, w.trainCutoff, w.trainOutcomeEnd),
  };
}
export function holdoutRow(f: CustomerFacts, w: Windows): Row {
  return {
    customerId: f.customerId,
    features: computeFeatures(f, w.testCutoff),
    label: defaulted(f, w.testCutoff, w.testOutcomeEnd),
  };
}

export const featureVector = (f: Features): number[] => FEATURE_NAMES.map((n) => f[n]);
