/**
 * The payment state machine (Money): created → pending → succeeded | failed |
 * timed_out → reversed. A timed-out payment is resolved only by asking the gateway, so timed_out
 * may still become succeeded or failed; only a succeeded payment can be reversed.
 */
export const PAYMENT_STATUSES = ['created', 'pending', 'succeeded', 'failed', 'timed_out', 'reversed'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const PAYMENT_CHANNELS = ['cash', 'bank_card', 'qr', 'prepaid_card'] as const;
export type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];

/** What the money is for: a bill (reduces arrears), a prepaid top-up, or a refund of an earlier payment. */
export const PAYMENT_KINDS = ['bill', 'topup', 'refund'] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];

const NEXT: Record<PaymentStatus, readonly PaymentStatus[]> = {
  created: ['pending', 'succeeded', 'failed'],
  pending: ['succeeded', 'failed', 'timed_out'],
  timed_out: ['succeeded', 'failed'],
  succeeded: ['reversed'],
  failed: [],
  reversed: [],
};

export const canMove = (from: PaymentStatus, to: PaymentStatus): boolean => NEXT[from].includes(to);
export const isFinal = (s: PaymentStatus): boolean => NEXT[s].length === 0 || s === 'succeeded';

export const STATUS_NAMES: Record<PaymentStatus, string> = {
  created: '已创建',
  pending: '支付中',
  succeeded: '支付成功',
  failed: '支付失败',
  timed_out: '支付超时（待查询）',
  reversed: '已冲正',
};

export const CHANNEL_NAMES: Record<PaymentChannel, string> = {
  cash: '现金',
  bank_card: '银行卡',
  qr: '扫码支付',
  prepaid_card: '预付卡',
};
