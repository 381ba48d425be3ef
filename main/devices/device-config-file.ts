/**
 * devices.json in the station's data dir. Saved atomically (write to a temp file, then rename) so
 * a crash mid-save leaves the old config, never half a file; a bad edit is refused before writing.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  DeviceConfigError,
  EMPTY_DEVICE_CONFIG,
  parseDeviceConfig,
  type DeviceConfig,
} from '../../devices/config/device-config';

export const DEVICE_CONFIG_FILE = 'devices.json';

export class DeviceConfigFile {
  readonly path: string;

  constructor(dataDir: string) {
    this.path = path.join(dataDir, DEVICE_CONFIG_FILE);
  }

  /** The file's text, or a starter config when there is none yet. */
  readText(): string {
    return fs.existsSync(this.path)
      ? fs.readFileSync(this.path, 'utf8')
      : `${JSON.stringify(EMPTY_DEVICE_CONFIG, null, 2)}\n`;
  }

  /** Throws DeviceConfigError (naming the field) when the file on disk is bad. */
  load(): DeviceConfig {
    return parseDeviceConfig(this.readText());
  }

  /** Validates, then replaces the file; returns the parsed config. */
  save(text: string): DeviceConfig {
    const config = parseDeviceConfig(text);
    const tmp = `${this.path}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, text.endsWith('\n') ? text : `${text}\n`);
    fs.renameSync(tmp, this.path);
    return config;
  }
}

export { DeviceConfigError };
