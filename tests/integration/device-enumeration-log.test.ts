import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HidDeviceInfo } from '../../devices/transport/hid-transport';
import { DeviceLog } from '../../main/devices/device-log';
import { startStationHost, type StationHost } from '../../main/host';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';

/**
 * A PC without udevadm fails HID enumeration on every poll. The devices page's log says so once per
 * cause, not every poll; after the enumeration worked again, a new failure is said again.
 */
let host: StationHost | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
});

describe('device enumeration failures in the live log', () => {
  it('are logged once per cause, and again after enumeration recovered', async () => {
    const deviceLog = new DeviceLog();
    let polls = 0;
    let broken = true;
    let waiter: { until: number; resolve: () => void } | null = null;
    const pollsReach = (n: number) =>
      new Promise<void>((resolve) => {
        waiter = { until: polls + n, resolve };
      });
    const device: HidDeviceInfo = { path: '/dev/hidraw9', vendorId: '0403', productId: '6001', interface: 0 };
    const hid = async (): Promise<HidDeviceInfo[]> => {
      polls++;
      if (waiter && polls >= waiter.until) waiter.resolve();
      if (broken) throw new Error('spawn udevadm ENOENT');
      return [device];
    };
    const failures = () => deviceLog.entries().filter((e) => e.message.includes('udevadm'));

    const dataDir = seededDataDir('station.db', path.join(makeTempDir('enum-log-'), 'station'));
    const sixPolls = pollsReach(6);
    host = await startStationHost({
      dataDir,
      deviceLog,
      discoverDevices: true,
      discovery: { sources: { hid, serial: async () => [] }, minIntervalMs: 2, maxIntervalMs: 4, watch: null },
    });
    await sixPolls;
    expect(failures()).toHaveLength(1);
    expect(failures()[0]).toMatchObject({ device: 'discovery', level: 'warn' });

    broken = false;
    await pollsReach(2);
    expect(deviceLog.entries().some((e) => e.message.includes('/dev/hidraw9'))).toBe(true);
    broken = true;
    await pollsReach(6);
    expect(failures()).toHaveLength(2);
  });
});
