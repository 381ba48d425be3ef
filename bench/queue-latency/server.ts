import http from 'node:http';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import { startStationHost } from '../../main/host';
import { makeTempDir, seededDataDir } from '../../tests/support/hall-fixture';

/**
 * The server side of the issue-to-display bench, in a process of its own (as in a hall, where the
 * station host is not the TV): `station` runs a seeded station host, `echo` a bare ws echo server
 * (the baseline). Replies `{ url }` on the IPC channel, then serves until it is killed.
 */
const mode = process.argv[2];
const ROOT = path.resolve(import.meta.dirname, '../..');

if (mode === 'echo') {
  const server = http.createServer();
  const wss = new WebSocketServer({ server });
  wss.on('connection', (s) => s.on('message', (d) => s.send(d.toString())));
  server.listen(0, '127.0.0.1', () =>
    process.send!({ url: `ws://127.0.0.1:${(server.address() as { port: number }).port}` }),
  );
} else if (mode === 'station') {
  const host = await startStationHost({
    dataDir: seededDataDir('station.db', makeTempDir('bench-queue-')),
    http: { port: 0, rendererDir: path.join(ROOT, 'out/renderer') },
  });
  process.send!({ url: host.url!.replace(/^http/, 'ws') });
} else {
  throw new Error(`unknown mode ${mode}`);
}
process.on('disconnect', () => process.exit(0));
