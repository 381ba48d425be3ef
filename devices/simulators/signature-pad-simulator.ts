/**
 * A signature pad on the device end of a memory transport: a Wacom STU (answers capability,
 * information and status feature reports, takes clear / inking / image uploads), a Hanvon ESP370U
 * (takes its output-report commands) or a generic HID pen digitizer (a real report descriptor).
 * It plays recorded strokes as the pad's own input report bytes, can press the STU's on-screen
 * buttons, and can drop the link mid-signature.
 */
import type { SignatureStroke } from '@common/domain/signature';
import {
  decodeHanvonCommand,
  encodeHanvonReport,
  HANVON_ESP370U_PRODUCT_ID,
  HANVON_RANGE,
  HANVON_VENDOR_ID,
  type HanvonCommand,
} from '../signature/hanvon-esp370u';
import { encodeDigitizerReport, findDigitizerLayout, type DigitizerLayout } from '../signature/generic-digitizer';
import { parseReportDescriptor } from '../signature/hid-report-descriptor';
import { encodeEnvelope, EnvelopeReader } from '../signature/report-link';
import { stuLayout, type PadButton } from '../signature/stu-screen';
import type { PadIdentity } from '../signature/signature-pad';
import {
  encodeStuCapability,
  encodeStuInformation,
  encodeStuPenData,
  encodeStuStatus,
  STU_REPORT,
  WACOM_VENDOR_ID,
  type StuCapability,
} from '../signature/wacom-stu';
import type { MemoryTransport } from '../transport/memory-transport';
import { Emitter, type Unsubscribe } from '../transport/transport';
import { PEN_TABLET_DESCRIPTOR } from './hid-descriptors';

export type SimulatedPadKind = 'wacom-stu' | 'hanvon' | 'hid-digitizer';

/** STU-430: 320×200 LCD over a 9600×6000 tablet, 1024 pressure levels. */
export const STU_430: StuCapability = {
  maxX: 9600,
  maxY: 6000,
  maxPressure: 1023,
  screenWidth: 320,
  screenHeight: 200,
};

export interface SignaturePadSimulatorOptions {
  kind: SimulatedPadKind;
  capability?: StuCapability;
  modelName?: string;
  descriptor?: Uint8Array;
  /** Wacom: emit report 0x34 with a device timestamp instead of 0x01. */
  timed?: boolean;
  /** Milliseconds of device time between samples (timed reports). */
  sampleIntervalMs?: number;
}

export interface ReceivedReport {
  kind: 'output' | 'setFeature' | 'getFeature';
  report: Uint8Array;
}

export interface PlayOptions {
  /** Drop the link after this many input reports (mid-signature). */
  disconnectAfterReports?: number;
}

export class SignaturePadSimulator {
  readonly received: ReceivedReport[] = [];
  readonly hanvonCommands: HanvonCommand[] = [];
  /** Completed LCD uploads (the bitmap bytes, concatenated blocks). */
  readonly images: Uint8Array[] = [];
  inking = false;
  private imageParts: Uint8Array[] | null = null;
  private readonly reader = new EnvelopeReader();
  private readonly receivedEvents = new Emitter<ReceivedReport>();
  private readonly capability: StuCapability;
  private readonly layout: DigitizerLayout | null;
  private readonly descriptor: Uint8Array;
  private sent = 0;
  private deviceTime = 0;

  constructor(
    private readonly transport: MemoryTransport,
    private readonly options: SignaturePadSimulatorOptions,
  ) {
    this.capability = options.capability ?? STU_430;
    this.descriptor = options.descriptor ?? PEN_TABLET_DESCRIPTOR;
    if (options.kind === 'hid-digitizer') {
      const parsed = parseReportDescriptor(this.descriptor);
      const found = parsed.ok ? findDigitizerLayout(parsed.value) : null;
      if (!found?.ok) throw new Error('simulator descriptor is not a digitizer');
      this.layout = found.value;
    } else this.layout = null;
    transport.onData((chunk) => this.onChunk(chunk));
  }

  async start(): Promise<void> {
    await this.transport.open();
  }

  get identity(): PadIdentity {
    if (this.options.kind === 'wacom-stu') return { vendorId: WACOM_VENDOR_ID, productId: 0x00a5 };
    if (this.options.kind === 'hanvon') return { vendorId: HANVON_VENDOR_ID, productId: HANVON_ESP370U_PRODUCT_ID };
    return { vendorId: 0x28bd, productId: 0x0920, reportDescriptor: this.descriptor };
  }

  /** Tablet units of the simulated pad. */
  get range(): { maxX: number; maxY: number; maxPressure: number } {
    if (this.options.kind === 'wacom-stu') return this.capability;
    if (this.options.kind === 'hanvon') return HANVON_RANGE;
    return (this.layout as DigitizerLayout).range;
  }

  /** Fires after each host report has been handled. */
  onReceived(listener: (report: ReceivedReport) => void): Unsubscribe {
    return this.receivedEvents.on(listener);
  }

  disconnect(): void {
    this.transport.disconnect();
  }

  /** Plays normalised strokes as hover → contact samples → lift, in the pad's own report bytes. */
  async play(strokes: SignatureStroke[], options: PlayOptions = {}): Promise<void> {
    const { maxX, maxY, maxPressure } = this.range;
    for (const stroke of strokes) {
      const raw = stroke.map((p) => ({
        x: Math.round(p.x * maxX),
        y: Math.round(p.y * maxY),
        pressure: Math.max(1, Math.round(p.pressure * maxPressure)),
      }));
      if (raw.length === 0) continue;
      if (!(await this.sample({ ...raw[0], pressure: 0 }, 'hover', options))) return;
      for (let i = 0; i < raw.length; i++) if (!(await this.sample(raw[i], i === 0 ? 'down' : 'move', options))) return;
      if (!(await this.sample({ ...raw[raw.length - 1], pressure: 0 }, 'up', options))) return;
    }
  }

  /** Taps the centre of an STU on-screen button. */
  async press(button: PadButton): Promise<void> {
    const layout = stuLayout({ width: this.capability.screenWidth, height: this.capability.screenHeight });
    const r = layout.buttons[button];
    const x = ((r.x + r.w / 2) / layout.width) * this.capability.maxX;
    const y = ((r.y + r.h / 2) / layout.height) * this.capability.maxY;
    await this.play([
      [
        { x: x / this.capability.maxX, y: y / this.capability.maxY, pressure: 0.5, t: 0 },
        { x: (x + 20) / this.capability.maxX, y: y / this.capability.maxY, pressure: 0.5, t: 10 },
      ],
    ]);
  }

  private async sample(
    p: { x: number; y: number; pressure: number },
    phase: 'hover' | 'down' | 'move' | 'up',
    options: PlayOptions,
  ): Promise<boolean> {
    if (options.disconnectAfterReports !== undefined && this.sent >= options.disconnectAfterReports) {
      // Reports already on the wire arrive before the unplug, as on USB: let them drain first.
      await new Promise<void>((resolve) => setImmediate(resolve));
      this.disconnect();
      return false;
    }
    if (!this.transport.isOpen) return false;
    this.sent += 1;
    this.deviceTime = (this.deviceTime + (this.options.sampleIntervalMs ?? 5)) & 0xffff;
    let report: Uint8Array;
    const contact = phase === 'down' || phase === 'move';
    if (this.options.kind === 'wacom-stu') {
      report = encodeStuPenData({
        x: p.x,
        y: p.y,
        pressure: contact ? p.pressure : 0,
        proximity: true,
        timeMs: this.options.timed ? this.deviceTime : undefined,
      });
    } else if (this.options.kind === 'hanvon') {
      report = encodeHanvonReport({
        status: phase === 'hover' ? 'hover' : phase,
        x: p.x,
        y: p.y,
        pressure: contact ? p.pressure : 0,
      });
    } else {
      report = encodeDigitizerReport(this.layout as DigitizerLayout, {
        x: p.x,
        y: p.y,
        pressure: contact ? p.pressure : 0,
        tip: contact,
        inRange: true,
      });
    }
    await this.transport.write(encodeEnvelope('input', report));
    return true;
  }

  private onChunk(chunk: Uint8Array): void {
    for (const event of this.reader.push(chunk)) {
      if (event.type !== 'envelope') continue;
      const { kind, report } = event.envelope;
      if (kind !== 'output' && kind !== 'setFeature' && kind !== 'getFeature') continue;
      if (kind === 'getFeature') this.answerFeature(report[0]);
      else if (kind === 'setFeature') this.onSetFeature(report);
      else if (kind === 'output') {
        const command = decodeHanvonCommand(report);
        if (command.ok) this.hanvonCommands.push(command.value);
      }
      this.received.push({ kind, report });
      this.receivedEvents.emit({ kind, report });
    }
  }

  private answerFeature(id: number): void {
    if (this.options.kind !== 'wacom-stu') return; // a pad without feature reports stays silent (the host times out)
    let reply: Uint8Array | null = null;
    if (id === STU_REPORT.capability) reply = encodeStuCapability(this.capability);
    else if (id === STU_REPORT.information)
      reply = encodeStuInformation({
        modelName: this.options.modelName ?? 'STU-430',
        firmwareMajor: 1,
        firmwareMinor: 7,
      });
    else if (id === STU_REPORT.status) reply = encodeStuStatus(this.imageParts ? 1 : this.inking ? 2 : 0);
    if (reply) void this.transport.write(encodeEnvelope('feature', reply)).catch(() => undefined);
  }

  private onSetFeature(report: Uint8Array): void {
    switch (report[0]) {
      case STU_REPORT.imageStart:
        this.imageParts = [];
        break;
      case STU_REPORT.imageBlock:
        if (this.imageParts) this.imageParts.push(report.slice(3, 3 + (report[1] | (report[2] << 8))));
        break;
      case STU_REPORT.imageEnd:
        if (this.imageParts && report[1] === 0) {
          const total = this.imageParts.reduce((n, p) => n + p.length, 0);
          const image = new Uint8Array(total);
          let at = 0;
          for (const part of this.imageParts) {
            image.set(part, at);
            at += part.length;
          }
          this.images.push(image);
        }
        this.imageParts = null;
        break;
      case STU_REPORT.inkingMode:
        this.inking = report[1] === 1;
        break;
      default:
        break;
    }
  }
}
