/**
 * A real serial ID card reader found by discovery: the station enumerates (sources pointed at a
 * socat pty pair, as SerialPort.list() does not list ptys), probes it with 11 FF, drives it as the
 * station's reader, and lets it go when it disappears from the enumeration.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SerialPortInfo } from '../../devices/transport/serial-transport';
import { SerialTransport } from '../../devices/transport/serial-transport';
import { IdCardSimulator } from '../../devices/simulators/idcard-simulator';
import type { CallerContext } from '../../main/services/caller';
import { startStationHost, type StationHost } from '../../main/host';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';
import { nextEvent } from '../support/events';
import { RESIDENT } from '../unit/devices/idcard-fixtures';
import { ptyPair, socatAvailable } from '../unit/devices/pty-pair';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type Reader = { connected: boolean; name: string };
async function readerUntil(host: StationHost, tech: CallerContext, wanted: (r: Reader) => boolean): Promise<Reader> {
  for (;;) {
    const changed = nextEvent(host.events, 'devices.changed');
    const o = await host.router.call(tech, 'devices.overview', {});
    if (o.ok && wanted(o.value.reader)) return o.value.reader;
    await changed;
  }
}

describe.skipIf(!socatAvailable)('discovery gives the station its reader', () => {
  it('probes an enumerated serial port, reads a card through it, and drops it when unplugged', async () => {
    const pair = await ptyPair();
    cleanups.push(() => void pair.process.kill());
    const sim = await IdCardSimulator.start(new SerialTransport({ path: pair.a }), { card: { fields: RESIDENT } });
    cleanups.push(() => sim.close());

    let serial: SerialPortInfo[] = [{ path: pair.b } as SerialPortInfo];
    const dataDir = seededDataDir('station.db', path.join(makeTempDir('dev-disc-'), 'station'));
    const host = await startStationHost({
      dataDir,
      discoverDevices: true,
      discovery: { sources: { hid: async () => [], serial: async () => serial }, minIntervalMs: 30, maxIntervalMs: 60 },
    });
    cleanups.push(() => host.close());
    const tech: CallerContext = {
      connectionId: 't',
      source: 'local:test',
      role: 'devices',
      windowNo: null,
      session: null,
    };
    expect((await host.router.call(tech, 'auth.login', { staffNo: '1020', pin: '123456' })).ok).toBe(true);

    expect(await readerUntil(host, tech, (r) => r.connected)).toMatchObject({ name: `GA 467 serial:${pair.b}` });
    expect(await host.router.call(tech, 'devices.readIdCard', {})).toMatchObject({
      ok: true,
      value: { name: '张*', nation: '汉' },
    });
    const overview = await host.router.call(tech, 'devices.overview', {});
    expect(overview.ok && overview.value.attached).toEqual([
      expect.objectContaining({ kind: 'serial', path: pair.b, driver: 'ga467-idcard', via: 'probe' }),
    ]);

    serial = [];
    await readerUntil(host, tech, (r) => !r.connected);
    expect(await host.router.call(tech, 'devices.readIdCard', {})).toMatchObject({
      ok: false,
      error: { code: 'device_error' },
    });
  });
});
