import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A loopback proxy between stations and the central that misbehaves on purpose, Jepsen-style:
 * partitions (new and open connections cut), latency, requests duplicated (the copy sent late,
 * so it lands after newer requests: reordering), responses lost after the central applied the
 * request, response bytes corrupted, and on the notify WebSocket frames duplicated and swapped.
 * Faults are drawn from `random` so a failing run can be replayed with its seed.
 */
export interface ChaosFaults {
  partitioned: boolean;
  /** Extra delay per request, uniformly in [0, latencyMs]: concurrent requests overtake each other. */
  latencyMs: number;
  /** Chance a request is also sent a second time, up to `lateCopyMs` later. */
  duplicate: number;
  lateCopyMs: number;
  /** Chance the central's response is dropped (the connection is cut) after it was applied. */
  dropResponse: number;
  /** Chance one byte of a response body is flipped. */
  corrupt: number;
  /** Chance a WebSocket frame from the central is sent twice / held and sent after the next one. */
  wsDuplicate: number;
  wsReorder: number;
}

export const CALM: ChaosFaults = {
  partitioned: false,
  latencyMs: 0,
  duplicate: 0,
  lateCopyMs: 0,
  dropResponse: 0,
  corrupt: 0,
  wsDuplicate: 0,
  wsReorder: 0,
};

export interface ChaosStats {
  forwarded: number;
  duplicated: number;
  droppedResponses: number;
  corrupted: number;
  refused: number;
  wsFramesDuplicated: number;
  wsFramesReordered: number;
}

export class ChaosProxy {
  faults: ChaosFaults = { ...CALM };
  readonly stats: ChaosStats = {
    forwarded: 0,
    duplicated: 0,
    droppedResponses: 0,
    corrupted: 0,
    refused: 0,
    wsFramesDuplicated: 0,
    wsFramesReordered: 0,
  };
  private readonly sockets = new Set<net.Socket>();
  private readonly lateCopies = new Set<Promise<void>>();

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
    private upstream: URL,
    private readonly random: () => number,
  ) {}

  static async start(upstreamUrl: string, random: () => number = Math.random): Promise<ChaosProxy> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = new ChaosProxy(
      server,
      `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      new URL(upstreamUrl),
      random,
    );
    server.on('connection', (s) => proxy.track(s));
    server.on('request', (req, res) => void proxy.onRequest(req, res));
    server.on('upgrade', (req, socket, head) => proxy.onUpgrade(req, socket as net.Socket, head));
    return proxy;
  }

  /** Point at another central address (a restarted central on a new port). */
  retarget(upstreamUrl: string): void {
    this.upstream = new URL(upstreamUrl);
  }

  set(faults: Partial<ChaosFaults>): void {
    this.faults = { ...this.faults, ...faults };
    if (this.faults.partitioned) this.cutAll();
  }

  heal(): void {
    this.faults = { ...CALM };
  }

  /** Cut every open connection, as a cable pulled mid-request. */
  cutAll(): void {
    for (const s of this.sockets) s.destroy();
  }

  /** Wait for late duplicate copies still in flight (so a test ends with all of them delivered). */
  async settle(): Promise<void> {
    while (this.lateCopies.size) await Promise.allSettled([...this.lateCopies]);
  }

  async close(): Promise<void> {
    this.cutAll();
    await this.settle();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private track(s: net.Socket): void {
    this.sockets.add(s);
    s.on('close', () => this.sockets.delete(s));
    s.on('error', () => s.destroy());
  }

  private chance(p: number): boolean {
    return p > 0 && this.random() < p;
  }

  private delay(maxMs: number): Promise<void> {
    const ms = maxMs > 0 ? Math.floor(this.random() * maxMs) : 0;
    return ms ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
  }

  private forward(
    req: http.IncomingMessage,
    body: Buffer,
  ): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const headers = { ...req.headers, host: this.upstream.host, connection: 'close' };
      const up = http.request(
        {
          host: this.upstream.hostname,
          port: this.upstream.port,
          method: req.method,
          path: req.url,
          headers,
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
          );
          res.on('error', reject);
        },
      );
      up.on('error', reject);
      up.end(body);
    });
  }

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (this.faults.partitioned) {
      this.stats.refused++;
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    await this.delay(this.faults.latencyMs);
    if (this.chance(this.faults.duplicate)) {
      this.stats.duplicated++;
      const copy = this.delay(this.faults.lateCopyMs).then(() =>
        this.forward(req, body).then(
          () => {},
          () => {},
        ),
      );
      this.lateCopies.add(copy);
      void copy.finally(() => this.lateCopies.delete(copy));
    }
    let answer;
    try {
      answer = await this.forward(req, body);
    } catch {
      req.socket.destroy(); // central down: the station sees the connection fail, as without a proxy
      return;
    }
    this.stats.forwarded++;
    if (this.faults.partitioned || this.chance(this.faults.dropResponse)) {
      this.stats.droppedResponses++;
      req.socket.destroy();
      return;
    }
    let out = answer.body;
    if (out.length && this.chance(this.faults.corrupt)) {
      this.stats.corrupted++;
      out = Buffer.from(out);
      const i = Math.floor(this.random() * out.length);
      out[i] = out[i]! ^ (1 << Math.floor(this.random() * 7));
    }
    const headers = { ...answer.headers, 'content-length': String(out.length) };
    delete headers['transfer-encoding'];
    delete headers.connection;
    res.writeHead(answer.status, headers);
    res.end(out);
  }

  /** The notify WebSocket: the handshake passes as is; frames from the central may be doubled or swapped. */
  private onUpgrade(req: http.IncomingMessage, client: net.Socket, head: Buffer): void {
    if (this.faults.partitioned) {
      this.stats.refused++;
      client.destroy();
      return;
    }
    const up = net.connect(Number(this.upstream.port), this.upstream.hostname);
    this.track(up);
    up.on('close', () => client.destroy());
    client.on('close', () => up.destroy());
    up.on('connect', () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      up.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length) up.write(head);
      client.pipe(up);
    });
    const frames = new FrameSplitter();
    let held: Buffer | null = null;
    up.on('data', (chunk: Buffer) => {
      for (const piece of frames.push(chunk)) {
        if (piece.kind === 'raw') {
          client.write(piece.bytes);
          continue;
        }
        const out: Buffer[] = [];
        if (held) {
          out.push(piece.bytes, held);
          held = null;
        } else if (this.chance(this.faults.wsReorder)) {
          this.stats.wsFramesReordered++;
          held = piece.bytes;
        } else out.push(piece.bytes);
        if (out.length && this.chance(this.faults.wsDuplicate)) {
          this.stats.wsFramesDuplicated++;
          out.push(out[0]!);
        }
        for (const b of out) client.write(b);
      }
    });
  }
}

/**
 * Splits the central → station byte stream into the HTTP 101 head (raw) and whole WebSocket
 * frames (server frames are unmasked: 2-byte header, then a 16- or 64-bit length if flagged).
 */
class FrameSplitter {
  private buf = Buffer.alloc(0);
  private inHead = true;

  push(chunk: Buffer): { kind: 'raw' | 'frame'; bytes: Buffer }[] {
    this.buf = Buffer.concat([this.buf, chunk]);
    const out: { kind: 'raw' | 'frame'; bytes: Buffer }[] = [];
    if (this.inHead) {
      const end = this.buf.indexOf('\r\n\r\n');
      if (end < 0) return out;
      out.push({ kind: 'raw', bytes: this.buf.subarray(0, end + 4) });
      this.buf = this.buf.subarray(end + 4);
      this.inHead = false;
    }
    for (;;) {
      if (this.buf.length < 2) return out;
      const len7 = this.buf[1]! & 0x7f;
      const masked = (this.buf[1]! & 0x80) !== 0;
      let headerLen = 2;
      let len = len7;
      if (len7 === 126) {
        if (this.buf.length < 4) return out;
        len = this.buf.readUInt16BE(2);
        headerLen = 4;
      } else if (len7 === 127) {
        if (this.buf.length < 10) return out;
        len = Number(this.buf.readBigUInt64BE(2));
        headerLen = 10;
      }
      const total = headerLen + (masked ? 4 : 0) + len;
      if (this.buf.length < total) return out;
      out.push({ kind: 'frame', bytes: this.buf.subarray(0, total) });
      this.buf = this.buf.subarray(total);
    }
  }
}
