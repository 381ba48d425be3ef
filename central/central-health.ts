import pkg from '../package.json' with { type: 'json' };
import { processUptimeSeconds, syncHealth, type HealthReport } from '../node/health/health-report';
import type { RelayUpstream } from './relay/upstream';
import type { CentralStore } from './store/sync-store';

/**
 * The central's /healthz: its version and uptime, whether the store answers, and — for a hall
 * relay — how far it lags the provincial central. A central serves many halls: no hall, station or
 * change-log detail here.
 */
export function centralHealth(store: CentralStore, relay: RelayUpstream | null, nowMs = Date.now()): HealthReport {
  let database: HealthReport['database'] = 'ok';
  try {
    store.version();
  } catch {
    database = 'unavailable';
  }
  return {
    ok: database === 'ok',
    program: relay ? 'relay' : 'central',
    version: pkg.version,
    uptimeSeconds: processUptimeSeconds(nowMs),
    database,
    sync: relay ? syncHealth(relay.status(), nowMs) : { mode: 'hub', pending: 0, lagSeconds: null },
  };
}
