import { describe, expect, it } from 'vitest';
import { stationHealth, type StationHealthSources } from '../../../main/http/station-health';
import { syncHealth } from '../../../node/health/health-report';

const NOW = Date.parse('2026-12-07T10:00:00Z');
const sources = (over: Partial<StationHealthSources> = {}): StationHealthSources => ({
  version: '1.2.3',
  now: () => NOW,
  pingDatabase: async () => ({}),
  sync: async () => ({ online: true, pending: 3, lastSyncAt: '2026-12-07T09:59:30Z' }),
  devices: () => ({ printer: true, reader: false, pad: null }),
  ...over,
});

describe('station health', () => {
  it('reports version, database, sync lag and each device', async () => {
    expect(await stationHealth(sources())).toMatchObject({
      ok: true,
      version: '1.2.3',
      database: 'ok',
      sync: { mode: 'online', pending: 3, lagSeconds: 30 },
      devices: { printer: 'connected', reader: 'disconnected', pad: 'none' },
    });
  });

  it('a database that fails or hangs is unavailable, and the station is not ok', async () => {
    const failing = await stationHealth(sources({ pingDatabase: () => Promise.reject(new Error('SQLITE_CORRUPT')) }));
    expect(failing).toMatchObject({ ok: false, database: 'unavailable' });
    const hanging = await stationHealth(sources({ pingDatabase: () => new Promise(() => {}) }), 20);
    expect(hanging).toMatchObject({ ok: false, database: 'unavailable' });
  });

  it('a station without a central is standalone; a hanging sync link counts as offline', async () => {
    expect((await stationHealth(sources({ sync: async () => null }))).sync).toEqual({
      mode: 'standalone',
      pending: 0,
      lagSeconds: null,
    });
    expect((await stationHealth(sources({ sync: () => new Promise(() => {}) }), 20)).sync).toMatchObject({
      mode: 'offline',
    });
  });

  it('no exchange yet: the lag is unknown, not zero', () => {
    expect(syncHealth({ online: false, pending: 5, lastSyncAt: null }, NOW)).toEqual({
      mode: 'offline',
      pending: 5,
      lagSeconds: null,
    });
  });
});
