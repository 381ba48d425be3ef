import type { App } from 'electron';
import type { StationConfig, StationType } from './roles-config';

/*
 * Kiosks and calling displays are unattended: after a power cut or a Windows update they must come
 * back by themselves. Staff PCs start the console when the person at them chooses to.
 */
export const STARTS_AT_LOGIN: ReadonlySet<StationType> = new Set(['kiosk', 'display']);

export function wantsLoginItem(config: Pick<StationConfig, 'station'>): boolean {
  return STARTS_AT_LOGIN.has(config.station);
}

/** Sets (or clears) the login item of an installed app; a development run leaves the OS alone. */
export function applyLoginItem(app: App, config: Pick<StationConfig, 'station'>, log: (line: string) => void): void {
  if (!app.isPackaged) return;
  const openAtLogin = wantsLoginItem(config);
  if (app.getLoginItemSettings().openAtLogin === openAtLogin) return;
  app.setLoginItemSettings({ openAtLogin });
  log(`login item ${openAtLogin ? 'set' : 'cleared'} for a ${config.station} station`);
}
