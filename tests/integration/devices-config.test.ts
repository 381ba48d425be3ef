/**
 * devices.json drives the station's drivers: the printer named by the config is the one that
 * prints, saving a new config from the devices page moves printing to the new printer with the
 * queued jobs kept (print-jobs.db), a bad config is refused naming the field and changes nothing,
 * and readers behind a serial-to-TCP server or on USB HID are driven from their rules.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startPrinterSimulator,
  type DecodedReceipt,
  type PrinterSimulator,
} from '../../devices/simulators/printer-simulator';
import { startIdCardTcpServer, startSimulatedHidReader } from '../../devices/simulators/idcard-links';
import type { CallerContext } from '../../main/services/caller';
import { startStationHost, type StationHost } from '../../main/host';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';
import { nextEvent } from '../support/events';
import { RESIDENT } from '../unit/devices/idcard-fixtures';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const tech: CallerContext = {
  connectionId: 'tech',
  source: 'local:test',
  role: 'devices',
  windowNo: null,
  session: null,
};

const printerConfig = (port: number, id = 'front-printer'): string =>
  JSON.stringify(
    {
      version: 1,
      devices: [{ id, driver: 'escpos-printer', label: '前台打印机', match: { host: '127.0.0.1', port } }],
    },
    null,
    2,
  );

async function stationWith(
  configText: string | null,
  extra: Parameters<typeof startStationHost>[0] extends infer O ? Partial<O> : never = {},
): Promise<StationHost> {
  const dataDir = seededDataDir('station.db', path.join(makeTempDir('dev-config-'), 'station'));
  if (configText) fs.writeFileSync(path.join(dataDir, 'devices.json'), configText);
  const host = await startStationHost({
    dataDir,
    configuredDevices: { printWaitMs: 2000, retryDelayMs: 50, reconnectMs: 100 },
    ...extra,
  });
  cleanups.push(() => host.close());
  expect((await host.router.call(tech, 'auth.login', { staffNo: '1020', pin: '123456' })).ok).toBe(true);
  return host;
}

async function printer(): Promise<PrinterSimulator> {
  const sim = await startPrinterSimulator();
  cleanups.push(() => sim.close());
  return sim;
}

/** Resolves once `count` more receipts have come out of `sim`. */
const receiptsUntil = (sim: PrinterSimulator, count: number): Promise<DecodedReceipt[]> =>
  new Promise((resolve) => {
    const got: DecodedReceipt[] = [];
    const off = sim.onReceipt((r) => {
      got.push(r);
      if (got.length < count) return;
      off();
      resolve(got);
    });
  });

const nextReceipt = (sim: PrinterSimulator): Promise<DecodedReceipt> =>
  new Promise((resolve) => {
    const off = sim.onReceipt((r) => {
      off();
      resolve(r);
    });
  });

describe('devices.json drives the printer', () => {
  it('prints on the configured printer; a saved config moves the next job to the new printer and keeps queued jobs', async () => {
    const first = await printer();
    const second = await printer();
    const host = await stationWith(printerConfig(first.address().port));

    const status = await host.router.call(tech, 'devices.status', {});
    expect(status).toMatchObject({
      ok: true,
      value: { printer: { name: `ESC/POS 127.0.0.1:${first.address().port}`, connected: true } },
    });
    const onFirst = nextReceipt(first);
    const confirmed = nextEvent(host.events, 'devices.log', (e) => /已打印 printed test_page/.test(e.message));
    expect((await host.router.call(tech, 'devices.printTest', {})).ok).toBe(true);
    expect((await onFirst).text).toContain('打印测试页');
    await confirmed;

    // A job the first printer cannot take (paper out) stays queued in print-jobs.db…
    first.setPaperOut(true);
    const kept = await host.router.call(tech, 'devices.printSample', { kind: 'payment_receipt' });
    expect(kept.ok).toBe(true);
    const failed = await nextEvent(
      host.events,
      'devices.log',
      (e) => e.device === 'printer' && /未打印/.test(e.message),
    );
    expect(failed.level).toBe('warn');

    // …and comes out of the printer the saved config points at, as does a slip asked for during the switch.
    const twoOnSecond = receiptsUntil(second, 2);
    const keptConfirmed = nextEvent(host.events, 'devices.log', (e) =>
      /已打印 printed payment_receipt/.test(e.message),
    );
    const [saved, during] = await Promise.all([
      host.router.call(tech, 'devices.saveConfig', { text: printerConfig(second.address().port, 'back-printer') }),
      host.router.call(tech, 'devices.printSample', { kind: 'acceptance_slip' }),
    ]);
    expect(saved.ok && during.ok).toBe(true);
    const texts = (await twoOnSecond).map((r) => r.text);
    expect(texts.some((t) => t.includes('电费缴费凭证'))).toBe(true);
    expect(texts.some((t) => t.includes('业务受理回执'))).toBe(true);
    await keptConfirmed;
    const overview = await host.router.call(tech, 'devices.overview', {});
    // The switch is logged as a clean close, not as a lost printer.
    expect(overview.ok && overview.value.log.filter((l) => l.device === 'printer' && l.level === 'error')).toEqual([]);
    expect(overview.ok && overview.value.jobs.find((j) => kept.ok && j.id === kept.value.jobId)).toMatchObject({
      state: 'printed',
    });

    const onSecond = nextReceipt(second);
    expect((await host.router.call(tech, 'devices.printTest', {})).ok).toBe(true);
    expect((await onSecond).text).toContain('打印测试页');
    expect(first.receipts()).toHaveLength(1);
    expect(first.connections()).toBe(0);
    expect(await host.router.call(tech, 'devices.status', {})).toMatchObject({
      ok: true,
      value: { printer: { name: `ESC/POS 127.0.0.1:${second.address().port}` } },
    });
  });

  it('a bad config is refused naming the field, the file is unchanged and the running printer keeps printing', async () => {
    const sim = await printer();
    const host = await stationWith(printerConfig(sim.address().port));
    const before = await host.router.call(tech, 'devices.config', {});

    const noTarget = JSON.stringify({
      version: 1,
      devices: [{ id: 'p', driver: 'escpos-printer', match: { vendorId: '0416' } }],
    });
    expect(await host.router.call(tech, 'devices.saveConfig', { text: noTarget })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'devices.0.match' },
    });
    const badPort = JSON.stringify({
      version: 1,
      devices: [{ id: 'p', driver: 'escpos-printer', match: { host: '127.0.0.1', port: 70000 } }],
    });
    expect(await host.router.call(tech, 'devices.saveConfig', { text: badPort })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'devices.0.match.port' },
    });
    expect(await host.router.call(tech, 'devices.config', {})).toEqual(before);

    const next = nextReceipt(sim);
    expect((await host.router.call(tech, 'devices.printTest', {})).ok).toBe(true);
    expect((await next).text).toContain('打印测试页');
  });

  it('no printer rule: printing says so, and a saved rule starts the printer without a restart', async () => {
    const sim = await printer();
    const host = await stationWith(null);
    expect(await host.router.call(tech, 'devices.printTest', {})).toMatchObject({
      ok: false,
      error: { code: 'device_error', message: expect.stringMatching(/未配置打印机/) },
    });
    expect((await host.router.call(tech, 'devices.saveConfig', { text: printerConfig(sim.address().port) })).ok).toBe(
      true,
    );
    const next = nextReceipt(sim);
    expect((await host.router.call(tech, 'devices.printTest', {})).ok).toBe(true);
    expect((await next).text).toContain('打印测试页');
  });
});

type Reader = { connected: boolean; name: string };
async function readerUntil(host: StationHost, wanted: (r: Reader) => boolean): Promise<Reader> {
  for (;;) {
    const changed = nextEvent(host.events, 'devices.changed');
    const o = await host.router.call(tech, 'devices.overview', {});
    if (o.ok && wanted(o.value.reader)) return o.value.reader;
    await changed;
  }
}

describe('devices.json drives the ID card reader', () => {
  it('a reader behind a serial-to-TCP server, started from its rule', async () => {
    const server = await startIdCardTcpServer({ card: { fields: RESIDENT } });
    cleanups.push(() => server.close());
    const { host: h, port } = server.address();
    const host = await stationWith(
      JSON.stringify({ version: 1, devices: [{ id: 'net-reader', driver: 'ga467-idcard', match: { host: h, port } }] }),
    );
    expect(await readerUntil(host, (r) => r.connected)).toMatchObject({ name: `GA 467 tcp:${h}:${port}` });
    expect(await host.router.call(tech, 'devices.readIdCard', {})).toMatchObject({
      ok: true,
      value: { name: '张*', nation: '汉' },
    });
  });

  it('a USB HID reader matched by vendor/product id, found by discovery', async () => {
    const sim = await startSimulatedHidReader({ card: { fields: RESIDENT }, vendorId: 0x0400, productId: 0xc35a });
    cleanups.push(() => sim.close());
    const host = await stationWith(
      JSON.stringify({
        version: 1,
        devices: [{ id: 'hid-reader', driver: 'ga467-idcard', match: { vendorId: '0400', productId: 'C35A' } }],
      }),
      {
        discoverDevices: true,
        discovery: {
          sources: {
            hid: async () =>
              (await sim.backend.devices()).map((d) => ({
                path: d.path ?? null,
                vendorId: '0400',
                productId: 'C35A',
                interface: 0,
              })),
            serial: async () => [],
          },
          minIntervalMs: 30,
          maxIntervalMs: 60,
          probeSerial: null,
        },
        configuredDevices: { hidBackend: sim.backend, reconnectMs: 100 },
      },
    );
    expect(await readerUntil(host, (r) => r.connected)).toMatchObject({ name: `GA 467 hid:${sim.path}` });
    expect(await host.router.call(tech, 'devices.readIdCard', {})).toMatchObject({ ok: true, value: { name: '张*' } });
    sim.unplug();
    await readerUntil(host, (r) => !r.connected);
  });
});
