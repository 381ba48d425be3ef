import { describe, expect, it } from 'vitest';
import {
  DeviceConfigError,
  driverFor,
  networkReaderRules,
  padRule,
  parseDeviceConfig,
  printerTarget,
} from '../../../devices/config/device-config';

const GOOD = {
  version: 1,
  devices: [
    { id: 'reader', driver: 'ga467-idcard', match: { vendorId: '0x0400', productId: 'C35A' } },
    { id: 'printer', driver: 'escpos-printer', label: '前台打印机', match: { host: '192.168.1.50', port: 9100 } },
    { id: 'com-reader', driver: 'ga467-idcard', match: { path: '/dev/ttyUSB0' }, baudRate: 115200 },
  ],
};

const fieldOf = (input: unknown): string => {
  try {
    parseDeviceConfig(input);
  } catch (error) {
    expect(error).toBeInstanceOf(DeviceConfigError);
    return (error as DeviceConfigError).field;
  }
  throw new Error('expected the config to be refused');
};

describe('device config', () => {
  it('parses hex USB ids and defaults enabled', () => {
    const config = parseDeviceConfig(JSON.stringify(GOOD));
    expect(config.devices[0]).toMatchObject({ match: { vendorId: 0x0400, productId: 0xc35a }, enabled: true });
  });

  it('maps vendor/product id, path and host:port to a driver; disabled rules are skipped', () => {
    const config = parseDeviceConfig(GOOD);
    expect(driverFor(config, { key: 'hid:x', kind: 'hid', path: 'x', vendorId: 0x0400, productId: 0xc35a })?.id).toBe(
      'reader',
    );
    expect(driverFor(config, { key: 'hid:y', kind: 'hid', path: 'y', vendorId: 0x0400, productId: 0x0001 })).toBeNull();
    expect(driverFor(config, { key: 'serial:/dev/ttyUSB0', kind: 'serial', path: '/dev/ttyUSB0' })?.id).toBe(
      'com-reader',
    );
    expect(driverFor(config, { key: 'tcp', kind: 'tcp', host: '192.168.1.50', port: 9100 })?.driver).toBe(
      'escpos-printer',
    );
    const off = parseDeviceConfig({ ...GOOD, devices: GOOD.devices.map((d) => ({ ...d, enabled: false })) });
    expect(driverFor(off, { key: 'tcp', kind: 'tcp', host: '192.168.1.50', port: 9100 })).toBeNull();
  });

  it.each([
    ['not JSON', '{', ''],
    ['wrong version', { version: 2, devices: [] }, 'version'],
    ['unknown driver', { version: 1, devices: [{ id: 'a', driver: 'fax', match: { path: 'x' } }] }, 'devices.0.driver'],
    [
      'bad USB id',
      { version: 1, devices: [{ id: 'a', driver: 'ga467-idcard', match: { vendorId: 'zz' } }] },
      'devices.0.match.vendorId',
    ],
    [
      'port out of range',
      { version: 1, devices: [{ id: 'a', driver: 'escpos-printer', match: { host: 'p', port: 70000 } }] },
      'devices.0.match.port',
    ],
    [
      'port without host',
      { version: 1, devices: [{ id: 'a', driver: 'escpos-printer', match: { path: 'x', port: 9100 } }] },
      'devices.0.match.port',
    ],
    ['empty match', { version: 1, devices: [{ id: 'a', driver: 'escpos-printer', match: {} }] }, 'devices.0.match'],
    [
      'unknown field',
      { version: 1, devices: [{ id: 'a', driver: 'escpos-printer', match: { path: 'x' }, speed: 1 }] },
      'devices.0',
    ],
    ['duplicate id', { version: 1, devices: [GOOD.devices[2], GOOD.devices[2]] }, 'devices.1.id'],
    [
      'bad id',
      { version: 1, devices: [{ id: 'Bad Id', driver: 'escpos-printer', match: { path: 'x' } }] },
      'devices.0.id',
    ],
    [
      'printer with nothing to connect to',
      { version: 1, devices: [{ id: 'p', driver: 'escpos-printer', match: { vendorId: '0416' } }] },
      'devices.0.match',
    ],
    [
      'network reader without its port',
      { version: 1, devices: [{ id: 'r', driver: 'ga467-idcard', match: { host: '10.0.0.9' } }] },
      'devices.0.match.port',
    ],
    [
      'pad by host',
      { version: 1, devices: [{ id: 'pad', driver: 'signature-pad', match: { host: '10.0.0.9' } }] },
      'devices.0.match.host',
    ],
  ])('%s is refused naming the field', (_label, input, field) => {
    expect(fieldOf(input)).toBe(field);
  });

  it('says how each driver starts: printer over tcp (9100 by default), serial or a usblp file; network readers; the pad rule', () => {
    const target = (match: object, baudRate?: number) =>
      printerTarget(
        parseDeviceConfig({
          version: 1,
          devices: [{ id: 'p', driver: 'escpos-printer', match, ...(baudRate ? { baudRate } : {}) }],
        }),
      )?.target;
    expect(target({ host: 'printer.local' })).toEqual({ kind: 'tcp', host: 'printer.local', port: 9100 });
    expect(target({ host: '10.0.0.5', port: 9101 })).toEqual({ kind: 'tcp', host: '10.0.0.5', port: 9101 });
    expect(target({ path: '/dev/usb/lp0' })).toEqual({ kind: 'usblp', path: '/dev/usb/lp0' });
    expect(target({ path: '/dev/ttyS0' }, 19200)).toEqual({ kind: 'serial', path: '/dev/ttyS0', baudRate: 19200 });
    const config = parseDeviceConfig({
      version: 1,
      devices: [
        { id: 'off', driver: 'escpos-printer', match: { host: 'a' }, enabled: false },
        { id: 'on', driver: 'escpos-printer', match: { host: 'b' } },
        { id: 'net', driver: 'ga467-idcard', match: { host: 'moxa', port: 4001 } },
        { id: 'pad', driver: 'signature-pad', match: { vendorId: '056a', productId: '00a8' } },
      ],
    });
    expect(printerTarget(config)?.rule.id).toBe('on');
    expect(networkReaderRules(config).map((r) => [r.host, r.port])).toEqual([['moxa', 4001]]);
    expect(padRule(config)?.match).toEqual({ vendorId: 0x056a, productId: 0xa8 });
    expect(printerTarget(parseDeviceConfig({ version: 1, devices: [] }))).toBeNull();
  });
});
