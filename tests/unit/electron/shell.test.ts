import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CALL_CHANNEL } from '@common/api/wire';
import { errorPageUrl, runStationShell } from '../../../main/electron/shell';
import {
  app,
  FakeBrowserWindow,
  fakeEvent,
  ipcMain,
  makeDisplay,
  powerSaveBlocker,
  protocol,
  resetFakeElectron,
  screen,
  session,
} from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const host = vi.hoisted(() => ({
  calls: [] as unknown[][],
  close: null as unknown as ReturnType<typeof import('vitest').vi.fn>,
  fail: null as Error | null,
}));

vi.mock('../../../main/host', async () => {
  const { vi } = await import('vitest');
  host.close = vi.fn(async () => {});
  return {
    startStationHost: vi.fn(async (options: unknown) => {
      if (host.fail) throw host.fail;
      return {
        router: {
          call: vi.fn(async (ctx: { role: string; windowNo: number | null }, method: string) => {
            host.calls.push([ctx.role, ctx.windowNo, method]);
            return { ok: true, value: { role: ctx.role } };
          }),
          subscribe: vi.fn(() => () => {}),
        },
        close: host.close,
        options,
      };
    }),
  };
});

const baseDir = '/opt/hall/out/electron';
let userData: string;

const started = () => vi.waitFor(() => expect(FakeBrowserWindow.created.length).toBeGreaterThan(0));
const invoke = (win: FakeBrowserWindow, method: string, input: unknown = {}) =>
  ipcMain.handlers.get(IPC_CALL_CHANNEL)!(
    fakeEvent({ sender: win.webContents, senderFrame: win.webContents.mainFrame }),
    method,
    input,
  ) as Promise<unknown>;

describe('station shell (main.ts)', () => {
  beforeEach(() => {
    resetFakeElectron();
    host.calls.length = 0;
    host.fail = null;
    userData = mkdtempSync(path.join(tmpdir(), 'hall-shell-'));
  });
  afterEach(() => rmSync(userData, { recursive: true, force: true }));

  const run = () => runStationShell({ baseDir, env: { HALL_CONSOLE_USER_DATA: userData }, log: () => {} });

  it('registers the scheme before ready and takes the single-instance lock', async () => {
    run();
    expect(protocol.privileged.map((s) => s.scheme)).toEqual(['app']);
    expect(app.calls.slice(0, 2)).toEqual(['requestSingleInstanceLock', 'whenReady']);
    expect(app.getPath('userData')).toBe(userData);
    await started();
  });

  it('a second instance quits at once', () => {
    app.singleInstanceLock = false;
    run();
    expect(app.quit).toHaveBeenCalled();
    expect(app.calls).not.toContain('whenReady');
  });

  it('no station.json on an installed console: the chosen station opens, and the entry point hears which', async () => {
    const configured: string[] = [];
    runStationShell({
      baseDir,
      env: { HALL_CONSOLE_USER_DATA: userData },
      log: () => {},
      chooseStationType: () => ({ station: 'guide', devTools: false }),
      onConfigured: (config) => configured.push(config.station),
    });
    await started();
    expect(FakeBrowserWindow.created[0]!.loadedUrl).toBe('app://hall/index.html#/guide');
    expect(configured).toEqual(['guide']);
  });

  it('no station.json: one kiosk window, wired to the IPC adapter with the kiosk role', async () => {
    run();
    await started();
    expect(FakeBrowserWindow.created).toHaveLength(1);
    const win = FakeBrowserWindow.created[0];
    expect(win.loadedUrl).toBe('app://hall/index.html#/kiosk');
    expect(win.options).toMatchObject({
      kiosk: true,
      webPreferences: {
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        preload: path.join(baseDir, 'preload.cjs'),
      },
    });
    expect(protocol.handlers.has('app')).toBe(true);
    expect(session.defaultSession.permissionRequestHandler).toBeTypeOf('function');
    expect(app.listenerCount('web-contents-created')).toBe(1);
    expect(powerSaveBlocker.start).toHaveBeenCalledWith('prevent-display-sleep');

    const result = await invoke(win, 'station.info', { role: 'manager' });
    expect(result).toEqual({ ok: true, value: { role: 'kiosk' } });
    expect(host.calls).toEqual([['kiosk', null, 'station.info']]);
  });

  it('a counter with two monitors: agent window and the rating screen on the second monitor', async () => {
    writeFileSync(path.join(userData, 'station.json'), JSON.stringify({ station: 'counter', windowNo: 3 }));
    screen.displays = [makeDisplay(1, 0), makeDisplay(2, 1920, 1280, 1024)];
    run();
    await vi.waitFor(() => expect(FakeBrowserWindow.created).toHaveLength(2));
    const [agent, rate] = FakeBrowserWindow.created;
    expect(agent.loadedUrl).toBe('app://hall/index.html#/counter/3');
    expect(rate.loadedUrl).toBe('app://hall/index.html#/rate/3');
    expect(rate.options).toMatchObject({ x: 1920, frame: false, fullscreen: true });

    await invoke(rate, 'rate.prompt');
    await invoke(agent, 'counter.callNext');
    expect(host.calls).toEqual([
      ['rate', 3, 'rate.prompt'],
      ['counter', 3, 'counter.callNext'],
    ]);
  });

  it('a closed window is forgotten by the registry', async () => {
    run();
    await started();
    const win = FakeBrowserWindow.created[0];
    win.close();
    win.webContents.destroyed = false; // a recycled webContents id must not keep the old role
    expect(await invoke(win, 'station.info')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('a bad station.json opens an error window (no preload, no host) instead of crashing', async () => {
    writeFileSync(path.join(userData, 'station.json'), '{"station":"counter"}');
    run();
    await started();
    const win = FakeBrowserWindow.created[0];
    expect(win.loadedUrl).toMatch(/^data:text\/html/);
    expect(decodeURIComponent(win.loadedUrl!)).toContain('windowNo');
    expect(win.options.webPreferences).not.toHaveProperty('preload');
    expect(ipcMain.handlers.size).toBe(0);
    expect(app.exit).not.toHaveBeenCalled();
  });

  it('a host that fails to start is reported in a window', async () => {
    host.fail = new Error('database is locked');
    run();
    await started();
    expect(decodeURIComponent(FakeBrowserWindow.created[0].loadedUrl!)).toContain('database is locked');
  });

  it('closes the station host before quitting', async () => {
    run();
    await started();
    const event = fakeEvent();
    app.emit('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
    expect(host.close).toHaveBeenCalledOnce();
    expect(ipcMain.handlers.size).toBe(0);
    const second = fakeEvent();
    app.emit('will-quit', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
  });

  it('the error page escapes what it shows', () => {
    const html = decodeURIComponent(errorPageUrl('<b>', '<script>alert(1)</script>'));
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain("default-src 'none'");
  });
});
