import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { PairingAsk } from '@common/api/features/pairing';
import {
  API_PROTOCOL,
  CLOSE,
  CREDENTIAL_PROTOCOL_PREFIX,
  PAIRING_PATH,
  type PairingMessage,
} from '@common/api/pairing-wire';
import { isRole, WINDOW_ROLES, type Role } from '@common/api/roles';
import { WireRequest, type WireMessage } from '@common/api/wire';
import { err } from '@common/result';
import { checkUpgrade, isLoopbackAddress, type StationAddress } from '../security/connection-policy';
import type { CallerContext } from '../services/caller';
import type { DeviceBinding, PairingService } from '../services/pairing-service';
import type { StationRouter } from './router';

/** The role and window a URL asks for (`/api?role=counter&window=7`); what it is granted is decided elsewhere. */
export function askFromUrl(url: string | undefined): PairingAsk | { error: string } {
  const q = new URL(url ?? '/', 'http://station').searchParams;
  const role = q.get('role');
  if (!isRole(role)) return { error: `unknown role: ${String(role).slice(0, 32)}` };
  let windowNo: number | null = null;
  if (WINDOW_ROLES.includes(role)) {
    windowNo = Number(q.get('window'));
    if (!Number.isInteger(windowNo) || windowNo < 1 || windowNo > 99)
      return { error: `role ${role} needs a window number` };
  }
  return { role, windowNo };
}

/** A connection's context from what it asks for and where it comes from. */
export function contextFromUrl(url: string | undefined, source: string): CallerContext | { error: string } {
  const ask = askFromUrl(url);
  if ('error' in ask) return ask;
  return { connectionId: randomUUID(), role: ask.role, windowNo: ask.windowNo, source, session: null };
}

/** The credential a client offers as a subprotocol (`hall-credential.<token>`); browsers cannot set headers. */
export function credentialOf(req: IncomingMessage): string | null {
  const offered = String(req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((p) => p.trim());
  const entry = offered.find((p) => p.startsWith(CREDENTIAL_PROTOCOL_PREFIX));
  return entry ? entry.slice(CREDENTIAL_PROTOCOL_PREFIX.length) : null;
}

const MAX_MESSAGE_BYTES = 256 * 1024;

/**
 * One event reaches every socket as the same payload object: encode it once, not once per socket
 * (a hall has a hundred screens; per-socket JSON + UTF-8 was a measurable share of issue-to-display).
 */
const encodedEvents = new WeakMap<object, { event: string; frame: Buffer }>();
export function encodeEvent(event: string, payload: unknown): Buffer {
  if (typeof payload !== 'object' || payload === null) return Buffer.from(JSON.stringify({ event, payload }));
  const cached = encodedEvents.get(payload);
  if (cached?.event === event) return cached.frame;
  const frame = Buffer.from(JSON.stringify({ event, payload }));
  encodedEvents.set(payload, { event, frame });
  return frame;
}

export interface WsAdapterOptions {
  router: Pick<StationRouter, 'call' | 'subscribe'>;
  pairing: Pick<PairingService, 'authenticate' | 'request' | 'cancel' | 'onRevoked'>;
  /** The names and port the station listens on (known once it listens). */
  address(): StationAddress | null;
  /**
   * Same-origin pages on this machine get the role they ask for without pairing: true while the
   * station listens on loopback only (the one-PC demo, the e2e hall).
   */
  autoPair: boolean;
  log?: (line: string) => void;
}

type Admission =
  | { ok: true; kind: 'api'; role: Role; windowNo: number | null; deviceId: string | null }
  | { ok: true; kind: 'pair'; ask: PairingAsk }
  | { ok: false; code: number; reason: string };

/**
 * Browser mode: the same station API over WebSocket. Every upgrade is checked (Host, Origin, then
 * the credential, or loopback auto-pairing) before the socket opens for calls; a refused socket is
 * closed at once with a code (see CLOSE) and a reason. An unpaired screen may only open the
 * pairing channel.
 */
export class WsAdapter {
  readonly #wss: WebSocketServer;
  readonly #o: WsAdapterOptions;
  readonly #log: (line: string) => void;
  /** Sockets by the device credential they came in with (closed when it is revoked). */
  readonly #byDevice = new Map<string, Set<WebSocket>>();
  /** The connected customer screen of each window: a second one waits. */
  readonly #customerScreens = new Map<number, WebSocket>();
  readonly #offRevoked: () => void;

  constructor(options: WsAdapterOptions) {
    this.#o = options;
    this.#log = options.log ?? (() => {});
    // No permessage-deflate (ws's server default, said here on purpose): events are ~100 bytes, and
    // deflating each one per socket would put zlib on the fan-out path to every screen.
    this.#wss = new WebSocketServer({
      noServer: true,
      maxPayload: MAX_MESSAGE_BYTES,
      perMessageDeflate: false,
      // The credential subprotocol is never echoed back: the API's own protocol is chosen.
      handleProtocols: (protocols) => (protocols.has(API_PROTOCOL) ? API_PROTOCOL : false),
    });
    this.#offRevoked = options.pairing.onRevoked((ids) => {
      for (const id of ids) for (const s of this.#byDevice.get(id) ?? []) s.close(CLOSE.unpaired, 'credential revoked');
    });
  }

  /** The HTTP server's `upgrade` for /api and /api/pair; anything else is dropped. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/api' && path !== PAIRING_PATH) {
      socket.destroy();
      return;
    }
    socket.on('error', () => socket.destroy());
    void this.#admit(req, path === PAIRING_PATH).then(
      (admission) =>
        this.#wss.handleUpgrade(req, socket, head, (ws) => {
          if (!admission.ok) return ws.close(admission.code, admission.reason);
          if (admission.kind === 'pair') return this.#pairingChannel(ws, admission.ask, sourceOf(req));
          this.#apiChannel(ws, admission, sourceOf(req));
        }),
      (e: unknown) => {
        this.#log(`ws: upgrade failed: ${e instanceof Error ? e.message : String(e)}`);
        socket.destroy();
      },
    );
  }

  close(): void {
    this.#offRevoked();
    for (const ws of this.#wss.clients) ws.terminate();
    this.#wss.close();
  }

  async #admit(req: IncomingMessage, pairing: boolean): Promise<Admission> {
    const source = sourceOf(req);
    const address = this.#o.address();
    const verdict = address
      ? checkUpgrade({ host: req.headers.host, origin: req.headers.origin }, address)
      : { ok: false as const, reason: 'station not listening' };
    if (!verdict.ok) {
      this.#log(
        `ws: refused ${source}: ${verdict.reason} (host ${String(req.headers.host).slice(0, 80)}, origin ${String(req.headers.origin).slice(0, 80)})`,
      );
      return { ok: false, code: CLOSE.foreign, reason: verdict.reason };
    }
    const ask = askFromUrl(req.url);
    if (pairing)
      return 'error' in ask
        ? { ok: false, code: CLOSE.badRequest, reason: ask.error }
        : { ok: true, kind: 'pair', ask };
    const token = credentialOf(req);
    if (token !== null) {
      const binding: DeviceBinding | null = await this.#o.pairing.authenticate(token, source);
      if (!binding) {
        this.#log(`ws: refused ${source}: unknown or revoked credential`);
        return { ok: false, code: CLOSE.unpaired, reason: 'credential unknown or revoked' };
      }
      // The screen shows what its credential is for; a page asking for something else must pair for that.
      if (!('error' in ask) && (ask.role !== binding.role || ask.windowNo !== binding.windowNo))
        return { ok: false, code: CLOSE.unpaired, reason: 'paired for another screen' };
      return { ok: true, kind: 'api', role: binding.role, windowNo: binding.windowNo, deviceId: binding.deviceId };
    }
    if ('error' in ask) return { ok: false, code: CLOSE.badRequest, reason: ask.error };
    if (this.#o.autoPair && isLoopbackAddress(source))
      return { ok: true, kind: 'api', role: ask.role, windowNo: ask.windowNo, deviceId: null };
    return { ok: false, code: CLOSE.unpaired, reason: 'pairing required' };
  }

  #pairingChannel(ws: WebSocket, ask: PairingAsk, source: string): void {
    ws.on('error', () => ws.terminate());
    // The pairing channel takes no input: whatever a client sends is ignored.
    ws.on('message', () => {});
    const send = (m: PairingMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
    };
    const request = this.#o.pairing.request(ask, source, {
      approved: (credential) => {
        send({ pairing: 'approved', credential, ...ask });
        ws.close(1000, 'paired');
      },
      ended: (why) => ws.close(CLOSE.pairingDenied, why === 'denied' ? 'pairing denied' : 'pairing code expired'),
    });
    if (!request) {
      ws.close(CLOSE.tooManyRequests, 'too many pairing requests');
      return;
    }
    ws.on('close', () => this.#o.pairing.cancel(request.requestId));
    send({ pairing: 'code', code: request.code, expiresAt: request.expiresAt, ...ask });
  }

  #apiChannel(
    socket: WebSocket,
    granted: { role: Role; windowNo: number | null; deviceId: string | null },
    source: string,
  ): void {
    const { role, windowNo, deviceId } = granted;
    // One customer screen per window: a second waits (1013, retried) until the first has gone.
    if (role === 'rate' && windowNo !== null) {
      const first = this.#customerScreens.get(windowNo);
      if (first && first.readyState === first.OPEN) {
        socket.close(CLOSE.windowTaken, `window ${windowNo} has its customer screen`);
        return;
      }
      this.#customerScreens.set(windowNo, socket);
    }
    if (deviceId) {
      let set = this.#byDevice.get(deviceId);
      if (!set) this.#byDevice.set(deviceId, (set = new Set()));
      set.add(socket);
    }
    const ctx: CallerContext = { connectionId: randomUUID(), role, windowNo, source, session: null };
    const send = (m: WireMessage) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(m));
    };
    const unsubscribe = this.#o.router.subscribe(ctx, (event, payload) => {
      if (socket.readyState === socket.OPEN) socket.send(encodeEvent(event, payload), { binary: false });
    });
    socket.on('close', () => {
      unsubscribe();
      if (role === 'rate' && windowNo !== null && this.#customerScreens.get(windowNo) === socket)
        this.#customerScreens.delete(windowNo);
      if (deviceId) this.#byDevice.get(deviceId)?.delete(socket);
      // A closed window is logged out of this station (its window session in the database stays).
      ctx.session = null;
    });
    // An oversized or broken frame closes this socket (1009/1002); it must never reach the process.
    socket.on('error', () => socket.terminate());
    socket.on('message', async (data, isBinary) => {
      const text = isBinary ? '' : data.toString();
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        send({ id: -1, result: err('validation', 'station.malformedCall') });
        return;
      }
      const req = WireRequest.safeParse(parsed);
      if (!req.success) {
        const id = typeof (parsed as { id?: unknown })?.id === 'number' ? (parsed as { id: number }).id : -1;
        send({ id, result: err('validation', 'station.malformedCall') });
        return;
      }
      send({ id: req.data.id, result: await this.#o.router.call(ctx, req.data.method, req.data.input) });
    });
  }
}

/** The peer's address, IPv4-mapped IPv6 written as IPv4 (what the approver reads). */
function sourceOf(req: IncomingMessage): string {
  const a = req.socket.remoteAddress ?? 'unknown';
  return a.startsWith('::ffff:') ? a.slice(7) : a;
}
