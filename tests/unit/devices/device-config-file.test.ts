import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DeviceConfigError } from '../../../devices/config/device-config';
import { DeviceConfigFile } from '../../../main/devices/device-config-file';
import { makeTempDir } from '../../support/hall-fixture';

describe('devices.json in the data dir', () => {
  it('starts empty, saves a valid config, and refuses a bad one without touching the file', () => {
    const file = new DeviceConfigFile(makeTempDir('devcfg-'));
    expect(file.load()).toEqual({ version: 1, devices: [] });
    const good = JSON.stringify({
      version: 1,
      devices: [{ id: 'printer', driver: 'escpos-printer', match: { host: '10.0.0.5', port: 9100 } }],
    });
    expect(file.save(good).devices[0]).toMatchObject({ id: 'printer', enabled: true });
    const before = fs.readFileSync(file.path, 'utf8');
    const bad = JSON.stringify({
      version: 1,
      devices: [{ id: 'printer', driver: 'escpos-printer', match: { host: '10.0.0.5', port: 0 } }],
    });
    expect(() => file.save(bad)).toThrow(DeviceConfigError);
    expect(() => file.save(bad)).toThrow(/devices\.0\.match\.port/);
    expect(fs.readFileSync(file.path, 'utf8')).toBe(before);
    expect(fs.readdirSync(file.path.replace(/devices\.json$/, '')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a hand-broken file is reported with the field on load', () => {
    const file = new DeviceConfigFile(makeTempDir('devcfg-'));
    fs.writeFileSync(file.path, '{"version":1,"devices":[{"id":"x","driver":"fax","match":{"path":"/dev/ttyS0"}}]}');
    expect(() => file.load()).toThrow(expect.objectContaining({ field: 'devices.0.driver' }));
  });
});
