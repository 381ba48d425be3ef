import type { DeviceLogEntry } from '@common/api/schemas';

type Device = DeviceLogEntry['device'];
type Level = DeviceLogEntry['level'];

/** The devices' live log: a ring of recent lines for the page's first paint, each also published. */
export class DeviceLog {
  private readonly lines: DeviceLogEntry[] = [];
  private seq = 0;
  private readonly listeners = new Set<(entry: DeviceLogEntry) => void>();

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

  /** Newest last. */
  entries(limit = this.keep): DeviceLogEntry[] {
    return this.lines.slice(-limit);
  }

  onEntry(listener: (entry: DeviceLogEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
