import http from 'node:http';
import path from 'node:path';
import vm from 'node:vm';
import v8 from 'node:v8';
import WebSocket, { WebSocketServer } from 'ws';
import { startCentral } from '../central/server';
import type { CallerContext } from '../main/api/router';
import { startStationHost } from '../main/host';
import { makeTempDir, seededDataDir } from '../tests/support/hall-fixture';
import { figure, percentile, type BenchResult } from './harness';

/**
 * Queue figures (issue 5), each against a baseline of the same run:
 * 1. issue-to-display latency p99 with 100 connected WebSocket display clients (kiosk issues over its
 *    own socket; latency = until each display has the queue.changed push) vs a bare ws echo round trip;
 * 2. ticket operations per second on one central (issue, call, start, finish pushed in batches of 100);
 * 3. heap after each of 10 simulated busy days on one station (300 tickets a day, every one served).
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const CLIENTS = 100;
const ISSUES = 60;

const open = (url: string) => new Promise<WebSocket>((resolve, reject) => { const ws = new WebSocket(url); ws.once('open', () => resolve(ws)); ws.once('error', reject); });

async function echoBaselineP99(samples: number): Promise<number> {
  const server = http.createServer();
  const wss = new WebSocketServer({ server });
  wss.on('connection', (s) => s.on('message', (d) => s.send(d.toString())));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  const ws = await open(`ws://127.0.0.1:${port}`);
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    await new Promise<void>((resolve) => { ws.once('message', () => resolve()); ws.send(JSON.stringify({ i, pad: 'x'.repeat(200) })); });
    times.push(performance.now() - t0);
  }
  ws.close();
  wss.close();
  await new Promise<void>((r) => server.close(() => r()));
  return percentile(times.sort((a, b) => a - b), 99);
}

async function issueToDisplayP99(): Promise<number> {
  const host = await startStationHost({ dataDir: seededDataDir('station.db', makeTempDir('bench-queue-')), http: { port: 0, rendererDir: path.join(ROOT, 'out/renderer') } });
  const base = host.url!.replace(/^http/, 'ws');
  const displays = await Promise.all(Array.from({ length: CLIENTS }, () => open(`${base}/api?role=display`)));
  const kiosk = await open(`${base}/api?role=kiosk`);
  const times: number[] = [];
  for (let i = 0; i < ISSUES; i++) {
    const t0 = performance.now();
    const arrived = displays.map(
      (d) =>
        new Promise<void>((resolve) => {
          const on = (data: WebSocket.RawData) => {
            if ((JSON.parse(data.toString()) as { event?: string }).event !== 'queue.changed') return;
            times.push(performance.now() - t0);
            d.off('message', on);
            resolve();
          };
          d.on('message', on);
        }),
    );
    kiosk.send(JSON.stringify({ id: i + 1, method: 'queue.issueTicket', input: { businessType: 'PAY' } }));
    await Promise.all(arrived);
  }
  for (const d of [...displays, kiosk]) d.close();
  await host.close();
  return percentile(times.sort((a, b) => a - b), 99);
}

async function centralOpsPerSec(tickets: number): Promise<number> {
  const central = await startCentral({ dbFile: path.join(seededDataDir('central.db', makeTempDir('bench-central-')), 'central.db') });
  const muts: { id: number; name: string; args: unknown; createdAt: string }[] = [];
  let id = 0;
  const add = (name: string, args: unknown) => muts.push({ id: ++id, name, args, createdAt: '2026-11-23T01:00:00.000Z' });
  for (let k = 0; k < tickets; k++) {
    const day = `2026-11-${String(1 + Math.floor(k / 900)).padStart(2, '0')}`;
    const seq = (k % 900) + 1;
    const at = (s: number) => new Date(Date.parse(`${day}T01:00:00.000Z`) + seq * 60_000 + s * 1000).toISOString();
    const t = `tk-bench-${k}`;
    add('ticket.issue', { id: t, hallId: 'H001', day, businessType: 'PAY', priority: 'normal', number: `A${String(seq).padStart(3, '0')}`, issuedAt: at(0), issuedBy: 'bench' });
    add('ticket.call', { callId: `call-bench-${k}`, ticketId: t, windowNo: 1, staffId: 'S1002', at: at(1) });
    add('ticket.start', { ticketId: t, windowNo: 1, at: at(2) });
    add('ticket.finish', { ticketId: t, windowNo: 1, at: at(3) });
  }
  // A whole-hall station enrolled like any other, so the bench pays for authentication too.
  const enrolled = await fetch(`${central.url}/v1/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: central.issueEnrollmentCode('H001', 'hall'), clientId: 'bench-client' }) });
  const { token } = (await enrolled.json()) as { token: string };
  const t0 = performance.now();
  for (let i = 0; i < muts.length; i += 100) {
    const res = await fetch(`${central.url}/v1/push`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ clientId: 'bench-client', hallId: 'H001', mutations: muts.slice(i, i + 100) }) });
    const body = (await res.json()) as { rejected: unknown[]; error?: unknown };
    if (!body.rejected) throw new Error(`bench push refused: ${JSON.stringify(body.error)}`);
    if (body.rejected.length) throw new Error(`bench mutation rejected: ${JSON.stringify(body.rejected[0])}`);
  }
  const sec = (performance.now() - t0) / 1000;
  await central.close();
  return muts.length / sec;
}

async function heapAcrossDays(days: number, perDay: number): Promise<number[]> {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const clock = { t: Date.parse('2026-11-01T00:30:00.000Z'), now() { return new Date(this.t); } };
  const host = await startStationHost({ dataDir: seededDataDir('station.db', makeTempDir('bench-days-')), clock });
  const kiosk: CallerContext = { connectionId: 'k', role: 'kiosk', windowNo: null, session: null };
  const counter: CallerContext = { connectionId: 'c', role: 'counter', windowNo: 11, session: null };
  const heaps: number[] = [];
  for (let d = 0; d < days; d++) {
    clock.t = Date.parse('2026-11-01T00:30:00.000Z') + d * 86_400_000;
    const login = await host.router.call(counter, 'auth.login', { staffNo: '1012', pin: '123456' });
    if (!login.ok) throw new Error(login.error.message);
    for (let i = 0; i < perDay; i++) {
      clock.t += 1000;
      const r = await host.router.call(kiosk, 'queue.issueTicket', { businessType: i % 3 === 0 ? 'INV' : 'PAY' });
      if (!r.ok) throw new Error(r.error.message);
      const c = await host.router.call(counter, 'counter.callNext', {});
      if (!c.ok || !c.value) throw new Error('call failed');
      await host.router.call(counter, 'counter.start', { ticketId: c.value.id });
      await host.router.call(counter, 'counter.finish', { ticketId: c.value.id });
    }
    gc();
    heaps.push(process.memoryUsage().heapUsed / 2 ** 20);
  }
  await host.close();
  return heaps;
}

export async function queueBench(): Promise<BenchResult> {
  const echo = await echoBaselineP99(CLIENTS * ISSUES);
  const latency = await issueToDisplayP99();
  const ops = await centralOpsPerSec(2500);
  const heaps = await heapAcrossDays(10, 300);
  console.log(`  heap per day (MiB): ${heaps.map((h) => h.toFixed(1)).join(', ')}`);
  return {
    bench: 'queue',
    figures: [
      figure('issue-to-display latency p99, 100 WebSocket display clients', latency, 'ms', { name: 'bare ws echo round trip p99', value: echo }, { target: '≤ 5×' }),
      figure('ticket operations per second on one central (issue/call/start/finish, batches of 100)', ops, 'ops/s', undefined, { target: '≥ 2,000' }),
      figure('heap after day 10 of 10 busy days (300 tickets/day)', heaps[heaps.length - 1]!, 'MiB', { name: 'heap after day 1', value: heaps[0]! }, { target: 'flat (≈ 1×)', note: `per day: ${heaps.map((h) => h.toFixed(1)).join(', ')}` }),
    ],
  };
}
