/**
 * Property tests: the codecs are total (a typed value or a typed error for *any* bytes), and the
 * encoder and decoder agree. The parser properties run FUZZ_RUNS inputs each (tests/support/fuzz-runs.ts;
 * `npm run test:fuzz` runs 100,000); the encoder round trips are capped, as they test the encoder.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEscPos, scanEscPosCommand } from '../../../devices/printer/escpos-decoder';
import { escpos } from '../../../devices/printer/escpos-encoder';
import { parseAutomaticStatus, parseRealtimeStatus, StatusStreamReader } from '../../../devices/printer/printer-status';
import { paymentReceipt, ticketSlip } from '../../../devices/printer/templates';
import { FUZZ_RUNS as RUNS, FUZZ_TIMEOUT_MS as FUZZ_TIMEOUT } from '../../support/fuzz-runs';

const seeds: Uint8Array[] = [
  ticketSlip({
    hallName: '国网城东供电营业厅',
    ticketNo: 'A001',
    businessName: '电费缴纳',
    waitingAhead: 3,
    issuedAt: '2025-03-01T01:05:07Z',
    qrUrl: 'https://hall.example/q/A001',
    notice: '过号请重新取号',
  }),
  paymentReceipt({
    hallName: '营业厅',
    receiptNo: 'R1',
    accountNo: '3301234567',
    amountFen: 12345,
    channel: 'qr',
    paidAt: '2025-03-01T01:05:07Z',
    qrUrl: 'https://hall.example/r/1',
  }),
  escpos()
    .code128('T{123}')
    .raster({ width: 12, height: 3, pixels: Array.from({ length: 36 }, (_, i) => i % 2) })
    .raw([0x10, 0x04, 0x04, 0x1d, 0x61, 0xff, 0x1b, 0x21, 0x08])
    .feedAndCut(4, 'full')
    .encode(),
];

type Mutation =
  | { op: 'flip'; at: number; value: number }
  | { op: 'insert'; at: number; value: number }
  | { op: 'delete'; at: number }
  | { op: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    value: fc.constantFrom(0x0a, 0x10, 0x1b, 0x1c, 0x1d, 0x00, 0xff, 0x81),
  }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);

function mutate(seed: Uint8Array, mutations: Mutation[]): Uint8Array {
  let bytes = Array.from(seed);
  for (const m of mutations) {
    const at = bytes.length === 0 ? 0 : m.at % bytes.length;
    if (m.op === 'flip') bytes[at] = m.value;
    else if (m.op === 'insert') bytes.splice(at, 0, m.value);
    else if (m.op === 'delete') bytes.splice(at, 1);
    else bytes = bytes.slice(0, at);
  }
  return Uint8Array.from(bytes);
}

/** The contract every decode must meet, whatever the input. */
function assertTotal(bytes: Uint8Array): void {
  const result = decodeEscPos(bytes);
  if (result.ok) {
    expect(result.value.text).toBe(result.value.lines.join('\n'));
    expect(result.value.cuts).toBe(result.value.ops.filter((op) => op.kind === 'cut').length);
  } else {
    expect(result.error.code).toBe('malformed');
    expect(typeof result.error.message).toBe('string');
    expect(result.error.offset).toBeGreaterThanOrEqual(0);
    expect(result.error.offset).toBeLessThanOrEqual(bytes.length);
  }
}

/** Scans like a live stream fed in chunks: every step moves forward or waits; never throws. */
function assertIncrementalScan(bytes: Uint8Array, chunk: number): void {
  let cursor = 0;
  for (let available = chunk; cursor < bytes.length; available = Math.min(bytes.length, available + chunk)) {
    const view = bytes.subarray(0, available);
    for (;;) {
      const scan = scanEscPosCommand(view, cursor, available === bytes.length);
      if (scan.type === 'incomplete') break;
      if (scan.type === 'malformed') {
        expect(scan.offset).toBeGreaterThanOrEqual(cursor);
        cursor = scan.offset + 1;
        continue;
      }
      expect(scan.end).toBeGreaterThan(cursor);
      cursor = scan.end;
    }
    if (available === bytes.length) break;
  }
}

describe('decoder fuzz', () => {
  it('random bytes: a typed result, never a throw', { timeout: FUZZ_TIMEOUT }, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => assertTotal(bytes)),
      { numRuns: RUNS },
    );
  });

  it('random bytes biased to command prefixes: a typed result, never a throw', { timeout: FUZZ_TIMEOUT }, () => {
    const byte = fc.oneof(
      fc.constantFrom(0x10, 0x1b, 0x1c, 0x1d, 0x28, 0x6b, 0x56, 0x76, 0x30, 0x31, 0x00, 0x0a),
      fc.integer({ min: 0, max: 255 }),
    );
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 200 }), (values) => assertTotal(Uint8Array.from(values))),
      { numRuns: RUNS },
    );
  });

  it('mutated real receipts: a typed result, and incremental framing never throws', { timeout: FUZZ_TIMEOUT }, () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...seeds),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 64 }),
        (seed, mutations, chunk) => {
          const bytes = mutate(seed, mutations);
          assertTotal(bytes);
          assertIncrementalScan(bytes, chunk);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('encoder → decoder: any Chinese/ASCII text survives GB18030', { timeout: FUZZ_TIMEOUT }, () => {
    const char = fc.oneof(
      fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
      fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)),
      fc.integer({ min: 0x20000, max: 0x2a6d6 }).map((c) => String.fromCodePoint(c)),
      fc.constantFrom('：', '，', '。', '（', '）', '￥', '·'),
    );
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: char, maxLength: 20 }), { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        (lines, chinese) => {
          const encoder = escpos().init();
          if (chinese) encoder.chineseMode(true);
          for (const line of lines) encoder.line(line);
          const result = decodeEscPos(encoder.line('END').cut().encode());
          expect(result.ok && result.value.lines).toEqual([...lines, 'END']);
        },
      ),
      { numRuns: Math.min(RUNS, 5000) },
    );
  });

  it('encoder → decoder: any Unicode QR payload comes back byte-exact', { timeout: FUZZ_TIMEOUT }, () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }), (payload) => {
        const result = decodeEscPos(escpos().qr(payload).encode());
        expect(result.ok && result.value.qr).toEqual([payload]);
      }),
      { numRuns: Math.min(RUNS, 5000) },
    );
  });
});

describe('status parser fuzz', () => {
  it('real-time and ASB parsers and the stream reader are total', { timeout: FUZZ_TIMEOUT }, () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -2, max: 8 }),
        fc.integer({ min: -1, max: 300 }),
        fc.uint8Array({ maxLength: 8 }),
        (n, byte, bytes) => {
          const rt = parseRealtimeStatus(n, byte);
          expect(rt.ok || rt.error.code === 'malformed').toBe(true);
          if (rt.ok) expect((byte & 0x93) === 0x12 && n >= 1 && n <= 4).toBe(true);
          const asb = parseAutomaticStatus(bytes);
          expect(asb.ok || asb.error.code === 'malformed').toBe(true);
          if (asb.ok) expect(bytes.length === 4 && (bytes[0] & 0x93) === 0x10).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('the stream reader accounts for every byte, however the stream is chunked', { timeout: FUZZ_TIMEOUT }, () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 12 }), { maxLength: 10 }), (chunks) => {
        const reader = new StatusStreamReader();
        let consumed = 0;
        for (const chunk of chunks) {
          for (const message of reader.push(chunk)) consumed += message.type === 'automatic' ? 4 : 1;
        }
        const total = chunks.reduce((sum, c) => sum + c.length, 0);
        // Up to three bytes of an ASB message may still be waiting for the rest.
        expect(total - consumed).toBeGreaterThanOrEqual(0);
        expect(total - consumed).toBeLessThanOrEqual(3);
      }),
      { numRuns: RUNS },
    );
  });
});
