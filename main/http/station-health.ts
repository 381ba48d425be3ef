import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  deviceState,
  processUptimeSeconds,
  sendHealth,
  syncHealth,
  type HealthReport,
} from '../../node/health/health-report';

/** What the station's /healthz looks at; each source is read when the request comes. */
export interface StationHealthSources {
  version: string;
  now(): number;
  /** Resolves when the storage worker answers a query; rejects (or hangs past the timeout) otherwise. */
  pingDatabase(): Promise<unknown>;
  /** The sync link's status; null for a station without a central. */
  sync(): Promise<{ online: boolean; pending: number; lastSyncAt: string | null } | null>;
  devices(): { printer: boolean | null; reader: boolean | null; pad: boolean | null };
}

/** A health check answers quickly or not at all: a database or sync link that hangs counts as down. */
const SOURCE_TIMEOUT_MS = 2000;

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function stationHealth(s: StationHealthSources, timeoutMs = SOURCE_TIMEOUT_MS): Promise<HealthReport> {
  const database = await within(s.pingDatabase(), timeoutMs).then(
    () => 'ok' as const,
    () => 'unavailable' as const,
  );
  const link = await within(s.sync(), timeoutMs).catch(() => ({ online: false, pending: 0, lastSyncAt: null }));
  const d = s.devices();
  const state = (connected: boolean | null) => deviceState(connected !== null, connected === true);
  return {
    ok: database === 'ok',
    program: 'station',
    version: s.version,
    uptimeSeconds: processUptimeSeconds(s.now()),
    database,
    sync: syncHealth(link, s.now()),
    devices: { printer: state(d.printer), reader: state(d.reader), pad: state(d.pad) },
  };
}

/** The /healthz route for the station's HTTP server: true when it answered the request. */
export function stationHealthRoute(sources: StationHealthSources) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/healthz') return false;
    void stationHealth(sources).then(
      (report) => sendHealth(res, report),
      () => res.writeHead(500).end(),
    );
    return true;
  };
}
