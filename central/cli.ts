import path from 'node:path';
import { StationRole } from '@common/sync/station-roles';
import fs from 'node:fs';
import { startCentral } from './server';
import { runCaCommand } from './tls/ca-cli';
import { parseCommandLine, usageFailure } from '../node/cli/command-line';
import { startProcessLog } from '../node/log/process-log';

/**
 * `npm run central -- --port 7300 --data-dir .data/central`: the central sync server on its own,
 * on SQLite; `--db postgres://user@host/db` selects the PostgreSQL backend instead.
 * `--issue-code H001:manager` prints an enrollment code at start: how a hall's first (manager)
 * station enrols; every later one gets its code from the manager page.
 * `--relay-to https://province.example --relay-hall H001 --relay-code CODE` runs it in the hall as a
 * relay: a server to the hall's stations, a client to the provincial central (CODE is a `hall`
 * enrollment code from the province, used once; the relay keeps its token in its own database).
 * `--import-hall FILE` loads a hall's SQLite database (e.g. `npm run seed`'s central.db) into this
 * central — how a PostgreSQL central gets its reference data and customers; stations then pull it.
 * `--retention-days N` keeps superseded change-log rows N days (default 30) before compaction.
 * `--tls-cert FILE --tls-key FILE` serve HTTPS (docs/security.md "TLS"; `ca init` / `ca issue HOST`
 * make the files); off loopback, plain HTTP needs `--insecure-http`. `--relay-ca FILE` pins the
 * provincial central's CA for a relay.
 */
if (process.argv[2] === 'ca') {
  try {
    await runCaCommand(process.argv.slice(3));
    process.exit(0);
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(2);
  }
}
const USAGE = `usage: npm run central -- [options]
The central sync server (or, with --relay-to, a hall relay).
  --port N                 HTTP port (default 7300)
  --host ADDR              address to listen on (default 127.0.0.1)
  --data-dir DIR           its SQLite database, logs and crash dumps (default .data/demo/central)
  --db postgres://…        use PostgreSQL instead of SQLite
  --issue-code HALL:ROLE   print an enrollment code at start (repeatable)
  --relay-to URL           run as a hall relay of this provincial central
  --relay-hall HALL        the hall this relay serves (with --relay-to)
  --relay-code CODE        the province's hall enrollment code (first start only)
  --relay-poll-ms N        how often the relay exchanges with the province (default 5000)
  --import-hall FILE       load a hall's SQLite database (npm run seed's central.db); repeatable
  --retention-days N       keep superseded change-log rows N days (default 30)
  --tls-cert FILE          serve HTTPS with this certificate (PEM) …
  --tls-key FILE           … and its private key (make both with \`ca init\` and \`ca issue HOST\`)
  --insecure-http          allow plain HTTP on an address other than loopback
  --relay-ca FILE          the provincial central's CA (PEM) a relay pins
  -h, --help               this text
Hall CA:  npm run central -- ca init | ca issue HOST…`;

const CLI = { name: 'npm run central --', usage: USAGE };
const { values } = parseCommandLine({
  ...CLI,
  options: {
    port: { type: 'string', default: '7300' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string', default: '.data/demo/central' },
    db: { type: 'string' },
    'issue-code': { type: 'string', multiple: true },
    'relay-to': { type: 'string' },
    'relay-hall': { type: 'string' },
    'relay-code': { type: 'string' },
    'relay-poll-ms': { type: 'string', default: '5000' },
    'import-hall': { type: 'string', multiple: true },
    'retention-days': { type: 'string', default: '30' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    'insecure-http': { type: 'boolean', default: false },
    'relay-ca': { type: 'string' },
  },
});
if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535)
  process.exit(usageFailure(CLI, `--port wants a port number (0–65535), got ${values.port}`));
const dataDir = path.resolve(values['data-dir']);
const logger = await startProcessLog({ dataDir, name: 'central' });
const dbFile = values.db ?? path.join(dataDir, 'central.db');
try {
  const relayTo = values['relay-to'];
  if (relayTo && !values['relay-hall'])
    throw new Error('--relay-to needs --relay-hall HALL (the hall this relay serves)');
  const relay = relayTo
    ? {
        upstreamUrl: relayTo.replace(/\/+$/, ''),
        hallId: values['relay-hall']!,
        enrollCode: values['relay-code'],
        pollMs: Number(values['relay-poll-ms']),
        trust: { caFile: values['relay-ca'], insecureHttp: values['insecure-http'] },
      }
    : undefined;
  const retentionDays = Number(values['retention-days']);
  if (!(retentionDays > 0)) throw new Error('--retention-days wants a number of days > 0');
  const compaction = { retentionMs: retentionDays * 86_400_000, everyMs: 3_600_000 };
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key']))
    throw new Error('--tls-cert and --tls-key go together (see docs/security.md "TLS")');
  const tls =
    values['tls-cert'] && values['tls-key']
      ? { cert: fs.readFileSync(values['tls-cert']), key: fs.readFileSync(values['tls-key']) }
      : undefined;
  const central = await startCentral({
    tls,
    insecureHttp: values['insecure-http'],
    dbFile,
    port: Number(values.port),
    host: values.host,
    log: logger.line,
    relay,
    compaction,
  });
  // A PostgreSQL central starts empty: `--import-hall .data/demo/central/central.db` loads a seeded hall's reference data and customers.
  for (const file of values['import-hall'] ?? []) central.importHallDatabase(path.resolve(file));
  if (relay) logger.info(`厅内中继 hall relay for ${relay.hallId} → ${relay.upstreamUrl}`);
  for (const spec of values['issue-code'] ?? []) {
    const [hallId, role] = spec.split(':');
    const parsed = StationRole.safeParse(role);
    if (!hallId || !parsed.success)
      throw new Error(`--issue-code wants HALL:ROLE with ROLE one of ${StationRole.options.join(', ')}`);
    // On the console only: a code is a credential for ten minutes and has no place in a log file.
    console.log(
      `注册码 enrollment code for a ${parsed.data} station of ${hallId}: ${central.issueEnrollmentCode(hallId, parsed.data)} (valid 10 minutes)`,
    );
  }
  logger.info(
    `中心服务已启动 central ready: ${central.url}  (push ${central.url}/v1/push, pull ${central.url}/v1/pull, notify ws ${central.url.replace('http', 'ws')}/v1/notify)`,
  );
  const stop = async () => {
    await central.close();
    await logger.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  logger.error(e instanceof Error ? e.message : String(e));
  await logger.close();
  process.exit(2);
}
