import { z } from 'zod';
import { isTimeZone } from '@common/time/hall-time';
import type { Role } from '@common/api/roles';
import { appUrl } from './app-url';

/*
 * Which windows a station opens, as data. The station type and its window number live in
 * `<userData>/station.json`; a missing file means the default (a kiosk), a bad one is reported
 * in a window instead of crashing. Pure module (no electron import): planWindows and
 * parseStationConfig are unit-tested.
 */

const WindowNo = z.number().int().min(1).max(99);

const Common = {
  /** The central (or hall relay) to sync with; absent → this station runs on its own. */
  centralUrl: z.url({ protocol: /^(https?|wss?)$/ }).optional(),
  /** How long a kiosk waits for the hall's authority to number a ticket before it prints from its lease (default 300 ms). */
  authorityTimeoutMs: z.number().int().min(50).max(5000).optional(),
  /** The manager page's enrollment code, used once on first start (then the token is kept). */
  enrollCode: z
    .string()
    .regex(/^[A-Za-z0-9]{8}$/)
    .optional(),
  /** The hall CA file (PEM) the central's HTTPS certificate must be issued by (docs/security.md "TLS"). */
  centralCaFile: z.string().min(1).max(1024).optional(),
  /** Allow an http:// central that is not on this PC (tokens and data then cross the LAN unencrypted). */
  centralInsecureHttp: z.boolean().optional(),
  /** The hall's IANA time zone for every time shown and printed (default Asia/Shanghai). */
  timeZone: z.string().refine(isTimeZone, { message: 'not a known time zone, e.g. "Asia/Shanghai"' }).optional(),
  /** The hall intranet directory holding the installer and latest.yml (electron-updater, generic provider). */
  updateUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** The hall's public address customers' phones reach: slip QRs and e-receipts point here. */
  publicBaseUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** This station's name as customers see it on kiosk receipts (自助终端 <name>), e.g. "1号机". */
  stationName: z.string().trim().min(1).max(20).optional(),
  /** Allow DevTools (a technician's setting; off on production kiosks). */
  devTools: z.boolean().default(false),
};

/** Where the customer-facing rating screen of a counter goes. */
const CustomerScreen = z.enum(['auto', 'window', 'off']);

export const StationConfig = z.discriminatedUnion('station', [
  z
    .object({
      station: z.literal('counter'),
      windowNo: WindowNo,
      /** auto: full screen on the second monitor when there is one, else a normal window. */
      customerScreen: CustomerScreen.default('auto'),
      ...Common,
    })
    .strict(),
  z.object({ station: z.literal('kiosk'), ...Common }).strict(),
  z
    .object({
      station: z.literal('display'),
      /** Which monitor shows the calling display: 0 = primary, 1 = the next one, … */
      displayIndex: z.number().int().min(0).max(8).default(0),
      ...Common,
    })
    .strict(),
  z.object({ station: z.literal('manager'), ...Common }).strict(),
  z.object({ station: z.literal('guide'), ...Common }).strict(),
  z.object({ station: z.literal('devices'), ...Common }).strict(),
  /** The demo hall on one PC (`npm start`): embedded central, seeded data, simulated printer, a window per role. */
  z.object({ station: z.literal('demo'), ...Common }).strict(),
]);
export type StationConfig = z.output<typeof StationConfig>;
export type StationType = StationConfig['station'];

export const CONFIG_FILE_NAME = 'station.json';
export const DEFAULT_CONFIG: StationConfig = StationConfig.parse({ station: 'kiosk' });

export type ConfigLoad =
  { ok: true; config: StationConfig; source: 'file' | 'default' } | { ok: false; message: string };

/**
 * Parses the text of station.json (null when the file does not exist). Never throws: a bad file
 * gives a message that names the file and the offending field, for the error window.
 */
export function parseStationConfig(text: string | null, filePath: string): ConfigLoad {
  if (text === null) return { ok: true, config: DEFAULT_CONFIG, source: 'default' };
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return {
      ok: false,
      message: `${filePath} 不是有效的 JSON (is not valid JSON): ${e instanceof Error ? e.message : String(e)}`,
    };
  }
  const parsed = StationConfig.safeParse(json);
  if (parsed.success) return { ok: true, config: parsed.data, source: 'file' };
  const lines = parsed.error.issues.slice(0, 5).map((issue) => {
    const where = issue.path.length ? issue.path.map(String).join('.') : '(root)';
    return `  ${where}: ${issue.message}`;
  });
  return {
    ok: false,
    message: [
      `${filePath} 配置有误 (station configuration is invalid):`,
      ...lines,
      `例 (example): {"station": "counter", "windowNo": 3} — station 为 ${StationConfig.options.map((o) => o.shape.station.value).join(' | ')}`,
    ].join('\n'),
  };
}

export interface DisplayInfo {
  readonly id: number;
  readonly bounds: { x: number; y: number; width: number; height: number };
  readonly primary?: boolean;
}

/** How a window occupies its display. */
export type WindowMode = 'normal' | 'kiosk' | 'fullscreen' | 'frameless-fullscreen';

export interface WindowPlan {
  readonly role: Role;
  readonly windowNo: number | null;
  /** The app:// URL the window loads (hash route of the role's area). */
  readonly url: string;
  readonly title: string;
  readonly mode: WindowMode;
  /** The display the window is placed on (its bounds). */
  readonly display: DisplayInfo;
  /** Keep the screen awake (unattended screens). */
  readonly keepAwake: boolean;
  readonly devTools: boolean;
}

const TITLES: Record<Role, string> = {
  kiosk: '取号机',
  counter: '柜台',
  rate: '服务评价',
  display: '叫号显示屏',
  guide: '引导台',
  manager: '营业厅管理',
  devices: '设备管理',
};

export const windowTitle = (role: Role, windowNo: number | null): string =>
  windowNo === null ? `${TITLES[role]} — Hall Console` : `${TITLES[role]} ${windowNo} 号窗口 — Hall Console`;

const FALLBACK_DISPLAY: DisplayInfo = { id: 0, bounds: { x: 0, y: 0, width: 1280, height: 800 }, primary: true };

/** Displays ordered primary first, then left-to-right, top-to-bottom. */
export function orderDisplays(displays: readonly DisplayInfo[]): DisplayInfo[] {
  if (displays.length === 0) return [FALLBACK_DISPLAY];
  const primaryIndex = Math.max(
    0,
    displays.findIndex((d) => d.primary),
  );
  const primary = displays[primaryIndex];
  const others = displays
    .filter((_, i) => i !== primaryIndex)
    .sort((a, b) => a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y);
  return [primary, ...others];
}

/** The windows a station opens, given its config and the connected displays. Pure. */
export function planWindows(config: StationConfig, displays: readonly DisplayInfo[]): WindowPlan[] {
  const ordered = orderDisplays(displays);
  const primary = ordered[0];
  const devTools = config.devTools;
  const plan = (
    role: Role,
    windowNo: number | null,
    route: string,
    mode: WindowMode,
    display: DisplayInfo,
    keepAwake: boolean,
  ): WindowPlan => ({
    role,
    windowNo,
    url: appUrl(route),
    title: windowTitle(role, windowNo),
    mode,
    display,
    keepAwake,
    devTools,
  });

  switch (config.station) {
    case 'counter': {
      const windows = [plan('counter', config.windowNo, `/counter/${config.windowNo}`, 'normal', primary, false)];
      const second = ordered[1];
      if (config.customerScreen === 'auto' && second) {
        windows.push(plan('rate', config.windowNo, `/rate/${config.windowNo}`, 'frameless-fullscreen', second, true));
      } else if (config.customerScreen !== 'off') {
        windows.push(plan('rate', config.windowNo, `/rate/${config.windowNo}`, 'normal', primary, false));
      }
      return windows;
    }
    case 'kiosk':
      return [plan('kiosk', null, '/kiosk', 'kiosk', primary, true)];
    case 'display':
      return [plan('display', null, '/display', 'fullscreen', ordered[config.displayIndex] ?? primary, true)];
    case 'manager':
      return [plan('manager', null, '/manager', 'normal', primary, false)];
    case 'guide':
      return [plan('guide', null, '/guide', 'normal', primary, false)];
    case 'devices':
      return [plan('devices', null, '/devices', 'normal', primary, false)];
    case 'demo':
      return [
        plan('kiosk', null, '/kiosk', 'normal', primary, false),
        plan('display', null, '/display', 'normal', primary, false),
        plan('counter', 3, '/counter/3', 'normal', primary, false),
        plan('rate', 3, '/rate/3', 'normal', ordered[1] ?? primary, false),
        plan('manager', null, '/manager', 'normal', primary, false),
      ];
  }
}
