import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustomerGenerator, DEFAULT_SEED } from '../../hall/seed';
import { startDemoHall, type DemoHall } from '../../hall/demo-hall';
import { createLogger, logDirOf, type HallLogger } from '../../node/log/logger';
import type { CallerContext } from '../../main/services/caller';
import { makeTempDir } from '../support/hall-fixture';

/*
 * A real demo hall (central, station host over HTTP, simulated devices) logging to files, put
 * through a counter's work with real customers: the log files must hold the run and none of the
 * customers' names, ID numbers or phone numbers; /healthz of the station and of the central report
 * their state without ids; station.recentErrors serves the redacted warnings to staff only.
 */
const CUSTOMERS = 40;
const counter: CallerContext = {
  connectionId: 'counter-3',
  source: 'local:test',
  role: 'counter',
  windowNo: 3,
  session: null,
};
const devicesPage: CallerContext = {
  connectionId: 'devices-1',
  source: 'local:test',
  role: 'devices',
  windowNo: null,
  session: null,
};

let root: string;
let hall: DemoHall;
let logger: HallLogger;
// The demo hall's customers, as the seed made them (same generator, same seed, same order).
const gen = new CustomerGenerator(DEFAULT_SEED);
const people = Array.from({ length: CUSTOMERS }, (_, i) => gen.next(i + 1));

beforeAll(async () => {
  root = makeTempDir('logs-health-');
  const rendererDir = path.join(root, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>hall</title>');
  logger = await createLogger({ name: 'station', dir: logDirOf(root), console: false });
  hall = await startDemoHall({
    dataDir: root,
    customers: CUSTOMERS,
    historyDays: 7,
    stations: [{ name: 'station', port: 0 }],
    rendererDir,
    logger,
  });
  await hall.stations.station!.sync!.idle();
}, 120_000);

afterAll(async () => {
  await hall?.close();
  await logger?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('a demo hall at work', () => {
  it('a counter searches, opens and reveals customers; hostile input is refused', async () => {
    const { router } = hall.stations.station!;
    expect((await router.call(counter, 'auth.login', { staffNo: '1007', pin: '123456' })).ok).toBe(true);
    for (const person of people.slice(0, 8)) {
      const found = await router.call(counter, 'customer.search', { query: person.name });
      expect(found.ok).toBe(true);
      await router.call(counter, 'customer.search', { query: person.idNumber });
      await router.call(counter, 'customer.search', { query: person.phone });
      await router.call(counter, 'customer.view', { customerId: person.id });
      await router.call(counter, 'customer.reveal', { customerId: person.id, field: 'idNumber' });
    }
    // Input the API refuses, carrying personal data in every field it can.
    const hostile = `${people[0]!.name}${people[0]!.idNumber}${people[0]!.phone}`.repeat(3);
    expect((await router.call(counter, 'customer.search', { query: hostile })).ok).toBe(false);
    await router.call(counter, `no.such.${people[1]!.idNumber}` as 'customer.search', { query: people[1]!.name });
    // A warning of the station's own quoting a customer's numbers, as a careless service might write one.
    logger.line(`customer ${people[2]!.idNumber} lookup failed: phone ${people[2]!.phone}`);
  });

  it('the log files hold the run, and no name, ID number or phone number of any customer', async () => {
    logger.flushSync();
    const dir = logDirOf(root);
    const text = fs
      .readdirSync(dir)
      .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
      .join('');
    expect(text).toContain('ready at http://127.0.0.1:');
    expect(text).toContain('unknown method');
    expect(text).toContain('lookup failed');
    const leaks = people.flatMap((p) => [p.name, p.idNumber, p.phone]).filter((secret) => text.includes(secret));
    expect(
      leaks,
      text
        .split('\n')
        .filter((l) => leaks.some((s) => l.includes(s)))
        .join('\n'),
    ).toEqual([]);
  });

  it('station.recentErrors: the redacted warnings, to the devices page and the manager only', async () => {
    const { router } = hall.stations.station!;
    expect((await router.call(devicesPage, 'auth.login', { staffNo: '1020', pin: '123456' })).ok).toBe(true);
    const r = await router.call(devicesPage, 'station.recentErrors', { limit: 10 });
    if (!r.ok) throw new Error(r.error.message);
    const last = r.value.at(-1)!;
    expect(last).toMatchObject({ level: 'warn' });
    expect(last.message).toContain('lookup failed');
    expect(last.message).not.toContain(people[2]!.idNumber);
    expect(last.message).not.toContain(people[2]!.phone);
    expect((await router.call(counter, 'station.recentErrors', { limit: 10 })).ok).toBe(false);
  });

  it('GET /healthz of the station: version, uptime, database, sync and devices, no ids', async () => {
    const station = hall.stations.station!;
    const res = await fetch(`${station.url}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({
      ok: true,
      program: 'station',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      uptimeSeconds: expect.any(Number),
      database: 'ok',
      sync: { mode: 'online', pending: expect.any(Number), lagSeconds: expect.any(Number) },
      devices: { printer: 'connected', reader: 'connected', pad: expect.stringMatching(/^(dis)?connected$/) },
    });
    const text = JSON.stringify(body);
    for (const id of [station.storage.stationId, station.storage.hallId]) expect(text).not.toContain(id);
  });

  it('GET /healthz of the central: a hub with its database answering, no halls or stations', async () => {
    const res = await fetch(`${hall.central.url}/healthz`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({
      ok: true,
      program: 'central',
      version: expect.any(String),
      uptimeSeconds: expect.any(Number),
      database: 'ok',
      sync: { mode: 'hub', pending: 0, lagSeconds: null },
    });
    expect(JSON.stringify(body)).not.toContain('H001');
  });
});
