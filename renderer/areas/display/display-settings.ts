/**
 * The calling display's own settings: voice rate and volume, and the notices scrolled along the
 * bottom. Kept per display (a TV's browser storage), because each TV sits in its own spot of the
 * hall. Parsing is tolerant: anything malformed falls back to the default, numbers are clamped.
 * Pure (the storage is passed in), unit-tested in Node.
 */
export interface DisplaySettings {
  /** Speech rate, 0.5–1.5 (1 is the engine's normal pace; 0.85 suits the hall's older customers). */
  rate: number;
  /** 0–1, for the chime and the voice. */
  volume: number;
  notices: string[];
}

export const DEFAULT_NOTICES = [
  '65 岁以上老人、残疾人、孕妇、军人可走绿色通道，请到引导台',
  '交电费、开发票可用“网上国网”App 办理，无需排队',
  '停电报修请拨打 95598，24 小时服务',
];
export const DEFAULT_SETTINGS: DisplaySettings = { rate: 0.85, volume: 1, notices: DEFAULT_NOTICES };
export const MAX_NOTICES = 10;
export const MAX_NOTICE_CHARS = 120;
export const STORAGE_KEY = 'hall.display.settings';

const clamp = (v: unknown, lo: number, hi: number, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : fallback);

/** Notices as typed: one per entry, trimmed, empty ones dropped, long ones cut, at most MAX_NOTICES. */
export function cleanNotices(list: readonly unknown[]): string[] {
  return list
    .filter((x): x is string => typeof x === 'string')
    .map((x) => x.replace(/\s+/g, ' ').trim().slice(0, MAX_NOTICE_CHARS))
    .filter((x) => x.length > 0)
    .slice(0, MAX_NOTICES);
}

export function parseSettings(raw: string | null): DisplaySettings {
  if (!raw) return { ...DEFAULT_SETTINGS, notices: [...DEFAULT_NOTICES] };
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return { ...DEFAULT_SETTINGS, notices: [...DEFAULT_NOTICES] };
  }
  const o = (v && typeof v === 'object' ? v : {}) as Record<string, unknown>;
  return {
    rate: clamp(o.rate, 0.5, 1.5, DEFAULT_SETTINGS.rate),
    volume: clamp(o.volume, 0, 1, DEFAULT_SETTINGS.volume),
    notices: Array.isArray(o.notices) ? cleanNotices(o.notices) : [...DEFAULT_NOTICES],
  };
}

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function loadSettings(store: KeyValueStore | null): DisplaySettings {
  try {
    return parseSettings(store?.getItem(STORAGE_KEY) ?? null);
  } catch {
    return parseSettings(null);
  }
}

/** Saves the cleaned settings and returns them; a full or blocked storage keeps them for this session only. */
export function saveSettings(store: KeyValueStore | null, s: DisplaySettings): DisplaySettings {
  const clean = parseSettings(JSON.stringify(s));
  try {
    store?.setItem(STORAGE_KEY, JSON.stringify(clean));
  } catch {
    /* storage full or disabled: still applied until reload */
  }
  return clean;
}
