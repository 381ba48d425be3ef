import { z } from 'zod';

/**
 * The payment gateway's HTTP wire format (the simulator in central/gateway serves it; the adapter
 * in main/payments speaks it). Orders are keyed by the merchant's order id — our payment id — so a
 * retried create is the same order, never a second charge.
 */
export const GatewayMethod = z.enum(['card', 'qr']);
export const GatewayOrderStatus = z.enum(['pending', 'succeeded', 'declined', 'closed', 'reversed']);

export const GatewayCreate = z.object({
  merchantOrderId: z.string().min(8).max(80),
  amountFen: z.number().int().positive().max(10_000_000),
  method: GatewayMethod,
  description: z.string().max(100).default(''),
});

export const GatewayRefund = z.object({ refundId: z.string().min(8).max(80), amountFen: z.number().int().positive() });

export const GatewayOrder = z.object({
  merchantOrderId: z.string(),
  gatewayOrderId: z.string(),
  amountFen: z.number().int(),
  method: GatewayMethod,
  status: GatewayOrderStatus,
  /** For QR: what the customer scans (shown as a QR on the customer-facing screen). */
  qrPayload: z.string().nullable(),
  declineReason: z.string().nullable(),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
  refunds: z.array(z.object({ refundId: z.string(), amountFen: z.number().int(), at: z.string() })),
});
export type GatewayOrder = z.infer<typeof GatewayOrder>;

export const StatementEntry = z.object({
  merchantOrderId: z.string(),
  gatewayOrderId: z.string(),
  type: z.enum(['payment', 'reversal', 'refund']),
  /** Signed: payments positive, reversals and refunds negative. */
  amountFen: z.number().int(),
  at: z.string(),
});
export const GatewayStatement = z.object({
  date: z.string(),
  entries: z.array(StatementEntry),
  totalFen: z.number().int(),
});
export type GatewayStatement = z.infer<typeof GatewayStatement>;

/** Fault injection for tests and the demo: delay, decline, and a timeout before or after the gateway commits. */
export const GatewaySimConfig = z.object({
  delayMs: z.number().int().min(0).max(120_000).default(0),
  /** Decline the next N card payments / QR scans. */
  declineNext: z.number().int().min(0).default(0),
  /**
   * Do not answer the next N create calls: `after_commit` records the order (a card payment
   * succeeds at the bank, the answer is lost); `before_commit` loses the request entirely.
   */
  timeoutNext: z.number().int().min(0).default(0),
  timeoutMode: z.enum(['after_commit', 'before_commit']).default('after_commit'),
  /** QR orders pay themselves this long after creation (0 = only when scanned). */
  qrAutoPayMs: z.number().int().min(0).default(0),
});
export type GatewaySimConfig = z.infer<typeof GatewaySimConfig>;

/** The hall day (UTC+8) an instant belongs to, for the daily statement. */
export const gatewayDay = (iso: string): string => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);

/** The gateway's notification feed: an order changed state (paid, declined, closed). A hint to query, never proof. */
export const GatewayNotice = z.object({
  seq: z.number().int(),
  merchantOrderId: z.string(),
  status: GatewayOrderStatus,
  at: z.string(),
});
export const GatewayNotices = z.object({ notices: z.array(GatewayNotice), next: z.number().int() });
export type GatewayNotices = z.infer<typeof GatewayNotices>;
