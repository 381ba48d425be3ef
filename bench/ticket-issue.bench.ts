import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { BUSINESS_TYPES } from '@common/domain/business-types';
import { isLeasedNumber } from '@common/sync/number-leases';
import { DEFAULT_AUTHORITY_TIMEOUT_MS } from '@common/sync/ticket-issue';
import { startCentral } from '../central/server';
import type { CallerContext } from '../main/services/caller';
import { startStationHost, type StationHost } from '../main/host';
import { makeTempDir, seededDataDir } from '../tests/support/hall-fixture';
import { figure, percentile, type BenchResult, type Figure } from './harness';

/**
 * Issue latency at a kiosk (the station API call a kiosk makes, through the router, to the ticket it
 * prints), three ways in one run: the hall's authority on the LAN numbering and recording each ticket
 * (a central on loopback); the authority unreachable (its host refuses connections, or it never
 * answers), so the kiosk issues from its lease; and the baseline, a station that numbers from its own
 * data (a stand-alone station, the local path every ticket took before the authority). Each sample of
 * a path is taken alternately with one of the baseline, so load on the machine weighs on both alike.
 */
const kiosk: CallerContext = {
  connectionId: 'bench-kiosk',
  source: 'local:test',
  role: 'kiosk',
  windowNo: null,
  session: null,
};
const ONLINE = 400;
const LEASED = 150;
const SILENT = 12;
const WARMUP = 15;
/** One business type per number prefix: samples rotate across the series (each caps at 599 online a day). */
const TYPES = [...new Map(BUSINESS_TYPES.map((t) => [t.prefix, t.code])).values()];

/** A LAN link to the authority that passes, refuses connections (host down) or swallows requests (no answer). */
async function switchableLink(target: string) {
  let mode: 'pass' | 'refuse' | 'silent' = 'pass';
  const server = http.createServer((req, res) => {
    if (mode === 'refuse') return void req.socket.destroy();
    if (mode === 'silent') return; // held until the client gives up
    const up = http.request(new URL(req.url ?? '/', target), { method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => req.socket.destroy());
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    set: (m: typeof mode) => {
      mode = m;
      server.closeAllConnections();
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function timedIssue(s: StationHost, i: number): Promise<{ ms: number; number: string }> {
  const t0 = performance.now();
  const r = await s.router.call(kiosk, 'queue.issueTicket', { businessType: TYPES[i % TYPES.length]! });
  const ms = performance.now() - t0;
  if (!r.ok) throw new Error(`issue failed: ${r.error.message}`);
  return { ms, number: r.value.ticket.number };
}

/** `n` samples of `path`, each followed by one of `baseline`; the warm-up of both is dropped. */
async function alternate(
  n: number,
  warmup: number,
  measured: (i: number) => Promise<{ ms: number; number: string }>,
  baseline: (i: number) => Promise<{ ms: number }>,
  check: (number: string) => void,
) {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < n + warmup; i++) {
    const m = await measured(i);
    check(m.number);
    const base = await baseline(i);
    if (i >= warmup) {
      a.push(m.ms);
      b.push(base.ms);
    }
  }
  return { measured: a.sort((x, y) => x - y), baseline: b.sort((x, y) => x - y) };
}

const tailFigures = (label: string, r: { measured: number[]; baseline: number[] }, extra: Partial<Figure>) => [
  figure(
    `${label} p50`,
    percentile(r.measured, 50),
    'ms',
    { name: 'local issue p50', value: percentile(r.baseline, 50) },
    { note: `${r.measured.length} issues, each followed by a local one` },
  ),
  figure(
    `${label} p99`,
    percentile(r.measured, 99),
    'ms',
    { name: 'local issue p99', value: percentile(r.baseline, 99) },
    extra,
  ),
];

export async function ticketIssueBench(): Promise<BenchResult> {
  const central = await startCentral({
    dbFile: path.join(seededDataDir('central.db', makeTempDir('bench-issue-central-')), 'central.db'),
  });
  const link = await switchableLink(central.url);
  const stations: StationHost[] = [];
  const station = async (centralUrl?: string) => {
    const s = await startStationHost({
      dataDir: seededDataDir('station.db', makeTempDir('bench-issue-station-')),
      centralUrl,
      enrollCode: centralUrl ? central.issueEnrollmentCode('H001', 'kiosk') : undefined,
    });
    stations.push(s);
    s.sync?.trigger();
    await s.sync?.idle();
    return s;
  };
  try {
    const local = await station();
    const onLan = await station(central.url);
    const cutOff = await station(link.url);
    const localIssue = (i: number) => timedIssue(local, i);
    const online = (n: string) => {
      if (isLeasedNumber(n)) throw new Error(`online issue took a leased number ${n}`);
    };
    const leased = (n: string) => {
      if (!isLeasedNumber(n)) throw new Error(`unreachable authority, yet ${n} is no leased number`);
    };

    const lan = await alternate(ONLINE, WARMUP, (i) => timedIssue(onLan, i), localIssue, online);
    // The kiosk behind the switchable link issues online for a while: its rate sizes its leases.
    await alternate(ONLINE / 2, 0, (i) => timedIssue(cutOff, i), localIssue, online);
    cutOff.sync!.trigger();
    await cutOff.sync!.idle();
    const hallDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const stock = await cutOff.storage.run('leasedStock', { day: hallDay });
    // As many lease issues as the kiosk's leases hold (they cover half an hour at its rate, not a flood).
    const perPrefix = Math.min(...TYPES.map((code) => stock[BUSINESS_TYPES.find((t) => t.code === code)!.prefix] ?? 0));
    const leasedSamples = Math.min(LEASED, perPrefix * TYPES.length - SILENT - 2 - TYPES.length);
    link.set('refuse');
    const refused = await alternate(leasedSamples, 2, (i) => timedIssue(cutOff, i), localIssue, leased);
    link.set('silent');
    const silent = await alternate(SILENT, 0, (i) => timedIssue(cutOff, i), localIssue, leased);

    return {
      bench: 'ticket-issue',
      figures: [
        ...tailFigures('issue at a kiosk, authority on the LAN', lan, {
          target: '< 100 ms',
          note: `the authority numbers and records the ticket in the same round trip (POST /v1/tickets/issue on loopback); 1-min load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`,
        }),
        ...tailFigures('issue at a kiosk, authority host down (lease)', refused, {
          target: '< 100 ms',
          note: `connection refused at once, the number comes from the kiosk's lease (${refused.measured.length} issues; ${perPrefix}+ leased numbers per prefix held after ${ONLINE / 2} issues online, sized from that rate)`,
        }),
        figure(
          'issue at a kiosk, authority silent (lease) p50',
          percentile(silent.measured, 50),
          'ms',
          { name: 'local issue p50', value: percentile(silent.baseline, 50) },
          {
            target: `≈ ${DEFAULT_AUTHORITY_TIMEOUT_MS} ms wait`,
            note: `${SILENT} issues: the kiosk waits the configured ${DEFAULT_AUTHORITY_TIMEOUT_MS} ms for an answer, then prints from its lease`,
          },
        ),
      ],
    };
  } finally {
    for (const s of stations) await s.close();
    await link.close();
    await central.close();
  }
}
