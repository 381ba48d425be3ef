/**
 * The node-hid side of signature pads: HidReportLink maps output/feature/input reports onto the
 * HIDAsync calls, the pad is picked from hidapi's list, and its descriptor read from sysfs. The
 * HID handle here is backed by the pad simulator, so the real report bytes flow both ways.
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type HID from 'node-hid';
import { describe, expect, it } from 'vitest';
import { hidSignaturePad } from '../../../main/devices/hid-signature-pad';
import { demoSignatureStrokes } from '../../../devices/simulators/demo-signature';
import { PEN_TABLET_DESCRIPTOR } from '../../../devices/simulators/hid-descriptors';
import { SignaturePadSimulator, type SimulatedPadKind } from '../../../devices/simulators/signature-pad-simulator';
import {
  HidReportLink,
  pickSignaturePad,
  readHidrawReportDescriptor,
  type HidPadHandle,
} from '../../../devices/signature/hid-report-link';
import { encodeEnvelope, EnvelopeReader } from '../../../devices/signature/report-link';
import type { SignaturePadEvent } from '../../../devices/signature/signature-pad';
import { createTransportPair, type MemoryTransport } from '../../../devices/transport/memory-transport';
import type { HidBackend } from '../../../devices/transport/hid-transport';
import { nextEvent } from './helpers';

/** A HIDAsync look-alike whose far side is the simulator (as hidraw would be the pad). */
class SimulatedHidHandle extends EventEmitter implements HidPadHandle {
  private readonly reader = new EnvelopeReader();
  private pending: ((report: Buffer) => void) | null = null;
  constructor(private readonly host: MemoryTransport) {
    super();
    host.onData((chunk) => {
      for (const e of this.reader.push(chunk)) {
        if (e.type !== 'envelope') continue;
        if (e.envelope.kind === 'input') this.emit('data', Buffer.from(e.envelope.report));
        if (e.envelope.kind === 'feature') this.pending?.(Buffer.from(e.envelope.report));
      }
    });
    host.onClose((error) => {
      if (error) this.emit('error', new Error('could not read from HID device'));
    });
  }
  async write(values: number[] | Buffer): Promise<number> {
    await this.host.write(encodeEnvelope('output', Uint8Array.from(values)));
    return values.length;
  }
  async sendFeatureReport(data: number[] | Buffer): Promise<number> {
    await this.host.write(encodeEnvelope('setFeature', Uint8Array.from(data)));
    return data.length;
  }
  getFeatureReport(reportId: number, length: number): Promise<Buffer> {
    return new Promise((resolve) => {
      this.pending = resolve;
      void this.host.write(encodeEnvelope('getFeature', Uint8Array.of(reportId, length & 0xff, length >> 8)));
    });
  }
  async close(): Promise<void> {
    await this.host.close();
  }
}

async function simulated(kind: SimulatedPadKind) {
  const [host, device] = createTransportPair({ chunkSize: 7 });
  const sim = new SignaturePadSimulator(device, { kind });
  await sim.start();
  await host.open();
  return { sim, handle: new SimulatedHidHandle(host) };
}

const hidDevice = (vendorId: number, productId: number, p: string, usagePage?: number): HID.Device =>
  ({ vendorId, productId, path: p, usagePage, usage: 0, interface: 0, release: 0 }) as HID.Device;

describe('HidReportLink', () => {
  it('a Wacom STU through the HID calls: feature reports, screen upload, strokes, then unplug keeps strokes', async () => {
    const { sim, handle } = await simulated('wacom-stu');
    const backend: HidBackend = {
      open: async () => Promise.reject(new Error('unused')),
      devices: async () => [
        hidDevice(0x046d, 0xc52b, '/dev/hidraw0', 1),
        hidDevice(0x056a, 0x00a5, '/dev/hidraw4', 0xff00),
      ],
    };
    const pad = await hidSignaturePad({
      backend,
      opener: async (p) => (p === '/dev/hidraw4' ? handle : Promise.reject(new Error('wrong device'))),
    })();
    expect(pad.info.model).toBe('Wacom STU-430 (fw 1.7)');
    expect(sim.images).toHaveLength(1);
    const failed = nextEvent(pad.on.bind(pad), (e: SignaturePadEvent) => e.type === 'error');
    await sim.play(demoSignatureStrokes(), { disconnectAfterReports: 150 });
    const event = (await failed) as Extract<SignaturePadEvent, { type: 'error' }>;
    expect(event.error.code).toBe('pad_disconnected');
    expect(event.strokes.map((s) => s.length)).toEqual([140, 7]);
  });

  it('a devices.json pad rule picks the pad by its USB ids among several; a rule nothing matches says so', async () => {
    const { handle } = await simulated('wacom-stu');
    const backend: HidBackend = {
      open: async () => Promise.reject(new Error('unused')),
      devices: async () => [
        hidDevice(0x056a, 0x00a5, '/dev/hidraw4', 0xff00),
        hidDevice(0x056a, 0x00a8, '/dev/hidraw6', 0xff00),
      ],
    };
    const opened: string[] = [];
    const opener = async (p: string) => (opened.push(p), handle);
    const pad = await hidSignaturePad({ backend, opener, match: { vendorId: 0x056a, productId: 0x00a8 } })();
    expect(opened).toEqual(['/dev/hidraw6']);
    await pad.close();
    await expect(hidSignaturePad({ backend, opener, match: { vendorId: 0x0b57 } })()).rejects.toMatchObject({
      code: 'open_failed',
      message: expect.stringMatching(/配置的签名板/),
    });
  });

  it('a Hanvon gets its commands as output reports', async () => {
    const { sim, handle } = await simulated('hanvon');
    const link = new HidReportLink('/dev/hidraw2', async () => handle);
    await link.open();
    await link.output(Uint8Array.of(0x05, 0x88, 0x70));
    await nextEvent(sim.onReceived.bind(sim));
    expect(sim.hanvonCommands).toEqual(['init']);
    await link.close();
    await expect(link.output(Uint8Array.of(0x05, 0x11, 0x70))).rejects.toMatchObject({ code: 'disconnected' });
  });

  it('open and feature failures are typed', async () => {
    await expect(
      new HidReportLink('/dev/hidraw9', async () => Promise.reject(new Error('cannot open device'))).open(),
    ).rejects.toMatchObject({ code: 'open_failed' });
    const odd = Object.assign(new EventEmitter(), {
      write: async () => 0,
      sendFeatureReport: async () => 0,
      getFeatureReport: async () => Buffer.from([0x07, 0, 0]),
      close: async () => undefined,
    }) as unknown as HidPadHandle;
    const link = new HidReportLink('/dev/hidraw9', async () => odd);
    await link.open();
    await expect(link.getFeature(0x09, 11)).rejects.toMatchObject({ code: 'protocol' });
    const none = hidSignaturePad({
      backend: {
        open: async () => Promise.reject(new Error('x')),
        devices: async () => [hidDevice(0x046d, 1, '/dev/hidraw0', 1)],
      },
    });
    await expect(none()).rejects.toMatchObject({
      code: 'open_failed',
      message: expect.stringContaining('未找到签名板'),
    });
  });
});

describe('pad discovery', () => {
  it('prefers a known pad over a generic digitizer; ignores everything else', () => {
    const info = (vendorId: string, productId: string, usagePage: number, p: string) => ({
      path: p,
      vendorId,
      productId,
      usagePage,
      usage: 0,
      interface: 0,
    });
    expect(pickSignaturePad([info('046D', 'C52B', 1, 'a')])).toBeNull();
    expect(pickSignaturePad([info('28BD', '0920', 0x0d, 'g'), info('0B57', '8420', 0xff00, 'h')])?.path).toBe('h');
    expect(pickSignaturePad([info('28BD', '0920', 0x0d, 'g')])?.identity).toEqual({
      vendorId: 0x28bd,
      productId: 0x0920,
    });
  });

  it('reads the report descriptor of a hidraw node from sysfs, null otherwise', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sysfs-'));
    fs.mkdirSync(path.join(root, 'hidraw3', 'device'), { recursive: true });
    fs.writeFileSync(path.join(root, 'hidraw3', 'device', 'report_descriptor'), PEN_TABLET_DESCRIPTOR);
    expect(await readHidrawReportDescriptor('/dev/hidraw3', root)).toEqual(PEN_TABLET_DESCRIPTOR);
    expect(await readHidrawReportDescriptor('/dev/hidraw5', root)).toBeNull();
    expect(await readHidrawReportDescriptor('/dev/../etc/passwd', root)).toBeNull();
  });

  it('a generic digitizer is opened with its sysfs descriptor', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sysfs-'));
    fs.mkdirSync(path.join(root, 'hidraw6', 'device'), { recursive: true });
    fs.writeFileSync(path.join(root, 'hidraw6', 'device', 'report_descriptor'), PEN_TABLET_DESCRIPTOR);
    const { sim, handle } = await simulated('hid-digitizer');
    const backend: HidBackend = {
      open: async () => Promise.reject(new Error('unused')),
      devices: async () => [hidDevice(0x28bd, 0x0920, '/dev/hidraw6', 0x0d)],
    };
    const pad = await hidSignaturePad({ backend, opener: async () => handle, sysfsRoot: root })();
    expect(pad.info.source).toBe('hid-digitizer');
    let strokes = 0;
    const done = nextEvent(pad.on.bind(pad), (e: SignaturePadEvent) => e.type === 'stroke' && ++strokes === 3);
    await sim.play(demoSignatureStrokes());
    await done;
    expect(pad.strokes().map((s) => s.length)).toEqual([140, 90, 60]);
    await pad.close();
  });
});
