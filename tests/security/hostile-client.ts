import fs from 'node:fs';
import WebSocket from 'ws';
import type { PairingAsk } from '@common/api/features/pairing';
import { API_PROTOCOL, CREDENTIAL_PROTOCOL_PREFIX, type PairingMessage } from '@common/api/pairing-wire';
import type { Role } from '@common/api/roles';
import { STAFF } from '../../hall/seed/hall';
import { DEFAULT_PIN } from '../../hall/seed';
import { startStationHost, type StationHost } from '../../main/host';
import type { CallerContext } from '../../main/services/caller';
import { makeTempDir, seededDataDir } from '../support/hall-fixture';

/**
 * A client on the hall LAN that does what it likes: any URL, Host, Origin and subprotocols over a
 * real socket. Every frame it receives is kept; `closed` resolves with the station's close code.
 */
export interface RawClient {
  ws: WebSocket;
  frames: unknown[];
  opened: Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
  call(method: string, input?: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;
  /** Resolves with the first frame that matches, never by time. */
  next(match: (frame: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
}

export function rawClient(
  url: string,
  o: { origin?: string; host?: string; credential?: string; protocols?: string[] } = {},
): RawClient {
  const protocols = o.protocols ?? (o.credential ? [API_PROTOCOL, CREDENTIAL_PROTOCOL_PREFIX + o.credential] : []);
  const headers: Record<string, string> = {};
  if (o.host) headers.host = o.host;
  const ws = new WebSocket(url, protocols, { headers, ...(o.origin ? { origin: o.origin } : {}) });
  const frames: unknown[] = [];
  const waiters: { match: (f: Record<string, unknown>) => boolean; resolve: (f: Record<string, unknown>) => void }[] =
    [];
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as Record<string, unknown>;
    frames.push(frame);
    for (const w of [...waiters])
      if (w.match(frame)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(frame);
      }
  });
  ws.on('error', () => {});
  const opened = new Promise<void>((resolve) => ws.once('open', () => resolve()));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  let id = 0;
  const next = (match: (f: Record<string, unknown>) => boolean) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const seen = frames.find((f) => match(f as Record<string, unknown>));
      if (seen) resolve(seen as Record<string, unknown>);
      else waiters.push({ match, resolve });
    });
  return {
    ws,
    frames,
    opened,
    closed,
    next,
    async call(method, input = {}) {
      await opened;
      const myId = ++id;
      const reply = next((f) => f.id === myId);
      ws.send(JSON.stringify({ id: myId, method, input }));
      return (await reply).result as { ok: boolean; value?: unknown; error?: { code: string } };
    },
  };
}

export const staffNo = (role: 'manager' | 'technician' | 'agent' | 'guide', nth = 0): string =>
  STAFF.filter((s) => s.role === role)[nth]!.staffNo;
export { DEFAULT_PIN };

/** A station host with an HTTP address; `host: '0.0.0.0'` makes it a networked station (everyone pairs). */
export async function startStation(
  listen: '127.0.0.1' | '0.0.0.0',
  pairingRequestsPerMinute?: number,
): Promise<StationHost & { ws: string }> {
  const renderer = makeTempDir('renderer-');
  fs.writeFileSync(`${renderer}/index.html`, '<!doctype html>');
  const host = await startStationHost({
    dataDir: seededDataDir('station.db', makeTempDir('security-')),
    http: { port: 0, host: listen, rendererDir: renderer },
    pairing: { requestsPerMinute: pairingRequestsPerMinute },
  });
  const port = new URL(host.url!).port;
  return Object.assign(host, { ws: `ws://127.0.0.1:${port}` });
}

/** The manager, logged in on an in-process context (as the manager page would be). */
export async function managerContext(host: StationHost): Promise<CallerContext> {
  const ctx: CallerContext = { connectionId: 'mgr', role: 'manager', windowNo: null, source: 'ipc:1', session: null };
  const r = await host.router.call(ctx, 'auth.login', { staffNo: staffNo('manager'), pin: DEFAULT_PIN });
  if (!r.ok) throw new Error(r.error.message);
  return ctx;
}

const query = (ask: PairingAsk) => `role=${ask.role}${ask.windowNo === null ? '' : `&window=${ask.windowNo}`}`;

/** A screen pairs the way a browser does: asks, shows its code, the manager types it, it keeps the credential. */
export async function pair(
  host: StationHost & { ws: string },
  manager: CallerContext,
  ask: PairingAsk,
): Promise<string> {
  const screen = rawClient(`${host.ws}/api/pair?${query(ask)}`);
  const code = (await screen.next((f) => f.pairing === 'code')) as PairingMessage & { code: string };
  const approved = await host.router.call(manager, 'pairing.approve', { code: code.code });
  if (!approved.ok) throw new Error(approved.error.message);
  const done = (await screen.next((f) => f.pairing === 'approved')) as { credential: string };
  await screen.closed;
  return done.credential;
}

export function apiUrl(host: { ws: string }, role: Role, windowNo: number | null = null): string {
  return `${host.ws}/api?${query({ role, windowNo })}`;
}
