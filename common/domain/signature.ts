/**
 * The normalised signature: what every pad (Wacom STU, Hanvon, generic HID digitizer) and the
 * touchscreen produce, so storage, preview and evidence never care where a signature came from.
 * Coordinates are in the pad's 0..1 space (x right, y down); the aspect ratio keeps the shape.
 */
import { z } from 'zod';

export interface SignaturePoint {
  /** 0..1 across the pad's active area. */
  x: number;
  y: number;
  /** 0..1 of the pad's maximum; 0.5 where the source has no pressure (mouse). */
  pressure: number;
  /** Milliseconds since the first point of the signature. */
  t: number;
}

export type SignatureStroke = SignaturePoint[];

export type SignatureSource = 'wacom-stu' | 'hanvon' | 'hid-digitizer' | 'touchscreen';

export interface Signature {
  source: SignatureSource;
  /** Width ÷ height of the writing area (Wacom STU-430: 9600/6000 = 1.6). */
  aspect: number;
  strokes: SignatureStroke[];
}

/** Bounds that no honest signature reaches; they keep a bad client from sending megabytes. */
export const SIGNATURE_LIMITS = {
  maxStrokes: 200,
  maxPointsPerStroke: 4000,
  maxPoints: 20_000,
  maxDurationMs: 10 * 60_000,
} as const;

const unit = z.number().finite().min(0).max(1);

export const SignaturePointSchema = z
  .object({ x: unit, y: unit, pressure: unit, t: z.number().finite().min(0).max(SIGNATURE_LIMITS.maxDurationMs) })
  .strict();

export const SignatureSchema = z
  .object({
    source: z.enum(['wacom-stu', 'hanvon', 'hid-digitizer', 'touchscreen']),
    aspect: z.number().finite().min(0.1).max(10),
    strokes: z
      .array(z.array(SignaturePointSchema).min(1).max(SIGNATURE_LIMITS.maxPointsPerStroke))
      .max(SIGNATURE_LIMITS.maxStrokes),
  })
  .strict()
  .refine((s) => pointCount(s) <= SIGNATURE_LIMITS.maxPoints, {
    message: 'device.signatureTooManyPoints',
    params: { max: SIGNATURE_LIMITS.maxPoints },
  });

export const pointCount = (signature: Pick<Signature, 'strokes'>): number =>
  signature.strokes.reduce((n, s) => n + s.length, 0);

export const isBlank = (signature: Pick<Signature, 'strokes'>): boolean => pointCount(signature) === 0;

/** Pen width in viewBox units (height = 100) at a pressure; a floor keeps light strokes visible. */
export const strokeWidthAt = (pressure: number, baseWidth = 2.4): number =>
  baseWidth * (0.35 + 0.9 * Math.min(1, Math.max(0, pressure)));

const VIEW_HEIGHT = 100;
const fmt = (n: number): string => (Math.round(n * 100) / 100).toString();

export interface SvgOptions {
  ink?: string;
  baseWidth?: number;
  background?: string | null;
}

/**
 * SVG with the viewBox from the aspect (height 100). Each stroke is drawn as one line segment per
 * pair of points, width from the pair's mean pressure, so pressure shows without a path outliner.
 * A single-point stroke (a dot) becomes a circle.
 */
export function strokesToSvg(signature: Pick<Signature, 'aspect' | 'strokes'>, options: SvgOptions = {}): string {
  const width = VIEW_HEIGHT * signature.aspect;
  const ink = options.ink ?? '#1a1a1a';
  const base = options.baseWidth ?? 2.4;
  const parts: string[] = [];
  for (const stroke of signature.strokes) {
    const segs: string[] = [];
    if (stroke.length === 1) {
      const p = stroke[0];
      segs.push(
        `<circle cx="${fmt(p.x * width)}" cy="${fmt(p.y * VIEW_HEIGHT)}" r="${fmt(strokeWidthAt(p.pressure, base) / 2)}"/>`,
      );
    }
    for (let i = 1; i < stroke.length; i++) {
      const a = stroke[i - 1];
      const b = stroke[i];
      segs.push(
        `<line x1="${fmt(a.x * width)}" y1="${fmt(a.y * VIEW_HEIGHT)}" x2="${fmt(b.x * width)}" y2="${fmt(b.y * VIEW_HEIGHT)}" stroke-width="${fmt(strokeWidthAt((a.pressure + b.pressure) / 2, base))}"/>`,
      );
    }
    parts.push(`<g class="stroke">${segs.join('')}</g>`);
  }
  const bg = options.background === undefined ? '#ffffff' : options.background;
  const rect = bg ? `<rect width="${fmt(width)}" height="${VIEW_HEIGHT}" fill="${bg}"/>` : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${fmt(width)} ${VIEW_HEIGHT}" data-strokes="${signature.strokes.length}">` +
    rect +
    `<g fill="${ink}" stroke="${ink}" stroke-linecap="round" stroke-linejoin="round">${parts.join('')}</g></svg>`
  );
}

/**
 * The text strip shown on a pad's LCD above the signing box (business, amount…), rendered by the
 * renderer (which has fonts) as a 1-bit bitmap: rows top to bottom, MSB first, 1 = ink.
 */
export const PadSummarySchema = z
  .object({
    width: z.number().int().min(8).max(800),
    height: z.number().int().min(8).max(480),
    bitsBase64: z.string().max(64_000),
  })
  .strict()
  .refine((s) => Math.floor((s.bitsBase64.replace(/=+$/, '').length * 3) / 4) === Math.ceil(s.width / 8) * s.height, {
    message: 'device.padSummarySize',
    path: ['bitsBase64'],
  });
export type PadSummary = z.infer<typeof PadSummarySchema>;

/** How a capture session ended. `pad_disconnected` keeps the strokes so far: the UI offers the touchscreen. */
export const CAPTURE_OUTCOMES = ['confirmed', 'cancelled', 'timeout', 'pad_disconnected'] as const;
export type CaptureOutcome = (typeof CAPTURE_OUTCOMES)[number];

export const SignatureCaptureSchema = z.object({
  outcome: z.enum(CAPTURE_OUTCOMES),
  signature: SignatureSchema,
  svg: z.string(),
  /** PNG, white background, base64 (no data: prefix). */
  pngBase64: z.string(),
  pad: z.object({ source: z.string(), model: z.string() }),
  message: z.string().nullable(),
});
export type SignatureCapture = z.infer<typeof SignatureCaptureSchema>;
