import type { PaymentGateway } from '../services/ports/payment-gateway';

/** What the watcher needs from the payment service: the payments it waits on, and how to settle one. */
export interface AwaitingPayments {
  awaitingGateway(): string[];
  settleFromGateway(paymentId: string): Promise<void>;
}

export interface PaymentNotificationsOptions {
  gateway: PaymentGateway;
  payments: AwaitingPayments;
  log?: (line: string) => void;
  /** How long one long poll waits for a notice. */
  waitMs?: number;
  /** Follow the notice feed (default true). */
  follow?: boolean;
  /** Fallback: every pending payment is queried this often, should a notice be lost (null: never). */
  fallbackMs?: number | null;
}

/**
 * Follows the gateway's payment notices (a long poll on its notification feed) and settles the
 * payments this station waits on. A notice is only a hint: the payment is settled by querying the
 * gateway, so a forged or replayed notice changes nothing. Should the feed be down or a notice lost,
 * the pending payments are queried on a slow timer instead.
 */
export function watchPaymentNotifications(o: PaymentNotificationsOptions): { stop(): void } {
  const { gateway, payments } = o;
  const waitMs = o.waitMs ?? 20_000;
  let stopped = false;
  let abort: AbortController | null = null;

  const settle = async (ids: Iterable<string>): Promise<void> => {
    const awaiting = new Set(payments.awaitingGateway());
    for (const id of ids) {
      if (!awaiting.has(id)) continue;
      try {
        await payments.settleFromGateway(id);
      } catch (e) {
        o.log?.(`payment ${id}: settling from the gateway failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  };

  const follow = async (): Promise<void> => {
    if (!gateway.notifications || o.follow === false) return;
    let after: number | null = null;
    while (!stopped) {
      abort = new AbortController();
      try {
        const r = await gateway.notifications(after, after === null ? 0 : waitMs, abort.signal);
        after = r.next;
        await settle(r.notices.map((n) => n.merchantOrderId));
      } catch {
        if (stopped) return;
        // The feed is down: the fallback timer keeps payments moving; try the feed again shortly.
        await new Promise((r) => setTimeout(r, 3000).unref());
      }
    }
  };
  void follow();

  const fallbackMs = o.fallbackMs === undefined ? 15_000 : o.fallbackMs;
  const fallback = fallbackMs === null ? null : setInterval(() => void settle(payments.awaitingGateway()), fallbackMs);
  fallback?.unref();
  return {
    stop() {
      stopped = true;
      if (fallback) clearInterval(fallback);
      abort?.abort();
    },
  };
}
