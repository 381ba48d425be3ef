import type { z } from 'zod';
import { GatewayOrder, GatewayStatement } from '@common/payments/gateway-wire';
import { AppFailure } from '@common/result';
import type { PaymentGateway } from '../services/ports/payment-gateway';

/** The gateway did not answer in time: the outcome is unknown and must be asked for, never guessed. */
export class GatewayTimeout extends AppFailure {
  constructor(what: string) {
    super(
      'unavailable',
      `支付网关超时，结果未知，请查询确认 (gateway timeout on ${what}; query to resolve)`,
      'gateway',
    );
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
  ): Promise<z.output<S> | null> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError'))
        throw new GatewayTimeout(`${method} ${path}`);
      throw new AppFailure(
        'unavailable',
        `支付网关无法连接 (gateway unreachable: ${e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e)})`,
        'gateway',
      );
    }
    const json = (await res.json().catch(() => null)) as { code?: string; message?: string } | null;
    if (res.status === 404 && json?.code === 'not_found') return null;
    if (!res.ok) {
      const code = res.status === 409 ? 'conflict' : res.status === 400 ? 'validation' : 'unavailable';
      throw new AppFailure(code, `支付网关拒绝：${json?.message ?? res.statusText} (gateway ${res.status})`, 'gateway');
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new AppFailure('unavailable', '支付网关应答格式错误 (malformed gateway answer)', 'gateway');
    return parsed.data;
  }

  async #must<S extends z.ZodType>(
    schema: S,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<z.output<S>> {
    const r = await this.#call(schema, method, path, body);
    if (r === null) throw new AppFailure('not_found', `支付网关无此订单 (gateway: no such order ${path})`, 'gateway');
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
}
