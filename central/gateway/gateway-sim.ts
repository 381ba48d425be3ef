import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  GatewayCreate,
  GatewayRefund,
  GatewaySimConfig,
  gatewayDay,
  type GatewayNotices,
  type GatewayOrder,
  type GatewayStatement,
} from '@common/payments/gateway-wire';
import { HttpError, readJson, sendJson } from '../http-util';

/**
 * A refusal in the simulated gateway's own words: it stands for a third party, which answers in its
 * own protocol (`{ code, message }`), not with the hall's error catalog.
 */
class GatewayRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface GatewaySim {
  url: string;
  configure(c: Partial<GatewaySimConfig>): GatewaySimConfig;
  /** The customer scans the QR (or pays in their banking app). */
  scan(merchantOrderId: string): GatewayOrder;
  orders(): GatewayOrder[];
  /** The notice for an order sent again, as gateways do (a duplicate, or one arriving late). */
  notifyAgain(merchantOrderId: string): void;
  close(): Promise<void>;
}

/**
 * A simulated acquiring gateway with a real HTTP interface: create (card pays at once, QR waits for
 * the scan), query, reverse, refund and the daily statement; idempotent by merchant order id;
 * configurable delay, decline and timeout (before or after commit) so the station's handling of
 * each can be tested against real sockets.
 */
export async function startGatewaySim(o: { port?: number; host?: string; now?: () => Date } = {}): Promise<GatewaySim> {
  const now = () => (o.now ? o.now() : new Date()).toISOString();
  let config = GatewaySimConfig.parse({});
  const orders = new Map<string, GatewayOrder>();
  const statement: GatewayStatement['entries'] = [];
  const hung = new Set<http.ServerResponse>();
  const notices: GatewayNotices['notices'] = [];
  const listeners = new Set<() => void>();
  /** The merchant is told an order changed; it queries the order to learn what became of it. */
  const notify = (order: GatewayOrder): void => {
    notices.push({ seq: notices.length + 1, merchantOrderId: order.merchantOrderId, status: order.status, at: now() });
    for (const l of [...listeners]) l();
  };
  const noticesAfter = async (after: number, waitMs: number, res: http.ServerResponse): Promise<GatewayNotices> => {
    if (notices.length <= after && waitMs > 0)
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          listeners.delete(done);
          resolve();
        };
        const timer = setTimeout(done, waitMs);
        listeners.add(done);
        res.on('close', done);
      });
    return { notices: notices.slice(Math.max(0, after)), next: notices.length };
  };

  const pay = (order: GatewayOrder): void => {
    if (order.status !== 'pending') return;
    if (config.declineNext > 0) {
      config.declineNext--;
      order.status = 'declined';
      order.declineReason = '余额不足 (insufficient funds)';
      notify(order);
      return;
    }
    order.status = 'succeeded';
    order.paidAt = now();
    statement.push({
      merchantOrderId: order.merchantOrderId,
      gatewayOrderId: order.gatewayOrderId,
      type: 'payment',
      amountFen: order.amountFen,
      at: order.paidAt,
    });
    notify(order);
  };

  const find = (id: string): GatewayOrder => {
    const order = orders.get(id);
    if (!order) throw new GatewayRefusal(404, 'not_found', `order ${id} not found`);
    return order;
  };

  const create = (body: unknown): GatewayOrder => {
    const parsed = GatewayCreate.safeParse(body);
    if (!parsed.success)
      throw new GatewayRefusal(
        400,
        'validation',
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    const c = parsed.data;
    const existing = orders.get(c.merchantOrderId);
    if (existing) {
      if (existing.amountFen !== c.amountFen || existing.method !== c.method)
        throw new GatewayRefusal(409, 'conflict', `order ${c.merchantOrderId} exists with other terms`);
      return existing; // a retried create: the same order, never a second charge
    }
    const gatewayOrderId = `GW${Date.now().toString(36).toUpperCase()}${randomUUID().slice(0, 6).toUpperCase()}`;
    const order: GatewayOrder = {
      merchantOrderId: c.merchantOrderId,
      gatewayOrderId,
      amountFen: c.amountFen,
      method: c.method,
      status: 'pending',
      qrPayload: c.method === 'qr' ? `https://pay.example.cn/qr/${gatewayOrderId}?amount=${c.amountFen}` : null,
      declineReason: null,
      createdAt: now(),
      paidAt: null,
      refunds: [],
    };
    orders.set(c.merchantOrderId, order);
    if (c.method === 'card') pay(order);
    else if (config.qrAutoPayMs > 0) setTimeout(() => pay(order), config.qrAutoPayMs).unref();
    return order;
  };

  const reverse = (order: GatewayOrder): GatewayOrder => {
    if (order.status === 'pending') order.status = 'closed';
    else if (order.status === 'succeeded') {
      order.status = 'reversed';
      statement.push({
        merchantOrderId: order.merchantOrderId,
        gatewayOrderId: order.gatewayOrderId,
        type: 'reversal',
        amountFen: -order.amountFen,
        at: now(),
      });
    } else if (order.status !== 'reversed' && order.status !== 'closed')
      throw new GatewayRefusal(409, 'conflict', `order is ${order.status}, cannot reverse`);
    return order;
  };

  const refund = (order: GatewayOrder, body: unknown): GatewayOrder => {
    const parsed = GatewayRefund.safeParse(body);
    if (!parsed.success)
      throw new GatewayRefusal(
        400,
        'validation',
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    if (order.refunds.some((r) => r.refundId === parsed.data.refundId)) return order; // retried refund
    if (order.status !== 'succeeded')
      throw new GatewayRefusal(409, 'conflict', `order is ${order.status}, cannot refund`);
    const left = order.amountFen - order.refunds.reduce((s, r) => s + r.amountFen, 0);
    if (parsed.data.amountFen > left)
      throw new GatewayRefusal(409, 'conflict', `refund exceeds the refundable ${left}`);
    const at = now();
    order.refunds.push({ ...parsed.data, at });
    statement.push({
      merchantOrderId: order.merchantOrderId,
      gatewayOrderId: order.gatewayOrderId,
      type: 'refund',
      amountFen: -parsed.data.amountFen,
      at,
    });
    return order;
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      try {
        const url = new URL(req.url ?? '/', 'http://gateway');
        const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
        if (config.delayMs > 0 && parts[1] !== 'sim') await new Promise((r) => setTimeout(r, config.delayMs));
        if (req.method === 'POST' && url.pathname === '/v1/orders') {
          const body = await readJson(req, 64 * 1024);
          if (config.timeoutNext > 0) {
            config.timeoutNext--;
            if (config.timeoutMode === 'after_commit') create(body);
            hung.add(res); // never answered: the client's timeout decides
            res.on('close', () => hung.delete(res));
            return;
          }
          return sendJson(res, 200, create(body));
        }
        if (parts[0] === 'v1' && parts[1] === 'orders' && parts[2]) {
          const order = find(parts[2]);
          if (req.method === 'GET' && parts.length === 3) return sendJson(res, 200, order);
          if (req.method === 'POST' && parts[3] === 'reverse') return sendJson(res, 200, reverse(order));
          if (req.method === 'POST' && parts[3] === 'refund')
            return sendJson(res, 200, refund(order, await readJson(req, 64 * 1024)));
          if (req.method === 'POST' && parts[3] === 'scan') {
            pay(order);
            return sendJson(res, 200, order);
          }
        }
        if (req.method === 'GET' && url.pathname === '/v1/notifications') {
          const after = url.searchParams.get('after');
          if (after === null) return sendJson(res, 200, { notices: [], next: notices.length });
          if (!/^\d+$/.test(after)) throw new GatewayRefusal(400, 'validation', 'after must be a number');
          const waitMs = Math.min(Number(url.searchParams.get('waitMs') ?? 0) || 0, 30_000);
          return sendJson(res, 200, await noticesAfter(Number(after), waitMs, res));
        }
        if (req.method === 'GET' && url.pathname === '/v1/statement') {
          const date = url.searchParams.get('date') ?? '';
          if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new GatewayRefusal(400, 'validation', 'date must be YYYY-MM-DD');
          const entries = statement.filter((e) => gatewayDay(e.at) === date);
          return sendJson(res, 200, {
            date,
            entries,
            totalFen: entries.reduce((s, e) => s + e.amountFen, 0),
          } satisfies GatewayStatement);
        }
        if (req.method === 'POST' && url.pathname === '/v1/sim/config') {
          config = GatewaySimConfig.parse({ ...config, ...((await readJson(req, 8 * 1024)) as object) });
          return sendJson(res, 200, config);
        }
        throw new GatewayRefusal(404, 'not_found', `no route ${req.method} ${url.pathname}`);
      } catch (e) {
        if (e instanceof GatewayRefusal || e instanceof HttpError)
          return sendJson(res, e.status, { code: e.code, message: e.message });
        return sendJson(res, 500, { code: 'internal', message: e instanceof Error ? e.message : String(e) });
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, o.host ?? '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address}:${address.port}`,
    configure: (c) => (config = GatewaySimConfig.parse({ ...config, ...c })),
    scan: (id) => {
      const order = find(id);
      pay(order);
      return order;
    },
    orders: () => [...orders.values()],
    notifyAgain: (id) => notify(find(id)),
    close: async () => {
      for (const l of [...listeners]) l();
      for (const r of hung) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
