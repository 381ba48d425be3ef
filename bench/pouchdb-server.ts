import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * The bench's baseline server in its own process: express-pouchdb over PouchDB 9 with on-disk
 * LevelDB storage in `argv[2]`. Prints `ready <port>` once it listens.
 */
const require = createRequire(import.meta.url);
type Listening = { listen(port: number, host: string, cb: () => void): { address(): AddressInfo | string | null } };
const PouchDB = require('pouchdb') as { defaults(o: object): unknown };
const expressPouchDB = require('express-pouchdb') as (db: unknown, o: object) => Listening;

const dir = process.argv[2];
if (!dir) throw new Error('usage: pouchdb-server.ts DATA_DIR');
const OnDisk = PouchDB.defaults({ prefix: `${path.resolve(dir)}/` });
const app = expressPouchDB(OnDisk, {
  mode: 'minimumForPouchDB',
  inMemoryConfig: true,
  logPath: path.join(dir, 'log.txt'),
});
const server = app.listen(0, '127.0.0.1', () => {
  console.log(`ready ${(server.address() as AddressInfo).port}`);
});
