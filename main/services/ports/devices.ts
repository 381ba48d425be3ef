import type { DeviceLogEntry } from '@common/api/schemas';
import type { DeviceConfig } from '../../../devices/config/device-config';
import type { DiscoveredDevice, DiscoveryEvent } from '../../../devices/discovery/device-discovery';

/** HID and serial enumeration: attach/detach as they happen, what is attached now. */
export interface DeviceDiscoveryPort {
  on(listener: (event: DiscoveryEvent) => void): () => void;
  devices(): DiscoveredDevice[];
  setConfig(config: DeviceConfig): void;
}

/** The station's devices.json (main/devices/device-config-file.ts). */
export interface DeviceConfigStore {
  readonly path: string;
  /** The file's text, or a starter config when there is none yet. */
  readText(): string;
  /** Validates, then replaces the file; throws DeviceConfigError (naming the field) when the text is bad. */
  save(text: string): DeviceConfig;
}

/** The devices' live log (main/devices/device-log.ts): recent lines, each also published. */
export interface DeviceLogBook {
  add(device: DeviceLogEntry['device'], level: DeviceLogEntry['level'], message: string): DeviceLogEntry;
  /** A repeating failure: logged the first time, again only after forgetCauses(device). */
  addOncePerCause(
    device: DeviceLogEntry['device'],
    level: DeviceLogEntry['level'],
    message: string,
  ): DeviceLogEntry | null;
  forgetCauses(device: DeviceLogEntry['device']): void;
  /** Newest last. */
  entries(limit?: number): DeviceLogEntry[];
  onEntry(listener: (entry: DeviceLogEntry) => void): () => void;
}
