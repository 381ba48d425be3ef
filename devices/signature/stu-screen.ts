/**
 * What the STU's LCD shows while the customer signs: a summary strip on top (a caller-rendered
 * 1-bit bitmap, e.g. the business and amount), a signing box with a baseline, and three buttons
 * along the bottom — 确认 (✓), 重签 (↺), 取消 (✗) — drawn as icons because the pad has no fonts.
 * The same layout hit-tests pen-ups, so the buttons on screen and the areas that react are one.
 */
import type { StuCapability } from './wacom-stu';

export type PadButton = 'confirm' | 'clear' | 'cancel';

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface StuLayout {
  width: number;
  height: number;
  summary: Rect;
  signBox: Rect;
  buttons: Record<PadButton, Rect>;
}

/** A 1-bit image: `rows × width` pixels, 1 = ink, row-major, MSB first, rows padded to a byte. */
export interface MonoImage {
  width: number;
  height: number;
  bits: Uint8Array;
}

export function createMono(width: number, height: number): MonoImage {
  return { width, height, bits: new Uint8Array(Math.ceil(width / 8) * height) };
}

export function monoGet(img: MonoImage, x: number, y: number): boolean {
  if (x < 0 || y < 0 || x >= img.width || y >= img.height) return false;
  return (img.bits[y * Math.ceil(img.width / 8) + (x >> 3)] & (0x80 >> (x & 7))) !== 0;
}

function set(img: MonoImage, x: number, y: number): void {
  if (x < 0 || y < 0 || x >= img.width || y >= img.height) return;
  img.bits[y * Math.ceil(img.width / 8) + (x >> 3)] |= 0x80 >> (x & 7);
}

function line(img: MonoImage, x0: number, y0: number, x1: number, y1: number, thick = 2): void {
  const steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0), 1);
  for (let i = 0; i <= steps; i++) {
    const x = Math.round(x0 + ((x1 - x0) * i) / steps);
    const y = Math.round(y0 + ((y1 - y0) * i) / steps);
    for (let dx = 0; dx < thick; dx++) for (let dy = 0; dy < thick; dy++) set(img, x + dx, y + dy);
  }
}

function frame(img: MonoImage, r: Rect): void {
  line(img, r.x, r.y, r.x + r.w - 1, r.y, 1);
  line(img, r.x, r.y + r.h - 1, r.x + r.w - 1, r.y + r.h - 1, 1);
  line(img, r.x, r.y, r.x, r.y + r.h - 1, 1);
  line(img, r.x + r.w - 1, r.y, r.x + r.w - 1, r.y + r.h - 1, 1);
}

export function stuLayout(screen: { width: number; height: number }): StuLayout {
  const { width, height } = screen;
  const buttonH = Math.max(24, Math.round(height * 0.2));
  const summaryH = Math.round(height * 0.18);
  const gap = Math.max(2, Math.round(width * 0.01));
  const bw = Math.floor((width - gap * 4) / 3);
  const by = height - buttonH - gap;
  return {
    width,
    height,
    summary: { x: 0, y: 0, w: width, h: summaryH },
    signBox: { x: gap, y: summaryH, w: width - gap * 2, h: by - summaryH - gap },
    buttons: {
      confirm: { x: gap, y: by, w: bw, h: buttonH },
      clear: { x: gap * 2 + bw, y: by, w: bw, h: buttonH },
      cancel: { x: gap * 3 + bw * 2, y: by, w: bw, h: buttonH },
    },
  };
}

/** Renders the layout; `summary` (if given) is copied into the top strip, clipped. */
export function renderStuScreen(layout: StuLayout, summary?: MonoImage): MonoImage {
  const img = createMono(layout.width, layout.height);
  if (summary) {
    for (let y = 0; y < Math.min(summary.height, layout.summary.h); y++)
      for (let x = 0; x < Math.min(summary.width, layout.summary.w); x++)
        if (monoGet(summary, x, y)) set(img, layout.summary.x + x, layout.summary.y + y);
  }
  const sb = layout.signBox;
  const baseY = sb.y + Math.round(sb.h * 0.75);
  line(img, sb.x + 8, baseY, sb.x + sb.w - 9, baseY, 1);
  // "×" mark before the baseline, as on paper forms.
  line(img, sb.x + 8, baseY - 10, sb.x + 16, baseY - 2, 1);
  line(img, sb.x + 16, baseY - 10, sb.x + 8, baseY - 2, 1);
  for (const [name, r] of Object.entries(layout.buttons) as [PadButton, Rect][]) {
    frame(img, r);
    const cx = r.x + r.w / 2;
    const cy = r.y + r.h / 2;
    const s = Math.min(r.w, r.h) * 0.3;
    if (name === 'confirm') {
      line(img, Math.round(cx - s), Math.round(cy), Math.round(cx - s / 3), Math.round(cy + s * 0.7));
      line(img, Math.round(cx - s / 3), Math.round(cy + s * 0.7), Math.round(cx + s), Math.round(cy - s * 0.7));
    } else if (name === 'cancel') {
      line(img, Math.round(cx - s), Math.round(cy - s), Math.round(cx + s), Math.round(cy + s));
      line(img, Math.round(cx + s), Math.round(cy - s), Math.round(cx - s), Math.round(cy + s));
    } else {
      // ↺: three-quarter circle with an arrow head.
      const steps = 40;
      for (let i = 0; i < steps; i++) {
        const a0 = Math.PI * 0.25 + (i / steps) * Math.PI * 1.5;
        const a1 = Math.PI * 0.25 + ((i + 1) / steps) * Math.PI * 1.5;
        line(
          img,
          Math.round(cx + s * Math.cos(a0)),
          Math.round(cy + s * Math.sin(a0)),
          Math.round(cx + s * Math.cos(a1)),
          Math.round(cy + s * Math.sin(a1)),
        );
      }
      const hx = Math.round(cx + s * Math.cos(Math.PI * 0.25));
      const hy = Math.round(cy + s * Math.sin(Math.PI * 0.25));
      line(img, hx, hy, hx + Math.round(s / 2), hy);
      line(img, hx, hy, hx, hy - Math.round(s / 2));
    }
  }
  return img;
}

const inside = (r: Rect, x: number, y: number): boolean => x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;

/** Which button a pen position (tablet units) lies on, via the capability's tablet→screen scale. */
export function hitTestButton(
  layout: StuLayout,
  cap: Pick<StuCapability, 'maxX' | 'maxY'>,
  tabletX: number,
  tabletY: number,
): PadButton | null {
  const x = (tabletX / cap.maxX) * layout.width;
  const y = (tabletY / cap.maxY) * layout.height;
  for (const [name, r] of Object.entries(layout.buttons) as [PadButton, Rect][]) if (inside(r, x, y)) return name;
  return null;
}

/** Tablet units → whether the point is in the signing box (strokes outside it are not signature). */
export function inSignBox(
  layout: StuLayout,
  cap: Pick<StuCapability, 'maxX' | 'maxY'>,
  tabletX: number,
  tabletY: number,
): boolean {
  return inside(layout.signBox, (tabletX / cap.maxX) * layout.width, (tabletY / cap.maxY) * layout.height);
}
