/**
 * Property tests: every signature pad parser is total — a typed value or a typed error for any
 * bytes, no throw, no hang. FUZZ_RUNS per property (tests/support/fuzz-runs.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SignatureSchema, strokesToSvg } from '@common/domain/signature';
import {
  COMPOSITE_PUSH_POP_DESCRIPTOR,
  PEN_TABLET_DESCRIPTOR,
  TOUCH_SCREEN_DESCRIPTOR,
} from '../../../devices/simulators/hid-descriptors';
import { decodeDigitizerReport, findDigitizerLayout } from '../../../devices/signature/generic-digitizer';
import { decodeHanvonCommand, decodeHanvonReport, encodeHanvonReport } from '../../../devices/signature/hanvon-esp370u';
import { parseReportDescriptor } from '../../../devices/signature/hid-report-descriptor';
import { encodeEnvelope, EnvelopeReader, MAX_REPORT_BYTES } from '../../../devices/signature/report-link';
import { StrokeBuilder } from '../../../devices/signature/stroke-builder';
import {
  decodeStuCapability,
  decodeStuInformation,
  decodeStuPenData,
  decodeStuStatus,
  encodeStuCapability,
  encodeStuPenData,
} from '../../../devices/signature/wacom-stu';
import { FUZZ_RUNS as RUNS, FUZZ_TIMEOUT_MS as FUZZ_TIMEOUT } from '../../support/fuzz-runs';
import { mutatedBytes } from '../../support/mutated-bytes';

const DESCRIPTORS = [PEN_TABLET_DESCRIPTOR, TOUCH_SCREEN_DESCRIPTOR, COMPOSITE_PUSH_POP_DESCRIPTOR];

const mutated = mutatedBytes;

const reportSeeds = [
  encodeStuCapability({ maxX: 9600, maxY: 6000, maxPressure: 1023, screenWidth: 320, screenHeight: 200 }),
  encodeStuPenData({ x: 100, y: 200, pressure: 300, proximity: true }),
  encodeStuPenData({ x: 100, y: 200, pressure: 300, proximity: true, timeMs: 9 }),
  encodeHanvonReport({ status: 'move', x: 5, y: 6, pressure: 7 }),
  Uint8Array.of(0x08, 0x53, 0x54, 0x55, 0x2d, 0x35, 0x34, 0x30, 1, 2),
  Uint8Array.of(0x03, 0, 0, 0, 0),
];
const anyReport = fc.oneof(fc.uint8Array({ maxLength: 64 }), mutated(reportSeeds));
const anyDescriptor = fc.oneof(fc.uint8Array({ maxLength: 300 }), mutated(DESCRIPTORS));

const isTyped = (result: { ok: boolean; error?: { code: string; message: string; offset: number } }): boolean =>
  result.ok ||
  (typeof result.error?.code === 'string' &&
    typeof result.error.message === 'string' &&
    Number.isInteger(result.error.offset));

describe('signature pad codec fuzz', () => {
  it('Wacom STU and Hanvon decoders never throw', { timeout: FUZZ_TIMEOUT }, () => {
    fc.assert(
      fc.property(anyReport, (bytes) => {
        for (const decode of [
          decodeStuCapability,
          decodeStuInformation,
          decodeStuStatus,
          decodeStuPenData,
          decodeHanvonReport,
          decodeHanvonCommand,
        ]) {
          expect(isTyped(decode(bytes))).toBe(true);
        }
        const pen = decodeStuPenData(bytes);
        if (pen.ok) expect(pen.value.pressure).toBeLessThanOrEqual(0xfff);
      }),
      { numRuns: RUNS },
    );
  });

  it(
    'the report descriptor parser is total and its fields stay inside their reports',
    { timeout: FUZZ_TIMEOUT },
    () => {
      fc.assert(
        fc.property(anyDescriptor, (bytes) => {
          const parsed = parseReportDescriptor(bytes);
          expect(isTyped(parsed)).toBe(true);
          if (!parsed.ok) return;
          for (const f of parsed.value.fields) {
            const bytesOfReport = parsed.value.reportBytes.get(`${f.reportType}:${f.reportId}`) ?? 0;
            expect(f.bitOffset + f.size * f.count).toBeLessThanOrEqual(bytesOfReport * 8);
          }
          const layout = findDigitizerLayout(parsed.value);
          expect(isTyped(layout)).toBe(true);
        }),
        { numRuns: RUNS },
      );
    },
  );

  it('digitizer report decoding is total for any report against any parsed layout', { timeout: FUZZ_TIMEOUT }, () => {
    fc.assert(
      fc.property(anyDescriptor, fc.uint8Array({ maxLength: 40 }), (descriptor, report) => {
        const parsed = parseReportDescriptor(descriptor);
        if (!parsed.ok) return;
        const layout = findDigitizerLayout(parsed.value);
        if (!layout.ok) return;
        const pen = decodeDigitizerReport(layout.value, report);
        expect(isTyped(pen)).toBe(true);
        if (pen.ok && pen.value) {
          expect(pen.value.x).toBeGreaterThanOrEqual(0);
          expect(pen.value.x).toBeLessThanOrEqual(layout.value.range.maxX);
          expect(Number.isFinite(pen.value.pressure)).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it(
    'the envelope reader never throws, keeps bounded memory, and finds every envelope of an intact stream',
    { timeout: FUZZ_TIMEOUT },
    () => {
      fc.assert(
        fc.property(
          fc.array(
            fc.oneof(
              fc.uint8Array({ maxLength: 40 }),
              anyReport.filter((r) => r.length > 0).map((r) => encodeEnvelope('input', r)),
            ),
            { maxLength: 8 },
          ),
          fc.array(fc.integer({ min: 1, max: 17 }), { minLength: 1, maxLength: 5 }),
          (parts, cuts) => {
            const stream = Uint8Array.from(parts.flatMap((p) => Array.from(p)));
            const reader = new EnvelopeReader();
            let at = 0;
            for (let k = 0; at < stream.length; k++) {
              const size = cuts[k % cuts.length];
              reader.push(stream.subarray(at, at + size));
              at += size;
              expect(reader.pending).toBeLessThan(3 + MAX_REPORT_BYTES);
            }
          },
        ),
        { numRuns: RUNS },
      );
      fc.assert(
        fc.property(
          fc.array(
            anyReport.filter((r) => r.length > 0 && r.length <= MAX_REPORT_BYTES),
            { minLength: 1, maxLength: 8 },
          ),
          fc.integer({ min: 1, max: 9 }),
          (reports, cut) => {
            const stream = Uint8Array.from(reports.flatMap((r) => Array.from(encodeEnvelope('input', r))));
            const reader = new EnvelopeReader();
            const seen: number[][] = [];
            for (let at = 0; at < stream.length; at += cut)
              for (const e of reader.push(stream.subarray(at, at + cut)))
                if (e.type === 'envelope') seen.push(Array.from(e.envelope.report));
            expect(seen).toEqual(reports.map((r) => Array.from(r)));
          },
        ),
        { numRuns: RUNS },
      );
    },
  );

  it(
    'the stroke builder turns any sample sequence into schema-valid strokes, and the SVG of them is well-formed',
    { timeout: FUZZ_TIMEOUT },
    () => {
      const sample = fc.record({
        x: fc.oneof(fc.integer({ min: -10, max: 10_000 }), fc.constant(Number.NaN)),
        y: fc.integer({ min: -10, max: 7000 }),
        pressure: fc.integer({ min: 0, max: 2000 }),
        tip: fc.boolean(),
        inRange: fc.boolean(),
      });
      fc.assert(
        fc.property(fc.array(sample, { maxLength: 200 }), (samples) => {
          let clock = 0;
          const builder = new StrokeBuilder({ maxX: 9600, maxY: 6000, maxPressure: 1023 }, () => (clock += 3));
          for (const s of samples) builder.push(s);
          const signature = { source: 'wacom-stu' as const, aspect: 1.6, strokes: builder.snapshot() };
          const parsed = SignatureSchema.safeParse(signature);
          expect(parsed.success).toBe(true);
          const svg = strokesToSvg(signature);
          expect(svg.match(/class="stroke"/g)?.length ?? 0).toBe(signature.strokes.length);
          expect(svg).not.toContain('NaN');
        }),
        { numRuns: RUNS },
      );
    },
  );

  it('however long a pad is scribbled on, the strokes stay within the schema bounds', () => {
    let clock = 0;
    const builder = new StrokeBuilder({ maxX: 100, maxY: 100, maxPressure: 10 }, () => (clock += 50));
    // 300 strokes of 100 points, then one endless stroke: 35,000 samples in all.
    for (let s = 0; s < 300; s++) {
      for (let i = 0; i < 100; i++) builder.push({ x: i, y: s % 100, pressure: 5, tip: true, inRange: true });
      builder.push({ x: 0, y: 0, pressure: 0, tip: false, inRange: true });
    }
    for (let i = 0; i < 5000; i++) builder.push({ x: i % 100, y: 3, pressure: 5, tip: true, inRange: true });
    const strokes = builder.snapshot();
    expect(strokes.length).toBe(200);
    expect(SignatureSchema.safeParse({ source: 'hanvon', aspect: 1, strokes }).success).toBe(true);
  });

  it('the signature schema rejects, never throws on, arbitrary JSON', { timeout: FUZZ_TIMEOUT }, () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(typeof SignatureSchema.safeParse(value).success).toBe('boolean');
      }),
      { numRuns: RUNS },
    );
  });
});
