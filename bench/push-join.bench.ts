import { joinBody } from '../central/http-util';
import { outboxEntry } from '../node/sync/mutation-digest';
import { MAX_PUSH_BATCH } from '@common/sync/protocol';
import { figure, type BenchResult } from './harness';
import { paymentRecord, RECORD_AT } from './payment-record';

/**
 * The byte handling behind a push, against what it replaced, in the same run: joining a
 * 2,000-mutation push body's socket chunks into the central's reused buffer (central/http-util.ts)
 * against Buffer.concat. The records are the sync bench's ~300-byte payment records, as the
 * outbox writes them.
 */
const AT = RECORD_AT;
const record = paymentRecord;

function pushBody(): Buffer {
  const mutations = Array.from({ length: MAX_PUSH_BATCH }, (_, i) => {
    const e = outboxEntry('audit.append', record(i));
    return `{"id":${i + 1},"name":"audit.append","args":${e.args},"createdAt":"${AT}","digest":"${e.digest}"}`;
  });
  return Buffer.from(
    `{"clientId":"counter-03-client","hallId":"H001","backlog":${MAX_PUSH_BATCH},"mutations":[${mutations.join(',')}]}`,
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

export async function pushJoinBench(): Promise<BenchResult> {
  const push = pushBody();
  const chunks = Array.from({ length: Math.ceil(push.length / 65_536) }, (_, i) =>
    push.subarray(i * 65_536, (i + 1) * 65_536),
  );
  // The same bytes either way, or the comparison means nothing.
  if (!joinBody(chunks, push.length).equals(push)) throw new Error('joined body differs from the body');

  const [joinReused, joinConcat] = timeEach([() => joinBody(chunks, push.length), () => Buffer.concat(chunks)]);
  return {
    bench: 'push-join',
    figures: [
      figure(
        `push body join, ${chunks.length} socket chunks, reused buffer`,
        joinReused,
        'µs',
        { name: 'Buffer.concat', value: joinConcat },
        { note: `median of ${SAMPLES} samples of ${PER_SAMPLE}, interleaved` },
      ),
    ],
  };
}
