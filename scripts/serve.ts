import path from 'node:path';
import { parseArgs } from 'node:util';
import { StorageOpenError, recoverDatabase } from '../main/storage/open-database';
import { ROLE_PATHS, startDemoHall } from '../main/demo/demo-hall';
import { RENDERER_DIR, ensureRendererBuilt } from './renderer-build';

/**
 * Browser mode: the station host with the embedded central, demo data and simulated devices.
 * `npm run serve -- --port 8080 --data-dir .data/demo [--customers N] [--recover]`
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string', default: '.data/demo' },
    customers: { type: 'string', default: '2000' },
    recover: { type: 'boolean', default: false },
  },
});
const dataDir = path.resolve(values['data-dir']!);
const log = (l: string) => console.log(l);

if (values.recover) {
  for (const file of [path.join(dataDir, 'station', 'station.db'), path.join(dataDir, 'central', 'central.db')]) {
    const r = recoverDatabase(file);
    if (r.movedTo) console.log(`moved ${file} aside to ${r.movedTo}${r.restoredFrom ? `; restored ${r.restoredFrom}` : '; a new database will be created'}`);
  }
}

try {
  ensureRendererBuilt(log);
  const hall = await startDemoHall({ dataDir, customers: Number(values.customers), stations: [{ name: 'station', port: Number(values.port), host: values.host }], rendererDir: RENDERER_DIR, discoverDevices: true, log });
  const url = hall.stations.station!.url!;
  console.log(`\n营业厅运营终端 Hall Console — browser mode (data: ${dataDir})`);
  console.log(`  中心 central: ${hall.central.url}   模拟打印机 simulated printer: tcp://${hall.printer.address().host}:${hall.printer.address().port}`);
  for (const [label, hash] of ROLE_PATHS) console.log(`  ${label.padEnd(36)} ${url}/${hash}`);
  console.log(`  demo staff: 1001 (manager), 1002–1017 (agents), 1018–1019 (guides), 1020 (technician); PIN 123456\n`);
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
