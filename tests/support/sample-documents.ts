import { PNG } from 'pngjs';

/**
 * Documents as a counter's scanner produces them, for attachment tests: a page-like PNG scan (lines
 * of "text", a red seal) and a one-page PDF with real structure (objects, xref, trailer), so a
 * browser's viewer renders them.
 */
export function scannedPagePng(width = 620, height = 860): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      let c: [number, number, number] = [250, 250, 246];
      // A title bar and lines of text of varying length, like a scanned contract.
      const line = Math.floor((y - 150) / 34);
      const inLine = y >= 150 && (y - 150) % 34 < 10 && line < 18 && x > 60 && x < width - 60 - ((line * 37) % 160);
      if (y > 70 && y < 96 && x > width / 2 - 120 && x < width / 2 + 120) c = [60, 60, 66];
      else if (inLine) c = [120, 122, 128];
      // A red seal at the bottom right.
      const dx = x - (width - 150);
      const dy = y - (height - 150);
      const r = Math.sqrt(dx * dx + dy * dy);
      if (r > 52 && r < 60) c = [205, 40, 40];
      else if (r < 14) c = [205, 40, 40];
      png.data.set([...c, 255], i);
    }
  }
  return PNG.sync.write(png);
}

export function onePagePdf(text: string): Buffer {
  const stream = `BT /F1 22 Tf 72 720 Td (${text.replace(/[()\\]/g, '')}) Tj ET\nBT /F1 12 Tf 72 690 Td (Scanned at the counter - sample document) Tj ET\n0.8 0.1 0.1 RG 4 w 420 120 m 520 120 l S`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${Buffer.byteLength(stream)} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((n) => `${String(n).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
