/**
 * Signature pads: decoding pen reports (Wacom STU 0x01 by its fixed layout; a generic digitizer by
 * its parsed report descriptor) against a plain copy of the same bytes, and strokes → PNG against
 * encoding an untouched white image of the same size (the PNG encoder's share of the work).
 */
import { PNG } from 'pngjs';
import { demoSignatureStrokes } from '../devices/simulators/demo-signature';
import { PEN_TABLET_DESCRIPTOR } from '../devices/simulators/hid-descriptors';
import {
  decodeDigitizerReport,
  encodeDigitizerReport,
  findDigitizerLayout,
} from '../devices/signature/generic-digitizer';
import { parseReportDescriptor } from '../devices/signature/hid-report-descriptor';
import { StrokeBuilder } from '../devices/signature/stroke-builder';
import { strokesToPng } from '../devices/signature/signature-png';
import { decodeStuPenData, encodeStuPenData } from '../devices/signature/wacom-stu';
import { figure, type BenchResult } from './harness';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median over `rounds` of the time `fn` takes, in ms. */
function time(fn: () => void, rounds: number): number {
  fn(); // warm-up
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

export async function signatureBench(): Promise<BenchResult> {
  const strokes = demoSignatureStrokes();
  const N = 200_000;
  // A realistic report stream: the demo signature's samples, repeated to N reports.
  const flat = strokes.flat();
  // Each stroke ends with a lift (pressure 0), as a pad sends it.
  const lifts = strokes.flatMap((s) => [...s.map((p) => ({ ...p, lift: false })), { ...s[s.length - 1], lift: true }]);
  const stu = Array.from({ length: N }, (_, i) => {
    const p = lifts[i % lifts.length];
    return encodeStuPenData({
      x: Math.round(p.x * 9600),
      y: Math.round(p.y * 6000),
      pressure: p.lift ? 0 : Math.round(p.pressure * 1023),
      proximity: true,
    });
  });
  const parsed = parseReportDescriptor(PEN_TABLET_DESCRIPTOR);
  if (!parsed.ok) throw new Error('descriptor');
  const layout = findDigitizerLayout(parsed.value);
  if (!layout.ok) throw new Error('layout');
  const generic = Array.from({ length: N }, (_, i) => {
    const p = flat[i % flat.length];
    return encodeDigitizerReport(layout.value, {
      x: Math.round(p.x * 9600),
      y: Math.round(p.y * 6000),
      pressure: Math.round(p.pressure * 1023),
      tip: true,
      inRange: true,
    });
  });

  let sink = 0;
  const copy = (reports: Uint8Array[]) => () => {
    for (const r of reports) sink += r.slice()[1];
  };
  const copyStu = time(copy(stu), 9);
  const decodeStu = time(() => {
    for (const r of stu) {
      const d = decodeStuPenData(r);
      if (d.ok) sink += d.value.x;
    }
  }, 9);
  const copyGeneric = time(copy(generic), 9);
  const decodeGeneric = time(() => {
    for (const r of generic) {
      const d = decodeDigitizerReport(layout.value, r);
      if (d.ok && d.value) sink += d.value.x;
    }
  }, 9);
  const build = time(() => {
    let clock = 0;
    const b = new StrokeBuilder({ maxX: 9600, maxY: 6000, maxPressure: 1023 }, () => (clock += 5));
    for (const r of stu) {
      const d = decodeStuPenData(r);
      if (d.ok) b.push(d.value);
    }
    sink += b.snapshot().length;
  }, 5);

  const signature = { aspect: 1.6, strokes };
  const width = 600;
  const height = Math.round(width / 1.6);
  const blank = () => {
    const png = new PNG({ width, height, colorType: 2, inputHasAlpha: true });
    png.data.fill(255);
    sink += PNG.sync.write(png, { colorType: 2 }).length;
  };
  const pngBlank = time(blank, 25);
  const pngStrokes = time(() => (sink += strokesToPng(signature, { width }).length), 25);
  if (sink === 42) console.log(''); // keep the work observable

  const perM = (ms: number): number => (ms / N) * 1e6; // ns per report
  return {
    bench: 'signature',
    figures: [
      figure(
        'Wacom STU pen report (0x01) decode',
        perM(decodeStu),
        'ns/report',
        { name: 'copy of the same bytes', value: perM(copyStu) },
        { note: `${N.toLocaleString('en-US')} reports, median of 9` },
      ),
      figure(
        'generic digitizer report decode (via parsed descriptor)',
        perM(decodeGeneric),
        'ns/report',
        { name: 'copy of the same bytes', value: perM(copyGeneric) },
        { note: 'pen tablet descriptor, report ID 2, 7 data bytes' },
      ),
      figure(
        'STU decode + stroke building',
        perM(build),
        'ns/report',
        { name: 'STU decode alone', value: perM(decodeStu) },
        { note: 'StrokeBuilder: normalise, dedupe, pen up/down' },
      ),
      figure(
        `strokes → PNG, ${width}×${height}, demo signature (${flat.length} points)`,
        pngStrokes,
        'ms',
        { name: 'encode a blank PNG of the same size', value: pngBlank },
        { note: 'anti-aliased, pressure width; median of 25' },
      ),
    ],
  };
}
