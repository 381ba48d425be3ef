import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, fakeEvent, makeDisplay, resetFakeElectron } from './fake-electron';
import { createStationWindow, windowOptions, type WindowSpec } from '../../../main/electron/window-factory';
import { planWindows, StationConfig } from '../../../main/electron/roles-config';

vi.mock('electron', () => import('./fake-electron'));

const displays = [
  { id: 1, bounds: makeDisplay(1, 0).bounds, primary: true },
  { id: 2, bounds: makeDisplay(2, 1920, 1280, 1024).bounds },
];

/** Every window any station type can open. */
const everyPlan = (['kiosk', 'display', 'manager', 'guide', 'devices'] as const)
  .map((station) => StationConfig.parse({ station }))
  .concat([StationConfig.parse({ station: 'counter', windowNo: 3 })])
  .flatMap((config) => planWindows(config, displays));

const spec = (overrides: Partial<WindowSpec> = {}): WindowSpec => ({
  role: 'kiosk',
  title: '取号机 — Hall Console',
  mode: 'kiosk',
  display: displays[0],
  devTools: false,
  preloadPath: '/app/out/electron/preload.cjs',
  log: () => {},
  ...overrides,
});

const lastWindow = (): FakeBrowserWindow => FakeBrowserWindow.created.at(-1)!;

describe('window factory', () => {
  beforeEach(() => resetFakeElectron());

  it('covers every role', () => {
    expect(new Set(everyPlan.map((p) => p.role))).toEqual(
      new Set(['kiosk', 'counter', 'rate', 'display', 'guide', 'manager', 'devices']),
    );
  });

  it.each(everyPlan.map((p) => [p.role, p] as const))(
    'creates the %s window with locked-down webPreferences',
    (_role, plan) => {
      createStationWindow({ ...plan, preloadPath: '/app/out/electron/preload.cjs', log: () => {} });
      const prefs = lastWindow().options.webPreferences;
      expect(prefs).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        devTools: false,
        preload: '/app/out/electron/preload.cjs',
      });
      expect(lastWindow().options.show).toBe(false);
    },
  );

  it.each(everyPlan.map((p) => [p.role, p] as const))(
    'the %s window gets the PDF viewer (plugins) only if it is the counter',
    (role, plan) => {
      createStationWindow({ ...plan, preloadPath: '/app/out/electron/preload.cjs', log: () => {} });
      const prefs = lastWindow().options.webPreferences;
      if (role === 'counter') expect(prefs.plugins).toBe(true);
      else expect(prefs).not.toHaveProperty('plugins');
    },
  );

  it('a window without a preload gets no preload key at all', () => {
    createStationWindow(spec({ preloadPath: null }));
    expect(lastWindow().options.webPreferences).not.toHaveProperty('preload');
    expect(lastWindow().options.webPreferences.sandbox).toBe(true);
  });

  it.each(['will-navigate', 'will-redirect', 'will-frame-navigate'])(
    '%s away from app:// is prevented',
    (eventName) => {
      createStationWindow(spec());
      const contents = lastWindow().webContents;
      expect(contents.listenerCount(eventName)).toBeGreaterThan(0);
      for (const url of [
        'https://evil.example/',
        'http://127.0.0.1:8080/',
        'file:///etc/passwd',
        'app://other-host/index.html',
        'javascript:alert(1)',
        'about:blank',
      ]) {
        const event = fakeEvent({ url });
        contents.emit(eventName, event, url);
        expect(event.preventDefault, url).toHaveBeenCalled();
      }
    },
  );

  it('navigation within app://hall is allowed', () => {
    createStationWindow(spec());
    const contents = lastWindow().webContents;
    const event = fakeEvent({ url: 'app://hall/index.html#/kiosk' });
    contents.emit('will-navigate', event, event.url);
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('window.open is denied', () => {
    createStationWindow(spec());
    const handler = lastWindow().webContents.windowOpenHandler;
    expect(handler).not.toBeNull();
    expect(handler!({ url: 'app://hall/index.html' })).toEqual({ action: 'deny' });
    expect(handler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('<webview> attachment is prevented', () => {
    createStationWindow(spec());
    const event = fakeEvent();
    lastWindow().webContents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('keeps the planned title and shows the window when ready', () => {
    createStationWindow(spec());
    const win = lastWindow();
    const event = fakeEvent();
    win.emit('page-title-updated', event, 'page title', true);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(win.getTitle()).toBe('取号机 — Hall Console');
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalledOnce();
  });

  it('reloads a window whose renderer crashed', () => {
    vi.useFakeTimers();
    try {
      createStationWindow(spec());
      const contents = lastWindow().webContents;
      contents.emit('render-process-gone', fakeEvent(), { reason: 'crashed', exitCode: 1 });
      vi.advanceTimersByTime(1500);
      expect(contents.reload).toHaveBeenCalledOnce();
    } finally {
      vi.useRealTimers();
    }
  });

  describe('role-specific placement', () => {
    it('kiosk: kiosk mode, full screen, frameless', () => {
      expect(windowOptions(spec({ mode: 'kiosk' }))).toMatchObject({ kiosk: true, fullscreen: true, frame: false });
    });
    it('display: full screen with background timers kept running', () => {
      const o = windowOptions(spec({ role: 'display', mode: 'fullscreen' }));
      expect(o).toMatchObject({ fullscreen: true });
      expect(o.kiosk).toBeUndefined();
      expect(o.webPreferences?.backgroundThrottling).toBe(false);
    });
    it('rate: frameless full screen on the given display', () => {
      const o = windowOptions(spec({ role: 'rate', mode: 'frameless-fullscreen', display: displays[1] }));
      expect(o).toMatchObject({ frame: false, fullscreen: true, x: 1920, y: 0, width: 1280, height: 1024 });
    });
    it('normal: a centred window within its display', () => {
      const o = windowOptions(spec({ role: 'manager', mode: 'normal', display: displays[1] }));
      expect(o.fullscreen).toBeUndefined();
      expect(o.x).toBeGreaterThanOrEqual(1920);
      expect(o.width).toBeLessThanOrEqual(1280);
      expect(o.height).toBeLessThanOrEqual(1024);
    });
  });
});
