import type { z } from 'zod';
import { GatewayNotices, GatewayOrder, GatewayStatement } from '@common/payments/gateway-wire';
import { AppFailure } from '@common/result';
import type { PaymentGateway } from '../services/ports/payment-gateway';

/** The gateway did not answer in time: the outcome is unknown and must be asked for, never guessed. */
export class GatewayTimeout extends AppFailure<'payment.gatewayTimeout'> {
  constructor(
    /** The call that timed out (`POST /v1/orders`), for logs. */
    readonly call: string,
  ) {
    super('unavailable', 'payment.gatewayTimeout', {}, 'gateway');
  }
}

/** The gateway over HTTP: every call has a deadline; errors come back as typed AppFailures naming the gateway. */
export class HttpPaymentGateway implements PaymentGateway {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async #call<S extends z.ZodType>(
    schema: S,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    signal?: AbortSignal,
    timeoutMs = this.timeoutMs,
  ): Promise<z.output<S> | null> {
    let res: Response;
    try {
      const deadline = AbortSignal.timeout(timeoutMs);
      res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: signal ? AbortSignal.any([signal, deadline]) : deadline,
      });
    } catch (e) {
      if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError'))
        throw new GatewayTimeout(`${method} ${path}`);
      throw new AppFailure('unavailable', 'payment.gatewayUnreachable', {}, 'gateway');
    }
    const json = (await res.json().catch(() => null)) as { code?: string; message?: string } | null;
    if (res.status === 404 && json?.code === 'not_found') return null;
    if (!res.ok) {
      const code = res.status === 409 ? 'conflict' : res.status === 400 ? 'validation' : 'unavailable';
      // The gateway's own words: a third party's, shown as it gives them.
      throw new AppFailure(code, 'payment.gatewayRefused', { reason: json?.message ?? res.statusText }, 'gateway');
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new AppFailure('unavailable', 'payment.gatewayMalformed', {}, 'gateway');
    return parsed.data;
  }

  async #must<S extends z.ZodType>(
    schema: S,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    signal?: AbortSignal,
    timeoutMs?: number,
  ): Promise<z.output<S>> {
    const r = await this.#call(schema, method, path, body, signal, timeoutMs);
    if (r === null) throw new AppFailure('not_found', 'payment.gatewayNoOrder', {}, 'gateway');
    return r;
  }

  create(order: { merchantOrderId: string; amountFen: number; method: 'card' | 'qr'; description: string }) {
    return this.#must(GatewayOrder, 'POST', '/v1/orders', order);
  }
  query(id: string) {
    return this.#call(GatewayOrder, 'GET', `/v1/orders/${encodeURIComponent(id)}`);
  }
  reverse(id: string) {
    return this.#must(GatewayOrder, 'POST', `/v1/orders/${encodeURIComponent(id)}/reverse`, {});
  }
  refund(id: string, refund: { refundId: string; amountFen: number }) {
    return this.#must(GatewayOrder, 'POST', `/v1/orders/${encodeURIComponent(id)}/refund`, refund);
  }
  statement(date: string) {
    return this.#must(GatewayStatement, 'GET', `/v1/statement?date=${encodeURIComponent(date)}`);
  }
  /** A long poll: the deadline is the wait plus the usual answer time. */
  notifications(after: number | null, waitMs: number, signal?: AbortSignal) {
    const q = after === null ? '' : `?after=${after}&waitMs=${waitMs}`;
    return this.#must(GatewayNotices, 'GET', `/v1/notifications${q}`, undefined, signal, waitMs + this.timeoutMs);
  }
}
