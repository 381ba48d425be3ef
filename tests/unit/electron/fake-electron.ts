/* eslint-disable @typescript-eslint/no-explicit-any -- a fake of Electron's loosely typed event APIs */
/*
 * A recording stand-in for the `electron` module (the binary is not installed on every machine).
 * Tests do `vi.mock('electron', () => import('./fake-electron'))` and then inspect what the code
 * under test created, registered and called. Only the members main/electron and preload use.
 * resetFakeElectron() between tests.
 */
import { vi } from 'vitest';

type Listener = (...args: any[]) => unknown;

export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    const wrapped: Listener = (...args) => {
      this.removeListener(event, wrapped);
      return listener(...args);
    };
    return this.on(event, wrapped);
  }
  removeListener(event: string, listener: Listener): this {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((l) => l !== listener),
    );
    return this;
  }
  emit(event: string, ...args: unknown[]): boolean {
    const list = [...(this.listeners.get(event) ?? [])];
    for (const l of list) l(...args);
    return list.length > 0;
  }
  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

/** An Electron-style event: `preventDefault()` recorded, params spread on it. */
export function fakeEvent<P extends object>(
  params: P = {} as P,
): P & { preventDefault: ReturnType<typeof vi.fn>; defaultPrevented: boolean } {
  const event = {
    ...params,
    defaultPrevented: false,
    preventDefault: vi.fn(() => {
      event.defaultPrevented = true;
    }),
  };
  return event;
}

export class FakeFrame {
  constructor(
    public url: string,
    public processId: number,
    public routingId: number,
    public parent: FakeFrame | null = null,
  ) {}
}

let nextContentsId = 1;

export class FakeWebContents extends FakeEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame = new FakeFrame('about:blank', 100 + this.id, 1);
  readonly sent: unknown[][] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  destroyed = false;
  readonly reload = vi.fn();
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push([channel, ...args]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  loadURL(url: string): Promise<void> {
    this.mainFrame.url = url;
    return Promise.resolve();
  }
  getType(): string {
    return 'window';
  }
  /** A child frame (iframe) of this page. */
  subframe(url: string): FakeFrame {
    return new FakeFrame(url, this.mainFrame.processId, 2, this.mainFrame);
  }
}

export class FakeBrowserWindow extends FakeEmitter {
  static readonly created: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.created.filter((w) => !w.destroyed);
  }
  readonly webContents = new FakeWebContents();
  readonly id = this.webContents.id;
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  destroyed = false;
  loadedUrl: string | null = null;
  constructor(readonly options: Record<string, any> = {}) {
    super();
    FakeBrowserWindow.created.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return this.webContents.loadURL(url);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return false;
  }
  getTitle(): string {
    return String(this.options.title ?? '');
  }
  close(): void {
    this.destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
  }
}

export const BrowserWindow = FakeBrowserWindow;

class FakeSession {
  permissionRequestHandler: Listener | null = null;
  permissionCheckHandler: Listener | null = null;
  devicePermissionHandler: Listener | null = null;
  readonly webRequest = {
    filters: [] as { filter: { urls: string[] }; listener: Listener }[],
    onBeforeRequest(filter: { urls: string[] }, listener: Listener) {
      this.filters.push({ filter, listener });
    },
  };
  setPermissionRequestHandler(handler: Listener | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Listener | null): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: Listener | null): void {
    this.devicePermissionHandler = handler;
  }
}

export const session = { defaultSession: new FakeSession() };

export const protocol = {
  privileged: [] as { scheme: string; privileges?: Record<string, boolean> }[],
  handlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges?: Record<string, boolean> }[]) {
    protocol.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>) {
    protocol.handlers.set(scheme, handler);
  },
};

export const ipcMain = {
  handlers: new Map<string, Listener>(),
  handle(channel: string, listener: Listener) {
    if (ipcMain.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcMain.handlers.set(channel, listener);
  },
  removeHandler(channel: string) {
    ipcMain.handlers.delete(channel);
  },
};

export interface FakeDisplay {
  id: number;
  bounds: { x: number; y: number; width: number; height: number };
  workArea: { x: number; y: number; width: number; height: number };
  scaleFactor: number;
  internal: boolean;
  label: string;
}

export const makeDisplay = (id: number, x: number, width = 1920, height = 1080): FakeDisplay => ({
  id,
  bounds: { x, y: 0, width, height },
  workArea: { x, y: 0, width, height: height - 40 },
  scaleFactor: 1,
  internal: false,
  label: `display ${id}`,
});

export const screen = {
  displays: [makeDisplay(1, 0)] as FakeDisplay[],
  primaryId: 1,
  getAllDisplays: () => screen.displays,
  getPrimaryDisplay: () => screen.displays.find((d) => d.id === screen.primaryId) ?? screen.displays[0],
};

class FakeApp extends FakeEmitter {
  readonly paths = new Map<string, string>([['userData', '/tmp/hall-console-fake-user-data']]);
  singleInstanceLock = true;
  readonly quit = vi.fn();
  readonly exit = vi.fn();
  readonly isPackaged = false;
  readonly calls: string[] = [];
  reset(): void {
    this.listeners.clear();
    this.paths.clear();
    this.paths.set('userData', '/tmp/hall-console-fake-user-data');
    this.singleInstanceLock = true;
    this.quit.mockReset();
    this.exit.mockReset();
    this.calls.length = 0;
  }
  whenReady(): Promise<void> {
    this.calls.push('whenReady');
    return Promise.resolve();
  }
  getPath(name: string): string {
    return this.paths.get(name) ?? `/tmp/fake-${name}`;
  }
  setPath(name: string, value: string): void {
    this.paths.set(name, value);
  }
  requestSingleInstanceLock(): boolean {
    this.calls.push('requestSingleInstanceLock');
    return this.singleInstanceLock;
  }
}

export const app = new FakeApp();

export const Menu = { setApplicationMenu: vi.fn() };
export const powerSaveBlocker = { start: vi.fn(() => 1), stop: vi.fn(() => true) };

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown) {
    contextBridge.exposed.set(key, api);
  },
};

export const ipcRenderer = Object.assign(new FakeEmitter(), {
  invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, value: null })),
});

export function resetFakeElectron(): void {
  FakeBrowserWindow.created.length = 0;
  session.defaultSession = new FakeSession();
  protocol.privileged.length = 0;
  protocol.handlers.clear();
  ipcMain.handlers.clear();
  screen.displays = [makeDisplay(1, 0)];
  screen.primaryId = 1;
  app.reset();
  Menu.setApplicationMenu.mockClear();
  powerSaveBlocker.start.mockClear();
  contextBridge.exposed.clear();
  ipcRenderer.listeners.clear();
  ipcRenderer.invoke.mockClear();
}
