/**
 * The hot-plug event source this platform gives without extra packages: on Linux, udev creates
 * and removes /dev/hidraw*, /dev/ttyUSB*, /dev/ttyACM* (and /dev/usb/lp*) as USB devices come and
 * go, and fs.watch (inotify) reports it. node-hid has no attach/detach events and the `usb`
 * package is not a dependency, so this is the event; a burst of changes (one device makes several
 * nodes) is debounced into one rescan. Where fs.watch is unavailable (no /dev, other platforms,
 * inotify limits), start() answers false and discovery keeps polling with backoff.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Device nodes of the kinds the hall drives. */
export const DEVICE_NODE_PATTERN = /^(hidraw\d+|ttyUSB\d+|ttyACM\d+|lp\d+)$/;

export interface DeviceNodeWatcherOptions {
  /** /dev by default; tests use a temp directory. */
  dir?: string;
  debounceMs?: number;
}

export class DeviceNodeWatcher {
  private watchers: fs.FSWatcher[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly dir: string;
  private readonly debounceMs: number;

  constructor(
    private readonly onChange: () => void,
    options: DeviceNodeWatcherOptions = {},
  ) {
    this.dir = options.dir ?? '/dev';
    this.debounceMs = options.debounceMs ?? 150;
  }

  get watching(): boolean {
    return this.watchers.length > 0;
  }

  /** True when change events will come; false means the caller must rely on polling. */
  start(): boolean {
    if (this.watching) return true;
    // /dev/usb appears only once a USB printer is attached; watch it too when it exists.
    for (const dir of [this.dir, path.join(this.dir, 'usb')]) {
      try {
        const watcher = fs.watch(dir, { persistent: false }, (_event, name) => {
          if (name === null || DEVICE_NODE_PATTERN.test(String(name)) || String(name) === 'usb') this.changed();
        });
        watcher.on('error', () => this.dropWatcher(watcher));
        this.watchers.push(watcher);
      } catch {
        if (dir === this.dir) return false;
      }
    }
    return this.watching;
  }

  stop(): void {
    clearTimeout(this.timer);
    for (const watcher of this.watchers.splice(0)) watcher.close();
  }

  private dropWatcher(watcher: fs.FSWatcher): void {
    watcher.close();
    this.watchers = this.watchers.filter((w) => w !== watcher);
  }

  private changed(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(this.onChange, this.debounceMs);
  }
}
