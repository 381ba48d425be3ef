import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { PushRequest } from '../common/sync/protocol';
import { HttpError, readJson, sendJson } from './http-util';
import { isPostgresUrl, openCentralStore } from './store/open-store';
import type { CentralStore } from './store/sync-store';

export interface CentralOptions {
  /** A SQLite file path, or a `postgres://…` URL for the PostgreSQL backend. */
  dbFile: string;
  port?: number;
  host?: string;
  log?: (line: string) => void;
}

export interface CentralServer {
  url: string;
  store: CentralStore;
  close(): Promise<void>;
}

const MAX_PUSH_BYTES = 4 * 1024 * 1024;

/**
 * The central sync server: stations push mutations (POST /v1/push) and pull changes by version
 * cursor (GET /v1/pull); a WebSocket (/v1/notify) pokes them when their hall has something new.
 */
export async function startCentral(opts: CentralOptions): Promise<CentralServer> {
  const log = opts.log ?? (() => {});
  const store = openCentralStore(opts.dbFile);
  const watchers = new Map<string, Set<WebSocket>>();

  const poke = (hallId: string, version: number) => {
    const msg = JSON.stringify({ type: 'poke', version });
    for (const ws of watchers.get(hallId) ?? []) if (ws.readyState === ws.OPEN) ws.send(msg);
  };

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://central');
    try {
      if (req.method === 'GET' && url.pathname === '/healthz') return sendJson(res, 200, { ok: true, version: store.version() });
      if (req.method === 'POST' && url.pathname === '/v1/push') {
        const parsed = PushRequest.safeParse(await readJson(req, MAX_PUSH_BYTES));
        if (!parsed.success) throw new HttpError(400, 'malformed', `invalid push: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
        const result = store.push(parsed.data, new Date().toISOString());
        if (parsed.data.mutations.length) poke(parsed.data.hallId, result.version);
        return sendJson(res, 200, { lastMutationId: result.lastMutationId, rejected: result.rejected });
      }
      if (req.method === 'GET' && url.pathname === '/v1/pull') {
        const clientId = url.searchParams.get('clientId') ?? '';
        const hallId = url.searchParams.get('hallId') ?? '';
        const cursor = Number(url.searchParams.get('cursor') ?? '0');
        if (!clientId || !hallId || !Number.isInteger(cursor) || cursor < 0) throw new HttpError(400, 'malformed', 'pull needs clientId, hallId and a cursor ≥ 0');
        return sendJson(res, 200, store.pull(clientId, hallId, cursor));
      }
      throw new HttpError(404, 'not_found', 'no such endpoint');
    } catch (e) {
      if (e instanceof HttpError) return sendJson(res, e.status, { error: { code: e.code, message: e.message } });
      log(`central error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return sendJson(res, 500, { error: { code: 'internal', message: 'internal error' } });
    }
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://central');
    const hallId = url.searchParams.get('hallId');
    if (url.pathname !== '/v1/notify' || !hallId) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (!watchers.has(hallId)) watchers.set(hallId, new Set());
      watchers.get(hallId)!.add(ws);
      ws.on('close', () => watchers.get(hallId)?.delete(ws));
      ws.on('error', () => ws.terminate());
      ws.send(JSON.stringify({ type: 'poke', version: store.version() }));
    });
  });

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://${opts.host ?? '127.0.0.1'}:${port}`;
  log(`central listening on ${url} (${store.backend}${isPostgresUrl(opts.dbFile) ? '' : ` ${opts.dbFile}`})`);
  return {
    url,
    store,
    close: async () => {
      for (const set of watchers.values()) for (const ws of set) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      store.close();
    },
  };
}
