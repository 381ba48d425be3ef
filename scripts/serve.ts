import path from 'node:path';
import { parseArgs } from 'node:util';
import { StorageOpenError, recoverDatabase } from '../node/sqlite/open-database';
import { lockDataDir, type DataDirLock } from '../node/sqlite/data-dir-lock';
import { ROLE_PATHS, startDemoHall } from '../hall/demo-hall';
import { startStationHost } from '../main/host';
import { seedDataDir } from '../hall/seed/data-dir';
import { existsSync } from 'node:fs';
import { RENDERER_DIR, ensureRendererBuilt } from './renderer-build';

/**
 * Browser mode: the station host with the embedded central, demo data and simulated devices.
 * `npm run serve -- --port 8080 --data-dir .data/demo [--customers N] [--recover]`
 * A station of a real hall joins its central instead of running the demo one:
 * `npm run serve -- --central http://central:7300 --enroll CODE` (the code from the manager page).
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string', default: '.data/demo' },
    customers: { type: 'string', default: '2000' },
    recover: { type: 'boolean', default: false },
    central: { type: 'string' },
    enroll: { type: 'string' },
  },
});
const dataDir = path.resolve(values['data-dir']!);
const log = (l: string) => console.log(l);

if (values.recover) {
  // Only a damaged file is moved aside (and its newest backup restored); a healthy one stays. A data
  // directory another process is using is not touched at all.
  for (const file of [path.join(dataDir, 'station', 'station.db'), path.join(dataDir, 'central', 'central.db')]) {
    let lock: DataDirLock;
    try {
      lock = lockDataDir(path.dirname(file), 'recovery');
    } catch (e) {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(2);
    }
    try {
      const r = recoverDatabase(file);
      if (r.health === 'healthy') console.log(`${file}: 完好，保留 (healthy, kept)`);
      if (r.movedTo)
        console.log(
          `moved ${file} aside to ${r.movedTo}${r.restoredFrom ? `; restored ${r.restoredFrom}` : '; a new database will be created'}`,
        );
    } finally {
      lock.release();
    }
  }
}

if (values.enroll && !values.central) {
  console.error('--enroll needs --central URL (the demo hall enrols its own stations)');
  process.exit(2);
}

if (values.central) {
  try {
    ensureRendererBuilt(log);
    const stationDir = path.join(dataDir, 'station');
    if (!existsSync(path.join(stationDir, 'station.db'))) seedDataDir({ dataDir, customers: Number(values.customers) });
    const host = await startStationHost({
      dataDir: stationDir,
      centralUrl: values.central,
      enrollCode: values.enroll,
      http: { port: Number(values.port), host: values.host, rendererDir: RENDERER_DIR },
      log,
    });
    await host.sync!.idle();
    const s = await host.sync!.status();
    console.log(
      `\n营业厅运营终端 Hall Console — station of ${values.central}: ${s.auth === 'ok' ? '已授权 enrolled' : `未授权 (${s.auth}) ${s.lastError ?? ''}`}`,
    );
    for (const [label, hash] of ROLE_PATHS) console.log(`  ${label.padEnd(36)} ${host.url}/${hash}`);
    const stopStation = async () => {
      await host.close();
      process.exit(0);
    };
    process.on('SIGINT', stopStation);
    process.on('SIGTERM', stopStation);
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(2);
  }
} else {
  try {
    ensureRendererBuilt(log);
    const hall = await startDemoHall({
      dataDir,
      customers: Number(values.customers),
      stations: [{ name: 'station', port: Number(values.port), host: values.host }],
      rendererDir: RENDERER_DIR,
      discoverDevices: true,
      log,
    });
    const url = hall.stations.station!.url!;
    console.log(`\n营业厅运营终端 Hall Console — browser mode (data: ${dataDir})`);
    console.log(
      `  中心 central: ${hall.central.url}   模拟打印机 simulated printer: tcp://${hall.printer.address().host}:${hall.printer.address().port}`,
    );
    for (const [label, hash] of ROLE_PATHS) console.log(`  ${label.padEnd(36)} ${url}/${hash}`);
    console.log(
      `  demo staff: 1001 (manager), 1002–1017 (agents), 1018–1019 (guides), 1020 (technician); PIN 123456\n`,
    );
    const stop = async () => {
      await hall.close();
      process.exit(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (e) {
    if (e instanceof StorageOpenError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
}
