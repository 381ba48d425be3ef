/** The stroke model's schema, SVG output and PNG output (decoded back with pngjs). */
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { SIGNATURE_LIMITS, SignatureSchema, strokesToSvg, type Signature } from '@common/domain/signature';
import { strokesToPng } from '../../../devices/signature/signature-png';

const SIG: Signature = {
  source: 'wacom-stu',
  aspect: 2,
  strokes: [
    // A horizontal line across the middle, light then heavy.
    Array.from({ length: 11 }, (_, i) => ({ x: 0.1 + i * 0.08, y: 0.5, pressure: i / 10, t: i * 10 })),
    // A dot in the top-left corner.
    [{ x: 0.05, y: 0.1, pressure: 1, t: 200 }],
  ],
};

describe('signature schema', () => {
  it('accepts a signature and rejects out-of-range, non-finite and oversized ones', () => {
    expect(SignatureSchema.safeParse(SIG).success).toBe(true);
    const bad = (patch: unknown): boolean => SignatureSchema.safeParse(patch).success;
    expect(bad({ ...SIG, strokes: [[{ x: 1.2, y: 0, pressure: 0, t: 0 }]] })).toBe(false);
    expect(bad({ ...SIG, strokes: [[{ x: Number.NaN, y: 0, pressure: 0, t: 0 }]] })).toBe(false);
    expect(bad({ ...SIG, strokes: [[]] })).toBe(false);
    expect(bad({ ...SIG, aspect: Number.POSITIVE_INFINITY })).toBe(false);
    expect(bad({ ...SIG, source: 'fax' })).toBe(false);
    const p = { x: 0.5, y: 0.5, pressure: 0.5, t: 1 };
    expect(bad({ ...SIG, strokes: Array.from({ length: SIGNATURE_LIMITS.maxStrokes + 1 }, () => [p]) })).toBe(false);
    expect(bad({ ...SIG, strokes: Array.from({ length: 6 }, () => Array.from({ length: 3500 }, () => p)) })).toBe(
      false,
    );
  });
});

describe('strokesToSvg', () => {
  it('viewBox from the aspect, one group per stroke, width growing with pressure, a dot as a circle', () => {
    const svg = strokesToSvg(SIG);
    expect(svg).toContain('viewBox="0 0 200 100"');
    expect(svg.match(/class="stroke"/g)).toHaveLength(2);
    const widths = [...svg.matchAll(/stroke-width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(10);
    for (let i = 1; i < widths.length; i++) expect(widths[i]).toBeGreaterThan(widths[i - 1]);
    expect(svg).toMatch(/<line x1="20" y1="50" x2="36" y2="50"/);
    expect(svg).toMatch(/<circle cx="10" cy="10" r="[\d.]+"\/>/);
  });

  it('an empty signature is a valid blank SVG', () => {
    expect(strokesToSvg({ aspect: 1.6, strokes: [] })).toMatch(
      /^<svg [^>]*viewBox="0 0 160 100"[^>]*><rect [^>]*\/><g [^>]*><\/g><\/svg>$/,
    );
  });
});

describe('strokesToPng', () => {
  const decode = (bytes: Uint8Array): PNG => PNG.sync.read(Buffer.from(bytes));
  const gray = (png: PNG, x: number, y: number): number => png.data[(y * png.width + x) * 4];

  it('white background, ink where the strokes are, size from the aspect', () => {
    const png = decode(strokesToPng(SIG, { width: 400 }));
    expect([png.width, png.height]).toEqual([400, 200]);
    // On the line (y = 100) past its light start, and on the dot.
    expect(gray(png, 300, 100)).toBeLessThan(80);
    expect(gray(png, 20, 20)).toBeLessThan(80);
    // Far from any stroke: white.
    expect(gray(png, 200, 170)).toBe(255);
    expect(gray(png, 380, 20)).toBe(255);
  });

  it('is anti-aliased (grey edge pixels) and heavier where pressure is higher', () => {
    const png = decode(strokesToPng(SIG, { width: 400 }));
    const column = (x: number): number[] => Array.from({ length: 30 }, (_, k) => gray(png, x, 85 + k));
    const inked = (x: number): number => column(x).filter((v) => v < 250).length;
    expect(column(300).some((v) => v > 30 && v < 230)).toBe(true);
    expect(inked(340)).toBeGreaterThan(inked(60));
  });

  it('a blank signature is an all-white image', () => {
    const png = decode(strokesToPng({ aspect: 1, strokes: [] }, { width: 50 }));
    expect(png.data.every((v, i) => i % 4 === 3 || v === 255)).toBe(true);
  });
});
