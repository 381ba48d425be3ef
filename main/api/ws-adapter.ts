import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { isRole, WINDOW_ROLES } from '@common/api/roles';
import { WireRequest, type WireMessage } from '@common/api/wire';
import { err } from '@common/result';
import type { CallerContext } from '../services/caller';
import type { StationRouter } from './router';

/** Browser mode: the same station API over WebSocket. The role is bound at connect time. */
export function contextFromUrl(url: string | undefined): CallerContext | { error: string } {
  const q = new URL(url ?? '/', 'http://station').searchParams;
  const role = q.get('role');
  if (!isRole(role)) return { error: `unknown role: ${String(role).slice(0, 32)}` };
  const w = q.get('window');
  let windowNo: number | null = null;
  if (WINDOW_ROLES.includes(role)) {
    windowNo = Number(w);
    if (!Number.isInteger(windowNo) || windowNo < 1 || windowNo > 99)
      return { error: `role ${role} needs a window number` };
  }
  return { connectionId: randomUUID(), role, windowNo, session: null };
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

export function attachWsAdapter(wss: WebSocketServer, router: StationRouter): void {
  wss.on('connection', (socket: WebSocket, req: IncomingMessage) => {
    const ctx = { ...contextFromUrl(req.url), source: req.socket.remoteAddress ?? 'unknown' };
    if ('error' in ctx) {
      socket.close(4400, ctx.error);
      return;
    }
    const send = (m: WireMessage) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(m));
    };
    const unsubscribe = router.subscribe(ctx, (event, payload) => {
      if (socket.readyState === socket.OPEN) socket.send(encodeEvent(event, payload), { binary: false });
    });
    socket.on('close', () => {
      unsubscribe();
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
      send({ id: req.data.id, result: await router.call(ctx, req.data.method, req.data.input) });
    });
  });
}

export function createWsServer(): WebSocketServer {
  // No permessage-deflate (ws's server default, said here on purpose): events are ~100 bytes, and
  // deflating each one per socket would put zlib on the fan-out path to every screen.
  return new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false });
}
