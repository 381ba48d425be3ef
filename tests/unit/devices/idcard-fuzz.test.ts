/**
 * Property tests: the SAM frame codec, the stream reader and the text decoder are total — a typed
 * value or a typed error for any bytes, no throw, no hang. FUZZ_RUNS per property (tests/support/fuzz-runs.ts);
 * `npm run test:fuzz` runs the 100,000 tier.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCardText, encodeCardText } from '../../../devices/idcard/card-text';
import { decodeIdCardFrame, encodeReadData, parseReadData } from '../../../devices/idcard/read-data';
import { decodeFrame, decodeReply, encodeFrame, encodeReply, SamFrameReader } from '../../../devices/idcard/sam-frame';
import { FOREIGN_2017, FOREIGN_2023, HMT_PERMIT, RESIDENT } from './idcard-fixtures';
import { decodeSamHidReport, encodeSamHidReports } from '../../../devices/idcard/sam-hid-reports';
import { FUZZ_RUNS as RUNS, FUZZ_TIMEOUT_MS as FUZZ_TIMEOUT } from '../../support/fuzz-runs';
import { mutatedBytes } from '../../support/mutated-bytes';

const blocks = [RESIDENT, HMT_PERMIT, FOREIGN_2017, FOREIGN_2023].map(encodeCardText);
const seedFrames = [
  encodeReply(0x90, encodeReadData(blocks[0], new Uint8Array(1024))),
  encodeReply(0x90, encodeReadData(blocks[3], new Uint8Array(1024), new Uint8Array(1024))),
  encodeReply(0x9f),
  encodeFrame(Uint8Array.of(0x20, 0x01)),
];

const mutated = mutatedBytes;

const anyBytes = fc.oneof(fc.uint8Array({ maxLength: 600 }), mutated(seedFrames));

const isTyped = (result: { ok: boolean; error?: { code: string; message: string } }): boolean =>
  result.ok || (typeof result.error?.code === 'string' && typeof result.error.message === 'string');

describe('SAM frame codec fuzz', () => {
  it('decodeFrame / decodeReply / decodeIdCardFrame never throw', { timeout: FUZZ_TIMEOUT }, () => {
    fc.assert(
      fc.property(anyBytes, (bytes) => {
        const frame = decodeFrame(bytes);
        expect(isTyped(frame)).toBe(true);
        if (frame.ok) {
          expect(frame.value.size).toBeLessThanOrEqual(bytes.length);
          expect(isTyped(decodeReply(frame.value.payload))).toBe(true);
        }
        expect(isTyped(decodeIdCardFrame(bytes))).toBe(true);
        expect(isTyped(parseReadData(bytes, 'auto'))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it(
    'the stream reader never throws, never holds more than one frame, and finds every frame of an intact stream',
    { timeout: FUZZ_TIMEOUT },
    () => {
      fc.assert(
        fc.property(
          fc.array(fc.oneof(anyBytes, fc.constantFrom(...seedFrames)), { maxLength: 6 }),
          fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 8 }),
          (parts, cuts) => {
            const stream = Uint8Array.from(parts.flatMap((p) => Array.from(p)));
            const reader = new SamFrameReader();
            let at = 0;
            let frames = 0;
            let maxPending = 0;
            for (let k = 0; at < stream.length; k++) {
              const size = cuts[k % cuts.length];
              for (const event of reader.push(stream.subarray(at, at + size))) if (event.type === 'frame') frames++;
              at += size;
              maxPending = Math.max(maxPending, reader.pending);
            }
            expect(maxPending).toBeLessThanOrEqual(7 + 4096);
            // Junk may declare a long, valid-looking LEN that swallows a later frame, so a count is
            // only checked for intact streams (below); here: totality and bounded memory.
            expect(frames).toBeLessThanOrEqual(stream.length / 10);
          },
        ),
        { numRuns: RUNS },
      );
      const reader = new SamFrameReader();
      const stream = Uint8Array.from(seedFrames.flatMap((f) => Array.from(f)));
      expect(reader.push(stream).filter((e) => e.type === 'frame')).toHaveLength(seedFrames.length);
    },
  );

  it('encode → decode round trip for any payload', { timeout: FUZZ_TIMEOUT }, () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 2, maxLength: 3000 }), (payload) => {
        const result = decodeFrame(encodeFrame(payload));
        expect(result.ok && Array.from(result.value.payload)).toEqual(Array.from(payload));
      }),
      { numRuns: Math.min(RUNS, 5000) },
    );
  });
});

describe('text block decoder fuzz', () => {
  it('any 256 bytes (random or mutated cards) give a typed card or a typed error', { timeout: FUZZ_TIMEOUT }, () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.uint8Array({ minLength: 256, maxLength: 256 }), mutated(blocks), fc.uint8Array({ maxLength: 300 })),
        (bytes) => {
          const result = decodeCardText(bytes);
          expect(isTyped(result)).toBe(true);
          if (result.ok) expect(typeof result.value.idNumberValid).toBe('boolean');
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('encode → decode keeps resident fields that fit', { timeout: FUZZ_TIMEOUT }, () => {
    const cjk = fc
      .array(
        fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)),
        { minLength: 1, maxLength: 15 },
      )
      .map((a) => a.join(''));
    fc.assert(
      fc.property(cjk, cjk, fc.constantFrom('0', '1', '2', '9'), (name, authority, genderCode) => {
        const result = decodeCardText(encodeCardText({ ...RESIDENT, name, authority, genderCode }));
        expect(result).toMatchObject({ ok: true, value: { name, authority, genderCode } });
      }),
      { numRuns: Math.min(RUNS, 5000) },
    );
  });
});

describe('SAM-over-HID report framing fuzz', () => {
  const seedReports = encodeSamHidReports(seedFrames[1]!).slice(0, 3);

  it('any report (random or a mutated real one) gives its chunk or a typed error', { timeout: FUZZ_TIMEOUT }, () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 80 }), mutated(seedReports)), (report) => {
        const chunk = decodeSamHidReport(report);
        expect(isTyped(chunk)).toBe(true);
        if (chunk.ok) {
          expect(chunk.value.length).toBe(report[1]);
          expect(chunk.value.length).toBeLessThanOrEqual(report.length - 2);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it(
    'reports → reassembled stream → frame reader gives back exactly the frames sent',
    { timeout: FUZZ_TIMEOUT },
    () => {
      fc.assert(
        fc.property(
          fc.array(fc.uint8Array({ minLength: 2, maxLength: 300 }), { minLength: 1, maxLength: 4 }),
          (payloads) => {
            const frames = payloads.map((p) => encodeFrame(p));
            const stream = Uint8Array.from(frames.flatMap((f) => [...f]));
            const reader = new SamFrameReader();
            const found: Uint8Array[] = [];
            for (const report of encodeSamHidReports(stream)) {
              const chunk = decodeSamHidReport(report);
              expect(chunk.ok).toBe(true);
              if (!chunk.ok) continue;
              for (const event of reader.push(chunk.value)) if (event.type === 'frame') found.push(event.payload);
            }
            expect(found).toEqual(payloads);
          },
        ),
        { numRuns: Math.min(RUNS, 5000) },
      );
    },
  );
});
