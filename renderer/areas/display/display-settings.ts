import type { HallDisplay } from '@common/api/schemas';
import {
  DEFAULT_HALL_NOTICES,
  DEFAULT_QUEUE_SETTINGS,
  MAX_NOTICES,
  MAX_NOTICE_CHARS,
  renderAnnouncement,
} from '@common/queue/settings';

export { MAX_NOTICES, MAX_NOTICE_CHARS };

/**
 * The calling display's local overrides: voice rate and volume, and the notices scrolled along the
 * bottom. The hall's synced settings (manager page → queue settings) are what every TV uses; a TV
 * that sits in an odd spot may override them in its own browser storage (`override: true`).
 * Parsing is tolerant: anything malformed falls back to the default, numbers are clamped.
 * Pure (the storage is passed in), unit-tested in Node.
 */
export interface DisplaySettings {
  /** Use these values instead of the hall's synced ones. */
  override: boolean;
  /** Speech rate, 0.5–1.5 (1 is the engine's normal pace; 0.85 suits the hall's older customers). */
  rate: number;
  /** 0–1, for the chime and the voice. */
  volume: number;
  notices: string[];
}

export const DEFAULT_NOTICES = DEFAULT_HALL_NOTICES;
export const DEFAULT_SETTINGS: DisplaySettings = { override: false, rate: 0.85, volume: 1, notices: DEFAULT_NOTICES };
export const STORAGE_KEY = 'hall.display.settings';

const clamp = (v: unknown, lo: number, hi: number, fallback: number): number =>
  typeof v === 'number' && Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : fallback;

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
    // Saved before the hall settings were synced: whatever was set on the TV was meant for it.
    override: typeof o.override === 'boolean' ? o.override : Object.keys(o).length > 0,
    rate: clamp(o.rate, 0.5, 1.5, DEFAULT_SETTINGS.rate),
    volume: clamp(o.volume, 0, 1, DEFAULT_SETTINGS.volume),
    notices: Array.isArray(o.notices) ? cleanNotices(o.notices) : [...DEFAULT_NOTICES],
  };
}

/** What the TV actually uses: its overrides if it has any, else the hall's synced settings. */
export interface EffectiveDisplay {
  rate: number;
  volume: number;
  notices: string[];
  template: string;
}
export function effectiveDisplay(local: DisplaySettings, hall: HallDisplay | undefined): EffectiveDisplay {
  const template = hall?.announcementTemplate ?? DEFAULT_QUEUE_SETTINGS.announcementTemplate;
  if (local.override || !hall) return { rate: local.rate, volume: local.volume, notices: local.notices, template };
  return { rate: hall.voiceRate, volume: hall.voiceVolume, notices: hall.notices, template };
}

/** The call as the TV shows and speaks it, in the hall's template (重呼 first for a recall). */
export const callText = (d: EffectiveDisplay, call: { ticketNo: string; windowNo: number; recall: boolean }): string =>
  renderAnnouncement(d.template, call.ticketNo, call.windowNo, call.recall);

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
