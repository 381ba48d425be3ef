import { joinBody } from '../central/http-util';
import { outboxEntry } from '../node/sync/mutation-digest';
import { parseJsonBytes } from '../node/sync/json-bytes';
import { MAX_PUSH_BATCH, SNAPSHOT_PAGE } from '@common/sync/protocol';
import { asciiJson } from '@common/sync/ascii-json';
import { figure, type BenchResult } from './harness';

/**
 * The byte handling behind a push and a snapshot page, each against what it replaced, in the same
 * run: parsing a 2,000-mutation push body and a 2,000-change snapshot page in 64 KiB segments
 * (node/sync/json-bytes.ts) against JSON.parse of the whole decoded text, and joining a push body's
 * socket chunks into the central's reused buffer (central/http-util.ts) against Buffer.concat.
 * The records are the sync bench's ~300-byte payment records, as the outbox and the central write them.
 */
const AT = '2026-11-23T02:00:00.000Z';
const record = (i: number) => {
  const no = String(i).padStart(8, '0');
  return {
    id: `pay-${no}-2026112301`,
    at: AT,
    stationId: 'counter-03',
    actor: 'S1002',
    action: 'payment.recorded',
    detail: {
      bill: `B2026${no}`,
      account: `3301${no}07`,
      period: '2026-10',
      amount: 12_345 + (i % 9000),
      channel: 'counter',
      method: 'unionpay',
      payer: '张*明',
      receipt: `R${no}`,
      window: 3,
    },
  };
};

function pushBody(): Buffer {
  const mutations = Array.from({ length: MAX_PUSH_BATCH }, (_, i) => {
    const e = outboxEntry('audit.append', record(i));
    return `{"id":${i + 1},"name":"audit.append","args":${e.args},"createdAt":"${AT}","digest":"${e.digest}"}`;
  });
  return Buffer.from(
    `{"clientId":"counter-03-client","hallId":"H001","backlog":${MAX_PUSH_BATCH},"mutations":[${mutations.join(',')}]}`,
  );
}

function snapshotPage(): Buffer {
  const changes = Array.from({ length: SNAPSHOT_PAGE }, (_, i) => {
    const r = record(i);
    const row = {
      id: r.id,
      at: r.at,
      station_id: r.stationId,
      actor: r.actor,
      action: r.action,
      detail: asciiJson(r.detail),
    };
    return asciiJson({ version: i + 1, entity: 'audit', id: r.id, row });
  });
  return Buffer.from(
    `{"type":"page","after":0,"cursor":${SNAPSHOT_PAGE},"checksum":"sha256:x","changes":[${changes.join(',')}]}`,
  );
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const SAMPLES = 15;
const PER_SAMPLE = 40;

/** Median µs per call of each function, the functions interleaved sample by sample. */
function timeEach(fns: (() => unknown)[]): number[] {
  const samples = fns.map(() => [] as number[]);
  let sink = 0;
  for (let s = 0; s < SAMPLES; s++) {
    fns.forEach((fn, k) => {
      const t0 = performance.now();
      for (let i = 0; i < PER_SAMPLE; i++) sink += fn() ? 1 : 0;
      samples[k]!.push(((performance.now() - t0) * 1000) / PER_SAMPLE);
    });
  }
  if (sink < 0) console.log(sink);
  return samples.map(median);
}

export async function syncParseBench(): Promise<BenchResult> {
  const push = pushBody();
  const page = snapshotPage();
  // The same results either way, or the comparison means nothing.
  for (const [bytes, key, first] of [
    [push, 'mutations', 'id'],
    [page, 'changes', 'version'],
  ] as const) {
    if (JSON.stringify(parseJsonBytes(bytes, key, first)) !== JSON.stringify(JSON.parse(bytes.toString('utf8'))))
      throw new Error(`segmented parse of the ${key} body differs from JSON.parse`);
  }
  const chunks = Array.from({ length: Math.ceil(push.length / 65_536) }, (_, i) =>
    push.subarray(i * 65_536, (i + 1) * 65_536),
  );
  if (!joinBody(chunks, push.length).equals(push)) throw new Error('joined body differs from the body');

  const [pushSeg, pushWhole, pageSeg, pageWhole, joinReused, joinConcat] = timeEach([
    () => parseJsonBytes(push, 'mutations', 'id'),
    () => JSON.parse(push.toString('utf8')),
    () => parseJsonBytes(page, 'changes', 'version'),
    () => JSON.parse(page.toString('utf8')),
    () => joinBody(chunks, push.length),
    () => Buffer.concat(chunks),
  ]);
  const kib = (b: Buffer) => `${Math.round(b.length / 1024)} KiB`;
  const note = `median of ${SAMPLES} samples of ${PER_SAMPLE}, interleaved`;
  return {
    bench: 'sync-parse',
    figures: [
      figure(
        `push body parse, ${MAX_PUSH_BATCH} mutations (${kib(push)}), 64 KiB segments`,
        pushSeg,
        'µs',
        { name: 'JSON.parse of the whole decoded text', value: pushWhole },
        { note },
      ),
      figure(
        `snapshot page parse, ${SNAPSHOT_PAGE} changes (${kib(page)}), 64 KiB segments`,
        pageSeg,
        'µs',
        { name: 'JSON.parse of the whole decoded text', value: pageWhole },
        { note },
      ),
      figure(
        `push body join, ${chunks.length} socket chunks, reused buffer`,
        joinReused,
        'µs',
        { name: 'Buffer.concat', value: joinConcat },
        { note },
      ),
    ],
  };
}
