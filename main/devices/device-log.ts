import type { DeviceLogEntry } from '@common/api/schemas';

type Device = DeviceLogEntry['device'];
type Level = DeviceLogEntry['level'];

/** The devices' live log: a ring of recent lines for the page's first paint, each also published. */
export class DeviceLog {
  private readonly lines: DeviceLogEntry[] = [];
  private seq = 0;
  private readonly listeners = new Set<(entry: DeviceLogEntry) => void>();
  private readonly causes = new Map<Device, Set<string>>();

  constructor(
    private readonly keep = 200,
    private readonly now: () => Date = () => new Date(),
  ) {}

  add(device: Device, level: Level, message: string): DeviceLogEntry {
    const entry: DeviceLogEntry = { seq: ++this.seq, at: this.now().toISOString(), device, level, message };
    this.lines.push(entry);
    if (this.lines.length > this.keep) this.lines.splice(0, this.lines.length - this.keep);
    for (const listener of this.listeners) listener(entry);
    return entry;
  }

  /**
   * A failure that repeats on every poll (enumeration failing every 30 s on a PC without udevadm) is
   * logged once per cause: the same message for the same device is added only the first time, and
   * again only after `forgetCauses(device)` (something about that device changed or worked).
   */
  addOncePerCause(device: Device, level: Level, message: string): DeviceLogEntry | null {
    let seen = this.causes.get(device);
    if (!seen) this.causes.set(device, (seen = new Set()));
    if (seen.has(message)) return null;
    seen.add(message);
    return this.add(device, level, message);
  }

  forgetCauses(device: Device): void {
    this.causes.delete(device);
  }

  /** Newest last. */
  entries(limit = this.keep): DeviceLogEntry[] {
    return this.lines.slice(-limit);
  }

  onEntry(listener: (entry: DeviceLogEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
