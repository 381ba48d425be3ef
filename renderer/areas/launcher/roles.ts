import type { Role } from '@common/api/roles';

export interface LauncherRole {
  role: Role;
  path: string;
  /** Counter and rating screens belong to a window: the launcher offers a window picker. */
  windowed: boolean;
}

export const LAUNCHER_ROLES: readonly LauncherRole[] = [
  { role: 'kiosk', path: '/kiosk', windowed: false },
  { role: 'counter', path: '/counter', windowed: true },
  { role: 'rate', path: '/rate', windowed: true },
  { role: 'display', path: '/display', windowed: false },
  { role: 'guide', path: '/guide', windowed: false },
  { role: 'manager', path: '/manager', windowed: false },
  { role: 'devices', path: '/devices', windowed: false },
];

/** Windows offered by the picker; a window the hall lacks shows "窗口 N 不存在". */
export const LAUNCHER_WINDOWS = Array.from({ length: 12 }, (_, i) => i + 1);
