import http from 'node:http';
import https from 'node:https';

export interface PartsResponse {
  status: number;
  header(name: string): string | null;
  /** The body parsed as JSON, or null when it is not JSON. */
  json: unknown;
}

/**
 * POST a JSON body given as byte parts (a push batch: its envelope around the outbox's bytes),
 * written to the socket part by part. fetch() wants one buffer and copies it again; for a
 * push of ~1 MB batches those copies were most of the station's garbage (and so of its GC time).
 */
export function postJsonParts(
  url: string,
  parts: readonly Uint8Array[],
  headers: Record<string, string>,
  timeoutMs: number,
  /** The https agent holding the pinned hall CA (sync-client.ts); none: the default. */
  agent?: https.Agent,
): Promise<PartsResponse> {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  const length = parts.reduce((n, p) => n + p.byteLength, 0);
  return new Promise((resolve, reject) => {
    const req = client.request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'content-length': String(length) },
        signal: AbortSignal.timeout(timeoutMs),
        ...(agent && target.protocol === 'https:' ? { agent } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          let json: unknown = null;
          try {
            json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            // not JSON: the caller reports the status
          }
          resolve({
            status: res.statusCode ?? 0,
            header: (name) => (res.headers[name.toLowerCase()] as string | undefined) ?? null,
            json,
          });
        });
      },
    );
    req.on('error', reject);
    for (const p of parts) req.write(p);
    req.end();
  });
}
