/**
 * Hot-plug: device nodes appearing and disappearing (udev on Linux) are the attach/detach event.
 * A temp directory stands in for /dev; the enumeration sources list what is in it, as hidapi and
 * serialport list what udev created. The poll interval is set to a minute, so only the watcher
 * can explain a prompt attach or detach.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DeviceDiscovery,
  type DiscoveryEvent,
  type DiscoverySources,
} from '../../../devices/discovery/device-discovery';
import { DeviceNodeWatcher } from '../../../devices/discovery/device-node-watcher';
import type { HidDeviceInfo } from '../../../devices/transport/hid-transport';
import type { SerialPortInfo } from '../../../devices/transport/serial-transport';
import { nextEvent } from './helpers';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function fakeDev(): { dir: string; sources: DiscoverySources; scans: () => number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-dev-'));
  let scans = 0;
  const names = () => fs.readdirSync(dir);
  const sources: DiscoverySources = {
    hid: async () => {
      scans += 1;
      return names()
        .filter((n) => n.startsWith('hidraw'))
        .map((n) => ({ path: path.join(dir, n), vendorId: '0400', productId: 'C35A', interface: 0 }) as HidDeviceInfo);
    },
    serial: async () =>
      names()
        .filter((n) => /^tty(USB|ACM)/.test(n))
        .map((n) => ({ path: path.join(dir, n) }) as SerialPortInfo),
  };
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return { dir, sources, scans: () => scans };
}

describe('hot-plug from device nodes', () => {
  it('a node created or removed in the watched directory is an attach or detach, without waiting for the poll', async () => {
    const dev = fakeDev();
    const discovery = new DeviceDiscovery({
      sources: dev.sources,
      probeSerial: null,
      minIntervalMs: 60_000,
      maxIntervalMs: 60_000,
      watch: { dir: dev.dir, debounceMs: 20 },
    });
    const first = discovery.scan();
    discovery.start();
    cleanups.push(() => discovery.stop());
    await first;
    expect(discovery.eventDriven).toBe(true);

    const attached = nextEvent<DiscoveryEvent>(
      (l) => discovery.on(l),
      (e) => e.type === 'attached',
    );
    fs.writeFileSync(path.join(dev.dir, 'hidraw7'), '');
    expect(await attached).toMatchObject({
      device: { kind: 'hid', path: path.join(dev.dir, 'hidraw7'), vendorId: 0x0400 },
    });

    const serial = nextEvent<DiscoveryEvent>(
      (l) => discovery.on(l),
      (e) => e.type === 'attached',
    );
    fs.writeFileSync(path.join(dev.dir, 'ttyUSB0'), '');
    expect(await serial).toMatchObject({ device: { kind: 'serial', path: path.join(dev.dir, 'ttyUSB0') } });

    const detached = nextEvent<DiscoveryEvent>(
      (l) => discovery.on(l),
      (e) => e.type === 'detached',
    );
    fs.rmSync(path.join(dev.dir, 'hidraw7'));
    expect(await detached).toMatchObject({ device: { path: path.join(dev.dir, 'hidraw7') } });
  });

  it('a burst of node changes is one rescan; unrelated files are ignored', async () => {
    const dev = fakeDev();
    const calls: number[] = [];
    let wake: () => void = () => undefined;
    const watcher = new DeviceNodeWatcher(
      () => {
        calls.push(Date.now());
        wake();
      },
      { dir: dev.dir, debounceMs: 150 },
    );
    expect(watcher.start()).toBe(true);
    cleanups.push(() => watcher.stop());

    let called = new Promise<void>((resolve) => (wake = resolve));
    for (const n of ['hidraw1', 'hidraw2', 'ttyACM0']) fs.writeFileSync(path.join(dev.dir, n), '');
    await called;
    expect(calls).toHaveLength(1);

    // A file that is not a device node says nothing; the next real node change is reported again.
    called = new Promise<void>((resolve) => (wake = resolve));
    fs.writeFileSync(path.join(dev.dir, 'not-a-device'), '');
    fs.rmSync(path.join(dev.dir, 'hidraw1'));
    await called;
    expect(calls).toHaveLength(2);
  });

  it('no watchable directory: falls back to polling with backoff', async () => {
    const dev = fakeDev();
    fs.writeFileSync(path.join(dev.dir, 'hidraw0'), '');
    const discovery = new DeviceDiscovery({
      sources: dev.sources,
      probeSerial: null,
      minIntervalMs: 20,
      maxIntervalMs: 80,
      watch: { dir: path.join(dev.dir, 'missing') },
    });
    const attached = nextEvent<DiscoveryEvent>(
      (l) => discovery.on(l),
      (e) => e.type === 'attached',
    );
    discovery.start();
    cleanups.push(() => discovery.stop());
    await attached;
    expect(discovery.eventDriven).toBe(false);
    const before = dev.scans();
    const detached = nextEvent<DiscoveryEvent>(
      (l) => discovery.on(l),
      (e) => e.type === 'detached',
    );
    fs.rmSync(path.join(dev.dir, 'hidraw0'));
    await detached;
    expect(dev.scans()).toBeGreaterThan(before);
  });
});
