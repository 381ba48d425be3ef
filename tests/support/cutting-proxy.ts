import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP proxy in front of a central that records every request path and can cut one
 * response after a number of body bytes — a station's connection dropping mid-stream, for real.
 */
export interface CuttingProxy {
  url: string;
  paths: string[];
  /** Cut the next response whose path starts with `prefix` after `bytes` bytes of its body. */
  cutNext(prefix: string, bytes: number): Promise<void>;
  /** While partitioned every request is dropped (its connection reset), as by a pulled cable. */
  partition(on: boolean): void;
  close(): Promise<void>;
}

export async function startCuttingProxy(target: string): Promise<CuttingProxy> {
  const paths: string[] = [];
  let cut: { prefix: string; bytes: number; done: () => void } | null = null;
  let partitioned = false;
  const server = http.createServer((req, res) => {
    if (partitioned) return void req.socket.destroy();
    paths.push(req.url ?? '');
    const rule = cut && (req.url ?? '').startsWith(cut.prefix) ? cut : null;
    if (rule) cut = null;
    const upstream = http.request(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        let sent = 0;
        up.on('data', (chunk: Buffer) => {
          if (!rule) return void res.write(chunk);
          const room = rule.bytes - sent;
          res.write(room < chunk.length ? chunk.subarray(0, Math.max(0, room)) : chunk);
          sent += chunk.length;
          if (sent >= rule.bytes) {
            up.destroy();
            res.socket?.destroy();
            rule.done();
          }
        });
        up.on('end', () => res.end());
      },
    );
    upstream.on('error', () => res.socket?.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    paths,
    partition: (on) => {
      partitioned = on;
      if (on) server.closeAllConnections();
    },
    cutNext: (prefix, bytes) => new Promise<void>((done) => (cut = { prefix, bytes, done })),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
