import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it, vi } from 'vitest';
import type { CallerContext } from '../../main/services/caller';
import { startCentral } from '../../central/server';
import { CA_FILES, runCaCommand } from '../../central/tls/ca-cli';
import { parseStationConfig } from '../../main/electron/roles-config';
import { startStationHost } from '../../main/host';
import { DEFAULT_PIN } from '../../hall/seed';
import { STAFF } from '../../hall/seed/hall';
import { describeEachBackend, useCentralBackends } from '../support/central-backends';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';

/**
 * The hall on HTTPS from end to end, made with the repo's own commands: a hall CA (`ca init`),
 * certificates for the provincial central and the hall relay (`ca issue`), a counter station whose
 * station.json pins that CA, syncing through the relay to the province. A station pinning another
 * CA gets nowhere; plain HTTP to an address off the station's PC is refused unless the station's
 * configuration says so in as many words.
 */
const { centralOn, freshDb, cleanups } = useCentralBackends();
const agent = STAFF.find((s) => s.role === 'agent')!;

async function hallCa(): Promise<{
  dir: string;
  caFile: string;
  tls: (host: string) => { cert: string; key: string };
}> {
  const dir = makeTempDir('hall-ca-');
  const quiet = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    await runCaCommand(['init', '--dir', dir, '--name', '测试营业厅']);
    // The province and the relay each get a certificate for the address stations use (here both on this PC).
    await runCaCommand(['issue', '127.0.0.1', '--dir', dir]);
    await runCaCommand(['issue', 'localhost', '127.0.0.1', '--dir', dir]);
  } finally {
    quiet.mockRestore();
  }
  const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');
  return {
    dir,
    caFile: path.join(dir, CA_FILES.caCert),
    tls: (host) => ({ cert: read(CA_FILES.serverCert(host)), key: read(CA_FILES.serverKey(host)) }),
  };
}

/** A counter station started from its station.json, as the Electron shell starts it. */
async function counterFromStationJson(json: Record<string, unknown>) {
  const dataDir = seededDataDir('station.db', makeTempDir('https-station-'));
  const file = path.join(dataDir, 'station.json');
  fs.writeFileSync(file, JSON.stringify(json));
  const load = parseStationConfig(fs.readFileSync(file, 'utf8'), file);
  if (!load.ok) throw new Error(load.message);
  const { config } = load;
  const host = await startStationHost({
    dataDir,
    centralUrl: config.centralUrl,
    enrollCode: config.enrollCode,
    centralCaFile: config.centralCaFile,
    centralInsecureHttp: config.centralInsecureHttp,
  });
  cleanups.push(host.close);
  return host;
}

describeEachBackend('on %s', (backend) => {
  it('a counter pinned to the hall CA syncs over HTTPS through the relay to the province; one pinned to another CA gets nowhere', async () => {
    const ca = await hallCa();
    const province = await centralOn(backend, { tls: ca.tls('127.0.0.1') });
    expect(province.url).toMatch(/^https:\/\//);
    const relay = await startCentral({
      dbFile: await freshDb(backend),
      tls: ca.tls('localhost'),
      relay: {
        upstreamUrl: province.url,
        hallId: 'H001',
        enrollCode: province.issueEnrollmentCode('H001', 'hall'),
        pollMs: 60_000,
        trust: { caFile: ca.caFile },
      },
    });
    cleanups.push(relay.close);
    relay.relay!.trigger();
    await relay.relay!.idle();
    expect(relay.relay!.status()).toMatchObject({ online: true, lastError: null });

    const host = await counterFromStationJson({
      station: 'counter',
      windowNo: 3,
      centralUrl: relay.url,
      centralCaFile: ca.caFile,
      enrollCode: relay.issueEnrollmentCode('H001', 'counter'),
    });
    await host.sync!.idle();
    expect(await host.sync!.status()).toMatchObject({ online: true, auth: 'ok', lastError: null });

    // The agent logs in at window 3: the sign-in and its audit entry travel station → relay → province.
    const counter: CallerContext = {
      connectionId: 'c3',
      role: 'counter',
      windowNo: 3,
      source: 'ipc:counter:3',
      session: null,
    };
    expect((await host.router.call(counter, 'auth.login', { staffNo: agent.staffNo, pin: DEFAULT_PIN })).ok).toBe(true);
    host.sync!.trigger();
    await host.sync!.idle();
    relay.relay!.trigger();
    await relay.relay!.idle();
    const atProvince = province.store
      .pull('https-reader', 'H001', 0)
      .changes.filter((ch) => ch.entity === 'audit' && ch.row.action === 'auth.login');
    expect(atProvince.map((ch) => [ch.row.station_id, ch.row.actor])).toEqual([
      [host.storage.stationId, agent.staffNo],
    ]);

    // A station that pins another hall's CA does not even enrol: the relay's certificate is not its hall's.
    const other = await hallCa();
    const stranger = await counterFromStationJson({
      station: 'counter',
      windowNo: 4,
      centralUrl: relay.url,
      centralCaFile: other.caFile,
      enrollCode: relay.issueEnrollmentCode('H001', 'counter'),
    });
    await stranger.sync!.idle();
    const refused = await stranger.sync!.status();
    expect(refused.online).toBe(false);
    expect(refused.lastError).toMatch(/certificate|self[- ]signed|issuer/i);
  });
});

/** This PC's address on the hall LAN, if it has one: plain HTTP there leaves the PC. */
const lanAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

it.skipIf(!lanAddress)(
  'plain HTTP to a central off this PC is refused unless station.json sets centralInsecureHttp; then it syncs',
  async () => {
    const lines: string[] = [];
    const central = await startCentral({
      dbFile: path.join(seededDataDir('central.db', makeTempDir('http-central-')), 'central.db'),
      host: '0.0.0.0',
      insecureHttp: true,
      log: (l) => lines.push(l),
    });
    cleanups.push(central.close);
    const url = `http://${lanAddress}:${new URL(central.url).port}`;
    await expect(
      counterFromStationJson({
        station: 'counter',
        windowNo: 5,
        centralUrl: url,
        enrollCode: central.issueEnrollmentCode('H001', 'counter'),
      }),
    ).rejects.toMatchObject({ key: 'sync.plainHttpRefused' });

    const allowed = await counterFromStationJson({
      station: 'counter',
      windowNo: 6,
      centralUrl: url,
      centralInsecureHttp: true,
      enrollCode: central.issueEnrollmentCode('H001', 'counter'),
    });
    await allowed.sync!.idle();
    expect(await allowed.sync!.status()).toMatchObject({ online: true, auth: 'ok' });
  },
);
