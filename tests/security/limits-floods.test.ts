import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WindowRegistry } from '../../main/electron/window-registry';
import { startStationHost, type StationHost } from '../../main/host';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';

/**
 * Floods from one screen over the browser-mode socket: tickets from a kiosk (one connection, or a
 * fresh connection per request), customer lookups from a counter and a kiosk. Each screen gets its
 * budget and a typed `rate_limited` answer beyond it; other screens are not affected.
 */
type Reply = { ok: boolean; error?: { code: string; key?: string; params?: Record<string, unknown>; message: string } };

let host: StationHost;
let dir: string;
beforeAll(async () => {
  const renderer = makeTempDir('renderer-');
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html>');
  dir = seededDataDir('station.db', makeTempDir('limits-'));
  host = await startStationHost({ dataDir: dir, http: { port: 0, rendererDir: renderer } });
});
afterAll(() => host.close());

async function connect(query: string, localAddress: string) {
  const ws = new WebSocket(`${host.url!.replace('http', 'ws')}/api?${query}`, { localAddress });
  let next = 1;
  const waiting = new Map<number, (r: Reply) => void>();
  ws.on('message', (data) => {
    const m = JSON.parse(data.toString()) as { id?: number; result?: Reply };
    if (typeof m.id === 'number' && m.result) waiting.get(m.id)?.(m.result);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    call(method: string, input: unknown): Promise<Reply> {
      const id = next++;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        ws.send(JSON.stringify({ id, method, input }));
      });
    },
    close: () => ws.close(),
  };
}

function rows<T>(sql: string, ...args: unknown[]): T[] {
  const db = new Database(path.join(dir, 'station.db'), { readonly: true });
  try {
    return db.prepare(sql).all(...args) as T[];
  } finally {
    db.close();
  }
}
const ticketsFrom = () => rows<{ n: number }>('SELECT count(*) AS n FROM tickets')[0]!.n;
const audited = (action: string) =>
  rows<{ detail: string }>('SELECT detail FROM audit_log WHERE action = ?', action).map(
    (r) => JSON.parse(r.detail) as Record<string, unknown>,
  );

describe('a flood of tickets from one kiosk', () => {
  it('issues 30 of 300 asked within a second, refuses the rest with the wait, and audits the flood once', async () => {
    const before = ticketsFrom();
    const kiosk = await connect('role=kiosk', '127.0.0.21');
    const replies = await Promise.all(
      Array.from({ length: 300 }, () => kiosk.call('queue.issueTicket', { businessType: 'PAY' })),
    );
    expect(replies.filter((r) => r.ok)).toHaveLength(30);
    const refused = replies.filter((r) => !r.ok);
    expect(refused.every((r) => r.error?.code === 'rate_limited' && r.error.key === 'queue.tooManyTickets')).toBe(true);
    const seconds = refused[0]!.error!.params!.seconds as number;
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(refused[0]!.error!.message).toContain(`${seconds} 秒`);
    expect(ticketsFrom() - before).toBe(30);
    const flood = audited('queue.rateLimited').filter((d) => String(d.source).includes('127.0.0.21'));
    expect(flood).toHaveLength(1);
    expect(flood[0]).toMatchObject({ role: 'kiosk', limit: 'tickets' });

    // A new connection from the same machine is the same kiosk: still refused, appointment check-ins too.
    const again = await connect('role=kiosk', '127.0.0.21');
    expect((await again.call('queue.issueTicket', { businessType: 'PAY' })).error?.code).toBe('rate_limited');
    expect((await again.call('queue.checkIn', { code: '123456' })).error?.code).toBe('rate_limited');
    // Another kiosk of the hall is not affected.
    const other = await connect('role=kiosk', '127.0.0.22');
    expect((await other.call('queue.issueTicket', { businessType: 'PAY' })).ok).toBe(true);
    for (const s of [kiosk, again, other]) s.close();
  }, 60_000);

  it('gives a fresh connection per request no way around the budget', async () => {
    const replies: Reply[] = [];
    for (let i = 0; i < 40; i++) {
      const s = await connect('role=kiosk', '127.0.0.23');
      replies.push(await s.call('queue.issueTicket', { businessType: 'PAY' }));
      s.close();
    }
    expect(replies.filter((r) => r.ok)).toHaveLength(30);
    expect(replies.slice(30).every((r) => r.error?.code === 'rate_limited')).toBe(true);
  }, 60_000);
});

describe('a flood of customer lookups', () => {
  it('lets a counter look up 30 customers a minute and refuses the bulk read beyond', async () => {
    const counter = await connect('role=counter&window=7', '127.0.0.31');
    expect((await counter.call('auth.login', { staffNo: '1009', pin: '123456' })).ok).toBe(true);
    const replies = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        counter.call('customer.search', { query: `13800${String(i).padStart(6, '0')}`, limit: 20 }),
      ),
    );
    expect(replies.filter((r) => r.ok)).toHaveLength(30);
    const refused = replies.filter((r) => !r.ok);
    expect(refused.every((r) => r.error?.code === 'rate_limited' && r.error.key === 'customer.tooManyLookups')).toBe(
      true,
    );
    // Views are lookups too: the detail page of a known customer is refused as well.
    expect((await counter.call('customer.view', { customerId: 1 })).error?.code).toBe('rate_limited');
    const flood = audited('customer.rateLimited').filter((d) => String(d.source).includes('127.0.0.31'));
    expect(flood).toHaveLength(1);
    expect(flood[0]).toMatchObject({ role: 'counter', windowNo: 7, limit: 'lookups' });
    // The agent at the next counter works on.
    const next = await connect('role=counter&window=8', '127.0.0.32');
    expect((await next.call('auth.login', { staffNo: '1010', pin: '123456' })).ok).toBe(true);
    expect((await next.call('customer.search', { query: '13800000000', limit: 20 })).ok).toBe(true);
    counter.close();
    next.close();
  }, 60_000);

  it('stops a kiosk from walking the directory through identify', async () => {
    const kiosk = await connect('role=kiosk', '127.0.0.33');
    const replies = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        kiosk.call('kiosk.identify', { by: 'account', accountNo: String(3_100_000_000 + i) }),
      ),
    );
    const limited = replies.filter((r) => r.error?.code === 'rate_limited');
    expect(limited.length).toBeGreaterThanOrEqual(70);
    expect(limited[0]!.error!.key).toBe('customer.tooManyLookups');
    kiosk.close();
  }, 60_000);
});

describe('who the budgets apply to', () => {
  it('both adapters give their callers a source (budgets skip only in-process callers)', async () => {
    const registry = new WindowRegistry();
    expect(registry.register(11, 'kiosk', null).source).toBe('ipc:kiosk');
    expect(registry.register(12, 'counter', 3).source).toBe('ipc:counter:3');
    // Browser mode: the socket's remote address, as the ticket flood's audit entry above names it.
    const kiosk = await connect('role=kiosk', '127.0.0.41');
    expect((await kiosk.call('queue.issueTicket', { businessType: 'PAY' })).ok).toBe(true);
    kiosk.close();
    const issued = rows<{ detail: string }>(`SELECT detail FROM audit_log WHERE action = 'queue.rateLimited'`).map(
      (r) => String((JSON.parse(r.detail) as { source: unknown }).source),
    );
    expect(issued.some((source) => /^(::ffff:)?127\.0\.0\.21$/.test(source))).toBe(true);
  });
});
