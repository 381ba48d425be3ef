/**
 * USB HID devices (some ID card readers, signature pads) via node-hid's async API: writes become
 * output reports, input reports become data chunks. How bytes map onto reports is vendor-specific,
 * so it is a pluggable HidReportCodec; the default sends fixed-size reports (report ID + payload,
 * zero-padded) and passes input reports through. The node-hid module is injectable so the mapping
 * and error handling are tested without hardware.
 */
import HID from 'node-hid';
import { DeviceError, Emitter, type Transport, type Unsubscribe } from './transport';

/** The part of node-hid's HIDAsync this transport uses. */
export interface HidHandle {
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  write(values: number[] | Buffer): Promise<number>;
  close(): Promise<void>;
}

export interface HidBackend {
  open(path: string): Promise<HidHandle>;
  devices(): Promise<HID.Device[]>;
}

export const nodeHidBackend: HidBackend = {
  open: (path) => HID.HIDAsync.open(path) as unknown as Promise<HidHandle>,
  devices: () => HID.devicesAsync(),
};

export interface HidReportCodec {
  /** Output reports for one write; each starts with its report ID (0 for unnumbered reports, as hidapi wants). */
  toReports(bytes: Uint8Array): Uint8Array[];
  /** Bytes carried by one input report (may be empty); may throw a DeviceError for a report that breaks the framing. */
  fromReport(report: Uint8Array): Uint8Array;
}

/** Fixed-size reports: [reportId, up to `size` payload bytes, zero padding]. */
export function fixedSizeReports(
  options: { reportId?: number; size?: number; inputReportId?: boolean } = {},
): HidReportCodec {
  const reportId = options.reportId ?? 0;
  const size = options.size ?? 64;
  return {
    toReports(bytes) {
      const reports: Uint8Array[] = [];
      for (let at = 0; at < bytes.length; at += size) {
        const report = new Uint8Array(size + 1);
        report[0] = reportId;
        report.set(bytes.subarray(at, at + size), 1);
        reports.push(report);
      }
      return reports;
    },
    fromReport: (report) => (options.inputReportId ? report.subarray(1) : report),
  };
}

export interface HidTransportOptions {
  path: string;
  codec?: HidReportCodec;
  backend?: HidBackend;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** node-hid reports everything as plain Errors with hidapi's text; turn it into what a technician can act on. */
export function hidError(
  code: 'open_failed' | 'write_failed' | 'disconnected',
  path: string,
  error: unknown,
): DeviceError {
  const message = messageOf(error);
  const hint =
    code === 'open_failed' && /cannot open|could not open|permission|access/i.test(message)
      ? `${message} (unplugged, or no udev rule giving this user access to /dev/hidraw*?)`
      : message;
  return new DeviceError(code, `hid:${path}: ${hint}`, { cause: error });
}

export class HidTransport implements Transport {
  private device: HidHandle | null = null;
  private closing = false;
  /** Input reports the codec refused since open. */
  droppedReports = 0;
  private readonly codec: HidReportCodec;
  private readonly backend: HidBackend;
  private readonly data = new Emitter<Uint8Array>();
  private readonly closed = new Emitter<DeviceError | undefined>();

  constructor(private readonly options: HidTransportOptions) {
    this.codec = options.codec ?? fixedSizeReports();
    this.backend = options.backend ?? nodeHidBackend;
  }

  get isOpen(): boolean {
    return this.device !== null;
  }

  async open(): Promise<void> {
    if (this.device) return;
    let device: HidHandle;
    try {
      device = await this.backend.open(this.options.path);
    } catch (error) {
      throw hidError('open_failed', this.options.path, error);
    }
    this.device = device;
    this.closing = false;
    device.on('data', (report: Buffer) => {
      let bytes: Uint8Array;
      try {
        bytes = this.codec.fromReport(new Uint8Array(report.buffer, report.byteOffset, report.byteLength));
      } catch {
        // A report that breaks the framing is dropped; the frame it belonged to then fails its
        // checksum or times out in the driver — both typed. Counted for the devices page.
        this.droppedReports += 1;
        return;
      }
      if (bytes.length > 0) this.data.emit(bytes);
    });
    // node-hid emits 'error' when a read fails — in practice, the device was unplugged.
    device.on('error', (error: unknown) => {
      if (this.device !== device) return;
      this.device = null;
      void device.close().catch(() => undefined);
      this.closed.emit(this.closing ? undefined : hidError('disconnected', this.options.path, error));
    });
  }

  async close(): Promise<void> {
    const device = this.device;
    if (!device) return;
    this.closing = true;
    this.device = null;
    try {
      await device.close();
    } catch {
      // Never rejects: an unplugged device is closed as far as we are concerned.
    }
    this.closed.emit(undefined);
  }

  async write(bytes: Uint8Array): Promise<void> {
    const device = this.device;
    if (!device) throw new DeviceError('disconnected', `hid:${this.options.path}: not open`);
    for (const report of this.codec.toReports(bytes)) {
      try {
        await device.write(Buffer.from(report));
      } catch (error) {
        throw hidError('write_failed', this.options.path, error);
      }
    }
  }

  onData(listener: (chunk: Uint8Array) => void): Unsubscribe {
    return this.data.on(listener);
  }

  onClose(listener: (error?: DeviceError) => void): Unsubscribe {
    return this.closed.on(listener);
  }
}

export interface HidDeviceInfo {
  path: string | null;
  /** 4 hex digits, as in docs/devices.md ("0400:C35A"). */
  vendorId: string;
  productId: string;
  manufacturer?: string;
  product?: string;
  serialNumber?: string;
  usagePage?: number;
  usage?: number;
  interface: number;
}

const hex4 = (n: number): string => n.toString(16).padStart(4, '0').toUpperCase();

/** Every HID device the OS shows; rejects DeviceError('open_failed') if hidapi itself cannot enumerate. */
export async function listHidDevices(backend: HidBackend = nodeHidBackend): Promise<HidDeviceInfo[]> {
  let devices: HID.Device[];
  try {
    devices = await backend.devices();
  } catch (error) {
    throw new DeviceError('open_failed', `cannot enumerate HID devices: ${messageOf(error)}`, { cause: error });
  }
  return devices.map((d) => ({
    path: d.path ?? null,
    vendorId: hex4(d.vendorId),
    productId: hex4(d.productId),
    manufacturer: d.manufacturer,
    product: d.product,
    serialNumber: d.serialNumber,
    usagePage: d.usagePage,
    usage: d.usage,
    interface: d.interface,
  }));
}
