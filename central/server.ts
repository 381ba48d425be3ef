import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { z } from 'zod';
import {
  EnrollmentCodeRequest,
  EnrollRequest,
  MAX_PUSH_BYTES,
  PUSH_WINDOW,
  PUSH_WINDOW_HEADER,
  PushRequest,
  RevokeRequest,
  StationReport,
} from '@common/sync/protocol';
import { LeaseRequest, LeaseReturn } from '@common/sync/number-leases';
import { TicketIssueRequest } from '@common/sync/ticket-issue';
import { CustomerLookupRequest } from '@common/sync/customer-lookup';
import type { StationRole } from '@common/sync/station-roles';
import { EnrollAttemptLimiter, type EnrollLimit } from './enroll-limiter';
import { StationReports } from './station-reports';
import { isErrorKey } from '@common/errors';
import { issueError } from '@common/errors/zod-issue';
import { HttpError, readJson, sendError, sendJson } from './http-util';
import { DEFAULT_REQUEST_LIMITS, RequestLimiter, type RequestLimits } from './request-limits';
import { scopePullForRole, scopeSnapshotLineForRole } from './pull-scope';
import { centralTransport, type CentralTls } from './tls/transport';
import { PushOrder } from './push-order';
import { streamSnapshot } from './snapshot-stream';
import { isPostgresUrl, openCentralStore } from './store/open-store';
import type { CentralStore } from './store/sync-store';
import { RelayUpstream, type RelayOptions } from './relay/upstream';
import { redactPullForRole, redactSnapshotLineForRole } from './reference-redaction';
import type { CompactionResult } from './store/change-log-compaction';
import { CHECKSUM_PARAM, requestedChecksumKind } from '../node/sync/checksum';
import { sendHealth } from '../node/health/health-report';
import { centralHealth } from './central-health';
import { hallComparisonAnswer } from './hall-comparison-route';
import { scheduleRiskTraining } from './risk/risk-models';

export interface CentralOptions {
  /** A SQLite file path, or a `postgres://…` URL for the PostgreSQL backend. */
  dbFile: string;
  port?: number;
  host?: string;
  log?: (line: string) => void;
  /** Bad enrollment codes allowed per address and window (default 5 per 10 minutes). */
  enrollLimit?: EnrollLimit;
  /** Run as a hall relay: a server to the hall's stations and a client to this provincial central. */
  relay?: RelayOptions;
  /** Change-log compaction: how long superseded rows are kept, and how often a run happens (default 30 days, hourly; false: never). */
  compaction?: { retentionMs: number; everyMs: number } | false;
  /** Request budgets per station credential and per enrolling address (default DEFAULT_REQUEST_LIMITS). */
  limits?: Partial<RequestLimits>;
  /** The server certificate and key (PEM) the central serves HTTPS with (docs/security.md "TLS"). */
  tls?: CentralTls;
  /** Serve plain HTTP on an address other than loopback: only by this explicit choice, and with a warning. */
  insecureHttp?: boolean;
  /** How far past its window (by the central's clock) a rating may still come into being; default 30 minutes. */
  ratingToleranceMs?: number;
  /** The central's clock (tests move it); every time the central records or judges by is read from it. */
  clock?: () => Date;
  /** How often the fee-recovery risk model is retrained (default daily; false: only when asked). */
  riskTrainingEveryMs?: number | false;
}

const DEFAULT_COMPACTION = { retentionMs: 30 * 86_400_000, everyMs: 3_600_000 };

export interface CentralServer {
  url: string;
  store: CentralStore;
  /** The upstream link when this central is a hall relay. */
  relay: RelayUpstream | null;
  /** An enrollment code for a station of this hall and role (the demo and tests enrol with it). */
  issueEnrollmentCode(hallId: string, role: StationRole): string;
  /** Put reference rows written at the central (seeded, imported) into their halls' change logs, and poke the stations. */
  publishReferenceData(): number;
  /** Import a hall's SQLite database (seeded or exported) into this central and publish its reference data. */
  importHallDatabase(file: string): Record<string, number>;
  /** One compaction run over every hall with enrolled stations (what the timer does). */
  compactChangeLog(retentionMs?: number, now?: Date): CompactionResult[];
  close(): Promise<void>;
}

const MAX_ADMIN_BYTES = 4096;
/** A station's report: STATION_REPORT_LINES lines of at most 500 characters, JSON-escaped. */
const MAX_REPORT_BYTES = 64 * 1024;

const parse = <T extends z.ZodType>(schema: T, value: unknown): z.output<T> => {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  // The request's author reads this: a rule's catalog text, or else zod's own words, after the field.
  const issue = r.error.issues[0];
  const text = isErrorKey(issue?.message) ? issueError(issue).message : (issue?.message ?? 'invalid input');
  const field = issue?.path.map(String).join('.');
  const problem = field ? `${field}: ${text}` : text;
  throw new HttpError(400, 'malformed', 'sync.malformedRequest', { problem });
};

/** Run an enrollment; a bad code counts against the caller's address. */
function enrollOrCount<T>(enroll: () => T, countFailure: () => void): T {
  try {
    return enroll();
  } catch (e) {
    if (e instanceof HttpError && e.code === 'invalid_code') countFailure();
    throw e;
  }
}

/**
 * The central sync server: stations push mutations (POST /v1/push) and pull changes by version
 * cursor (GET /v1/pull); a WebSocket (/v1/notify) pokes them when their hall has something new.
 * Every call but enrollment carries `Authorization: Bearer <token>`; the token fixes the hall,
 * the client id and the role, whatever the body claims.
 */
export async function startCentral(opts: CentralOptions): Promise<CentralServer> {
  const log = opts.log ?? (process.env.HALL_CENTRAL_DEBUG ? (l: string) => console.error(l) : () => {});
  const clock = opts.clock ?? (() => new Date());
  const store = openCentralStore(opts.dbFile, {
    relay: Boolean(opts.relay),
    log,
    clock,
    ratingToleranceMs: opts.ratingToleranceMs,
  });
  const watchers = new Map<string, Set<WebSocket>>();
  const enrollLimiter = new EnrollAttemptLimiter(opts.enrollLimit);
  const pushOrder = new PushOrder();
  const reports = new StationReports();
  const limiter = new RequestLimiter({ ...DEFAULT_REQUEST_LIMITS, ...opts.limits }, log);
  const host = opts.host ?? '127.0.0.1';
  const transport = centralTransport(host, opts.tls, opts.insecureHttp ?? false, log);

  const poke = (hallId: string, version: number) => {
    const msg = JSON.stringify({ type: 'poke', version });
    for (const ws of watchers.get(hallId) ?? []) if (ws.readyState === ws.OPEN) ws.send(msg);
  };
  const compaction = opts.compaction === false ? null : (opts.compaction ?? DEFAULT_COMPACTION);
  const compactChangeLog = (
    retentionMs = compaction?.retentionMs ?? DEFAULT_COMPACTION.retentionMs,
    now = new Date(),
  ): CompactionResult[] =>
    store.changeLog.halls().map((hallId) => {
      const r = store.changeLog.compactOlderThan(hallId, retentionMs, now);
      if (r.dropped)
        log(
          `change log of hall ${hallId} compacted: ${r.dropped} superseded row(s) dropped up to version ${r.horizon}`,
        );
      return r;
    });
  const publishReferenceData = (): number => {
    const n = store.reference.publishAll();
    if (n) {
      log(`published ${n} reference row(s) to the halls' change logs`);
      for (const hallId of watchers.keys()) poke(hallId, store.version());
    }
    return n;
  };
  publishReferenceData();
  const relay =
    opts.relay && store.relay
      ? new RelayUpstream(store.relay, opts.relay, () => poke(opts.relay!.hallId, store.version()), log)
      : null;

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://central');
    // On every answer, so a station knows before its first push that it may pipeline.
    res.setHeader(PUSH_WINDOW_HEADER, String(PUSH_WINDOW));
    try {
      if (req.method === 'GET' && url.pathname === '/healthz') return sendHealth(res, centralHealth(store, relay));
      if (req.method === 'POST' && url.pathname === '/v1/enroll') {
        const address = req.socket.remoteAddress ?? 'unknown';
        await limiter.take('enroll', address);
        enrollLimiter.check(address, Date.now());
        const body = parse(EnrollRequest, await readJson(req, MAX_ADMIN_BYTES));
        const enrolled = enrollOrCount(
          () => store.auth.enroll(body.code, body.clientId, new Date()),
          () => enrollLimiter.fail(address, Date.now()),
        );
        log(`station ${enrolled.clientId} enrolled in hall ${enrolled.hallId} as ${enrolled.role}`);
        return sendJson(res, 200, enrolled);
      }
      const caller = store.auth.authenticate(req.headers.authorization);
      const now = clock().toISOString();
      if (req.method === 'POST' && url.pathname === '/v1/push') {
        await limiter.take('push', caller.clientId);
        // A station may keep PUSH_WINDOW batches in flight: pushOrder applies them in mutation-id order.
        const arriving = pushOrder.begin(caller.clientId);
        let body: PushRequest;
        try {
          body = parse(PushRequest, await readJson(req, MAX_PUSH_BYTES));
        } catch (e) {
          arriving.read();
          pushOrder.abandoned(caller.clientId);
          throw e;
        }
        arriving.read();
        const result = await pushOrder.apply(caller.clientId, body.mutations[0]?.id ?? 0, () =>
          store.push(body, now, caller),
        );
        store.auth.touch(caller.clientId, now, body.backlog ?? null);
        if (body.mutations.length) poke(body.hallId, result.version);
        if (body.mutations.length) relay?.trigger();
        return sendJson(res, 200, { lastMutationId: result.lastMutationId, rejected: result.rejected });
      }
      if (req.method === 'GET' && url.pathname === '/v1/pull') {
        const cursor = Number(url.searchParams.get('cursor') ?? '0');
        if (!Number.isInteger(cursor) || cursor < 0) throw new HttpError(400, 'malformed', 'sync.badCursor');
        const backlog = url.searchParams.get('backlog');
        store.auth.touch(caller.clientId, now, backlog !== null && /^\d{1,9}$/.test(backlog) ? Number(backlog) : null);
        // A station pulls once its push is done: what it makes from now on arrives with higher ids.
        store.markCaughtUp(caller.clientId, now);
        store.changeLog.requireCovered(caller.hallId, cursor);
        return sendJson(
          res,
          200,
          redactPullForRole(
            caller.role,
            scopePullForRole(
              caller.role,
              store.pull(
                caller.clientId,
                caller.hallId,
                cursor,
                requestedChecksumKind(url.searchParams.get(CHECKSUM_PARAM)),
              ),
            ),
          ),
        );
      }
      if (req.method === 'GET' && url.pathname === '/v1/snapshot') {
        store.auth.touch(caller.clientId, now, null);
        return await streamSnapshot(store, caller.hallId, url, res, (line) =>
          redactSnapshotLineForRole(caller.role, scopeSnapshotLineForRole(caller.role, line)),
        );
      }
      if (req.method === 'POST' && url.pathname === '/v1/lease') {
        const body = parse(LeaseRequest, await readJson(req, MAX_ADMIN_BYTES));
        return sendJson(res, 200, store.leases.lease(caller, body, now));
      }
      if (req.method === 'POST' && url.pathname === '/v1/lease/return') {
        const body = parse(LeaseReturn, await readJson(req, MAX_ADMIN_BYTES));
        return sendJson(res, 200, store.leases.giveBack(caller, body));
      }
      if (req.method === 'POST' && url.pathname === '/v1/tickets/issue') {
        // The hall's authority numbers and records the ticket in this one round trip (a relay answers for its hall).
        const body = parse(TicketIssueRequest, await readJson(req, MAX_ADMIN_BYTES));
        const issued = store.tickets.issue(caller, body, now);
        poke(caller.hallId, store.version());
        relay?.trigger();
        return sendJson(res, 200, issued);
      }
      if (req.method === 'POST' && url.pathname === '/v1/customers/lookup') {
        await limiter.take('lookup', caller.clientId);
        const body = parse(CustomerLookupRequest, await readJson(req, MAX_ADMIN_BYTES));
        const found = store.customers.lookup(caller, body);
        log(
          `station ${caller.clientId} of hall ${caller.hallId} fetched ${found.customers.length} customer(s) by ${body.kind}`,
        );
        return sendJson(res, 200, found);
      }
      if (req.method === 'POST' && url.pathname === '/v1/enrollment-codes') {
        store.auth.requireAdmin(caller);
        const { role } = parse(EnrollmentCodeRequest, await readJson(req, MAX_ADMIN_BYTES));
        return sendJson(res, 200, { ...store.auth.issueCode(caller.hallId, role, new Date()), role });
      }
      if (req.method === 'POST' && url.pathname === '/v1/revoke') {
        store.auth.requireAdmin(caller);
        const { clientId } = parse(RevokeRequest, await readJson(req, MAX_ADMIN_BYTES));
        if (clientId === caller.clientId) throw new HttpError(400, 'self_revoke', 'sync.selfRevoke');
        const revoked = store.auth.revoke(caller.hallId, clientId, now);
        if (revoked) log(`station ${clientId} of hall ${caller.hallId} revoked by ${caller.clientId}`);
        return sendJson(res, 200, { revoked });
      }
      if (req.method === 'POST' && url.pathname === '/v1/station/report') {
        await limiter.take('push', caller.clientId);
        reports.record(caller, parse(StationReport, await readJson(req, MAX_REPORT_BYTES)));
        return sendJson(res, 200, { ok: true });
      }
      if (req.method === 'GET' && url.pathname === '/v1/halls/compare')
        return sendJson(res, 200, hallComparisonAnswer(store, caller, url));
      if (req.method === 'GET' && url.pathname === '/v1/stations') {
        store.auth.requireAdmin(caller);
        const stations = store.auth
          .stations(caller.hallId)
          .map((s) => ({ ...s, recentErrors: reports.recentErrors(caller.hallId, s.clientId) }));
        return sendJson(res, 200, { stations });
      }
      throw new HttpError(404, 'not_found', 'sync.noEndpoint');
    } catch (e) {
      if (res.headersSent) return void res.destroy(); // mid-stream: the station sees a cut stream and resumes
      if (e instanceof HttpError) return sendError(res, e);
      log(`central error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return sendJson(res, 500, { error: new HttpError(500, 'internal', 'sync.internal').body() });
    }
  };
  const server = transport.tls
    ? https.createServer({ cert: transport.tls.cert, key: transport.tls.key }, (req, res) => void handle(req, res))
    : http.createServer((req, res) => void handle(req, res));

  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  server.on('upgrade', (req, socket, head) => {
    // A client that resets the connection after a refusal must not become an uncaught error.
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://central');
    let hallId: string;
    try {
      if (url.pathname !== '/v1/notify') throw new HttpError(404, 'not_found', 'sync.noEndpoint');
      hallId = store.auth.authenticate(req.headers.authorization).hallId;
    } catch (e) {
      const status = e instanceof HttpError ? e.status : 500;
      socket.end(
        `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? ''}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`,
      );
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

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const url = `${transport.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  relay?.start();
  const compactionTimer = compaction
    ? setInterval(() => {
        try {
          compactChangeLog();
        } catch (e) {
          log(`change-log compaction failed: ${e instanceof Error ? e.message : String(e)}`);
        }
      }, compaction.everyMs)
    : null;
  compactionTimer?.unref();
  const riskTraining = scheduleRiskTraining(
    store.risk,
    store.tags,
    opts.riskTrainingEveryMs ?? 86_400_000,
    (halls) => halls.forEach((h) => poke(h, store.version())),
    log,
  );
  log(`central listening on ${url} (${store.backend}${isPostgresUrl(opts.dbFile) ? '' : ` ${opts.dbFile}`})`);
  return {
    url,
    store,
    relay,
    issueEnrollmentCode: (hallId, role) => store.auth.issueCode(hallId, role, new Date()).code,
    publishReferenceData,
    importHallDatabase: (file) => {
      const copied = store.reference.importFrom(file);
      log(
        `imported ${file}: ${Object.entries(copied)
          .map(([t, n]) => `${t} ${n}`)
          .join(', ')}`,
      );
      publishReferenceData();
      return copied;
    },
    compactChangeLog,
    close: async () => {
      if (compactionTimer) clearInterval(compactionTimer);
      riskTraining.stop();
      relay?.stop();
      await relay?.idle();
      for (const set of watchers.values()) for (const ws of set) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      store.close();
    },
  };
}
