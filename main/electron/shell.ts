import { readFileSync } from 'node:fs';
import path from 'node:path';
import { app, ipcMain, Menu, powerSaveBlocker, screen, session, type BrowserWindow } from 'electron';
import { attachIpcAdapter, type IpcAdapterHandle } from '../api/ipc-adapter';
import { startStationHost } from '../host';
import { installPdfRenderer } from '../reports/pdf-renderer';
import { electronPdfRenderer } from './report-pdf';
import { isAppUrl } from './app-url';
import { KioskExitGuard, staffPinVerifier, stationExitAudit } from './kiosk-exit-glue';
import { registerAppScheme, serveAppProtocol } from './protocol';
import {
  CONFIG_FILE_NAME,
  parseStationConfig,
  planWindows,
  type DisplayInfo,
  type StationConfig,
} from './roles-config';
import { applySessionSecurity, installWebContentsGuard } from './security';
import { createStationWindow } from './window-factory';
import { WindowRegistry } from './window-registry';
import type { HallLogger } from '../../node/log/logger';

/**
 * The Electron shell of a station: wires security, the app:// protocol, the station host, the IPC
 * adapter and the planned windows. main.ts only calls runStationShell(). Environment:
 *   HALL_CONSOLE_USER_DATA  use this userData directory (tests use a temporary one)
 *   HALL_STATION_CONFIG     read the station config from this file instead of <userData>/station.json
 */

export interface ShellOptions {
  /** The directory of the bundle (out/electron): preload.cjs beside it, the renderer in ../renderer. */
  baseDir: string;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  /**
   * Starts the one-PC demo hall (station plus embedded central) for `"station": "demo"`. Injected by
   * the entry point, which sits above main/ and central/.
   */
  startDemoHall?: (options: { dataDir: string; log: (line: string) => void; logger?: HallLogger }) => Promise<DemoHall>;
  /** The process log: the station host serves its recent errors (station.recentErrors). */
  logger?: HallLogger;
  /** First start without a station.json: ask which station this PC is (null: the kiosk default). */
  chooseStationType?: (configPath: string) => StationConfig | null;
  /** Once the station type is known (login item, updates: wired by the entry point). */
  onConfigured?: (config: StationConfig) => void;
}

type Host = Awaited<ReturnType<typeof startStationHost>>;

/** A running demo hall: its station host, and a close that also stops the embedded central. */
export interface DemoHall {
  host: Host;
  close(): Promise<void>;
}

export function readStationConfigFile(filePath: string): string | null {
  try {
    return readFileSync(filePath, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** A self-contained page (no script, no preload, no station API) that states what is wrong. */
export function errorPageUrl(title: string, message: string): string {
  const html =
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">` +
    `<title>${escapeHtml(title)}</title><style>body{font:16px/1.6 system-ui,sans-serif;margin:40px;color:#222}` +
    `h1{font-size:22px;color:#b42318}pre{white-space:pre-wrap;background:#f6f6f6;padding:16px;border-radius:6px}</style></head>` +
    `<body><h1>${escapeHtml(title)}</h1><pre>${escapeHtml(message)}</pre></body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}

export function runStationShell(options: ShellOptions): void {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => console.error(`[hall-console] ${line}`));
  if (env.HALL_CONSOLE_USER_DATA) app.setPath('userData', path.resolve(env.HALL_CONSOLE_USER_DATA));

  // Privileged schemes must be registered before `ready`.
  registerAppScheme();

  if (!app.requestSingleInstanceLock()) {
    log('another Hall Console instance is running; quitting');
    app.quit();
    return;
  }

  const registry = new WindowRegistry();
  const windows: BrowserWindow[] = [];
  let host: Host | null = null;
  let demo: DemoHall | null = null;
  let adapter: IpcAdapterHandle | null = null;
  let exitGuard: KioskExitGuard | null = null;
  let hostClosed = false;

  app.on('second-instance', () => {
    const win = windows.find((w) => !w.isDestroyed());
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (hostClosed || !host) return;
    event.preventDefault();
    // The demo hall closes its station host with the embedded central and printer simulator.
    const closing = demo ?? host;
    host = null;
    demo = null;
    adapter?.();
    exitGuard?.detach(ipcMain);
    closing
      .close()
      .catch((e: unknown) => log(`station host did not close cleanly: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        hostClosed = true;
        app.quit();
      });
  });

  const showError = (title: string, message: string): void => {
    log(`${title}: ${message}`);
    const primary = screen.getPrimaryDisplay();
    const win = createStationWindow({
      role: 'manager',
      title: `${title} — Hall Console`,
      mode: 'normal',
      display: { id: primary.id, bounds: primary.bounds, primary: true },
      devTools: false,
      preloadPath: null,
      log,
    });
    windows.push(win);
    void win.loadURL(errorPageUrl(title, message));
  };

  const start = async (): Promise<void> => {
    Menu.setApplicationMenu(null);
    installWebContentsGuard(app, log);
    applySessionSecurity(session.defaultSession, { roleOf: (id) => registry.roleOf(id), log });
    // The counter's PDF preview frame loads app://hall/api/attachment-preview/… from the host's links.
    serveAppProtocol(path.join(options.baseDir, '..', 'renderer'), () => host?.previews ?? null);

    const configPath = env.HALL_STATION_CONFIG
      ? path.resolve(env.HALL_STATION_CONFIG)
      : path.join(app.getPath('userData'), CONFIG_FILE_NAME);
    let text: string | null;
    try {
      text = readStationConfigFile(configPath);
    } catch (e) {
      showError(
        '站点配置无法读取 (cannot read the station configuration)',
        `${configPath}: ${e instanceof Error ? e.message : String(e)}`,
      );
      return;
    }
    const loaded = parseStationConfig(text, configPath);
    if (!loaded.ok) {
      showError('站点配置有误 (station configuration error)', loaded.message);
      return;
    }
    let config: StationConfig = loaded.config;
    if (loaded.source === 'default') {
      const chosen = options.chooseStationType?.(configPath) ?? null;
      if (chosen) config = chosen;
      else log(`no ${configPath}; starting as a kiosk (write that file to choose the station type)`);
    }
    options.onConfigured?.(config);

    try {
      installPdfRenderer(electronPdfRenderer());
      const dataDir = path.join(app.getPath('userData'), 'data');
      if (config.station === 'demo') {
        if (!options.startDemoHall) throw new Error('this build has no demo hall');
        demo = await options.startDemoHall({ dataDir, log, logger: options.logger });
        host = demo.host;
      } else {
        host = await startStationHost({
          dataDir,
          ...(config.centralUrl === undefined ? {} : { centralUrl: config.centralUrl }),
          ...(config.enrollCode === undefined ? {} : { enrollCode: config.enrollCode }),
          ...(config.centralCaFile === undefined ? {} : { centralCaFile: config.centralCaFile }),
          ...(config.centralInsecureHttp === undefined ? {} : { centralInsecureHttp: config.centralInsecureHttp }),
          ...(config.authorityTimeoutMs === undefined ? {} : { authorityTimeoutMs: config.authorityTimeoutMs }),
          ...(config.timeZone === undefined ? {} : { timeZone: config.timeZone }),
          ...(config.publicBaseUrl === undefined ? {} : { publicBaseUrl: config.publicBaseUrl }),
          ...(config.stationName === undefined ? {} : { stationName: config.stationName }),
          log,
          logger: options.logger,
          // Printer, readers and pad come from devices.json (edited on the devices page); USB readers by discovery.
          discoverDevices: true,
        });
      }
    } catch (e) {
      showError(
        '站点服务无法启动 (the station host did not start)',
        e instanceof Error ? (e.stack ?? e.message) : String(e),
      );
      return;
    }

    adapter = attachIpcAdapter({
      ipcMain,
      router: host.router,
      contextFor: (sender) => registry.contextFor(sender.id),
      isTrustedUrl: isAppUrl,
      log,
    });

    // Kiosks and full-screen displays: no way out without a technician's or the manager's PIN.
    const sync = host.sync;
    const guard = new KioskExitGuard(
      staffPinVerifier(host.storage),
      log,
      stationExitAudit(host.storage, () => sync?.trigger()),
    );
    exitGuard = guard;
    guard.attach(ipcMain);
    app.on('before-quit', () => guard.quitting());

    const primaryId = screen.getPrimaryDisplay().id;
    const displays: DisplayInfo[] = screen
      .getAllDisplays()
      .map((d) => ({ id: d.id, bounds: d.bounds, primary: d.id === primaryId }));
    const plans = planWindows(config, displays);
    if (plans.some((p) => p.keepAwake)) powerSaveBlocker.start('prevent-display-sleep');

    for (const plan of plans) {
      const win = createStationWindow({ ...plan, preloadPath: path.join(options.baseDir, 'preload.cjs'), log });
      const id = win.webContents.id;
      registry.register(id, plan.role, plan.windowNo);
      adapter.watch(win.webContents);
      guard.guard(win, plan.mode, { role: plan.role, windowNo: plan.windowNo });
      win.on('closed', () => registry.unregister(id));
      windows.push(win);
      void win
        .loadURL(plan.url)
        .catch((e: unknown) =>
          log(`${plan.title}: could not load ${plan.url}: ${e instanceof Error ? e.message : String(e)}`),
        );
    }
  };

  app
    .whenReady()
    .then(start)
    .catch((e: unknown) => {
      log(`startup failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      app.exit(1);
    });
}
