import { afterEach, describe, expect, it } from 'vitest';
import { parseDeviceConfig } from '../../../devices/config/device-config';
import {
  DeviceDiscovery,
  probeSamReader,
  systemSources,
  type DiscoveryEvent,
  type DiscoverySources,
} from '../../../devices/discovery/device-discovery';
import { IdCardSimulator } from '../../../devices/simulators/idcard-simulator';
import type { HidDeviceInfo } from '../../../devices/transport/hid-transport';
import { SerialTransport, type SerialPortInfo } from '../../../devices/transport/serial-transport';
import { DeviceError } from '../../../devices/transport/transport';
import { RESIDENT } from './idcard-fixtures';
import { ptyPair, socatAvailable } from './pty-pair';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** What the OS would enumerate, changed by the test between scans (a plug and an unplug). */
function bench() {
  const state = { hid: [] as HidDeviceInfo[], serial: [] as SerialPortInfo[], failSerial: false };
  const sources: DiscoverySources = {
    hid: async () => state.hid,
    serial: async () => {
      if (state.failSerial) throw new DeviceError('open_failed', 'udev not answering');
      return state.serial;
    },
  };
  return { state, sources };
}

const PAD: HidDeviceInfo = {
  path: '/dev/hidraw3',
  vendorId: '056a',
  productId: '00a4',
  product: 'STU-540',
} as HidDeviceInfo;
const USB_SERIAL: SerialPortInfo = { path: '/dev/ttyUSB0', vendorId: '10c4', productId: 'ea60' } as SerialPortInfo;

describe('device discovery', () => {
  it('real enumeration answers (possibly empty) without throwing', async () => {
    const found = await new DeviceDiscovery({ sources: systemSources, probeSerial: null }).scan();
    expect(Array.isArray(found)).toBe(true);
  });

  it('reports attach and detach between scans and matches the config', async () => {
    const { state, sources } = bench();
    const config = parseDeviceConfig({
      version: 1,
      devices: [{ id: 'pad', driver: 'signature-pad', match: { vendorId: '056a' } }],
    });
    const discovery = new DeviceDiscovery({ sources, config, probeSerial: null });
    const events: DiscoveryEvent[] = [];
    discovery.on((e) => events.push(e));
    expect(await discovery.scan()).toEqual([]);
    state.hid = [PAD];
    await discovery.scan();
    expect(events).toEqual([
      {
        type: 'attached',
        device: expect.objectContaining({
          key: 'hid:/dev/hidraw3',
          vendorId: 0x056a,
          driver: 'signature-pad',
          via: 'pad',
        }),
      },
    ]);
    await discovery.scan();
    expect(events).toHaveLength(1); // still there: no second attach
    state.hid = [];
    await discovery.scan();
    expect(events[1]).toMatchObject({ type: 'detached', device: { key: 'hid:/dev/hidraw3' } });
  });

  it('backs off while nothing changes and snaps back after a change', async () => {
    const { state, sources } = bench();
    const discovery = new DeviceDiscovery({ sources, probeSerial: null, minIntervalMs: 100, maxIntervalMs: 800 });
    const intervals: number[] = [];
    for (let i = 0; i < 5; i++) {
      await discovery.scan();
      intervals.push(discovery.currentIntervalMs);
    }
    expect(intervals).toEqual([200, 400, 800, 800, 800]);
    state.serial = [USB_SERIAL];
    await discovery.scan();
    expect(discovery.currentIntervalMs).toBe(100);
  });

  it('a failing source is an error event, not a false detach', async () => {
    const { state, sources } = bench();
    state.serial = [USB_SERIAL];
    const discovery = new DeviceDiscovery({ sources, probeSerial: null });
    await discovery.scan();
    const events: DiscoveryEvent[] = [];
    discovery.on((e) => events.push(e));
    state.failSerial = true;
    const still = await discovery.scan();
    expect(still.map((d) => d.key)).toEqual(['serial:/dev/ttyUSB0']);
    expect(events).toEqual([{ type: 'error', error: expect.objectContaining({ code: 'open_failed' }) }]);
  });

  it('probes unclaimed serial ports once; a new config re-matches', async () => {
    const { state, sources } = bench();
    const probed: string[] = [];
    const discovery = new DeviceDiscovery({ sources, probeSerial: async (path) => (probed.push(path), true) });
    state.serial = [USB_SERIAL];
    await discovery.scan();
    await discovery.scan();
    expect(probed).toEqual(['/dev/ttyUSB0']);
    expect(discovery.devices()[0]).toMatchObject({ driver: 'ga467-idcard', via: 'probe' });
    discovery.setConfig(
      parseDeviceConfig({
        version: 1,
        devices: [{ id: 'com1', driver: 'escpos-printer', match: { path: '/dev/ttyUSB0' } }],
      }),
    );
    expect(discovery.devices()[0]).toMatchObject({ driver: 'escpos-printer', via: 'com1' });
  });
});

describe.skipIf(!socatAvailable)('SAM probe over a socat pty pair', () => {
  it('finds the simulated reader and rejects a silent port', async () => {
    const pair = await ptyPair();
    cleanups.push(() => void pair.process.kill());
    expect(await probeSamReader(pair.b, 115200, 300)).toBe(false); // nobody answers yet
    const simulator = await IdCardSimulator.start(new SerialTransport({ path: pair.a }), {
      card: { fields: RESIDENT },
    });
    cleanups.push(() => simulator.close());
    expect(await probeSamReader(pair.b, 115200, 2000)).toBe(true);
  });
});
