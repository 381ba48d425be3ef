/**
 * Pen samples (raw pad units) → normalised strokes. A stroke starts when the tip touches and ends
 * when it lifts or the pen leaves range; repeated identical samples (pads resend while the pen
 * rests) are dropped. The open stroke is part of every snapshot, so nothing is lost when the pad
 * disappears mid-signature.
 */
import { SIGNATURE_LIMITS, type SignaturePoint, type SignatureStroke } from '@common/domain/signature';

export interface PenSample {
  x: number;
  y: number;
  pressure: number;
  /** Tip touching the surface. */
  tip: boolean;
  /** Pen close enough to be tracked (hovering or touching). */
  inRange: boolean;
  /** Device timestamp in ms, when the pad reports one (Wacom 0x34); otherwise the host clock is used. */
  deviceTimeMs?: number;
}

export interface PadRange {
  maxX: number;
  maxY: number;
  maxPressure: number;
}

export type StrokeEvent = { type: 'pen-down'; point: SignaturePoint } | { type: 'stroke'; stroke: SignatureStroke };

const clamp01 = (n: number): number => (Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0);

export class StrokeBuilder {
  private readonly done: SignatureStroke[] = [];
  private current: SignatureStroke | null = null;
  private startMs: number | null = null;
  private last: PenSample | null = null;
  private points = 0;

  constructor(
    private readonly range: PadRange,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Feeds one sample; returns what it completed or started. */
  push(sample: PenSample): StrokeEvent[] {
    const events: StrokeEvent[] = [];
    const touching = sample.tip && sample.inRange;
    if (!touching) {
      if (this.current) events.push(this.endStroke());
      this.last = sample;
      return events;
    }
    if (this.last && this.current && sameSample(this.last, sample)) return events;
    this.last = sample;
    // Beyond the model's bounds (a pad left scribbling for minutes) samples are dropped, so a
    // signature always fits the schema the API and storage enforce.
    const full =
      this.points >= SIGNATURE_LIMITS.maxPoints ||
      (this.current
        ? this.current.length >= SIGNATURE_LIMITS.maxPointsPerStroke
        : this.done.length >= SIGNATURE_LIMITS.maxStrokes);
    if (full) return events;
    const point = this.normalise(sample);
    this.points += 1;
    if (!this.current) {
      this.current = [point];
      events.push({ type: 'pen-down', point });
    } else {
      this.current.push(point);
    }
    return events;
  }

  /** Closes the open stroke, if any (pen-up that never came, end of capture). */
  finish(): StrokeEvent[] {
    return this.current ? [this.endStroke()] : [];
  }

  /** Finished strokes plus the open one, copied. */
  snapshot(): SignatureStroke[] {
    const all = this.current ? [...this.done, this.current] : this.done;
    return all.map((s) => s.map((p) => ({ ...p })));
  }

  /** Drops the last finished stroke (a pen-up that turned out to be a button press). */
  dropLast(): SignatureStroke | undefined {
    const stroke = this.done.pop();
    if (stroke) this.points -= stroke.length;
    return stroke;
  }

  clear(): void {
    this.done.length = 0;
    this.current = null;
    this.startMs = null;
    this.last = null;
    this.points = 0;
  }

  private endStroke(): StrokeEvent {
    const stroke = this.current!;
    this.current = null;
    this.done.push(stroke);
    return { type: 'stroke', stroke: stroke.map((p) => ({ ...p })) };
  }

  private normalise(sample: PenSample): SignaturePoint {
    const clock = sample.deviceTimeMs ?? this.now();
    if (this.startMs === null) this.startMs = clock;
    const t = Math.max(0, clock - this.startMs);
    return {
      x: clamp01(sample.x / this.range.maxX),
      y: clamp01(sample.y / this.range.maxY),
      pressure: this.range.maxPressure > 0 ? clamp01(sample.pressure / this.range.maxPressure) : 0.5,
      t: Math.min(SIGNATURE_LIMITS.maxDurationMs, Math.round(t)),
    };
  }
}

const sameSample = (a: PenSample, b: PenSample): boolean =>
  a.x === b.x && a.y === b.y && a.pressure === b.pressure && a.tip === b.tip;
