/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-function-type, @typescript-eslint/no-empty-object-type -- mirrors Electron's own declarations */
/*
 * Type-check stand-in for the `electron` package, used ONLY when it is not installed (it is an
 * optionalDependency and its binary cannot be downloaded on every machine). tsconfig maps
 * `electron` to the real package first and to this file second:
 *
 *   "paths": { "electron": ["./node_modules/electron/electron.d.ts", "./types/electron.d.ts"] }
 *
 * so wherever Electron is installed the code is checked against the real API, and this subset
 * is never merged with it. Every declaration here copies the real Electron 45 name and signature
 * (narrowed to what main/electron and preload use); add members the same way, never invent one.
 */

type PermissionName =
  | 'clipboard-read'
  | 'clipboard-sanitized-write'
  | 'display-capture'
  | 'fullscreen'
  | 'geolocation'
  | 'hid'
  | 'media'
  | 'mediaKeySystem'
  | 'midi'
  | 'midiSysex'
  | 'notifications'
  | 'openExternal'
  | 'pointerLock'
  | 'serial'
  | 'speaker-selection'
  | 'usb'
  | 'window-management'
  | 'unknown'
  | (string & {});

export type Event<Params extends object = {}> = {
  preventDefault: () => void;
  readonly defaultPrevented: boolean;
} & Params;

export interface Rectangle {
  height: number;
  width: number;
  x: number;
  y: number;
}

export interface Display {
  bounds: Rectangle;
  id: number;
  internal: boolean;
  label: string;
  scaleFactor: number;
  workArea: Rectangle;
}

export interface WebPreferences {
  devTools?: boolean;
  nodeIntegration?: boolean;
  nodeIntegrationInWorker?: boolean;
  nodeIntegrationInSubFrames?: boolean;
  preload?: string;
  sandbox?: boolean;
  session?: Session;
  partition?: string;
  webSecurity?: boolean;
  allowRunningInsecureContent?: boolean;
  experimentalFeatures?: boolean;
  contextIsolation?: boolean;
  webviewTag?: boolean;
  backgroundThrottling?: boolean;
  navigateOnDragDrop?: boolean;
  safeDialogs?: boolean;
  spellcheck?: boolean;
  plugins?: boolean;
  additionalArguments?: string[];
}

export interface BrowserWindowConstructorOptions {
  webPreferences?: WebPreferences;
  width?: number;
  height?: number;
  x?: number;
  y?: number;
  minWidth?: number;
  minHeight?: number;
  resizable?: boolean;
  movable?: boolean;
  minimizable?: boolean;
  maximizable?: boolean;
  closable?: boolean;
  alwaysOnTop?: boolean;
  fullscreen?: boolean;
  fullscreenable?: boolean;
  kiosk?: boolean;
  title?: string;
  show?: boolean;
  frame?: boolean;
  autoHideMenuBar?: boolean;
  backgroundColor?: string;
}

export interface HandlerDetails {
  url: string;
  frameName: string;
  features: string;
  disposition: 'default' | 'foreground-tab' | 'background-tab' | 'new-window' | 'other';
}

export interface WindowOpenHandlerResponse {
  action: 'allow' | 'deny';
  overrideBrowserWindowOptions?: BrowserWindowConstructorOptions;
  outlivesOpener?: boolean;
}

export interface RenderProcessGoneDetails {
  exitCode: number;
  reason:
    | 'clean-exit'
    | 'abnormal-exit'
    | 'killed'
    | 'crashed'
    | 'oom'
    | 'launch-failed'
    | 'integrity-failure'
    | 'memory-eviction';
}

export interface WebContentsWillNavigateEventParams {
  url: string;
  isSameDocument: boolean;
  isMainFrame: boolean;
  frame: WebFrameMain | null;
  initiator?: WebFrameMain | null;
}
export type WebContentsWillRedirectEventParams = WebContentsWillNavigateEventParams;
export type WebContentsWillFrameNavigateEventParams = WebContentsWillNavigateEventParams;

export class WebFrameMain {
  readonly url: string;
  readonly origin: string;
  readonly processId: number;
  readonly routingId: number;
  readonly parent: WebFrameMain | null;
  readonly top: WebFrameMain | null;
  readonly frames: WebFrameMain[];
  readonly detached: boolean;
}

export class WebContents {
  readonly id: number;
  readonly mainFrame: WebFrameMain;
  readonly session: Session;
  send(channel: string, ...args: any[]): void;
  isDestroyed(): boolean;
  reload(): void;
  loadURL(url: string): Promise<void>;
  getURL(): string;
  getType(): 'backgroundPage' | 'window' | 'browserView' | 'remote' | 'webview' | 'offscreen';
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void;
  on(
    event: 'will-navigate',
    listener: (
      details: Event<WebContentsWillNavigateEventParams>,
      url: string,
      isInPlace: boolean,
      isMainFrame: boolean,
      frameProcessId: number,
      frameRoutingId: number,
    ) => void,
  ): this;
  on(
    event: 'will-redirect',
    listener: (
      details: Event<WebContentsWillRedirectEventParams>,
      url: string,
      isInPlace: boolean,
      isMainFrame: boolean,
      frameProcessId: number,
      frameRoutingId: number,
    ) => void,
  ): this;
  on(event: 'will-frame-navigate', listener: (details: Event<WebContentsWillFrameNavigateEventParams>) => void): this;
  on(
    event: 'will-attach-webview',
    listener: (event: Event, webPreferences: WebPreferences, params: Record<string, string>) => void,
  ): this;
  on(event: 'render-process-gone', listener: (event: Event, details: RenderProcessGoneDetails) => void): this;
  on(event: 'destroyed', listener: Function): this;
  once(event: 'destroyed', listener: Function): this;
}

export class BrowserWindow {
  constructor(options?: BrowserWindowConstructorOptions);
  static getAllWindows(): BrowserWindow[];
  readonly id: number;
  readonly webContents: WebContents;
  show(): void;
  focus(): void;
  close(): void;
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  getTitle(): string;
  setFullScreen(flag: boolean): void;
  loadURL(url: string): Promise<void>;
  on(event: 'page-title-updated', listener: (event: Event, title: string, explicitSet: boolean) => void): this;
  on(event: 'closed', listener: Function): this;
  once(event: 'ready-to-show', listener: Function): this;
}

export interface PermissionRequest {
  isMainFrame: boolean;
  requestingUrl: string;
}

export interface PermissionCheckHandlerHandlerDetails {
  embeddingOrigin?: string;
  securityOrigin?: string;
  requestingUrl?: string;
  isMainFrame: boolean;
}

export interface DevicePermissionHandlerHandlerDetails {
  deviceType: 'hid' | 'serial' | 'usb';
  origin: string;
}

export interface OnBeforeRequestListenerDetails {
  id: number;
  url: string;
  method: string;
  webContentsId?: number;
  resourceType: string;
}

export interface CallbackResponse {
  cancel?: boolean;
  redirectURL?: string;
}

export interface WebRequestFilter {
  urls: string[];
}

export class WebRequest {
  onBeforeRequest(
    filter: WebRequestFilter,
    listener:
      ((details: OnBeforeRequestListenerDetails, callback: (response: CallbackResponse) => void) => void) | null,
  ): void;
}

export class Session {
  static readonly defaultSession: Session;
  readonly webRequest: WebRequest;
  readonly protocol: Protocol;
  setPermissionRequestHandler(
    handler:
      | ((
          webContents: WebContents,
          permission: PermissionName,
          callback: (permissionGranted: boolean) => void,
          details: PermissionRequest,
        ) => void)
      | null,
  ): void;
  setPermissionCheckHandler(
    handler:
      | ((
          webContents: WebContents | null,
          permission: PermissionName,
          requestingOrigin: string,
          details: PermissionCheckHandlerHandlerDetails,
        ) => boolean)
      | null,
  ): void;
  setDevicePermissionHandler(handler: ((details: DevicePermissionHandlerHandlerDetails) => boolean) | null): void;
}

export interface Privileges {
  standard?: boolean;
  secure?: boolean;
  bypassCSP?: boolean;
  allowServiceWorkers?: boolean;
  supportFetchAPI?: boolean;
  corsEnabled?: boolean;
  stream?: boolean;
  codeCache?: boolean;
}

export interface CustomScheme {
  scheme: string;
  privileges?: Privileges;
}

export interface Protocol {
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
  unhandle(scheme: string): void;
  isProtocolHandled(scheme: string): boolean;
  registerSchemesAsPrivileged(customSchemes: CustomScheme[]): void;
}

export interface Screen {
  getAllDisplays(): Display[];
  getPrimaryDisplay(): Display;
}

export interface IpcMainInvokeEvent extends Event {
  frameId: number;
  processId: number;
  sender: WebContents;
  readonly senderFrame: WebFrameMain | null;
}

export interface IpcMain {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: any[]) => Promise<any> | any): void;
  removeHandler(channel: string): void;
}

export interface IpcRendererEvent extends Event {
  sender: IpcRenderer;
}

export interface IpcRenderer {
  invoke(channel: string, ...args: any[]): Promise<any>;
  on(channel: string, listener: (event: IpcRendererEvent, ...args: any[]) => void): this;
  removeListener(channel: string, listener: (...args: any[]) => void): this;
}

export interface ContextBridge {
  exposeInMainWorld(apiKey: string, api: any): void;
}

export interface PowerSaveBlocker {
  start(type: 'prevent-app-suspension' | 'prevent-display-sleep'): number;
  stop(id: number): boolean;
}

export class Menu {
  static setApplicationMenu(menu: Menu | null): void;
}

export interface App {
  on(
    event: 'second-instance',
    listener: (event: Event, argv: string[], workingDirectory: string, additionalData: unknown) => void,
  ): this;
  on(event: 'window-all-closed', listener: Function): this;
  on(event: 'will-quit', listener: (event: Event) => void): this;
  on(event: 'web-contents-created', listener: (event: Event, webContents: WebContents) => void): this;
  whenReady(): Promise<void>;
  quit(): void;
  exit(exitCode?: number): void;
  getPath(name: 'home' | 'appData' | 'userData' | 'sessionData' | 'temp' | 'exe' | 'logs' | 'crashDumps'): string;
  setPath(name: string, path: string): void;
  requestSingleInstanceLock(additionalData?: Record<any, any>): boolean;
  readonly isPackaged: boolean;
}

export const app: App;
export const ipcMain: IpcMain;
export const ipcRenderer: IpcRenderer;
export const contextBridge: ContextBridge;
export const protocol: Protocol;
export const screen: Screen;
export const session: typeof Session;
export const powerSaveBlocker: PowerSaveBlocker;
