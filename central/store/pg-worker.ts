import { workerData, type MessagePort } from 'node:worker_threads';
import pg from 'pg';

/**
 * The PostgreSQL side of the synchronous bridge: runs each query the central's thread sends and
 * wakes it through the shared flag. One connection, so transactions follow the caller's order.
 */
interface Data {
  url: string;
  port: MessagePort;
  flag: SharedArrayBuffer;
}
const { url, port, flag } = workerData as Data;
const signal = new Int32Array(flag);
pg.types.setTypeParser(20, (v) => Number(v)); // bigint counts and versions fit in a double here
const client = new pg.Client({ connectionString: url });
let connected: Promise<unknown> | null = null;

function reply(message: unknown): void {
  port.postMessage(message);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}

port.on('message', (m: { sql: string; params: unknown[] } | { close: true }) => {
  void (async () => {
    try {
      connected ??= client.connect();
      await connected;
      if ('close' in m) {
        await client.end();
        reply({ ok: true, rows: [], changes: 0 });
        return;
      }
      const r = await client.query(m.sql, m.params);
      reply({ ok: true, rows: r.rows, changes: r.rowCount ?? 0 });
    } catch (e) {
      const err = e as { message?: string; code?: string };
      reply({ ok: false, message: err.message ?? String(e), code: err.code ?? null });
    }
  })();
});
