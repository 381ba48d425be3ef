import path from 'node:path';
import { parseArgs } from 'node:util';
import { startCentral } from './server';

/**
 * `npm run central -- --port 7300 --data-dir .data/central`: the central sync server on its own,
 * on SQLite; `--db postgres://user@host/db` selects the PostgreSQL backend instead.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '7300' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string', default: '.data/demo/central' },
    db: { type: 'string' },
  },
});
const dbFile = values.db ?? path.resolve(values['data-dir']!, 'central.db');
try {
  const central = await startCentral({ dbFile, port: Number(values.port), host: values.host, log: (l) => console.log(l) });
  console.log(`中心服务已启动 central ready: ${central.url}  (push ${central.url}/v1/push, pull ${central.url}/v1/pull, notify ws ${central.url.replace('http', 'ws')}/v1/notify)`);
  const stop = async () => {
    await central.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(2);
}
