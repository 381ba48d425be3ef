import { BrowserWindow, type BrowserWindowConstructorOptions, type WebPreferences } from 'electron';
import { denyForeignNavigation } from './security';
import type { WindowPlan } from './roles-config';

/**
 * The ONE place a BrowserWindow is created (VS Code's single window-options factory). Every
 * window gets the same locked-down webPreferences; the role only changes how it sits on screen.
 */

/** The webPreferences of every station window. Exported so tests can assert on them. */
export function secureWebPreferences(preloadPath: string | null, devTools: boolean): WebPreferences {
  return {
    ...(preloadPath === null ? {} : { preload: preloadPath }),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools,
  };
}

/**
 * Chromium's built-in PDF viewer, for the counter window only: the agent previews an application's
 * PDF documents in a frame (AttachmentPreviewDialog). Electron keeps `plugins` off by default, and
 * with it off the renderer refuses to create the viewer's plugin (Electron's
 * RendererClientBase::OverrideCreatePlugin checks the frame's enable_plugins), so the frame stays
 * blank or the PDF is offered as a download (electron/electron#25350: an iframe PDF works with
 * `plugins: true`). No other role shows a PDF, so no other window gets it.
 */
export function pdfViewerPreference(role: WindowSpec['role']): Pick<WebPreferences, 'plugins'> {
  return role === 'counter' ? { plugins: true } : {};
}

export interface WindowSpec extends Pick<WindowPlan, 'role' | 'title' | 'mode' | 'display' | 'devTools'> {
  /** Absolute path of out/electron/preload.cjs; null for a window that gets no station API (the error window). */
  readonly preloadPath: string | null;
  readonly log?: (line: string) => void;
}

/** Role-specific placement: kiosk mode, full screen, or a frameless full screen on a given display. */
export function windowOptions(spec: WindowSpec): BrowserWindowConstructorOptions {
  const { bounds } = spec.display;
  const base: BrowserWindowConstructorOptions = {
    title: spec.title,
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    x: bounds.x,
    y: bounds.y,
    webPreferences: {
      ...secureWebPreferences(spec.preloadPath, spec.devTools),
      // Unattended screens keep their timers (calls, rating timeouts) running when not focused.
      backgroundThrottling: spec.mode === 'normal',
      ...pdfViewerPreference(spec.role),
    },
  };
  switch (spec.mode) {
    case 'kiosk':
      return {
        ...base,
        width: bounds.width,
        height: bounds.height,
        kiosk: true,
        fullscreen: true,
        frame: false,
        minimizable: false,
      };
    case 'fullscreen':
      return { ...base, width: bounds.width, height: bounds.height, fullscreen: true };
    case 'frameless-fullscreen':
      return {
        ...base,
        width: bounds.width,
        height: bounds.height,
        frame: false,
        fullscreen: true,
        minimizable: false,
      };
    case 'normal': {
      const width = Math.min(1440, bounds.width);
      const height = Math.min(900, bounds.height);
      return {
        ...base,
        x: bounds.x + Math.round((bounds.width - width) / 2),
        y: bounds.y + Math.round((bounds.height - height) / 2),
        width,
        height,
        minWidth: Math.min(1024, width),
        minHeight: Math.min(640, height),
      };
    }
  }
}

/** Creates a station window: secure preferences, navigation and pop-ups denied, fixed title. */
export function createStationWindow(spec: WindowSpec): BrowserWindow {
  const log = spec.log ?? ((line: string) => console.warn(line));
  const win = new BrowserWindow(windowOptions(spec));
  const contents = win.webContents;

  contents.on('will-navigate', (event) => denyForeignNavigation(event, event.url, log));
  contents.on('will-redirect', (event) => denyForeignNavigation(event, event.url, log));
  contents.on('will-frame-navigate', (event) => denyForeignNavigation(event, event.url, log));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));

  // The window title names the role and counter (taskbar, screenshots, e2e), whatever the page says.
  win.on('page-title-updated', (event) => event.preventDefault());
  win.once('ready-to-show', () => {
    if (!win.isDestroyed()) win.show();
  });
  // An unattended screen must come back by itself if its renderer dies.
  contents.on('render-process-gone', (_event, details) => {
    log(`window ${spec.title}: renderer gone (${details.reason})`);
    if (details.reason === 'clean-exit') return;
    setTimeout(() => {
      if (!win.isDestroyed()) contents.reload();
    }, 1000);
  });
  return win;
}
