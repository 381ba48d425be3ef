import type { EventPayload } from '@common/api/contract';

/**
 * What the customer screen shows of a payment at its window: the QR to scan (with the amount and a
 * countdown), the bank card prompt, then the result for a few seconds; cash shows due, received and
 * change. Pure: the composable feeds it `payment.changed` events and the clock.
 */
export type PaymentPhase = 'scan' | 'card' | 'succeeded' | 'failed' | 'timed_out';

export interface ShownPayment {
  paymentId: string;
  phase: PaymentPhase;
  channel: 'cash' | 'bank_card' | 'qr' | 'prepaid_card';
  amountFen: number;
  tenderedFen: number | null;
  changeFen: number | null;
  qrPayload: string | null;
  qrExpiresAt: number | null;
  /** When the screen goes back to idle (ms since epoch); null while the customer still has to act. */
  until: number | null;
}

/** How long a result stays up: cash long enough to count the change. */
export const RESULT_MS = { succeeded: 8_000, cash: 15_000, failed: 10_000, timed_out: 20_000 } as const;

type PaymentChanged = EventPayload<'payment.changed'>;

export function nextShownPayment(prev: ShownPayment | null, e: PaymentChanged, nowMs: number): ShownPayment | null {
  // Refunds and reversals are the counter's business; the customer screen shows what the customer pays.
  if (e.kind === 'refund' || e.status === 'reversed' || e.status === 'created') return prev;
  const channel = e.channel ?? (e.qrPayload ? 'qr' : 'bank_card');
  const base = {
    paymentId: e.paymentId,
    channel,
    amountFen: e.amountFen,
    tenderedFen: e.tenderedFen ?? null,
    changeFen: e.changeFen ?? null,
    qrPayload: e.qrPayload,
    qrExpiresAt: e.qrExpiresAt ? Date.parse(e.qrExpiresAt) : null,
  };
  if (e.status === 'pending') {
    if (e.qrPayload) return { ...base, phase: 'scan', until: null };
    if (channel === 'bank_card') return { ...base, phase: 'card', until: null };
    return prev; // cash being written to a card: nothing for the customer to do
  }
  if (e.status === 'succeeded')
    return {
      ...base,
      qrPayload: null,
      phase: 'succeeded',
      until: nowMs + (channel === 'cash' ? RESULT_MS.cash : RESULT_MS.succeeded),
    };
  if (e.status === 'failed') return { ...base, qrPayload: null, phase: 'failed', until: nowMs + RESULT_MS.failed };
  if (e.status === 'timed_out') return { ...base, phase: 'timed_out', until: nowMs + RESULT_MS.timed_out };
  return prev;
}

/** The payment still on screen at `nowMs`, or null (idle). */
export function visiblePayment(p: ShownPayment | null, nowMs: number): ShownPayment | null {
  return p && (p.until === null || nowMs < p.until) ? p : null;
}

/** Whole seconds left to scan; 0 once the QR's time is up. */
export function scanSecondsLeft(p: ShownPayment, nowMs: number): number | null {
  return p.qrExpiresAt === null ? null : Math.max(0, Math.ceil((p.qrExpiresAt - nowMs) / 1000));
}
