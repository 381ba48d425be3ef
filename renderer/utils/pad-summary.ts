import type { PadSummary } from '@common/domain/signature';

/**
 * Renders text for a signature pad's LCD strip as a 1-bit bitmap (the pad has no fonts; the
 * browser does). Threshold at half coverage: crisp glyphs on a monochrome LCD.
 */
export function renderPadSummary(text: string, width = 320, height = 36): PadSummary {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const c = canvas.getContext('2d');
  const stride = Math.ceil(width / 8);
  const bits = new Uint8Array(stride * height);
  if (c) {
    c.fillStyle = '#fff';
    c.fillRect(0, 0, width, height);
    c.fillStyle = '#000';
    c.textBaseline = 'middle';
    c.font = `${Math.round(height * 0.5)}px "Noto Sans CJK SC", "Microsoft YaHei", sans-serif`;
    c.fillText(text, 8, height / 2, width - 16);
    const data = c.getImageData(0, 0, width, height).data;
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++)
        if (data[(y * width + x) * 4] < 128) bits[y * stride + (x >> 3)] |= 0x80 >> (x & 7);
  }
  let binary = '';
  for (const b of bits) binary += String.fromCharCode(b);
  return { width, height, bitsBase64: btoa(binary) };
}
