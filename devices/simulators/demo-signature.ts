/**
 * A recorded-looking signature for simulators, demos and benchmarks: a cursive line of loops
 * with natural pressure (light at the ends, heavier mid-stroke), a second short word and an
 * underline flourish. Normalised to the pad's 0..1 space; ~5 ms between samples, like a pad.
 */
import type { SignatureStroke } from '@common/domain/signature';

export function demoSignatureStrokes(): SignatureStroke[] {
  const strokes: SignatureStroke[] = [];
  let t = 0;
  const stroke = (n: number, at: (u: number) => { x: number; y: number }): void => {
    const points = [];
    for (let i = 0; i < n; i++) {
      const u = i / (n - 1);
      const { x, y } = at(u);
      points.push({
        x: Math.min(1, Math.max(0, x)),
        y: Math.min(1, Math.max(0, y)),
        pressure: Math.round((0.25 + 0.6 * Math.sin(Math.PI * u) ** 0.6) * 1000) / 1000,
        t: (t += 5),
      });
    }
    strokes.push(points);
    t += 120; // pen lifted between strokes
  };
  // A loopy first word: a prolate cycloid drifting right.
  stroke(140, (u) => {
    const a = u * Math.PI * 10;
    return {
      x: 0.12 + u * 0.38 + 0.03 * Math.sin(a),
      y: 0.5 - 0.12 * Math.cos(a) * (0.6 + 0.4 * Math.sin(u * Math.PI)),
    };
  });
  // A second word, tighter loops.
  stroke(90, (u) => {
    const a = u * Math.PI * 6;
    return { x: 0.56 + u * 0.26 + 0.025 * Math.sin(a), y: 0.52 - 0.09 * Math.cos(a) };
  });
  // The underline flourish.
  stroke(60, (u) => ({ x: 0.14 + u * 0.7, y: 0.72 + 0.04 * Math.sin(u * Math.PI) - 0.03 * u }));
  return strokes;
}
