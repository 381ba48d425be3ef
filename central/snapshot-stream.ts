import type http from 'node:http';
import { SNAPSHOT_PAGE } from '@common/sync/protocol';
import { CHECKSUM_PARAM, requestedChecksumKind } from '../node/sync/checksum';
import { HttpError } from './http-util';
import type { CentralStore } from './store/sync-store';

const NEWLINE = Buffer.from('\n');

const versionParam = (url: URL, name: string): number | null => {
  const raw = url.searchParams.get(name);
  if (raw === null) return null;
  const n = Number(raw);
  if (!/^\d{1,15}$/.test(raw) || !Number.isSafeInteger(n))
    throw new HttpError(400, 'malformed', 'sync.snapshotBadVersion', { name });
  return n;
};

/**
 * Stream a hall's snapshot as NDJSON (head, pages, end), one page in memory at a time: the next
 * page is read only once the socket has taken the previous one, so a slow station holds the
 * central to one page of its data, not the whole hall.
 */
export async function streamSnapshot(
  store: CentralStore,
  hallId: string,
  url: URL,
  res: http.ServerResponse,
  forCaller: (line: Buffer) => Buffer = (l) => l,
): Promise<void> {
  const after = versionParam(url, 'after') ?? 0;
  const upto = versionParam(url, 'upto') ?? store.hallVersion(hallId);
  if (upto > store.hallVersion(hallId)) throw new HttpError(400, 'malformed', 'sync.snapshotAhead');
  if (after > upto) throw new HttpError(400, 'malformed', 'sync.snapshotRangeReversed');
  const checksum = requestedChecksumKind(url.searchParams.get(CHECKSUM_PARAM));
  let aborted = false;
  res.on('close', () => {
    aborted = !res.writableFinished;
  });
  res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' });
  const write = async (line: string | Buffer) => {
    res.write(line);
    if (res.write(NEWLINE) || aborted) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        res.off('drain', done);
        res.off('close', done);
        resolve();
      };
      res.on('drain', done);
      res.on('close', done);
    });
  };
  await write(JSON.stringify({ type: 'head', upto }));
  let cursor = after;
  while (cursor < upto && !aborted) {
    const page = store.snapshotPage(hallId, cursor, upto, SNAPSHOT_PAGE, checksum);
    await write(forCaller(page.line));
    cursor = page.cursor;
  }
  if (aborted) return;
  res.end(`${JSON.stringify({ type: 'end', cursor })}\n`);
}
