import { durationText } from '../../../utils/time';

/** A visit's handling time as the counter reads it (m:ss); — when the ticket was not finished. */
export const handlingText = (sec: number | null): string => (sec === null ? '—' : durationText(sec * 1000));

/** The reconciliation's 差异 card: how many differences, and the money they involve (absolute, fen). */
export function differenceSummary(diffs: readonly { amountFen: number }[]): { count: number; totalFen: number } {
  return { count: diffs.length, totalFen: diffs.reduce((sum, d) => sum + Math.abs(d.amountFen), 0) };
}
