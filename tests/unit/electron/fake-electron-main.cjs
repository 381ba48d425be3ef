/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS `node -r` hook */
/*
 * Runs the BUILT out/electron/main.cjs in plain Node: `node -r fake-electron-main.cjs main.cjs`.
 * Answers require('electron') with a minimal fake, then drives one IPC call, one app:// request
 * and a quit, printing one JSON line per observation for build-electron.test.ts.
 */
const Module = require('node:module');
const { EventEmitter } = require('node:events');

const report = (kind, data) => process.stdout.write(`${JSON.stringify({ kind, ...data })}\n`);
let nextId = 1;

class WebContents extends EventEmitter {
  constructor() {
    super();
    this.id = nextId++;
    this.mainFrame = { url: 'about:blank', processId: 1, routingId: this.id };
  }
  send(channel, event, payload) {
    report('event', { channel, event, payload });
  }
  isDestroyed() {
    return false;
  }
  setWindowOpenHandler() {}
  reload() {}
}

class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new WebContents();
    BrowserWindow.all.push(this);
    report('window', { title: options.title, webPreferences: options.webPreferences });
  }
  loadURL(url) {
    this.webContents.mainFrame.url = url;
    report('load', { url });
    return Promise.resolve();
  }
  isDestroyed() {
    return false;
  }
  show() {}
}
BrowserWindow.all = [];

const handlers = new Map();
const app = new EventEmitter();
let userData = '/tmp';
Object.assign(app, {
  whenReady: () => Promise.resolve(),
  setPath: (_name, p) => void (userData = p),
  getPath: () => userData,
  requestSingleInstanceLock: () => true,
  isPackaged: false,
  getVersion: () => '0.0.0-test',
  getLoginItemSettings: () => ({ openAtLogin: false }),
  setLoginItemSettings: (settings) => report('loginItem', settings),
  quit: () => {
    report('quit', {});
    process.exit(0);
  },
  exit: (code) => {
    report('exit', { code });
    process.exit(code);
  },
});
const display = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } };
const fake = {
  app,
  BrowserWindow,
  ipcMain: { handle: (c, f) => void handlers.set(c, f), removeHandler: (c) => void handlers.delete(c) },
  Menu: { setApplicationMenu() {} },
  crashReporter: { start: (options) => report('crashReporter', options) },
  dialog: { showMessageBoxSync: () => 0 },
  powerSaveBlocker: { start: () => 1 },
  screen: { getAllDisplays: () => [display], getPrimaryDisplay: () => display },
  session: {
    defaultSession: {
      setPermissionRequestHandler() {},
      setPermissionCheckHandler() {},
      setDevicePermissionHandler() {},
      webRequest: { onBeforeRequest() {} },
    },
  },
  protocol: {
    registerSchemesAsPrivileged: (schemes) => report('privileged', { schemes }),
    handle: (scheme, handler) => void (fake.protocolHandler = handler),
  },
};

const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'electron' ? fake : load.call(this, request, ...rest);
};

(async function drive() {
  const deadline = Date.now() + 20_000;
  while (!handlers.has('station:call') || BrowserWindow.all.length === 0) {
    if (Date.now() > deadline) return report('timeout', {});
    await new Promise((r) => setTimeout(r, 50));
  }
  const win = BrowserWindow.all[0];
  const call = (method, input) =>
    handlers.get('station:call')({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, method, input);
  report('result', { method: 'station.info', result: await call('station.info', {}) });
  report('result', { method: 'counter.callNext', result: await call('counter.callNext', {}) });
  const res = await fake.protocolHandler(new Request('app://hall/../../etc/passwd'));
  report('protocol', { status: res.status, csp: res.headers.get('content-security-policy') });
  app.emit('will-quit', { preventDefault: () => report('closing', {}) });
})();
