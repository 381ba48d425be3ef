/**
 * ReportLink for real pads via node-hid's async API: output reports with write(), feature reports
 * with sendFeatureReport()/getFeatureReport(), input reports from 'data' (on hidraw, numbered
 * reports arrive with their ID first — the convention the codecs use). The handle is injectable so
 * the mapping is tested without hardware. Also: the pad's report descriptor from sysfs (node-hid
 * cannot read descriptors) and picking the first signature pad among the HID devices.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import HID from 'node-hid';
import { DeviceError, Emitter, type Unsubscribe } from '../transport/transport';
import { hidError, type HidDeviceInfo } from '../transport/hid-transport';
import { HANVON_ESP370U_PRODUCT_ID, HANVON_VENDOR_ID } from './hanvon-esp370u';
import type { ReportLink } from './report-link';
import type { PadIdentity } from './signature-pad';
import { WACOM_VENDOR_ID } from './wacom-stu';

/** The part of node-hid's HIDAsync a pad needs. */
export interface HidPadHandle {
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  write(values: number[] | Buffer): Promise<number>;
  sendFeatureReport(data: number[] | Buffer): Promise<number>;
  getFeatureReport(reportId: number, length: number): Promise<Buffer>;
  close(): Promise<void>;
}

export type HidPadOpener = (path: string) => Promise<HidPadHandle>;
export const nodeHidPadOpener: HidPadOpener = (p) => HID.HIDAsync.open(p) as unknown as Promise<HidPadHandle>;

export class HidReportLink implements ReportLink {
  private handle: HidPadHandle | null = null;
  private closing = false;
  private readonly input = new Emitter<Uint8Array>();
  private readonly closed = new Emitter<DeviceError | undefined>();

  constructor(
    private readonly devicePath: string,
    private readonly opener: HidPadOpener = nodeHidPadOpener,
  ) {}

  get isOpen(): boolean {
    return this.handle !== null;
  }

  async open(): Promise<void> {
    if (this.handle) return;
    let handle: HidPadHandle;
    try {
      handle = await this.opener(this.devicePath);
    } catch (error) {
      throw hidError('open_failed', this.devicePath, error);
    }
    this.handle = handle;
    this.closing = false;
    handle.on('data', (data: Buffer) =>
      this.input.emit(new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice()),
    );
    handle.on('error', (error: unknown) => {
      if (this.handle !== handle) return;
      this.handle = null;
      void handle.close().catch(() => undefined);
      this.closed.emit(this.closing ? undefined : hidError('disconnected', this.devicePath, error));
    });
  }

  async close(): Promise<void> {
    const handle = this.handle;
    if (!handle) return;
    this.closing = true;
    this.handle = null;
    await handle.close().catch(() => undefined);
    this.closed.emit(undefined);
  }

  private need(): HidPadHandle {
    if (!this.handle) throw new DeviceError('disconnected', `hid:${this.devicePath}: not open`);
    return this.handle;
  }

  async output(report: Uint8Array): Promise<void> {
    const handle = this.need();
    try {
      await handle.write(Buffer.from(report));
    } catch (error) {
      throw hidError('write_failed', this.devicePath, error);
    }
  }

  async setFeature(report: Uint8Array): Promise<void> {
    const handle = this.need();
    try {
      await handle.sendFeatureReport(Buffer.from(report));
    } catch (error) {
      throw hidError('write_failed', this.devicePath, error);
    }
  }

  async getFeature(reportId: number, length: number): Promise<Uint8Array> {
    const handle = this.need();
    let reply: Buffer;
    try {
      reply = await handle.getFeatureReport(reportId, length);
    } catch (error) {
      throw hidError('write_failed', this.devicePath, error);
    }
    if (reply.length === 0 || reply[0] !== reportId)
      throw new DeviceError(
        'protocol',
        `hid:${this.devicePath}: feature report 0x${reportId.toString(16)} answered with ${reply.length} bytes`,
      );
    return new Uint8Array(reply);
  }

  onInput(listener: (report: Uint8Array) => void): Unsubscribe {
    return this.input.on(listener);
  }

  onClose(listener: (error?: DeviceError) => void): Unsubscribe {
    return this.closed.on(listener);
  }
}

/** Linux: the report descriptor of a hidraw node (e.g. /dev/hidraw3) from sysfs; null where there is none. */
export async function readHidrawReportDescriptor(
  devicePath: string,
  sysfsRoot = '/sys/class/hidraw',
): Promise<Uint8Array | null> {
  const name = path.basename(devicePath);
  if (!/^hidraw\d+$/.test(name)) return null;
  try {
    return new Uint8Array(await fs.readFile(path.join(sysfsRoot, name, 'device', 'report_descriptor')));
  } catch {
    return null;
  }
}

/** The first attached signature pad: Wacom, the Hanvon ESP370U, or a digitizer-page interface. */
export function pickSignaturePad(
  devices: HidDeviceInfo[],
): (HidDeviceInfo & { path: string; identity: PadIdentity }) | null {
  const score = (d: HidDeviceInfo): number => {
    const vid = Number.parseInt(d.vendorId, 16);
    const pid = Number.parseInt(d.productId, 16);
    if (vid === WACOM_VENDOR_ID) return 3;
    if (vid === HANVON_VENDOR_ID && pid === HANVON_ESP370U_PRODUCT_ID) return 3;
    return d.usagePage === 0x0d ? 1 : 0;
  };
  const found = devices.filter((d) => d.path && score(d) > 0).sort((a, b) => score(b) - score(a))[0];
  if (!found?.path) return null;
  return {
    ...found,
    path: found.path,
    identity: { vendorId: Number.parseInt(found.vendorId, 16), productId: Number.parseInt(found.productId, 16) },
  };
}
