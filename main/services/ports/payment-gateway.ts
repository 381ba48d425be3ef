import type { GatewayNotices, GatewayOrder, GatewayStatement } from '@common/payments/gateway-wire';

/**
 * What the station needs from an acquiring gateway (main/payments implements it over HTTP). Calls
 * reject with an AppFailure: `unavailable` when the answer was lost (a timeout: the outcome is
 * unknown and must be asked for), `not_found` for an order it does not hold.
 */
export interface PaymentGateway {
  create(order: {
    merchantOrderId: string;
    amountFen: number;
    method: 'card' | 'qr';
    description: string;
  }): Promise<GatewayOrder>;
  /** null when the gateway has no such order (the create never reached it). */
  query(merchantOrderId: string): Promise<GatewayOrder | null>;
  reverse(merchantOrderId: string): Promise<GatewayOrder>;
  refund(merchantOrderId: string, refund: { refundId: string; amountFen: number }): Promise<GatewayOrder>;
  statement(date: string): Promise<GatewayStatement>;
  /**
   * The notices after `after` (null: none yet, only where the feed stands), waiting up to `waitMs`
   * for one. Optional: without it, pending payments are settled by querying.
   */
  notifications?(after: number | null, waitMs: number, signal?: AbortSignal): Promise<GatewayNotices>;
}
