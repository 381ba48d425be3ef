/**
 * Strokes → PNG (pngjs): white background, dark ink, line width from pressure, anti-aliased by
 * pixel coverage (distance from each pixel centre to the segment against the half width).
 */
import { PNG } from 'pngjs';
import { strokeWidthAt, type Signature } from '@common/domain/signature';

export interface PngOptions {
  /** Output width in pixels; height follows the aspect. */
  width?: number;
  /** Pen width at full pressure, in pixels at height 100 (scaled with the image). */
  baseWidth?: number;
}

export function renderSignatureGray(
  signature: Pick<Signature, 'aspect' | 'strokes'>,
  options: PngOptions = {},
): { width: number; height: number; ink: Float32Array } {
  const width = Math.max(1, Math.min(4000, Math.round(options.width ?? 600)));
  const height = Math.max(1, Math.min(4000, Math.round(width / signature.aspect)));
  const scale = height / 100;
  const ink = new Float32Array(width * height);
  const base = options.baseWidth ?? 2.4;
  const dab = (x0: number, y0: number, x1: number, y1: number, r0: number, r1: number): void => {
    const rMax = Math.max(r0, r1) + 1;
    const minX = Math.max(0, Math.floor(Math.min(x0, x1) - rMax));
    const maxX = Math.min(width - 1, Math.ceil(Math.max(x0, x1) + rMax));
    const minY = Math.max(0, Math.floor(Math.min(y0, y1) - rMax));
    const maxY = Math.min(height - 1, Math.ceil(Math.max(y0, y1) + rMax));
    const dx = x1 - x0;
    const dy = y1 - y0;
    const len2 = dx * dx + dy * dy;
    for (let y = minY; y <= maxY; y++) {
      for (let x = minX; x <= maxX; x++) {
        const px = x + 0.5 - x0;
        const py = y + 0.5 - y0;
        const t = len2 > 0 ? Math.min(1, Math.max(0, (px * dx + py * dy) / len2)) : 0;
        const ex = px - t * dx;
        const ey = py - t * dy;
        const d = Math.sqrt(ex * ex + ey * ey);
        const r = r0 + (r1 - r0) * t;
        const cover = Math.min(1, Math.max(0, r + 0.5 - d));
        const i = y * width + x;
        if (cover > ink[i]) ink[i] = cover;
      }
    }
  };
  for (const stroke of signature.strokes) {
    for (let i = 0; i < stroke.length; i++) {
      const a = stroke[Math.max(0, i - 1)];
      const b = stroke[i];
      if (i === 0 && stroke.length > 1) continue;
      dab(
        a.x * width,
        a.y * height,
        b.x * width,
        b.y * height,
        (strokeWidthAt(a.pressure, base) * scale) / 2,
        (strokeWidthAt(b.pressure, base) * scale) / 2,
      );
    }
  }
  return { width, height, ink };
}

export function strokesToPng(signature: Pick<Signature, 'aspect' | 'strokes'>, options: PngOptions = {}): Uint8Array {
  const { width, height, ink } = renderSignatureGray(signature, options);
  const png = new PNG({ width, height, colorType: 2, inputHasAlpha: true });
  for (let i = 0; i < ink.length; i++) {
    // Ink colour #1a1a1a blended over white.
    const v = Math.round(255 - (255 - 0x1a) * ink[i]);
    png.data[i * 4] = v;
    png.data[i * 4 + 1] = v;
    png.data[i * 4 + 2] = v;
    png.data[i * 4 + 3] = 255;
  }
  return new Uint8Array(PNG.sync.write(png, { colorType: 2 }));
}
