/**
 * HID reports over the byte-pipe Transport. Signature pads need three kinds of traffic a plain
 * byte stream does not have — input/output reports, set-feature and get-feature — so each report
 * travels in a small envelope: [kind, length LE u16, report bytes (report ID first)]. The memory
 * transport (simulators, tests) carries it as is; a hidraw/node-hid bridge maps each kind onto the
 * matching hidapi call. Envelopes are reassembled across chunk boundaries.
 */
import { DeviceError, Emitter, toDeviceError, type Transport, type Unsubscribe } from '../transport/transport';

export const REPORT_KIND = {
  /** host → device: an output report (interrupt OUT / SET_REPORT output). */
  output: 0x01,
  /** device → host: an input report. */
  input: 0x02,
  /** host → device: SET_REPORT (feature). */
  setFeature: 0x03,
  /** host → device: GET_REPORT (feature); payload [reportId, length LE u16]. */
  getFeature: 0x04,
  /** device → host: the answer to a getFeature. */
  feature: 0x05,
} as const;
export type ReportKind = keyof typeof REPORT_KIND;

export interface ReportEnvelope {
  kind: ReportKind;
  report: Uint8Array;
}

/** Largest report we carry: HID reports are ≤ 64 KiB by the length field; real pads use ≤ 1 KiB. */
export const MAX_REPORT_BYTES = 4096;

const kindOf = (byte: number): ReportKind | null => {
  for (const [name, value] of Object.entries(REPORT_KIND)) if (value === byte) return name as ReportKind;
  return null;
};

export function encodeEnvelope(kind: ReportKind, report: Uint8Array): Uint8Array {
  const out = new Uint8Array(3 + report.length);
  out[0] = REPORT_KIND[kind];
  out[1] = report.length & 0xff;
  out[2] = report.length >> 8;
  out.set(report, 3);
  return out;
}

export type EnvelopeEvent = { type: 'envelope'; envelope: ReportEnvelope } | { type: 'error'; message: string };

/** Reassembles envelopes from chunks; a bad kind or length drops one byte and resynchronises. */
export class EnvelopeReader {
  private buffer = new Uint8Array(0);

  /** Bytes held waiting for the rest of an envelope (never more than one envelope's worth). */
  get pending(): number {
    return this.buffer.length;
  }

  push(chunk: Uint8Array): EnvelopeEvent[] {
    const next = new Uint8Array(this.buffer.length + chunk.length);
    next.set(this.buffer, 0);
    next.set(chunk, this.buffer.length);
    this.buffer = next;
    const events: EnvelopeEvent[] = [];
    let at = 0;
    while (this.buffer.length - at >= 3) {
      const kind = kindOf(this.buffer[at]);
      const length = this.buffer[at + 1] | (this.buffer[at + 2] << 8);
      if (!kind || length === 0 || length > MAX_REPORT_BYTES) {
        events.push({
          type: 'error',
          message: `bad report envelope at byte ${at} (kind 0x${this.buffer[at].toString(16)}, length ${length})`,
        });
        at += 1;
        continue;
      }
      if (this.buffer.length - at < 3 + length) break;
      events.push({ type: 'envelope', envelope: { kind, report: this.buffer.slice(at + 3, at + 3 + length) } });
      at += 3 + length;
    }
    this.buffer = this.buffer.slice(at);
    return events;
  }
}

export interface ReportLink {
  open(): Promise<void>;
  close(): Promise<void>;
  output(report: Uint8Array): Promise<void>;
  setFeature(report: Uint8Array): Promise<void>;
  /** Rejects DeviceError('timeout' | 'disconnected' | 'protocol'). */
  getFeature(reportId: number, length: number): Promise<Uint8Array>;
  onInput(listener: (report: Uint8Array) => void): Unsubscribe;
  onClose(listener: (error?: DeviceError) => void): Unsubscribe;
  readonly isOpen: boolean;
}

/** Host side of the envelope protocol over any Transport. One getFeature at a time (HID is too). */
export class TransportReportLink implements ReportLink {
  private readonly reader = new EnvelopeReader();
  private readonly input = new Emitter<Uint8Array>();
  private pendingFeature: {
    reportId: number;
    resolve: (r: Uint8Array) => void;
    reject: (e: DeviceError) => void;
    timer: ReturnType<typeof setTimeout>;
  } | null = null;
  private featureQueue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly transport: Transport,
    private readonly featureTimeoutMs = 1000,
  ) {
    transport.onData((chunk) => this.onChunk(chunk));
    transport.onClose((error) =>
      this.failPending(error ?? new DeviceError('disconnected', 'signature pad link closed')),
    );
  }

  get isOpen(): boolean {
    return this.transport.isOpen;
  }

  open(): Promise<void> {
    return this.transport.open();
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  output(report: Uint8Array): Promise<void> {
    return this.transport.write(encodeEnvelope('output', report));
  }

  setFeature(report: Uint8Array): Promise<void> {
    return this.transport.write(encodeEnvelope('setFeature', report));
  }

  getFeature(reportId: number, length: number): Promise<Uint8Array> {
    const run = (): Promise<Uint8Array> =>
      new Promise<Uint8Array>((resolve, reject) => {
        const timer = setTimeout(() => {
          this.pendingFeature = null;
          reject(
            new DeviceError(
              'timeout',
              `feature report 0x${reportId.toString(16)}: no answer within ${this.featureTimeoutMs} ms`,
            ),
          );
        }, this.featureTimeoutMs);
        this.pendingFeature = { reportId, resolve, reject, timer };
        this.transport
          .write(encodeEnvelope('getFeature', Uint8Array.of(reportId, length & 0xff, length >> 8)))
          .catch((error: unknown) => {
            clearTimeout(timer);
            this.pendingFeature = null;
            reject(toDeviceError(error, 'write_failed'));
          });
      });
    const result = this.featureQueue.then(run, run);
    this.featureQueue = result.catch(() => undefined);
    return result;
  }

  onInput(listener: (report: Uint8Array) => void): Unsubscribe {
    return this.input.on(listener);
  }

  onClose(listener: (error?: DeviceError) => void): Unsubscribe {
    return this.transport.onClose(listener);
  }

  private onChunk(chunk: Uint8Array): void {
    for (const event of this.reader.push(chunk)) {
      if (event.type !== 'envelope') continue;
      const { kind, report } = event.envelope;
      if (kind === 'input') this.input.emit(report);
      else if (kind === 'feature' && this.pendingFeature && report[0] === this.pendingFeature.reportId) {
        const pending = this.pendingFeature;
        this.pendingFeature = null;
        clearTimeout(pending.timer);
        pending.resolve(report);
      }
    }
  }

  private failPending(error: DeviceError): void {
    const pending = this.pendingFeature;
    if (!pending) return;
    this.pendingFeature = null;
    clearTimeout(pending.timer);
    pending.reject(error);
  }
}
