/**
 * HidTransport without hardware: a fake node-hid backend checks the report mapping and the error
 * typing. Tests against a real device are skipped (no /dev/hidraw* in CI).
 */
import { EventEmitter } from 'node:events';
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  fixedSizeReports,
  HidTransport,
  listHidDevices,
  type HidBackend,
  type HidHandle,
} from '../../../devices/transport/hid-transport';
import { DeviceError } from '../../../devices/transport/transport';
import { hex, nextEvent, toHex } from './helpers';

class FakeHid extends EventEmitter implements HidHandle {
  readonly reports: Buffer[] = [];
  failWrites = false;
  closed = false;
  async write(values: number[] | Buffer): Promise<number> {
    if (this.failWrites) throw new Error('Cannot write to hid device');
    this.reports.push(Buffer.from(values));
    return values.length;
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

function backend(device: FakeHid | Error): HidBackend {
  return {
    open: async () => {
      if (device instanceof Error) throw device;
      return device;
    },
    devices: async () => [
      { vendorId: 0x0400, productId: 0xc35a, path: '/dev/hidraw0', release: 1, interface: 0, product: 'ID reader' },
    ],
  };
}

const hidraw = existsSync('/dev') && readdirSync('/dev').some((name) => name.startsWith('hidraw'));

describe('HidTransport (fake node-hid)', () => {
  it('splits writes into zero-padded output reports with the report ID first', async () => {
    const device = new FakeHid();
    const transport = new HidTransport({
      path: '/dev/hidraw0',
      backend: backend(device),
      codec: fixedSizeReports({ reportId: 2, size: 8 }),
    });
    await transport.open();
    await transport.write(hex('AA AA AA 96 69 00 03 20 01 22'));
    expect(device.reports.map((r) => toHex(r))).toEqual(['02 AA AA AA 96 69 00 03 20', '02 01 22 00 00 00 00 00 00']);
  });

  it('input reports become data chunks (report ID stripped when numbered)', async () => {
    const device = new FakeHid();
    const transport = new HidTransport({
      path: 'p',
      backend: backend(device),
      codec: fixedSizeReports({ inputReportId: true }),
    });
    await transport.open();
    const chunk = nextEvent<Uint8Array>((l) => transport.onData(l));
    device.emit('data', Buffer.from([0x01, 0xaa, 0xbb]));
    expect(toHex(await chunk)).toBe('AA BB');
  });

  it('open, write and unplug failures are typed', async () => {
    const failing = new HidTransport({
      path: '/dev/hidraw9',
      backend: backend(new Error('cannot open device with path /dev/hidraw9')),
    });
    const openError = await failing.open().catch((e: unknown) => e);
    expect(openError).toBeInstanceOf(DeviceError);
    expect(openError).toMatchObject({ code: 'open_failed', message: expect.stringMatching(/udev/) });

    const device = new FakeHid();
    const transport = new HidTransport({ path: 'p', backend: backend(device) });
    await expect(transport.write(Uint8Array.of(1))).rejects.toMatchObject({ code: 'disconnected' });
    await transport.open();
    device.failWrites = true;
    await expect(transport.write(Uint8Array.of(1))).rejects.toMatchObject({ code: 'write_failed' });

    const closed = nextEvent<DeviceError | undefined>((l) => transport.onClose(l));
    device.emit('error', new Error('could not read from HID device'));
    expect(await closed).toMatchObject({ code: 'disconnected' });
    expect(transport.isOpen).toBe(false);
    expect(device.closed).toBe(true);
  });

  it('close() is idempotent and reports a clean close', async () => {
    const device = new FakeHid();
    const transport = new HidTransport({ path: 'p', backend: backend(device) });
    await transport.open();
    const closed = nextEvent<DeviceError | undefined>((l) => transport.onClose(l));
    await transport.close();
    await transport.close();
    expect(await closed).toBeUndefined();
  });

  it('listHidDevices formats vendor and product ids; enumeration failure is typed', async () => {
    expect(await listHidDevices(backend(new FakeHid()))).toEqual([
      expect.objectContaining({ vendorId: '0400', productId: 'C35A', path: '/dev/hidraw0', product: 'ID reader' }),
    ]);
    const broken: HidBackend = {
      open: async () => new FakeHid(),
      devices: async () => Promise.reject(new Error('hid_init failed')),
    };
    await expect(listHidDevices(broken)).rejects.toMatchObject({ code: 'open_failed' });
  });
});

describe('HidTransport on real hardware', () => {
  it.skipIf(!hidraw)('enumerates with the real node-hid (skipped: no /dev/hidraw* here)', async () => {
    expect(Array.isArray(await listHidDevices())).toBe(true);
  });
});
