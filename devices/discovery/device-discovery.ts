/**
 * Finds attached devices and reports attach/detach. node-hid has no attach/detach events and the
 * `usb` package is not a dependency; where the platform gives events — Linux device nodes
 * appearing in /dev, seen with fs.watch (device-node-watcher.ts) — a change rescans at once.
 * Polling stays underneath: quickly after a change, backing off (doubling up to a ceiling) while
 * nothing changes or enumeration fails; with a working watcher the ceiling is only a safety net.
 * Each new device is matched against the device config; a serial port no rule claims is
 * probed once with the SAM status command (11 FF) to find ID card readers.
 */
import {
  driverFor,
  EMPTY_DEVICE_CONFIG,
  type AttachedDevice,
  type DeviceConfig,
  type DeviceDriver,
} from '../config/device-config';
import { IdCardReader } from '../idcard/id-card-reader';
import { listHidDevices, type HidDeviceInfo } from '../transport/hid-transport';
import { listSerialPorts, SerialTransport, type SerialPortInfo } from '../transport/serial-transport';
import { Emitter, toDeviceError, type DeviceError, type Unsubscribe } from '../transport/transport';
import { DeviceNodeWatcher, type DeviceNodeWatcherOptions } from './device-node-watcher';

export interface DiscoveredDevice extends AttachedDevice {
  driver: DeviceDriver | null;
  /** Which config rule claimed it, or 'probe' when the SAM probe found a reader. */
  via: string | null;
  /** Serial only, from the rule that claimed it. */
  baudRate?: number;
}

export type DiscoveryEvent =
  | { type: 'attached'; device: DiscoveredDevice }
  | { type: 'detached'; device: DiscoveredDevice }
  | { type: 'error'; error: DeviceError };

export interface DiscoverySources {
  hid(): Promise<HidDeviceInfo[]>;
  serial(): Promise<SerialPortInfo[]>;
}

export const systemSources: DiscoverySources = { hid: () => listHidDevices(), serial: () => listSerialPorts() };

export interface DeviceDiscoveryOptions {
  sources?: DiscoverySources;
  config?: DeviceConfig;
  minIntervalMs?: number;
  maxIntervalMs?: number;
  /** Answers whether a serial port is a SAM reader; default: 11 FF over SerialTransport. */
  probeSerial?: ((path: string) => Promise<boolean>) | null;
  /** Hot-plug events from device nodes (default: watch /dev); null: polling only. */
  watch?: DeviceNodeWatcherOptions | null;
}

const hexId = (value: string | number | undefined): number | undefined => {
  if (value === undefined || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number.parseInt(value, 16);
  return Number.isFinite(n) ? n : undefined;
};

/** 11 FF at 115200 baud with a short timeout; anything but a SAM status reply means "not a reader". */
export async function probeSamReader(path: string, baudRate = 115200, timeoutMs = 500): Promise<boolean> {
  const reader = new IdCardReader(new SerialTransport({ path, baudRate }), { replyTimeoutMs: timeoutMs });
  try {
    await reader.open();
    await reader.probe();
    return true;
  } catch {
    return false;
  } finally {
    await reader.close().catch(() => undefined);
  }
}

export class DeviceDiscovery {
  private readonly sources: DiscoverySources;
  private readonly minIntervalMs: number;
  private readonly maxIntervalMs: number;
  private readonly probeSerial: ((path: string) => Promise<boolean>) | null;
  private readonly events = new Emitter<DiscoveryEvent>();
  private readonly known = new Map<string, DiscoveredDevice>();
  private config: DeviceConfig;
  private intervalMs: number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private scanning: Promise<DiscoveredDevice[]> | null = null;
  private rescanQueued = false;
  private readonly watcher: DeviceNodeWatcher | null;

  constructor(options: DeviceDiscoveryOptions = {}) {
    this.watcher = options.watch === null ? null : new DeviceNodeWatcher(() => this.hotplug(), options.watch ?? {});
    this.sources = options.sources ?? systemSources;
    this.config = options.config ?? EMPTY_DEVICE_CONFIG;
    this.minIntervalMs = options.minIntervalMs ?? 1000;
    this.maxIntervalMs = options.maxIntervalMs ?? 30_000;
    this.probeSerial = options.probeSerial === undefined ? probeSamReader : options.probeSerial;
    this.intervalMs = this.minIntervalMs;
  }

  on(listener: (event: DiscoveryEvent) => void): Unsubscribe {
    return this.events.on(listener);
  }

  devices(): DiscoveredDevice[] {
    return [...this.known.values()];
  }

  /** Whether device-node events are arriving (false: polling with backoff only). */
  get eventDriven(): boolean {
    return this.watcher?.watching ?? false;
  }

  /** The current poll interval (exposed so the backoff can be seen and tested). */
  get currentIntervalMs(): number {
    return this.intervalMs;
  }

  /** A new config re-matches every known device (reported as detach + attach when its driver changes). */
  setConfig(config: DeviceConfig): void {
    this.config = config;
    for (const [key, device] of this.known) {
      const rule = driverFor(config, device);
      const driver = rule?.driver ?? (device.via === 'probe' ? device.driver : null);
      const via = rule?.id ?? (device.via === 'probe' ? 'probe' : null);
      if (driver === device.driver && via === device.via) continue;
      this.events.emit({ type: 'detached', device });
      const next = { ...device, driver, via };
      this.known.set(key, next);
      this.events.emit({ type: 'attached', device: next });
    }
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.watcher?.start();
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.watcher?.stop();
    clearTimeout(this.timer);
    await this.scanning?.catch(() => undefined);
  }

  /** One enumeration pass: emits attach/detach for what changed, returns what is attached now. */
  scan(): Promise<DiscoveredDevice[]> {
    this.scanning ??= this.scanOnce().finally(() => (this.scanning = null));
    return this.scanning;
  }

  private async scanOnce(): Promise<DiscoveredDevice[]> {
    const [hid, serial] = await Promise.allSettled([this.sources.hid(), this.sources.serial()]);
    let failed = false;
    const seen: AttachedDevice[] = [];
    if (hid.status === 'fulfilled') {
      for (const d of hid.value) {
        if (!d.path) continue;
        seen.push({
          key: `hid:${d.path}`,
          kind: 'hid',
          path: d.path,
          vendorId: hexId(d.vendorId),
          productId: hexId(d.productId),
          product: d.product,
          manufacturer: d.manufacturer,
        });
      }
    } else {
      failed = true;
      this.events.emit({ type: 'error', error: toDeviceError(hid.reason, 'open_failed') });
    }
    if (serial.status === 'fulfilled') {
      for (const p of serial.value) {
        seen.push({
          key: `serial:${p.path}`,
          kind: 'serial',
          path: p.path,
          vendorId: hexId(p.vendorId),
          productId: hexId(p.productId),
          manufacturer: p.manufacturer,
        });
      }
    } else {
      failed = true;
      this.events.emit({ type: 'error', error: toDeviceError(serial.reason, 'open_failed') });
    }
    let changed = false;
    const keys = new Set(seen.map((d) => d.key));
    // A source that failed says nothing about its devices: keep them rather than report false detaches.
    for (const [key, device] of this.known) {
      const sourceFailed =
        (device.kind === 'hid' && hid.status === 'rejected') ||
        (device.kind === 'serial' && serial.status === 'rejected');
      if (keys.has(key) || sourceFailed) continue;
      this.known.delete(key);
      changed = true;
      this.events.emit({ type: 'detached', device });
    }
    for (const device of seen) {
      if (this.known.has(device.key)) continue;
      const discovered = await this.identify(device);
      this.known.set(device.key, discovered);
      changed = true;
      this.events.emit({ type: 'attached', device: discovered });
    }
    this.intervalMs = changed ? this.minIntervalMs : Math.min(this.maxIntervalMs, this.intervalMs * 2);
    if (failed) this.intervalMs = Math.min(this.maxIntervalMs, Math.max(this.intervalMs, this.minIntervalMs * 2));
    return this.devices();
  }

  /** A device node came or went: rescan now (once more after a scan in flight) and poll briskly again. */
  private hotplug(): void {
    if (!this.running) return;
    if (this.scanning) {
      if (this.rescanQueued) return;
      this.rescanQueued = true;
      void this.scanning.finally(() => {
        this.rescanQueued = false;
        this.hotplug();
      });
      return;
    }
    clearTimeout(this.timer);
    this.intervalMs = this.minIntervalMs;
    this.schedule(0);
  }

  private async identify(device: AttachedDevice): Promise<DiscoveredDevice> {
    const rule = driverFor(this.config, device);
    if (rule)
      return { ...device, driver: rule.driver, via: rule.id, ...(rule.baudRate ? { baudRate: rule.baudRate } : {}) };
    if (device.kind === 'serial' && device.path && this.probeSerial && (await this.probeSerial(device.path))) {
      return { ...device, driver: 'ga467-idcard', via: 'probe' };
    }
    return { ...device, driver: null, via: null };
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      if (!this.running) return;
      void this.scan()
        .catch((error: unknown) => this.events.emit({ type: 'error', error: toDeviceError(error, 'protocol') }))
        .finally(() => {
          if (this.running) this.schedule(this.intervalMs);
        });
    }, delayMs);
  }
}
