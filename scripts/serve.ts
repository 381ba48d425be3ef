import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseCommandLine, usageFailure } from '../node/cli/command-line';
import { StorageOpenError, recoverDatabase } from '../node/sqlite/open-database';
import { lockDataDir, type DataDirLock } from '../node/sqlite/data-dir-lock';
import { ROLE_PATHS, startDemoHall } from '../hall/demo-hall';
import { startStationHost } from '../main/host';
import { seedDataDir } from '../hall/seed/data-dir';
import { BuildFailedError, RENDERER_DIR, ensureRendererBuilt } from './renderer-build';
import { startProcessLog } from '../node/log/process-log';

/**
 * Browser mode: the station host with the embedded central, demo data and simulated devices.
 * A station of a real hall joins its central instead of running the demo one.
 */
export const SERVE_OPTIONS = {
  port: { type: 'string', default: '8080' },
  host: { type: 'string', default: '127.0.0.1' },
  'data-dir': { type: 'string', default: '.data/demo' },
  customers: { type: 'string', default: '2000' },
  recover: { type: 'boolean', default: false },
  central: { type: 'string' },
  enroll: { type: 'string' },
} as const;

export const SERVE_USAGE_LINES = `  --port N          HTTP port of the station (default 8080)
  --host ADDR       address to listen on (default 127.0.0.1; 0.0.0.0 for the hall's LAN)
  --data-dir DIR    data directory: databases, logs, crash dumps (default .data/demo)
  --customers N     customers seeded into a new demo hall (default 2000)
  --recover         move a damaged database aside (restoring the newest backup) before starting
  --central URL     join this central (or hall relay) instead of running the demo hall
  --enroll CODE     the enrollment code from the manager page (with --central, first start only)
  -h, --help        this text`;

const USAGE = `usage: npm run serve -- [options]
Hall Console in browser mode: the station host serving the pages at http://HOST:PORT/.
${SERVE_USAGE_LINES}`;

const CLI = { name: 'npm run serve --', usage: USAGE, options: SERVE_OPTIONS };

const portOf = (text: string): number | null => (/^\d{1,5}$/.test(text) && Number(text) <= 65535 ? Number(text) : null);

export async function serve(argv: string[] = process.argv.slice(2), cli: { name: string } = CLI): Promise<void> {
  const { values } = parseCommandLine({ ...CLI, ...cli }, argv);
  const port = portOf(values.port);
  if (port === null) process.exit(usageFailure(cli, `--port wants a port number (0–65535), got ${values.port}`));
  if (!/^\d+$/.test(values.customers))
    process.exit(usageFailure(cli, `--customers wants a number, got ${values.customers}`));
  if (values.enroll && !values.central)
    process.exit(usageFailure(cli, '--enroll needs --central URL (the demo hall enrols its own stations)'));

  const dataDir = path.resolve(values['data-dir']);
  const logger = await startProcessLog({ dataDir, name: 'station' });
  const log = logger.line;

  if (values.recover) {
    // Only a damaged file is moved aside (and its newest backup restored); a healthy one stays. A data
    // directory another process is using is not touched at all.
    for (const file of [path.join(dataDir, 'station', 'station.db'), path.join(dataDir, 'central', 'central.db')]) {
      let lock: DataDirLock;
      try {
        lock = lockDataDir(path.dirname(file), 'recovery');
      } catch (e) {
        logger.error(e instanceof Error ? e.message : String(e));
        await logger.close();
        process.exit(2);
      }
      try {
        const r = recoverDatabase(file);
        if (r.health === 'healthy') logger.info(`${file}: 完好，保留 (healthy, kept)`);
        if (r.movedTo)
          logger.warn(
            `moved ${file} aside to ${r.movedTo}${r.restoredFrom ? `; restored ${r.restoredFrom}` : '; a new database will be created'}`,
          );
      } finally {
        lock.release();
      }
    }
  }

  try {
    ensureRendererBuilt(log);
    if (values.central) {
      const stationDir = path.join(dataDir, 'station');
      if (!existsSync(path.join(stationDir, 'station.db')))
        seedDataDir({ dataDir, customers: Number(values.customers) });
      const host = await startStationHost({
        dataDir: stationDir,
        centralUrl: values.central,
        enrollCode: values.enroll,
        http: { port, host: values.host, rendererDir: RENDERER_DIR },
        log,
        logger,
      });
      await host.sync!.idle();
      const s = await host.sync!.status();
      console.log(
        `\n营业厅运营终端 Hall Console — station of ${values.central}: ${s.auth === 'ok' ? '已授权 enrolled' : `未授权 (${s.auth}) ${s.lastError ?? ''}`}`,
      );
      for (const [label, hash] of ROLE_PATHS) console.log(`  ${label.padEnd(36)} ${host.url}/${hash}`);
      console.log(`  日志 logs: ${logger.dir}\n`);
      onStop(() => host.close(), logger);
    } else {
      const hall = await startDemoHall({
        dataDir,
        customers: Number(values.customers),
        stations: [{ name: 'station', port, host: values.host }],
        rendererDir: RENDERER_DIR,
        discoverDevices: true,
        log,
        logger,
      });
      const url = hall.stations.station!.url!;
      console.log(`\n营业厅运营终端 Hall Console — browser mode (data: ${dataDir})`);
      console.log(
        `  中心 central: ${hall.central.url}   模拟打印机 simulated printer: tcp://${hall.printer.address().host}:${hall.printer.address().port}`,
      );
      for (const [label, hash] of ROLE_PATHS) console.log(`  ${label.padEnd(36)} ${url}/${hash}`);
      console.log(
        `  demo staff: 1001 (manager), 1002–1017 (agents), 1018–1019 (guides), 1020 (technician); PIN 123456`,
      );
      console.log(`  日志 logs: ${logger.dir}\n`);
      onStop(() => hall.close(), logger);
    }
  } catch (e) {
    if (e instanceof StorageOpenError || e instanceof BuildFailedError) {
      logger.error(e.message);
      await logger.close();
      process.exit(2);
    }
    throw e;
  }
}

function onStop(close: () => Promise<void>, logger: { close(): Promise<void> }): void {
  const stop = async () => {
    await close();
    await logger.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) await serve();
