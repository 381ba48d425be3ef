import type { ServerResponse } from 'node:http';

/**
 * GET /healthz of a station and of a central: enough for a monitor (or a technician's curl) to
 * tell that the program runs, which version, how long, whether its database answers, how far sync
 * lags and whether the devices are attached — and nothing else: no station or hall id, no names,
 * no error texts (they may quote paths or people).
 */

export type DeviceState = 'connected' | 'disconnected' | 'none';

export interface SyncHealth {
  /**
   * standalone: a station without a central; hub: a central (stations sync to it, it syncs to
   * nobody); online/offline: the link to the central (a station) or to the province (a relay).
   */
  mode: 'standalone' | 'hub' | 'online' | 'offline';
  /** Changes waiting to be sent. */
  pending: number;
  /** Seconds since the last successful exchange; null when there has been none. */
  lagSeconds: number | null;
}

export interface HealthReport {
  ok: boolean;
  program: 'station' | 'central' | 'relay';
  version: string;
  uptimeSeconds: number;
  database: 'ok' | 'unavailable';
  sync: SyncHealth;
  devices?: { printer: DeviceState; reader: DeviceState; pad: DeviceState };
}

export function syncHealth(
  link: { online: boolean; pending: number; lastSyncAt: string | null } | null,
  nowMs: number,
): SyncHealth {
  if (!link) return { mode: 'standalone', pending: 0, lagSeconds: null };
  const last = link.lastSyncAt === null ? Number.NaN : Date.parse(link.lastSyncAt);
  return {
    mode: link.online ? 'online' : 'offline',
    pending: link.pending,
    lagSeconds: Number.isFinite(last) ? Math.max(0, Math.round((nowMs - last) / 1000)) : null,
  };
}

export const deviceState = (present: boolean, connected: boolean): DeviceState =>
  !present ? 'none' : connected ? 'connected' : 'disconnected';

/** 200 while the database answers (a monitor restarts on 503); sync and devices only inform. */
export function sendHealth(res: ServerResponse, report: HealthReport): void {
  res
    .writeHead(report.ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' })
    .end(JSON.stringify(report));
}

const startedAt = Date.now();
/** Seconds since this process loaded the health module (i.e. since it started, near enough). */
export const processUptimeSeconds = (nowMs: number = Date.now()): number =>
  Math.max(Math.round(process.uptime()), Math.round((nowMs - startedAt) / 1000));
